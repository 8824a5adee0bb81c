using Hazelcast.Clustering;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.DistributedObjects;

/// <summary>The client-side proxy of a distributed queue.</summary>
internal sealed class HQueue<T>(string name, ProxyServices services) : HCollection<T>(CollectionCodecs.Queue, name, services), IHQueue<T>
{
    public override async ValueTask<bool> AddAsync(T item, CancellationToken cancellationToken = default)
        => await OfferAsync(item, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)
            ? true
            : throw new InvalidOperationException($"The queue '{Name}' is full (its max-size is reached): use OfferAsync to wait for room or to be told false.");

    public async ValueTask<bool> OfferAsync(T item, TimeSpan timeout = default, CancellationToken cancellationToken = default)
    {
        var d = ToData(item, nameof(item));
        var ms = TimeoutMilliseconds(timeout, nameof(timeout));
        var request = QueueOfferCodec.EncodeRequest(Name, d, ms);
        if (ms == 0) return QueueOfferCodec.DecodeResponse(await InvokeAsync(request, cancellationToken).ConfigureAwait(false));
        // An offer the caller gave up on that the member applies later is taken back: the queue is as if it never came.
        return QueueOfferCodec.DecodeResponse(await WaitAsync(request, ms, async late =>
        {
            if (QueueOfferCodec.DecodeResponse(late)) await InvokeAsync(QueueRemoveCodec.EncodeRequest(Name, d), CancellationToken.None).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false));
    }

    public async ValueTask PutAsync(T item, CancellationToken cancellationToken = default)
    {
        var d = ToData(item, nameof(item));
        await WaitAsync(QueuePutCodec.EncodeRequest(Name, d), -1,
            _ => InvokeAsync(QueueRemoveCodec.EncodeRequest(Name, d), CancellationToken.None), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<T?> PollAsync(TimeSpan timeout = default, CancellationToken cancellationToken = default)
    {
        var ms = TimeoutMilliseconds(timeout, nameof(timeout));
        var request = QueuePollCodec.EncodeRequest(Name, ms);
        var response = ms == 0
            ? await InvokeAsync(request, cancellationToken).ConfigureAwait(false)
            : await WaitAsync(request, ms, late => GiveBackAsync(QueuePollCodec.DecodeResponse(late)), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(QueuePollCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<T> TakeAsync(CancellationToken cancellationToken = default)
    {
        var response = await WaitAsync(QueueTakeCodec.EncodeRequest(Name), -1, late => GiveBackAsync(QueueTakeCodec.DecodeResponse(late)), cancellationToken).ConfigureAwait(false);
        var item = QueueTakeCodec.DecodeResponse(response);
        if (item.IsNull) throw new HazelcastException($"The member answered a take on the queue '{Name}' without an item.");
        return (await ReadAsync<T>(item, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Sends a request that waits on the member for an item or for room; <paramref name="undo"/> gives back what the
    /// member hands out after the caller stopped waiting (<see cref="Invoker.WaitAsync"/>).
    /// </summary>
    private Task<ClientMessage> WaitAsync(ClientMessage request, long waitMs, Func<ClientMessage, Task> undo, CancellationToken cancellationToken)
        => Invoker.WaitAsync(InvokeAsync(request, CancellationToken.None, WaitingInvocationTimeout(waitMs)), undo, cancellationToken);

    /// <summary>Offers an item taken for a caller who had gone back to the queue (at its tail: a queue has no way back to its head).</summary>
    private async Task GiveBackAsync(Data item)
    {
        if (item.IsNull) return;
        await InvokeAsync(QueueOfferCodec.EncodeRequest(Name, item, -1), CancellationToken.None, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
    }

    public async ValueTask<T?> PeekAsync(CancellationToken cancellationToken = default)
        => await ReadAsync<T>(QueuePeekCodec.DecodeResponse(await InvokeAsync(QueuePeekCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<T> GetElementAsync(CancellationToken cancellationToken = default)
    {
        var head = QueuePeekCodec.DecodeResponse(await InvokeAsync(QueuePeekCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false));
        if (head.IsNull) throw new InvalidOperationException($"The queue '{Name}' is empty.");
        return (await ReadAsync<T>(head, cancellationToken).ConfigureAwait(false))!;
    }

    public async ValueTask<int> DrainToAsync(ICollection<T> destination, int maxItems = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(maxItems);
        var items = maxItems == int.MaxValue
            ? QueueDrainToCodec.DecodeResponse(await InvokeAsync(QueueDrainToCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false))
            : QueueDrainToMaxSizeCodec.DecodeResponse(await InvokeAsync(QueueDrainToMaxSizeCodec.EncodeRequest(Name, maxItems), cancellationToken).ConfigureAwait(false));
        // The items are off the queue now: they are read without the caller's token, so that none is dropped half-way.
        foreach (var item in await ReadListAsync<T>(items, CancellationToken.None).ConfigureAwait(false)) destination.Add(item);
        return items.Count;
    }

    public async ValueTask<int> GetRemainingCapacityAsync(CancellationToken cancellationToken = default)
        => QueueRemainingCapacityCodec.DecodeResponse(await InvokeAsync(QueueRemainingCapacityCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false));
}
