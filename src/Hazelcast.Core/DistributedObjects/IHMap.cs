namespace Hazelcast.DistributedObjects;

/// <summary>
/// A distributed map. Keys and values are serialized on the client; keys are compared by their serialized bytes.
/// Every method is asynchronous and takes a <see cref="CancellationToken"/>; cancelling stops waiting for the
/// member, it cannot undo an operation that the member already applied.
/// </summary>
/// <remarks>
/// Time to live and max idle: <c>null</c> uses the map's configured default, <see cref="TimeSpan.Zero"/> means
/// infinite, a positive duration is applied (at millisecond precision). Key locks are owned by the async flow
/// that took them (see <see cref="LockAsync(TKey, CancellationToken)"/>).
/// </remarks>
public interface IHMap<TKey, TValue> : IDistributedObject where TKey : notnull
{
    /// <summary>
    /// The counters of this map's near cache, or <c>null</c> when it has none (<see cref="HazelcastOptions.NearCaches"/>).
    /// With a near cache, <see cref="GetAsync"/>, <see cref="GetAllAsync"/> and <see cref="ContainsKeyAsync"/> are served
    /// from the client's memory when they can (keys compared with their type's <c>Equals</c>), and kept fresh by the
    /// cluster's invalidations.
    /// </summary>
    NearCaching.NearCacheStatistics? NearCacheStatistics { get; }

    /// <summary>Gets the value of a key, or <c>default</c> when there is none.</summary>
    ValueTask<TValue?> GetAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Sets a value and returns the previous one (or <c>default</c>).</summary>
    ValueTask<TValue?> PutAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Sets a value with a time to live (and optionally a max idle time) and returns the previous one.</summary>
    ValueTask<TValue?> PutAsync(TKey key, TValue value, TimeSpan? timeToLive, TimeSpan? maxIdle = null, CancellationToken cancellationToken = default);

    /// <summary>Sets a value without returning the previous one (cheaper than <see cref="PutAsync(TKey, TValue, CancellationToken)"/>).</summary>
    ValueTask SetAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Sets a value with a time to live (and optionally a max idle time), without returning the previous one.</summary>
    ValueTask SetAsync(TKey key, TValue value, TimeSpan? timeToLive, TimeSpan? maxIdle = null, CancellationToken cancellationToken = default);

    /// <summary>Sets a value if the key has none; returns the existing value, or <c>default</c> if the value was set.</summary>
    ValueTask<TValue?> PutIfAbsentAsync(TKey key, TValue value, TimeSpan? timeToLive = null, TimeSpan? maxIdle = null, CancellationToken cancellationToken = default);

    /// <summary>Sets a value without writing it to a map store (no MapStore on this cluster makes this a plain set).</summary>
    ValueTask PutTransientAsync(TKey key, TValue value, TimeSpan? timeToLive = null, TimeSpan? maxIdle = null, CancellationToken cancellationToken = default);

    /// <summary>Replaces the value of a key that has one; returns the previous value or <c>default</c> if there was none (nothing set).</summary>
    ValueTask<TValue?> ReplaceAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Replaces the value of a key only if it currently equals <paramref name="expectedValue"/>.</summary>
    ValueTask<bool> ReplaceAsync(TKey key, TValue expectedValue, TValue newValue, CancellationToken cancellationToken = default);

    /// <summary>Removes a key and returns its value (or <c>default</c>).</summary>
    ValueTask<TValue?> RemoveAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Removes a key only if its value equals <paramref name="value"/>.</summary>
    ValueTask<bool> RemoveAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Removes a key without returning its value.</summary>
    ValueTask DeleteAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every entry that matches <paramref name="predicate"/>, where the data lives (one request, no value sent
    /// back); each removal raises a <see cref="MapEventTypes.Removed"/> event. A partition predicate restricts it to
    /// the partition of its key.
    /// </summary>
    /// <exception cref="ArgumentException">The predicate is a paging predicate (it has no meaning here).</exception>
    ValueTask RemoveAllAsync(Query.IPredicate predicate, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads entries from the map's MapStore on the members (all keys, or <paramref name="keys"/>), replacing the
    /// values in memory when <paramref name="replaceExistingValues"/>; a map without a MapStore loads nothing.
    /// </summary>
    ValueTask LoadAllAsync(bool replaceExistingValues = true, IEnumerable<TKey>? keys = null, CancellationToken cancellationToken = default);

    /// <summary>Runs an entry processor on the entry of a key (on its owner, under its lock rules) and returns its result.</summary>
    /// <exception cref="RemoteException">The members do not know the processor (HazelcastSerialization), or it failed.</exception>
    ValueTask<TResult?> ExecuteAsync<TResult>(Query.IEntryProcessor<TResult> processor, TKey key, CancellationToken cancellationToken = default);

    /// <summary>Runs an entry processor on the entries of the keys and returns the results by key.</summary>
    ValueTask<IReadOnlyDictionary<TKey, TResult>> ExecuteAsync<TResult>(Query.IEntryProcessor<TResult> processor, IEnumerable<TKey> keys, CancellationToken cancellationToken = default);

    /// <summary>Runs an entry processor on every entry (or those <paramref name="predicate"/> selects) and returns the results by key.</summary>
    ValueTask<IReadOnlyDictionary<TKey, TResult>> ExecuteAsync<TResult>(Query.IEntryProcessor<TResult> processor, Query.IPredicate? predicate = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Aggregates the map's entries (those <paramref name="predicate"/> selects, if given) on the members: only the
    /// result crosses the network (<c>map.AggregateAsync(Aggregators.LongSum("age"))</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException">The aggregator is null.</exception>
    /// <exception cref="RemoteException">The members could not compute it (a value of another type than the aggregator reads, for instance).</exception>
    ValueTask<TResult> AggregateAsync<TResult>(Query.IAggregator<TResult> aggregator, Query.IPredicate? predicate = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Projects the map's entries (those <paramref name="predicate"/> selects, if given) on the members: only the
    /// projected values cross the network (<c>map.ProjectAsync(Projections.SingleAttribute&lt;string&gt;("name"))</c>).
    /// In no particular order; one result per entry, duplicates kept.
    /// </summary>
    /// <exception cref="ArgumentNullException">The projection is null.</exception>
    /// <exception cref="ArgumentException">The predicate is a paging predicate (Hazelcast does not page projections).</exception>
    ValueTask<IReadOnlyList<TResult>> ProjectAsync<TResult>(Query.IProjection<TResult> projection, Query.IPredicate? predicate = null, CancellationToken cancellationToken = default);

    /// <summary>Whether the map has an entry for the key.</summary>
    ValueTask<bool> ContainsKeyAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Whether some entry has this value.</summary>
    ValueTask<bool> ContainsValueAsync(TValue value, CancellationToken cancellationToken = default);

    /// <summary>The number of entries.</summary>
    ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the map has no entry.</summary>
    ValueTask<bool> IsEmptyAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes every entry.</summary>
    ValueTask ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the values of several keys (one request per partition); keys without a value are left out.</summary>
    ValueTask<IReadOnlyDictionary<TKey, TValue>> GetAllAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default);

    /// <summary>Sets several entries (one request per partition).</summary>
    ValueTask SetAllAsync(IEnumerable<KeyValuePair<TKey, TValue>> entries, CancellationToken cancellationToken = default);

    /// <summary>All keys.</summary>
    ValueTask<IReadOnlyList<TKey>> GetKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>All values.</summary>
    ValueTask<IReadOnlyList<TValue>> GetValuesAsync(CancellationToken cancellationToken = default);

    /// <summary>All entries.</summary>
    ValueTask<IReadOnlyDictionary<TKey, TValue>> GetEntriesAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds an index on one or more attributes (a composite index when several), to speed up queries.</summary>
    ValueTask AddIndexAsync(Query.IndexType type, IEnumerable<string> attributes, string? name = null, CancellationToken cancellationToken = default);

    /// <summary>Adds an index described in full (kind, name, attributes, bitmap options); adding one that exists does nothing.</summary>
    /// <exception cref="ArgumentException">No attribute, an empty one, a bitmap index on several attributes, or bitmap options on another kind.</exception>
    ValueTask AddIndexAsync(Query.IndexOptions options, CancellationToken cancellationToken = default);

    /// <summary>The keys of the entries that match the predicate.</summary>
    ValueTask<IReadOnlyList<TKey>> GetKeysAsync(Query.IPredicate predicate, CancellationToken cancellationToken = default);

    /// <summary>The values of the entries that match the predicate.</summary>
    ValueTask<IReadOnlyList<TValue>> GetValuesAsync(Query.IPredicate predicate, CancellationToken cancellationToken = default);

    /// <summary>The entries that match the predicate.</summary>
    ValueTask<IReadOnlyDictionary<TKey, TValue>> GetEntriesAsync(Query.IPredicate predicate, CancellationToken cancellationToken = default);

    /// <summary>Changes the time to live of an existing entry; false if there is no entry.</summary>
    ValueTask<bool> UpdateTimeToLiveAsync(TKey key, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Sets a value if the key's lock can be had within <paramref name="timeout"/>; false otherwise.</summary>
    ValueTask<bool> TryPutAsync(TKey key, TValue value, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Removes a key if its lock can be had within <paramref name="timeout"/>; true if an entry was removed.</summary>
    ValueTask<bool> TryRemoveAsync(TKey key, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Evicts a key (no event other than EVICTED, no map-store delete); false if there was nothing to evict or it is locked.</summary>
    ValueTask<bool> EvictAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Evicts every unlocked entry.</summary>
    ValueTask EvictAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Flushes pending map-store writes.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>The entry's value and statistics, or null when there is no entry.</summary>
    ValueTask<MapEntryView<TKey, TValue>?> GetEntryViewAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks a key for the current async flow, waiting as long as it takes. The lock is reentrant for that flow;
    /// other flows and clients wait to write the key until it is unlocked.
    /// </summary>
    ValueTask LockAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Locks a key for at most <paramref name="leaseTime"/>, after which the member releases it.</summary>
    ValueTask LockAsync(TKey key, TimeSpan leaseTime, CancellationToken cancellationToken = default);

    /// <summary>Tries to lock a key within <paramref name="timeout"/> (optionally with a lease); false if it could not.</summary>
    ValueTask<bool> TryLockAsync(TKey key, TimeSpan timeout, TimeSpan? leaseTime = null, CancellationToken cancellationToken = default);

    /// <summary>Releases one hold of the lock; fails with a <see cref="RemoteException"/> (IllegalMonitorState) if the current flow does not own it.</summary>
    ValueTask UnlockAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Whether the key is locked (by anyone).</summary>
    ValueTask<bool> IsLockedAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Releases the key's lock whoever owns it.</summary>
    ValueTask ForceUnlockAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes to entry events; handlers run one event at a time, in the order the cluster sent them, off the
    /// network threads. Returns the subscription id for <see cref="UnsubscribeAsync"/>.
    /// </summary>
    ValueTask<Guid> SubscribeAsync(Action<MapEntryEventHandlers<TKey, TValue>> configure, bool includeValues = true, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to the entry events of the entries that match the predicate.</summary>
    ValueTask<Guid> SubscribeAsync(Query.IPredicate predicate, Action<MapEntryEventHandlers<TKey, TValue>> configure, bool includeValues = true, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to the entry events of one key.</summary>
    ValueTask<Guid> SubscribeAsync(TKey key, Action<MapEntryEventHandlers<TKey, TValue>> configure, bool includeValues = true, CancellationToken cancellationToken = default);

    /// <summary>Removes a subscription; false if it did not exist.</summary>
    ValueTask<bool> UnsubscribeAsync(Guid subscriptionId, CancellationToken cancellationToken = default);
}
