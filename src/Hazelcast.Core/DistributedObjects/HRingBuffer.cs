using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.DistributedObjects;

/// <summary>The client-side proxy of a ringbuffer.</summary>
internal sealed class HRingBuffer<T>(string name, ProxyServices services) : DistributedObjectProxy(ServiceNames.Ringbuffer, name, services), IHRingBuffer<T>
{
    /// <summary>The most items a ReadMany asks for (a member refuses more than 1,000).</summary>
    public const int MaxBatchSize = 1000;

    private async ValueTask<long> LongAsync(ClientMessage request, Func<ClientMessage, long> decode, CancellationToken cancellationToken)
        => decode(await InvokeAsync(request, cancellationToken).ConfigureAwait(false));

    public ValueTask<long> GetCapacityAsync(CancellationToken cancellationToken = default)
        => LongAsync(RingbufferCapacityCodec.EncodeRequest(Name), RingbufferCapacityCodec.DecodeResponse, cancellationToken);

    public ValueTask<long> GetSizeAsync(CancellationToken cancellationToken = default)
        => LongAsync(RingbufferSizeCodec.EncodeRequest(Name), RingbufferSizeCodec.DecodeResponse, cancellationToken);

    public ValueTask<long> GetTailSequenceAsync(CancellationToken cancellationToken = default)
        => LongAsync(RingbufferTailSequenceCodec.EncodeRequest(Name), RingbufferTailSequenceCodec.DecodeResponse, cancellationToken);

    public ValueTask<long> GetHeadSequenceAsync(CancellationToken cancellationToken = default)
        => LongAsync(RingbufferHeadSequenceCodec.EncodeRequest(Name), RingbufferHeadSequenceCodec.DecodeResponse, cancellationToken);

    public ValueTask<long> GetRemainingCapacityAsync(CancellationToken cancellationToken = default)
        => LongAsync(RingbufferRemainingCapacityCodec.EncodeRequest(Name), RingbufferRemainingCapacityCodec.DecodeResponse, cancellationToken);

    public ValueTask<long> AddAsync(T item, OverflowPolicy overflowPolicy = OverflowPolicy.Overwrite, CancellationToken cancellationToken = default)
        => LongAsync(RingbufferAddCodec.EncodeRequest(Name, (int)Checked(overflowPolicy), ToData(item, nameof(item))), RingbufferAddCodec.DecodeResponse, cancellationToken);

    /// <summary>Adds an item serialized by the caller (a reliable topic's message).</summary>
    internal ValueTask<long> AddDataAsync(Data item, OverflowPolicy overflowPolicy, CancellationToken cancellationToken)
        => LongAsync(RingbufferAddCodec.EncodeRequest(Name, (int)overflowPolicy, item), RingbufferAddCodec.DecodeResponse, cancellationToken);

    public ValueTask<long> AddAllAsync(IEnumerable<T> items, OverflowPolicy overflowPolicy = OverflowPolicy.Overwrite, CancellationToken cancellationToken = default)
    {
        var list = ToDataList(items, nameof(items));
        if (list.Count == 0) throw new ArgumentException("Add at least one item.", nameof(items));
        if (list.Count > MaxBatchSize) throw new ArgumentOutOfRangeException(nameof(items), list.Count, $"At most {MaxBatchSize} items are added at once.");
        return LongAsync(RingbufferAddAllCodec.EncodeRequest(Name, list, (int)Checked(overflowPolicy)), RingbufferAddAllCodec.DecodeResponse, cancellationToken);
    }

    private static OverflowPolicy Checked(OverflowPolicy policy)
        => Enum.IsDefined(policy) ? policy : throw new ArgumentOutOfRangeException(nameof(policy), policy, "Use OverflowPolicy.Overwrite or OverflowPolicy.Fail.");

    public async ValueTask<T> ReadOneAsync(long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        var response = await ReadRequestAsync(RingbufferReadOneCodec.EncodeRequest(Name, sequence), sequence, cancellationToken).ConfigureAwait(false);
        return (await ReadAsync<T>(RingbufferReadOneCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false))!;
    }

    public async ValueTask<RingBufferReadResult<T>> ReadManyAsync(long startSequence, int minCount, int maxCount, object? filter = null, CancellationToken cancellationToken = default)
    {
        var r = await ReadManyDataAsync(startSequence, minCount, maxCount, filter, cancellationToken).ConfigureAwait(false);
        return new RingBufferReadResult<T>(await ReadListAsync<T>(r.Items, cancellationToken).ConfigureAwait(false), r.ItemSeqs, r.ReadCount, r.NextSeq);
    }

    /// <summary>A ReadMany whose items are left serialized (a reliable topic reads its messages' payloads itself).</summary>
    internal async Task<RingbufferReadManyCodec.ResponseParameters> ReadManyDataAsync(long startSequence, int minCount, int maxCount, object? filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startSequence);
        ArgumentOutOfRangeException.ThrowIfNegative(minCount);
        if (maxCount < minCount) throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, $"maxCount cannot be smaller than minCount ({minCount}).");
        if (maxCount > MaxBatchSize) throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, $"At most {MaxBatchSize} items are read at once.");
        // No filter is the serialized null, as the official Node.js client sends it (a member reads either as none).
        var f = Serialization.ToData(filter);
        var response = await ReadRequestAsync(RingbufferReadManyCodec.EncodeRequest(Name, startSequence, minCount, maxCount, f), startSequence, cancellationToken).ConfigureAwait(false);
        return RingbufferReadManyCodec.DecodeResponse(response);
    }

    /// <summary>
    /// A read, which waits on the member for items not added yet (as long as it takes: the invocation timeout does not
    /// apply; a cancelled read is abandoned, and a read consumes nothing); the member's errors in the caller's terms.
    /// </summary>
    private async Task<ClientMessage> ReadRequestAsync(ClientMessage request, long sequence, CancellationToken cancellationToken)
    {
        try
        {
            return await InvokeAsync(request, cancellationToken, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        }
        catch (RemoteException e) when (e.Error == RemoteError.StaleSequence)
        {
            throw new StaleSequenceException($"The ringbuffer '{Name}' no longer holds sequence {sequence}: {e.Message}", e);
        }
        catch (RemoteException e) when (e.Error == RemoteError.IllegalArgument)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"The ringbuffer '{Name}' refused the read: {e.Message}");
        }
    }
}
