using System.Collections.Concurrent;
using Hazelcast.Protocol;
using Hazelcast.Serialization;
using Microsoft.Extensions.Logging;

namespace Hazelcast.DistributedObjects;

/// <summary>
/// The client-side proxy of a reliable topic: a publish adds a <see cref="ReliableTopicMessage"/> to the ringbuffer
/// <c>_hz_rb_&lt;name&gt;</c>; a subscription is a loop that reads it in batches and keeps its next sequence, so a
/// reconnection or a member failure (the read is retried elsewhere) loses nothing the ringbuffer still holds.
/// </summary>
internal sealed class HReliableTopic<T> : DistributedObjectProxy, IHReliableTopic<T>
{
    /// <summary>The prefix of the ringbuffer of a reliable topic (Hazelcast's RingbufferService.TOPIC_RB_PREFIX).</summary>
    public const string RingbufferPrefix = "_hz_rb_";

    private static readonly RetryPolicy BlockBackoff = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(2));
    private static readonly RetryPolicy ReadBackoff = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), 2.0, 0.2);

    private readonly HRingbuffer<ReliableTopicMessage> _ringbuffer;
    private readonly ReliableTopicOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _subscriptions = new();

    public HReliableTopic(string name, ProxyServices services, ReliableTopicOptions options, TimeProvider time, ILogger logger)
        : base(ServiceNames.ReliableTopic, name, services)
    {
        _ringbuffer = new HRingbuffer<ReliableTopicMessage>(RingbufferPrefix + name, services);
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async ValueTask PublishAsync(T message, CancellationToken cancellationToken = default)
    {
        var payload = ToData(message, nameof(message));
        var wrapped = Serialization.ToData(new ReliableTopicMessage { PublishTime = _time.GetUtcNow().ToUnixTimeMilliseconds(), Payload = payload.ToArray() });
        // The payload is inside a byte array: the request carries Compact values if the payload does (schemas go first).
        var m = new Data(wrapped.ToArray(), carriesCompact: payload.CarriesCompact);
        switch (_options.OverloadPolicy)
        {
            case TopicOverloadPolicy.DiscardOldest:
                await _ringbuffer.AddDataAsync(m, OverflowPolicy.Overwrite, cancellationToken).ConfigureAwait(false);
                break;
            case TopicOverloadPolicy.DiscardNewest:
                await _ringbuffer.AddDataAsync(m, OverflowPolicy.Fail, cancellationToken).ConfigureAwait(false);
                break;
            case TopicOverloadPolicy.Error:
                if (await _ringbuffer.AddDataAsync(m, OverflowPolicy.Fail, cancellationToken).ConfigureAwait(false) < 0)
                    throw new TopicOverloadException($"The reliable topic '{Name}' is full (its ringbuffer holds only messages within their time to live) and its overload policy is Error.");
                break;
            default:
                for (var attempt = 0; await _ringbuffer.AddDataAsync(m, OverflowPolicy.Fail, cancellationToken).ConfigureAwait(false) < 0; attempt++)
                    await Task.Delay(BlockBackoff.DelayBefore(attempt + 1), _time, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    public async ValueTask<Guid> SubscribeAsync(Action<TopicMessageEventArgs<T>> handler, ReliableTopicSubscriptionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new ReliableTopicSubscriptionOptions();
        if (options.InitialSequence < -1) throw new ArgumentOutOfRangeException(nameof(options), options.InitialSequence, "InitialSequence is −1 (from now on) or a sequence.");
        var start = options.InitialSequence >= 0
            ? options.InitialSequence
            : await _ringbuffer.GetTailSequenceAsync(cancellationToken).ConfigureAwait(false) + 1;
        var id = Guid.NewGuid();
        var stop = new CancellationTokenSource();
        _subscriptions[id] = stop;
        _ = Task.Run(() => RunAsync(id, start, handler, options, stop.Token), CancellationToken.None);
        return id;
    }

    public override ValueTask<bool> UnsubscribeAsync(Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        if (!_subscriptions.TryRemove(subscriptionId, out var stop)) return ValueTask.FromResult(false);
        stop.Cancel();
        stop.Dispose();
        return ValueTask.FromResult(true);
    }

    private async Task RunAsync(Guid id, long sequence, Action<TopicMessageEventArgs<T>> handler, ReliableTopicSubscriptionOptions options, CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var batch = await _ringbuffer.ReadManyDataAsync(sequence, 1, _options.ReadBatchSize, null, stop).ConfigureAwait(false);
                failures = 0;
                for (var i = 0; i < batch.Items.Count; i++)
                {
                    var itemSequence = batch.ItemSeqs is { } seqs ? seqs[i] : sequence + i;
                    await DeliverAsync(batch.Items[i], itemSequence, handler, stop).ConfigureAwait(false);
                }
                sequence = batch.NextSeq;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (StaleSequenceException e)
            {
                var head = await HeadAfterFailureAsync(stop).ConfigureAwait(false);
                if (head is null) return;
                if (!options.IsLossTolerant)
                {
                    Terminate(id, options, new HazelcastException($"The reliable-topic subscription on '{Name}' lost the messages from sequence {sequence} to {head - 1} (the ringbuffer's head is {head}) and is not loss tolerant: it ends.", e));
                    return;
                }
                ReliableTopicLog.MessagesLost(_logger, Name, sequence, head.Value - 1);
                sequence = head.Value;
            }
            catch (Exception e) when (e is ClientNotActiveException || (e is RemoteException r && r.Error == RemoteError.DistributedObjectDestroyed))
            {
                Terminate(id, options, e);
                return;
            }
            catch (HazelcastException)
            {
                // Offline, a member gone, a timeout: the client reconnects on its own; the next read goes on from the same sequence.
                try
                {
                    await Task.Delay(ReadBackoff.DelayBefore(++failures), _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<long?> HeadAfterFailureAsync(CancellationToken stop)
    {
        try
        {
            return await _ringbuffer.GetHeadSequenceAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task DeliverAsync(Data item, long sequence, Action<TopicMessageEventArgs<T>> handler, CancellationToken stop)
    {
        var message = await Services.Invoker.ReadAsync((Serialization, item), static s => s.Serialization.ToObject<ReliableTopicMessage>(s.item), stop).ConfigureAwait(false)
            ?? throw new SerializationException($"The ringbuffer of the reliable topic '{Name}' holds a null at sequence {sequence}.");
        var payload = await ReadAsync<T>(new Data(message.Payload ?? []), stop).ConfigureAwait(false);
        try
        {
            handler(new TopicMessageEventArgs<T>(payload!, DateTimeOffset.FromUnixTimeMilliseconds(message.PublishTime), Guid.Empty, sequence));
        }
        catch (Exception e)
        {
            // A handler's failure is the handler's: it is logged and the subscription goes on, as for other listeners.
            ReliableTopicLog.HandlerFailed(_logger, e, Name, sequence);
        }
    }

    private void Terminate(Guid id, ReliableTopicSubscriptionOptions options, Exception reason)
    {
        if (_subscriptions.TryRemove(id, out var stop)) stop.Dispose();
        ReliableTopicLog.Terminated(_logger, reason, Name);
        try
        {
            options.Terminated?.Invoke(reason);
        }
        catch (Exception e)
        {
            ReliableTopicLog.HandlerFailed(_logger, e, Name, -1);
        }
    }
}

/// <summary>The log messages of reliable-topic subscriptions (event ids: <see cref="HazelcastEventIds"/>).</summary>
internal static partial class ReliableTopicLog
{
    [LoggerMessage(EventId = HazelcastEventIds.ReliableTopicMessagesLost, Level = LogLevel.Warning, Message = "The reliable-topic subscription on '{Topic}' fell behind and skipped sequences {From} to {To}, which the ringbuffer no longer holds")]
    public static partial void MessagesLost(ILogger logger, string topic, long from, long to);

    [LoggerMessage(EventId = HazelcastEventIds.EventHandlerFailed, Level = LogLevel.Warning, Message = "A handler of the reliable topic '{Topic}' failed on the message at sequence {Sequence} (−1: the termination handler)")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string topic, long sequence);

    [LoggerMessage(EventId = HazelcastEventIds.ReliableTopicTerminated, Level = LogLevel.Error, Message = "The reliable-topic subscription on '{Topic}' ended")]
    public static partial void Terminated(ILogger logger, Exception reason, string topic);
}
