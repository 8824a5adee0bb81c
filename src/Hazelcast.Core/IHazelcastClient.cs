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

    /// <summary>A copy of the options the client runs with (changing it changes nothing), its secrets (passwords, the token) redacted.</summary>
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

    /// <summary>
    /// Raised when members join or leave the cluster (the first members view, when the client connects, reports every
    /// member as added). Handlers run one event at a time, in order, on a thread of the client's own, never on a
    /// connection's read loop; one that throws is logged (event 1101) and the others still run.
    /// </summary>
    event EventHandler<MembershipChangedEventArgs>? MembershipChanged;

    /// <summary>
    /// The membership now (<see cref="MembershipChangedEventArgs.IsInitial"/>), then each change, until the token is
    /// cancelled or the client shuts down. A watcher more than 64 changes behind loses the oldest; each carries the
    /// whole membership, so the last one read is always right.
    /// </summary>
    IAsyncEnumerable<MembershipChangedEventArgs> WatchMembershipAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Distributed-object events (created, destroyed) as a stream, until the token is cancelled: a subscription made
    /// with <see cref="SubscribeDistributedObjectsAsync"/> and removed when the enumeration ends. A reader more than
    /// 1,024 events behind loses the oldest.
    /// </summary>
    IAsyncEnumerable<DistributedObjectEventArgs> WatchDistributedObjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>The CP Subsystem: AtomicLong, AtomicReference, FencedLock, Semaphore, CountDownLatch.</summary>
    CP.ICPSubsystem CPSubsystem { get; }

    /// <summary>SQL: queries and commands over mappings of the cluster's maps.</summary>
    Sql.ISqlService Sql { get; }

    /// <summary>Gets a map, creating it on the cluster if it does not exist.</summary>
    /// <exception cref="ArgumentException">The name is null or empty.</exception>
    ValueTask<IHMap<TKey, TValue>> GetMapAsync<TKey, TValue>(string name, CancellationToken cancellationToken = default) where TKey : notnull;

    /// <summary>Gets a queue, creating it on the cluster if it does not exist. Every call for a name returns the same proxy.</summary>
    /// <exception cref="ArgumentException">The name is null or empty.</exception>
    ValueTask<IHQueue<T>> GetQueueAsync<T>(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a list, creating it on the cluster if it does not exist.</summary>
    ValueTask<IHList<T>> GetListAsync<T>(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a set, creating it on the cluster if it does not exist.</summary>
    ValueTask<IHSet<T>> GetSetAsync<T>(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a topic, creating it on the cluster if it does not exist.</summary>
    ValueTask<IHTopic<T>> GetTopicAsync<T>(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a ringbuffer, creating it on the cluster if it does not exist.</summary>
    ValueTask<IHRingBuffer<T>> GetRingBufferAsync<T>(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets a reliable topic (and its ringbuffer <c>_hz_rb_&lt;name&gt;</c>), creating it on the cluster if it does not
    /// exist; its options come from <see cref="HazelcastOptions.ReliableTopics"/>.
    /// </summary>
    ValueTask<IHReliableTopic<T>> GetReliableTopicAsync<T>(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a multimap (several values per key), creating it on the cluster if it does not exist.</summary>
    ValueTask<IHMultiMap<TKey, TValue>> GetMultiMapAsync<TKey, TValue>(string name, CancellationToken cancellationToken = default) where TKey : notnull;

    /// <summary>Gets a replicated map (all its entries on every member), creating it on the cluster if it does not exist.</summary>
    ValueTask<IHReplicatedMap<TKey, TValue>> GetReplicatedMapAsync<TKey, TValue>(string name, CancellationToken cancellationToken = default) where TKey : notnull;

    /// <summary>Gets a Flake ID generator (cluster-wide unique ids); its options come from <see cref="HazelcastOptions.FlakeIdGenerators"/>.</summary>
    ValueTask<IFlakeIdGenerator> GetFlakeIdGeneratorAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a PN counter (a CRDT counter), creating it on the cluster if it does not exist.</summary>
    ValueTask<IPNCounter> GetPNCounterAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes to distributed-object events: objects created and destroyed on the cluster, by any client or member.
    /// The subscription follows the client through reconnections.
    /// </summary>
    /// <returns>The subscription's id, for <see cref="UnsubscribeAsync"/>.</returns>
    ValueTask<Guid> SubscribeDistributedObjectsAsync(Action<DistributedObjectEventArgs> handler, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes to partition-lost events: a partition whose owner and backups all left before its data could move
    /// (its entries are gone). The subscription follows the client through reconnections.
    /// </summary>
    /// <returns>The subscription's id, for <see cref="UnsubscribeAsync"/>.</returns>
    ValueTask<Guid> SubscribePartitionLostAsync(Action<PartitionLostEventArgs> handler, CancellationToken cancellationToken = default);

    /// <summary>Removes a subscription made with <see cref="SubscribeDistributedObjectsAsync"/> or <see cref="SubscribePartitionLostAsync"/>; false when there is none of that id.</summary>
    ValueTask<bool> UnsubscribeAsync(Guid subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>Lists the distributed objects that exist on the cluster.</summary>
    ValueTask<IReadOnlyList<DistributedObjectInfo>> GetDistributedObjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Begins a transaction (on one of the client's connections, where it lives until it ends): maps, queues, lists,
    /// sets and multimaps changed through it are committed or rolled back as one. Dispose of it to roll back what was
    /// not committed.
    /// </summary>
    /// <param name="options">Its type, timeout and durability; <see cref="HazelcastOptions.Transactions"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait for a connection and for the member's answer.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and its value.</exception>
    ValueTask<Transactions.ITransactionContext> BeginTransactionAsync(Transactions.TransactionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Sends a ping to the cluster and waits for the answer: a cheap round trip for health checks.</summary>
    ValueTask PingAsync(CancellationToken cancellationToken = default);
}
