using Hazelcast.Query;

namespace Hazelcast.Transactions;

/// <summary>
/// A map as a transaction sees it: its own writes over the map's entries. Writes (and <see cref="GetForUpdateAsync"/>)
/// lock their key until the transaction ends; a key locked by someone else is waited for, up to the transaction's
/// timeout (then <see cref="TransactionTimedOutException"/>). Nothing written is visible to others before the commit.
/// </summary>
public interface ITransactionalMap<TKey, TValue> where TKey : notnull
{
    /// <summary>The map's name.</summary>
    string Name { get; }

    /// <summary>The key's value as the transaction sees it (no lock: another transaction may change it meanwhile).</summary>
    ValueTask<TValue?> GetAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>The key's value, locking the key until the transaction ends, so that it cannot change meanwhile.</summary>
    ValueTask<TValue?> GetForUpdateAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Puts a value (with the map's time to live); returns the previous one.</summary>
    ValueTask<TValue?> PutAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Puts a value that expires after <paramref name="timeToLive"/> (zero: never); returns the previous one.</summary>
    ValueTask<TValue?> PutAsync(TKey key, TValue value, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Puts a value without returning the previous one.</summary>
    ValueTask SetAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Puts a value if the key has none; returns the value it has, or null when it put it.</summary>
    ValueTask<TValue?> PutIfAbsentAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Replaces the key's value if it has one; returns that value, or null when it had none.</summary>
    ValueTask<TValue?> ReplaceAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Replaces the key's value if it is <paramref name="expectedValue"/>; true when it did.</summary>
    ValueTask<bool> ReplaceAsync(TKey key, TValue expectedValue, TValue newValue, CancellationToken cancellationToken = default);

    /// <summary>Removes the key; returns the value it had.</summary>
    ValueTask<TValue?> RemoveAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Removes the key if its value is <paramref name="value"/>; true when it did.</summary>
    ValueTask<bool> RemoveAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>Removes the key without returning its value.</summary>
    ValueTask DeleteAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Whether the key has a value, as the transaction sees it.</summary>
    ValueTask<bool> ContainsKeyAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>The number of entries, as the transaction sees them.</summary>
    ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the map has no entry, as the transaction sees it.</summary>
    ValueTask<bool> IsEmptyAsync(CancellationToken cancellationToken = default);

    /// <summary>The keys, as the transaction sees them.</summary>
    ValueTask<IReadOnlyList<TKey>> GetKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>The keys of the entries that match the predicate, as the transaction sees them (a paging predicate is refused).</summary>
    /// <exception cref="ArgumentException">The predicate is a paging predicate: Hazelcast does not page transactional queries.</exception>
    ValueTask<IReadOnlyList<TKey>> GetKeysAsync(IPredicate predicate, CancellationToken cancellationToken = default);

    /// <summary>The values, as the transaction sees them.</summary>
    ValueTask<IReadOnlyList<TValue>> GetValuesAsync(CancellationToken cancellationToken = default);

    /// <summary>The values of the entries that match the predicate, as the transaction sees them (a paging predicate is refused).</summary>
    /// <exception cref="ArgumentException">The predicate is a paging predicate.</exception>
    ValueTask<IReadOnlyList<TValue>> GetValuesAsync(IPredicate predicate, CancellationToken cancellationToken = default);
}

/// <summary>
/// A queue as a transaction sees it. An offered item joins the queue at commit (room is held for it meanwhile); a
/// polled item leaves the queue at once, so no one else gets it, and goes back to where it was if the transaction
/// rolls back.
/// </summary>
public interface ITransactionalQueue<T>
{
    /// <summary>The queue's name.</summary>
    string Name { get; }

    /// <summary>Offers an item, waiting up to <paramref name="timeout"/> for room; false when there was none.</summary>
    ValueTask<bool> OfferAsync(T item, TimeSpan timeout = default, CancellationToken cancellationToken = default);

    /// <summary>Takes the head, waiting up to <paramref name="timeout"/> for one (<see cref="Timeout.InfiniteTimeSpan"/>: forever); null when there was none.</summary>
    ValueTask<T?> PollAsync(TimeSpan timeout = default, CancellationToken cancellationToken = default);

    /// <summary>Takes the head, waiting for one as long as it takes.</summary>
    ValueTask<T> TakeAsync(CancellationToken cancellationToken = default);

    /// <summary>The head (or the transaction's own first offer if the queue is empty), without taking it; null when there is none.</summary>
    ValueTask<T?> PeekAsync(CancellationToken cancellationToken = default);

    /// <summary>The number of items, with the transaction's own offers.</summary>
    ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default);
}

/// <summary>A list as a transaction sees it: items added join it at commit; items removed leave it at once, and come back at rollback.</summary>
public interface ITransactionalList<T>
{
    /// <summary>The list's name.</summary>
    string Name { get; }

    /// <summary>Adds an item (at the end, at commit); true.</summary>
    ValueTask<bool> AddAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Removes the first occurrence of an item; false when there is none.</summary>
    ValueTask<bool> RemoveAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>The number of items, as the transaction sees them.</summary>
    ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default);
}

/// <summary>A set as a transaction sees it: items added join it at commit; items removed leave it at once, and come back at rollback.</summary>
public interface ITransactionalSet<T>
{
    /// <summary>The set's name.</summary>
    string Name { get; }

    /// <summary>Adds an item; false when the set (or the transaction) has it already.</summary>
    ValueTask<bool> AddAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Removes an item; false when there is none.</summary>
    ValueTask<bool> RemoveAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>The number of items, as the transaction sees them.</summary>
    ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A multimap as a transaction sees it. Writes lock their key until the transaction ends; a key locked by someone
/// else is waited for up to the transaction's timeout, then the write fails with a <see cref="RemoteException"/>
/// (ConcurrentModification, as Hazelcast reports it for multimaps).
/// </summary>
public interface ITransactionalMultiMap<TKey, TValue> where TKey : notnull
{
    /// <summary>The multimap's name.</summary>
    string Name { get; }

    /// <summary>Adds a value to the key; false when the key has it already.</summary>
    ValueTask<bool> PutAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>The key's values, as the transaction sees them.</summary>
    ValueTask<IReadOnlyList<TValue>> GetAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Removes the key; returns the values it had.</summary>
    ValueTask<IReadOnlyList<TValue>> RemoveAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>Removes one value of the key; true when it had it.</summary>
    ValueTask<bool> RemoveAsync(TKey key, TValue value, CancellationToken cancellationToken = default);

    /// <summary>How many values the key has, as the transaction sees them.</summary>
    ValueTask<int> GetValueCountAsync(TKey key, CancellationToken cancellationToken = default);

    /// <summary>The number of key-value pairs, as the transaction sees them.</summary>
    ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default);
}
