using Hazelcast.DistributedObjects;

namespace Hazelcast;

/// <summary>A Hazelcast client: a connection to one cluster, and the distributed objects on it.</summary>
public interface IHazelcastClient : IAsyncDisposable
{
    /// <summary>The client's unique id (stable across reconnections).</summary>
    Guid Id { get; }

    /// <summary>The client's name.</summary>
    string Name { get; }

    /// <summary>The name of the cluster the client joins.</summary>
    string ClusterName { get; }

    /// <summary>The cluster's id once connected (it changes when the whole cluster restarts).</summary>
    Guid? ClusterId { get; }

    /// <summary>A copy of the options the client runs with (changing it changes nothing).</summary>
    HazelcastOptions Options { get; }

    /// <summary>The client's current state.</summary>
    ClientState State { get; }

    /// <summary>Whether the client is connected and can run operations.</summary>
    bool IsConnected { get; }

    /// <summary>The members of the cluster, as last announced by the cluster.</summary>
    IReadOnlyList<ClusterMember> Members { get; }

    /// <summary>How many member connections are open.</summary>
    int ConnectionCount { get; }

    /// <summary>Raised when <see cref="State"/> changes. Handlers run synchronously; keep them short.</summary>
    event EventHandler<ClientStateChangedEventArgs>? StateChanged;

    /// <summary>The CP Subsystem: AtomicLong, AtomicReference, FencedLock, Semaphore, CountDownLatch.</summary>
    CP.ICPSubsystem CPSubsystem { get; }

    /// <summary>Gets a map, creating it on the cluster if it does not exist.</summary>
    /// <exception cref="ArgumentException">The name is null or empty.</exception>
    ValueTask<IHMap<TKey, TValue>> GetMapAsync<TKey, TValue>(string name, CancellationToken cancellationToken = default) where TKey : notnull;

    /// <summary>Lists the distributed objects that exist on the cluster.</summary>
    ValueTask<IReadOnlyList<DistributedObjectInfo>> GetDistributedObjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>Sends a ping to the cluster and waits for the answer: a cheap round trip for health checks.</summary>
    ValueTask PingAsync(CancellationToken cancellationToken = default);
}
