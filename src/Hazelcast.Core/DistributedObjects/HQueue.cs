using Hazelcast.Clustering;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;
using Microsoft.Extensions.Logging;

namespace Hazelcast.DistributedObjects;

/// <summary>
/// The client-side proxy of a distributed queue. A call that waits (an offer or a poll with a timeout, a put, a take)
/// waits on the member in turns of at most <see cref="WaitTurnMs"/>: the member knows nothing of the caller's token,
/// so a wait the caller gives up lives on there until its turn ends, and no longer. An item the member hands to a
/// poll the caller gave up is offered back to the queue.
/// </summary>
internal sealed class HQueue<T>(string name, ProxyServices services) : HCollection<T>(CollectionCodecs.Queue, name, services), IHQueue<T>
{
    /// <summary>The longest one request waits on the member (a longer wait is several turns).</summary>
    internal const long WaitTurnMs = 10_000;

    public override async ValueTask<bool> AddAsync(T item, CancellationToken cancellationToken = default)
        => await OfferAsync(item, TimeSpan.Zero, cancellationToken).ConfigureAwait(false)
            ? true
            : throw new InvalidOperationException($"The queue '{Name}' is full (its max-size is reached): use OfferAsync to wait for room or to be told false.");

    public async ValueTask<bool> OfferAsync(T item, TimeSpan timeout = default, CancellationToken cancellationToken = default)
    {
        var d = ToData(item, nameof(item));
        var ms = TimeoutMilliseconds(timeout, nameof(timeout));
        if (ms == 0) return QueueOfferCodec.DecodeResponse(await InvokeAsync(QueueOfferCodec.EncodeRequest(Name, d, 0), cancellationToken).ConfigureAwait(false));
        var response = await WaitInTurnsAsync(ms, turn => QueueOfferCodec.EncodeRequest(Name, d, turn), QueueOfferCodec.DecodeResponse, static _ => Task.CompletedTask, cancellationToken).ConfigureAwait(false);
        return QueueOfferCodec.DecodeResponse(response);
    }

    public async ValueTask PutAsync(T item, CancellationToken cancellationToken = default)
    {
        if (!await OfferAsync(item, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false))
            throw new HazelcastException($"The member refused an item of the queue '{Name}' after waiting for room without end.");
    }

    public async ValueTask<T?> PollAsync(TimeSpan timeout = default, CancellationToken cancellationToken = default)
    {
        var ms = TimeoutMilliseconds(timeout, nameof(timeout));
        var response = await WaitInTurnsAsync(ms, turn => QueuePollCodec.EncodeRequest(Name, turn), static r => !QueuePollCodec.DecodeResponse(r).IsNull,
            late => GiveBackAsync(QueuePollCodec.DecodeResponse(late)), cancellationToken).ConfigureAwait(false);
        // The item is off the queue: it is read without the caller's token, so that a late cancellation does not drop it.
        return await ReadAsync<T>(QueuePollCodec.DecodeResponse(response), CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask<T> TakeAsync(CancellationToken cancellationToken = default)
        => (await PollAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false))!;

    /// <summary>
    /// Sends <paramref name="request"/> for turns of at most <see cref="WaitTurnMs"/> until it <paramref name="succeeded"/>
    /// or <paramref name="waitMs"/> (−1: no end) is over; a response that comes after the caller stopped waiting goes
    /// to <paramref name="undo"/> (<see cref="Invoker.WaitAsync"/>).
    /// </summary>
    private async Task<ClientMessage> WaitInTurnsAsync(long waitMs, Func<long, ClientMessage> request, Func<ClientMessage, bool> succeeded,
        Func<ClientMessage, Task> undo, CancellationToken cancellationToken)
    {
        var deadline = waitMs < 0 ? long.MaxValue : Services.Time.NowMs() + waitMs;
        while (true)
        {
            var turn = waitMs < 0 ? WaitTurnMs : Math.Clamp(deadline - Services.Time.NowMs(), 0, WaitTurnMs);
            var invocation = InvokeAsync(request(turn), CancellationToken.None, WaitingInvocationTimeout(turn));
            var response = await Invoker.WaitAsync(invocation, undo, cancellationToken).ConfigureAwait(false);
            if (succeeded(response) || Services.Time.NowMs() >= deadline) return response;
        }
    }

    /// <summary>Offers an item taken for a caller who had gone back to the queue (at its tail: a queue has no way back to its head).</summary>
    private async Task GiveBackAsync(Data item)
    {
        if (item.IsNull) return;
        try
        {
            await InvokeAsync(QueueOfferCodec.EncodeRequest(Name, item, -1), CancellationToken.None, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        }
        catch (HazelcastException e)
        {
            QueueLog.GiveBackFailed(Services.Logger, e, Name);
        }
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

/// <summary>The log messages of queues (event ids: <see cref="HazelcastEventIds"/>).</summary>
internal static partial class QueueLog
{
    [LoggerMessage(EventId = HazelcastEventIds.QueueGiveBackFailed, Level = LogLevel.Error, Message = "An item the member handed to a poll of the queue '{Queue}' that its caller had given up could not be offered back: it is lost")]
    public static partial void GiveBackFailed(ILogger logger, Exception exception, string queue);
}
