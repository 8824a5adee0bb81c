namespace Hazelcast.DistributedObjects;

/// <summary>
/// A replicated map: every member holds all its entries, so reads are answered by any member, and writes are
/// replicated to every member (eventually: a reader on another member may briefly see the previous value). For small,
/// read-mostly data. Keys and values cannot be null.
/// </summary>
public interface IHReplicatedMap<TKey, TValue> : IDistributedObject where TKey : notnull
{
    /// <summary>Sets an entry and returns the previous value (default when there was none).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="timeToLive">How long the entry lives; null or <see cref="TimeSpan.Zero"/>: for ever.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<TValue?> PutAsync(TKey key, TValue value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <summary>Sets entries.</summary>
    ValueTask PutAllAsync(IReadOnlyDictionary<TKey, TValue> entries, CancellationToken cancellationToken = default);

    /// <summary>The value of a key; default when there is none.</summary>
    ValueTask<TValue?> GetAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Removes an entry and returns its value (default when there was none).</summary>
    ValueTask<TValue?> RemoveAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Whether the map has an entry for the key.</summary>
    ValueTask<bool> ContainsKeyAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Whether some entry has the value.</summary>
    ValueTask<bool> ContainsValueAsync(TValue value, CancellationToken cancellationToken = default);

    /// <summary>The number of entries.</summary>
    ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the map is empty.</summary>
    ValueTask<bool> IsEmptyAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes every entry.</summary>
    ValueTask ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>The keys.</summary>
    ValueTask<IReadOnlyList<TKey>> GetKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>The values.</summary>
    ValueTask<IReadOnlyList<TValue>> GetValuesAsync(CancellationToken cancellationToken = default);

    /// <summary>The entries.</summary>
    ValueTask<IReadOnlyDictionary<TKey, TValue>> GetEntriesAsync(CancellationToken cancellationToken = default);

    /// <summary>Subscribes to the entry events of every key (added, updated, removed, evicted, and the map cleared); they always carry the values.</summary>
    ValueTask<Guid> SubscribeAsync(Action<MapEntryEventHandlers<TKey, TValue>> configure, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to the entry events of one key.</summary>
    ValueTask<Guid> SubscribeAsync(TKey key, Action<MapEntryEventHandlers<TKey, TValue>> configure, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to the entry events of the entries that match a predicate.</summary>
    ValueTask<Guid> SubscribeAsync(Query.IPredicate predicate, Action<MapEntryEventHandlers<TKey, TValue>> configure, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to the entry events of one key, when its entry matches a predicate.</summary>
    ValueTask<Guid> SubscribeAsync(TKey key, Query.IPredicate predicate, Action<MapEntryEventHandlers<TKey, TValue>> configure, CancellationToken cancellationToken = default);

    /// <summary>Removes a subscription; false when this client has none of that id.</summary>
    ValueTask<bool> UnsubscribeAsync(Guid subscriptionId, CancellationToken cancellationToken = default);
}
