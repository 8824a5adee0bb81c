namespace Hazelcast.DistributedObjects;

/// <summary>
/// A distributed multimap: a key holds a collection of values (a set by default on a member: a value is held once
/// per key). An entry lives in its key's partition. Keys and values cannot be null. Key locks are owned by the async
/// flow that took them, as the map's (<see cref="IHMap{TKey, TValue}.LockAsync(TKey, CancellationToken)"/>).
/// </summary>
public interface IHMultiMap<TKey, TValue> : IDistributedObject where TKey : notnull
{
    /// <summary>Adds a value to a key's values; false when the key held it already.</summary>
    ValueTask<bool> PutAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Adds values to keys, one request per partition.</summary>
    ValueTask PutAllAsync(IReadOnlyDictionary<TKey, IReadOnlyCollection<TValue>> entries, CancellationToken cancellationToken = default);

    /// <summary>The values of a key (empty when it has none).</summary>
    ValueTask<IReadOnlyList<TValue>> GetAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Removes a key and returns its values.</summary>
    ValueTask<IReadOnlyList<TValue>> RemoveAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Removes one value of a key; false when the key did not hold it.</summary>
    ValueTask<bool> RemoveAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Removes a key and its values, without returning them.</summary>
    ValueTask DeleteAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>The keys.</summary>
    ValueTask<IReadOnlyList<TKey>> GetKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Every value of every key.</summary>
    ValueTask<IReadOnlyList<TValue>> GetValuesAsync(CancellationToken cancellationToken = default);

    /// <summary>Every (key, value) pair.</summary>
    ValueTask<IReadOnlyList<KeyValuePair<TKey, TValue>>> GetEntriesAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the key has values.</summary>
    ValueTask<bool> ContainsKeyAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Whether some key holds the value.</summary>
    ValueTask<bool> ContainsValueAsync(TValue value, CancellationToken cancellationToken = default);

    /// <summary>Whether the key holds the value.</summary>
    ValueTask<bool> ContainsEntryAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>The number of (key, value) pairs.</summary>
    ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default);

    /// <summary>The number of values of a key.</summary>
    ValueTask<int> GetValueCountAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Removes every key.</summary>
    ValueTask ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>Subscribes to the entry events of every key (a value added, removed; the map cleared).</summary>
    ValueTask<Guid> SubscribeAsync(Action<MapEntryEventHandlers<TKey, TValue>> configure, bool includeValues = true, CancellationToken cancellationToken = default);

    /// <summary>Subscribes to the entry events of one key.</summary>
    ValueTask<Guid> SubscribeAsync(TKey key, Action<MapEntryEventHandlers<TKey, TValue>> configure, bool includeValues = true, CancellationToken cancellationToken = default);

    /// <summary>Removes a subscription; false when this client has none of that id.</summary>
    ValueTask<bool> UnsubscribeAsync(Guid subscriptionId, CancellationToken cancellationToken = default);

    /// <summary>Locks a key for the current async flow, waiting as long as it takes (reentrant for that flow).</summary>
    ValueTask LockAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Locks a key for at most <paramref name="leaseTime"/>, after which the member releases it.</summary>
    ValueTask LockAsync(TKey key, TimeSpan leaseTime, CancellationToken cancellationToken = default);

    /// <summary>Tries to lock a key within <paramref name="timeout"/>; false when another owner kept it.</summary>
    ValueTask<bool> TryLockAsync(TKey key, TimeSpan timeout, TimeSpan? leaseTime = null, CancellationToken cancellationToken = default);

    /// <summary>Releases one hold of the current flow's lock on a key.</summary>
    /// <exception cref="RemoteException">The current flow does not hold it (IllegalMonitorState).</exception>
    ValueTask UnlockAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Whether someone holds the key's lock.</summary>
    ValueTask<bool> IsLockedAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Releases the key's lock whoever holds it.</summary>
    ValueTask ForceUnlockAsync(TKey key, CancellationToken cancellationToken = default);
}
