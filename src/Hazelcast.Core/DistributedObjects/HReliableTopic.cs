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

    private readonly HRingBuffer<ReliableTopicMessage> _ringbuffer;
    private readonly ReliableTopicOptions _options;
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _subscriptions = new();

    public HReliableTopic(string name, ProxyServices services, ReliableTopicOptions options)
        : base(ServiceNames.ReliableTopic, name, services)
    {
        _ringbuffer = new HRingBuffer<ReliableTopicMessage>(RingbufferPrefix + name, services);
        _options = options;
    }

    private ILogger Logger => Services.Logger;

    public async ValueTask PublishAsync(T message, CancellationToken cancellationToken = default)
    {
        var payload = ToData(message, nameof(message));
        var wrapped = Serialization.ToData(new ReliableTopicMessage { PublishTime = Services.Time.GetUtcNow().ToUnixTimeMilliseconds(), Payload = payload.ToArray() });
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
                for (var attempt = 1; await _ringbuffer.AddDataAsync(m, OverflowPolicy.Fail, cancellationToken).ConfigureAwait(false) < 0; attempt++)
                    await Task.Delay(BlockBackoff.DelayBefore(attempt), Services.Time, cancellationToken).ConfigureAwait(false);
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
        _ = Task.Run(() => RunAsync(id, start, handler, options, stop), CancellationToken.None);
        return id;
    }

    /// <summary>Stops a subscription: no message is handed to its handler after this returns (one being handled finishes).</summary>
    public override ValueTask<bool> UnsubscribeAsync(Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        if (!_subscriptions.TryRemove(subscriptionId, out var stop)) return ValueTask.FromResult(false);
        stop.Cancel(); // the loop disposes it when it ends
        return ValueTask.FromResult(true);
    }

    /// <summary>Destroys the topic and its ringbuffer (as the official clients do); this proxy's subscriptions stop.</summary>
    public override async ValueTask DestroyAsync(CancellationToken cancellationToken = default)
    {
        foreach (var id in _subscriptions.Keys) await UnsubscribeAsync(id, CancellationToken.None).ConfigureAwait(false);
        await _ringbuffer.DestroyAsync(cancellationToken).ConfigureAwait(false);
        await base.DestroyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the ringbuffer from <paramref name="sequence"/> on, one batch at a time, and hands each message to the
    /// handler, keeping the next sequence to read: a reconnection or a member failure (the read is retried elsewhere)
    /// goes on from there.
    /// </summary>
    private async Task RunAsync(Guid id, long sequence, Action<TopicMessageEventArgs<T>> handler, ReliableTopicSubscriptionOptions options, CancellationTokenSource stopping)
    {
        var stop = stopping.Token;
        var failures = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var batch = await _ringbuffer.ReadManyDataAsync(sequence, 1, _options.ReadBatchSize, null, stop).ConfigureAwait(false);
                    failures = 0;
                    for (var i = 0; i < batch.Items.Count && !stop.IsCancellationRequested; i++)
                    {
                        var itemSequence = batch.ItemSeqs is { } seqs ? seqs[i] : sequence;
                        await DeliverAsync(batch.Items[i], itemSequence, handler, stop).ConfigureAwait(false);
                        sequence = itemSequence + 1;
                    }
                    sequence = Math.Max(sequence, batch.NextSeq);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is StaleSequenceException or ArgumentOutOfRangeException)
                {
                    // Behind the head (overwritten, expired), or beyond the tail (the cluster restarted and its
                    // ringbuffer began again): a loss-tolerant subscription goes on from the head, another ends.
                    long head;
                    try
                    {
                        head = await _ringbuffer.GetHeadSequenceAsync(stop).ConfigureAwait(false);
                    }
                    catch (HazelcastException he) when (he is not ClientNotActiveException)
                    {
                        await Task.Delay(ReadBackoff.DelayBefore(++failures), Services.Time, stop).ConfigureAwait(false);
                        continue; // read again: the error comes again, and then the head
                    }
                    if (!options.IsLossTolerant)
                    {
                        Terminate(id, options, new HazelcastException($"The reliable-topic subscription on '{Name}' cannot read sequence {sequence} (the ringbuffer's head is {head}) and is not loss tolerant: it ends.", e));
                        return;
                    }
                    ReliableTopicLog.MessagesLost(Logger, Name, sequence, head);
                    sequence = head;
                }
                catch (HazelcastException e) when (e is not ClientNotActiveException && !(e is RemoteException r && r.Error == RemoteError.DistributedObjectDestroyed))
                {
                    // Offline, a member gone, a timeout: the client reconnects on its own; the next read goes on from the same sequence.
                    await Task.Delay(ReadBackoff.DelayBefore(++failures), Services.Time, stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Unsubscribed.
        }
        catch (ClientNotActiveException)
        {
            // The client shuts down: the subscription ends with it, quietly.
            _subscriptions.TryRemove(id, out _);
        }
        catch (Exception e)
        {
            // The topic destroyed, or a failure that reading again would not cure.
            Terminate(id, options, e);
        }
        finally
        {
            stopping.Dispose();
        }
    }

    /// <summary>Hands a message to the handler; a message that cannot be read, or a handler that throws, is logged and skipped.</summary>
    private async Task DeliverAsync(Data item, long sequence, Action<TopicMessageEventArgs<T>> handler, CancellationToken stop)
    {
        TopicMessageEventArgs<T> args;
        try
        {
            var message = await Services.Invoker.ReadAsync((Serialization, item), static s => s.Serialization.ToObject<ReliableTopicMessage>(s.item), stop).ConfigureAwait(false)
                ?? throw new SerializationException($"The ringbuffer of the reliable topic '{Name}' holds a null at sequence {sequence}.");
            var payload = await ReadAsync<T>(new Data(message.Payload ?? []), stop).ConfigureAwait(false);
            args = new TopicMessageEventArgs<T>(payload!, DateTimeOffset.FromUnixTimeMilliseconds(message.PublishTime), Guid.Empty, sequence);
        }
        catch (SerializationException e)
        {
            ReliableTopicLog.HandlerFailed(Logger, e, Name, sequence);
            return;
        }
        if (stop.IsCancellationRequested) return;
        try
        {
            handler(args);
        }
        catch (Exception e)
        {
            // A handler's failure is the handler's: it is logged and the subscription goes on, as for other listeners.
            ReliableTopicLog.HandlerFailed(Logger, e, Name, sequence);
        }
    }

    private void Terminate(Guid id, ReliableTopicSubscriptionOptions options, Exception reason)
    {
        _subscriptions.TryRemove(id, out _);
        ReliableTopicLog.Terminated(Logger, reason, Name);
        try
        {
            options.Terminated?.Invoke(reason);
        }
        catch (Exception e)
        {
            ReliableTopicLog.HandlerFailed(Logger, e, Name, -1);
        }
    }
}

/// <summary>The log messages of reliable-topic subscriptions (event ids: <see cref="HazelcastEventIds"/>).</summary>
internal static partial class ReliableTopicLog
{
    [LoggerMessage(EventId = HazelcastEventIds.ReliableTopicMessagesLost, Level = LogLevel.Warning, Message = "The reliable-topic subscription on '{Topic}' could not read sequence {From} (the ringbuffer no longer holds it, or not yet) and goes on from the head, {Head}")]
    public static partial void MessagesLost(ILogger logger, string topic, long from, long head);

    [LoggerMessage(EventId = HazelcastEventIds.EventHandlerFailed, Level = LogLevel.Warning, Message = "The message of the reliable topic '{Topic}' at sequence {Sequence} could not be read or its handler failed (−1: the termination handler): it is skipped")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string topic, long sequence);

    [LoggerMessage(EventId = HazelcastEventIds.ReliableTopicTerminated, Level = LogLevel.Error, Message = "The reliable-topic subscription on '{Topic}' ended")]
    public static partial void Terminated(ILogger logger, Exception reason, string topic);
}
