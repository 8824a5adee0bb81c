namespace Hazelcast.DistributedObjects;

/// <summary>
/// A PN counter: a counter that every member can increment and decrement without coordination (a CRDT whose replicas
/// converge). The proxy keeps the replica timestamps it has seen and sends them with each call, so that it never reads
/// a replica that has not seen its own writes (read your writes, monotonic reads).
/// </summary>
public interface IPNCounter : IDistributedObject
{
    /// <summary>The counter's value, as the target replica knows it.</summary>
    /// <exception cref="ConsistencyLostException">No replica can give the session guarantees (all that saw this client's writes are gone); call <see cref="ResetAsync"/> to start again.</exception>
    /// <exception cref="IndeterminateOperationStateException">(The adds) the replica went before answering: the add may or may not have been applied.</exception>
    /// <exception cref="HazelcastException">The cluster has no data member.</exception>
    ValueTask<long> GetCurrentValueAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds <paramref name="delta"/> and returns the value before.</summary>
    ValueTask<long> GetAndAddAsync(long delta, CancellationToken cancellationToken = default);

    /// <summary>Adds <paramref name="delta"/> and returns the value after.</summary>
    ValueTask<long> AddAndGetAsync(long delta, CancellationToken cancellationToken = default);

    /// <summary>Subtracts <paramref name="delta"/> and returns the value before.</summary>
    ValueTask<long> GetAndSubtractAsync(long delta, CancellationToken cancellationToken = default);

    /// <summary>Subtracts <paramref name="delta"/> and returns the value after.</summary>
    ValueTask<long> SubtractAndGetAsync(long delta, CancellationToken cancellationToken = default);

    /// <summary>Adds one and returns the value before.</summary>
    ValueTask<long> GetAndIncrementAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds one and returns the value after.</summary>
    ValueTask<long> IncrementAndGetAsync(CancellationToken cancellationToken = default);

    /// <summary>Subtracts one and returns the value before.</summary>
    ValueTask<long> GetAndDecrementAsync(CancellationToken cancellationToken = default);

    /// <summary>Subtracts one and returns the value after.</summary>
    ValueTask<long> DecrementAndGetAsync(CancellationToken cancellationToken = default);

    /// <summary>Forgets the replica timestamps this proxy has seen: after a <see cref="ConsistencyLostException"/>, a new session begins.</summary>
    ValueTask ResetAsync(CancellationToken cancellationToken = default);
}
