namespace Hazelcast.DistributedObjects;

/// <summary>A message received from a topic or a reliable topic.</summary>
public sealed class TopicMessageEventArgs<T> : EventArgs
{
    internal TopicMessageEventArgs(T payload, DateTimeOffset publishTime, Guid memberId, long sequence)
    {
        Payload = payload;
        PublishTime = publishTime;
        MemberId = memberId;
        Sequence = sequence;
    }

    /// <summary>The message.</summary>
    public T Payload { get; }

    /// <summary>When it was published (the member's clock for a topic, the publisher's for a reliable topic).</summary>
    public DateTimeOffset PublishTime { get; }

    /// <summary>The member that delivered a topic message; <see cref="Guid.Empty"/> for a reliable topic, which has none.</summary>
    public Guid MemberId { get; }

    /// <summary>The message's sequence in a reliable topic's ringbuffer; −1 for a topic.</summary>
    public long Sequence { get; }
}

/// <summary>
/// A publish-subscribe topic: every subscriber receives every message published while it is subscribed, those of one
/// publisher in the order they were published. Messages are not stored: a subscriber that is not connected misses
/// them (use <see cref="IHReliableTopic{T}"/> to read what was published while away).
/// </summary>
public interface IHTopic<T> : IDistributedObject
{
    /// <summary>Publishes a message; completes when the member has it (not when subscribers received it).</summary>
    /// <exception cref="ArgumentNullException">The message is null.</exception>
    ValueTask PublishAsync(T message, CancellationToken cancellationToken = default);

    /// <summary>Publishes messages, in order, in one request.</summary>
    ValueTask PublishAllAsync(IEnumerable<T> messages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes a handler. Handlers of one subscription run one at a time, in arrival order; the subscription follows
    /// the client through reconnections (messages published while it was disconnected are missed).
    /// </summary>
    /// <returns>The subscription's id, for <see cref="UnsubscribeAsync"/>.</returns>
    ValueTask<Guid> SubscribeAsync(Action<TopicMessageEventArgs<T>> handler, CancellationToken cancellationToken = default);

    /// <summary>Removes a subscription; false when this client has none of that id.</summary>
    ValueTask<bool> UnsubscribeAsync(Guid subscriptionId, CancellationToken cancellationToken = default);
}
