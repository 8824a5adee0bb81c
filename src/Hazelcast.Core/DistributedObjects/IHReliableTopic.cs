namespace Hazelcast.DistributedObjects;

/// <summary>What a reliable topic's publish does when its ringbuffer is full of messages within their time to live (Hazelcast's TopicOverloadPolicy).</summary>
public enum TopicOverloadPolicy
{
    /// <summary>The oldest message is overwritten: slow subscribers may lose it.</summary>
    DiscardOldest,

    /// <summary>The new message is dropped, silently.</summary>
    DiscardNewest,

    /// <summary>The publish waits, backing off from 1 ms to 2 s, until there is room (Hazelcast's default).</summary>
    Block,

    /// <summary>The publish fails with <see cref="TopicOverloadException"/>.</summary>
    Error,
}

/// <summary>How a reliable-topic subscription reads.</summary>
public sealed class ReliableTopicSubscriptionOptions
{
    /// <summary>The first sequence to read; −1 (the default) reads what is published from now on (tail + 1).</summary>
    public long InitialSequence { get; set; } = -1;

    /// <summary>
    /// Whether the subscription may lose messages. When it falls behind the ringbuffer's head (its next message was
    /// overwritten or expired), a loss-tolerant subscription skips to the head and goes on (a Warning is logged); one
    /// that is not (the default, as in Hazelcast) ends, and <see cref="Terminated"/> is told why.
    /// </summary>
    public bool IsLossTolerant { get; set; }

    /// <summary>Called once if the subscription ends on its own: messages lost without loss tolerance, or the topic destroyed.</summary>
    public Action<Exception>? Terminated { get; set; }
}

/// <summary>
/// A reliable topic: a topic whose messages are kept in a ringbuffer (<c>_hz_rb_&lt;name&gt;</c>), so that a subscriber
/// reads them in batches from a sequence, across reconnections and member failures, and misses none unless it falls
/// behind by more than the ringbuffer holds. Options per topic: <see cref="HazelcastOptions.ReliableTopics"/>.
/// </summary>
public interface IHReliableTopic<T> : IDistributedObject
{
    /// <summary>Publishes a message, as the topic's overload policy says when its ringbuffer is full.</summary>
    /// <exception cref="TopicOverloadException">The ringbuffer is full and the policy is <see cref="TopicOverloadPolicy.Error"/>.</exception>
    ValueTask PublishAsync(T message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes a handler: it receives the messages in the ringbuffer's order, one at a time, from
    /// <see cref="ReliableTopicSubscriptionOptions.InitialSequence"/> on.
    /// </summary>
    /// <returns>The subscription's id, for <see cref="UnsubscribeAsync"/>.</returns>
    ValueTask<Guid> SubscribeAsync(Action<TopicMessageEventArgs<T>> handler, ReliableTopicSubscriptionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Stops a subscription; false when this proxy has none of that id.</summary>
    ValueTask<bool> UnsubscribeAsync(Guid subscriptionId, CancellationToken cancellationToken = default);
}
