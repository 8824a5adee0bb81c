using Hazelcast.Protocol;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>
/// One transaction, as a real member keeps it for the connection that created it (docs/notes/transactions-protocol.md):
/// its writes held apart until commit (the transaction reads its own writes, others see none), the map and multimap
/// keys it locked, the room its queue offers hold and the items its polls and removals took. Commit applies it all;
/// rollback, or the connection closing, gives it all back. One operation at a time runs on it.
/// </summary>
internal sealed class MemberTransaction
{
    /// <summary>The lease a TWO_PHASE prepare extends each map lock to (TxnPrepareOperation.LOCK_TTL_MILLIS).</summary>
    private const long PrepareLockLeaseMs = 10_000;

    public enum States { Active, Committing, Committed, CommitFailed, RolledBack }

    private readonly ClusterState _cluster;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _ending; // cancelled when the transaction rolls back: its waits end
    private readonly Dictionary<(string Map, Data Key), MapKey> _mapKeys = [];
    private readonly Dictionary<(string MultiMap, Data Key), MultiMapKey> _multiMapKeys = [];
    private readonly Dictionary<(string Service, string Name), CollectionLog> _collections = [];

    public MemberTransaction(Guid id, LockOwner owner, bool onePhase, long timeoutMs, ClusterState cluster, CancellationToken closed)
    {
        _ending = CancellationTokenSource.CreateLinkedTokenSource(closed);
        Id = id;
        Owner = owner;
        OnePhase = onePhase;
        TimeoutMs = timeoutMs;
        _cluster = cluster;
        StartedAt = cluster.NowMillis;
    }

    public Guid Id { get; }

    /// <summary>Who holds the transaction's locks: the client and the thread id it created the transaction with.</summary>
    public LockOwner Owner { get; }

    /// <summary>ONE_PHASE: no prepare, and its key locks block others' map reads.</summary>
    public bool OnePhase { get; }

    public long TimeoutMs { get; }

    public long StartedAt { get; }

    public States State { get; private set; } = States.Active;

    /// <summary>What the transaction's waits (a lock, a poll, room for an offer) end on: its connection closing, or its rollback.</summary>
    public CancellationToken Token => _ending.Token;

    // A key the transaction locked: the value it found then, replaced by its own pending value (Changed), as the proxy's txMap.
    private sealed class MapKey(MapStore map, Data found)
    {
        public MapStore Map { get; } = map;
        public Data Value = found;
        public long Ttl = -1;
        public bool Changed;
    }

    private sealed class MultiMapKey(MultiMapStore store, List<Data> values)
    {
        public MultiMapStore Store { get; } = store;
        public List<Data> Values { get; } = values;
        public bool Changed;
    }

    // A queue's, list's or set's part in the transaction: items offered or added (applied at commit), and items
    // polled or removed (taken out at once, with the index they had, given back at rollback).
    private sealed class CollectionLog(CollectionStore store)
    {
        public CollectionStore Store { get; } = store;
        public List<Data> Added { get; } = [];
        public List<(Data Item, int Index)> Taken { get; } = [];
    }

    /// <summary>Runs one operation of the transaction, after the ones before it, while it is active.</summary>
    public async Task<ClientMessage> RunAsync(Func<MemberTransaction, Task<ClientMessage>> operation, CancellationToken closed)
    {
        try
        {
            await _gate.WaitAsync(Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!closed.IsCancellationRequested)
        {
            throw RolledBackMeanwhile();
        }
        try
        {
            if (State != States.Active)
                throw new RemoteErrorException(RemoteError.TransactionNotActive, $"Transaction is not active: {Id} is {State}.");
            return await operation(this).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!closed.IsCancellationRequested)
        {
            throw RolledBackMeanwhile();
        }
        finally
        {
            _gate.Release();
        }
    }

    private RemoteErrorException RolledBackMeanwhile()
        => new(RemoteError.TransactionNotActive, $"Transaction is not active: {Id} was rolled back while the operation waited.");

    // ------------------------------------------------------------------ map

    /// <summary>
    /// The key's state in the transaction, locking it first if the transaction has not (TxnLockAndGetOperation: the
    /// lease and the wait are the transaction's timeout); a lock not obtained in time fails the operation with
    /// TransactionTimedOut, as a real member's lockAndGet does.
    /// </summary>
    private async Task<(MapKey Key, bool New)> LockAsync(MapStore map, Data key, CancellationToken closed)
    {
        if (_mapKeys.TryGetValue((map.Name, key), out var state)) return (state, false);
        if (!await map.Locks.LockAsync(key, Owner, TimeoutMs, TimeoutMs, closed, blockReads: OnePhase).ConfigureAwait(false))
            throw new RemoteErrorException(RemoteError.TransactionTimedOut, $"Transaction couldn't obtain lock for the key in map '{map.Name}' within {TimeoutMs} ms.");
        state = new MapKey(map, map.Peek(key));
        _mapKeys.Add((map.Name, key), state);
        return (state, true);
    }

    /// <summary>A conditional write whose condition failed on a key the transaction had not locked before: the lock goes at once (TxnUnlockOperation).</summary>
    private void Unlock(MapStore map, Data key)
    {
        _mapKeys.Remove((map.Name, key));
        map.Locks.ReleaseIfHeld(key, Owner);
    }

    /// <summary>What the transaction reads for a key: its own pending value, or the map's (unlocked, as a real member's get).</summary>
    public Data MapGet(MapStore map, Data key)
        => _mapKeys.TryGetValue((map.Name, key), out var state) ? state.Value : map.Get(key);

    public async Task<Data> MapGetForUpdateAsync(MapStore map, Data key, CancellationToken closed)
        => (await LockAsync(map, key, closed).ConfigureAwait(false)).Key.Value;

    /// <summary>Puts, sets (ttl −1: the map's), removes (value null) a key; returns the value the transaction saw before.</summary>
    public async Task<Data> MapWriteAsync(MapStore map, Data key, Data value, long ttl, CancellationToken closed)
    {
        var (state, _) = await LockAsync(map, key, closed).ConfigureAwait(false);
        var old = state.Value;
        state.Value = value;
        state.Ttl = ttl;
        state.Changed = true;
        return old;
    }

    /// <summary>
    /// A conditional write: <paramref name="condition"/> gets the value the transaction sees and says whether to write
    /// <paramref name="value"/> (null: remove); returns whether it did and that value. A failed condition on a newly locked key unlocks it.
    /// </summary>
    public async Task<(bool Written, Data Seen)> MapWriteIfAsync(MapStore map, Data key, Func<Data, bool> condition, Data value, CancellationToken closed)
    {
        var (state, isNew) = await LockAsync(map, key, closed).ConfigureAwait(false);
        var seen = state.Value;
        if (!condition(seen))
        {
            if (isNew) Unlock(map, key);
            return (false, seen);
        }
        state.Value = value;
        state.Ttl = -1;
        state.Changed = true;
        return (true, seen);
    }

    /// <summary>The map's entries as the transaction sees them: the map's, with its own pending writes over them.</summary>
    public Dictionary<Data, Data> MapEntries(MapStore map)
    {
        var entries = map.Entries().ToDictionary(e => e.Key, e => e.Value);
        foreach (var ((name, key), state) in _mapKeys)
        {
            if (name != map.Name || !state.Changed) continue;
            if (state.Value.IsNull) entries.Remove(key);
            else entries[key] = state.Value;
        }
        return entries;
    }

    public int MapSize(MapStore map)
    {
        var size = map.Size();
        foreach (var ((name, key), state) in _mapKeys)
        {
            if (name != map.Name || !state.Changed) continue;
            var exists = !map.Peek(key).IsNull;
            if (!state.Value.IsNull && !exists) size++;
            else if (state.Value.IsNull && exists) size--;
        }
        return size;
    }

    // ------------------------------------------------------------------ multimap

    private async Task<MultiMapKey> LockAsync(MultiMapStore store, Data key, CancellationToken closed)
    {
        if (_multiMapKeys.TryGetValue((store.Name, key), out var state)) return state;
        // The multimap's TxnLockAndGetOperation: a lease of 1.5 times the timeout, and ConcurrentModification when not obtained.
        if (!await store.Locks.LockAsync(key, Owner, TimeoutMs + TimeoutMs / 2, TimeoutMs, closed, blockReads: OnePhase).ConfigureAwait(false))
            throw new RemoteErrorException(RemoteError.ConcurrentModification, $"Transaction couldn't obtain lock for the key in multimap '{store.Name}' within {TimeoutMs} ms.");
        state = new MultiMapKey(store, store.Get(key));
        _multiMapKeys.Add((store.Name, key), state);
        return state;
    }

    public List<Data> MultiMapGet(MultiMapStore store, Data key)
        => _multiMapKeys.TryGetValue((store.Name, key), out var state) ? [.. state.Values] : store.Get(key);

    public async Task<bool> MultiMapPutAsync(MultiMapStore store, Data key, Data value, CancellationToken closed)
    {
        var state = await LockAsync(store, key, closed).ConfigureAwait(false);
        if (state.Values.Contains(value)) return false;
        state.Values.Add(value);
        state.Changed = true;
        return true;
    }

    public async Task<List<Data>> MultiMapRemoveAllAsync(MultiMapStore store, Data key, CancellationToken closed)
    {
        var state = await LockAsync(store, key, closed).ConfigureAwait(false);
        List<Data> removed = [.. state.Values];
        state.Values.Clear();
        state.Changed = true;
        return removed;
    }

    public async Task<bool> MultiMapRemoveAsync(MultiMapStore store, Data key, Data value, CancellationToken closed)
    {
        var state = await LockAsync(store, key, closed).ConfigureAwait(false);
        if (!state.Values.Remove(value)) return false;
        state.Changed = true;
        return true;
    }

    public int MultiMapSize(MultiMapStore store)
    {
        var size = store.Size();
        foreach (var ((name, key), state) in _multiMapKeys)
            if (name == store.Name && state.Changed) size += state.Values.Count - store.Get(key).Count;
        return size;
    }

    // ------------------------------------------------------------------ queue, list, set

    private CollectionLog Log(CollectionStore store)
    {
        if (!_collections.TryGetValue((store.ServiceName, store.Name), out var log))
            _collections.Add((store.ServiceName, store.Name), log = new CollectionLog(store));
        return log;
    }

    /// <summary>Offers an item: room is held for it now (waiting up to the timeout), and it joins the queue at commit.</summary>
    public async Task<bool> QueueOfferAsync(CollectionStore queue, Data item, long timeoutMs, CancellationToken closed)
    {
        if (!await queue.ReserveOfferAsync(timeoutMs, closed).ConfigureAwait(false)) return false;
        Log(queue).Added.Add(item);
        return true;
    }

    /// <summary>
    /// Polls: the queue's head is taken at once (no one else sees it from then on; it goes back at rollback), or, the
    /// queue being empty, the transaction's own first offer; otherwise it waits up to the timeout (−1: forever).
    /// </summary>
    public async Task<Data> QueuePollAsync(CollectionStore queue, long timeoutMs, CancellationToken closed)
    {
        var log = Log(queue);
        var head = await queue.PollAsync(log.Added.Count > 0 ? 0 : timeoutMs, closed, silent: true).ConfigureAwait(false);
        if (!head.IsNull)
        {
            log.Taken.Add((head, 0));
            return head;
        }
        if (log.Added.Count == 0) return default;
        var own = log.Added[0];
        log.Added.RemoveAt(0);
        queue.CancelOfferReservation();
        return own;
    }

    public Data QueuePeek(CollectionStore queue)
    {
        var head = queue.Peek();
        return head.IsNull && _collections.TryGetValue((queue.ServiceName, queue.Name), out var log) && log.Added.Count > 0 ? log.Added[0] : head;
    }

    /// <summary>A queue's, list's or set's size as the transaction sees it: what is there, with its own additions (what it took is gone already).</summary>
    public int CollectionSize(CollectionStore store)
        => store.Size() + (_collections.TryGetValue((store.ServiceName, store.Name), out var log) ? log.Added.Count : 0);

    /// <summary>Adds an item to a list or set at commit; a set refuses an item it has, or that the transaction adds already.</summary>
    public bool CollectionAdd(CollectionStore store, Data item)
    {
        var log = Log(store);
        if (store.Kind == CollectionStore.Kinds.Set && (store.Contains(item) || log.Added.Contains(item))) return false;
        log.Added.Add(item);
        return true;
    }

    /// <summary>Removes an item: one the transaction added, or one of the store's, taken out at once and given back at rollback.</summary>
    public bool CollectionRemove(CollectionStore store, Data item)
    {
        var log = Log(store);
        if (log.Added.Remove(item)) return true;
        var index = store.TakeSilently(item);
        if (index < 0) return false;
        log.Taken.Add((item, index));
        return true;
    }

    // ------------------------------------------------------------------ commit and rollback

    /// <summary>
    /// Commits (TransactionImpl.commit): a timed-out transaction fails and stays as it is (the client rolls it back);
    /// TWO_PHASE first prepares (every lock still held, its lease extended) and then applies everything; ONE_PHASE
    /// applies key by key, and a key whose lock was lost (its lease ran out) fails the commit after the keys before it
    /// were written, as on a real member.
    /// </summary>
    public async Task CommitAsync(CancellationToken closed)
    {
        await _gate.WaitAsync(closed).ConfigureAwait(false);
        try
        {
            if (State != States.Active) throw new RemoteErrorException(RemoteError.IllegalState, $"Transaction is not active: {Id} is {State}.");
            if (StartedAt + TimeoutMs < _cluster.NowMillis) throw new RemoteErrorException(RemoteError.TransactionTimedOut, "Transaction is timed-out!");
            if (!OnePhase) Prepare();
            State = States.Committing;
            try
            {
                Apply();
            }
            catch
            {
                State = States.CommitFailed;
                throw;
            }
            State = States.Committed;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Prepare()
    {
        foreach (var ((_, key), state) in _mapKeys)
            if (!state.Map.Locks.Extend(key, Owner, PrepareLockLeaseMs)) throw LockLost("map", state.Map.Name);
        foreach (var ((_, key), state) in _multiMapKeys)
            if (!state.Store.Locks.Extend(key, Owner, PrepareLockLeaseMs)) throw LockLost("multimap", state.Store.Name);
    }

    private RemoteErrorException LockLost(string kind, string name)
    {
        State = States.CommitFailed;
        return new RemoteErrorException(RemoteError.Transaction, $"Lock is not owned by the transaction! A key of {kind} '{name}' was unlocked when the lease of the transaction's lock ran out ({TimeoutMs} ms).");
    }

    private void Apply()
    {
        var partitions = _cluster.Options.PartitionCount;
        foreach (var ((_, key), state) in _mapKeys)
        {
            var map = state.Map;
            if (!state.Changed)
            {
                map.Locks.ReleaseIfHeld(key, Owner); // read for update only
                continue;
            }
            var partitionId = MurmurHash3.PartitionId(key.PartitionHash, partitions);
            var written = map.Locks.CommitIfHeld(key, Owner, () =>
            {
                if (state.Value.IsNull) map.Remove(key, partitionId);
                else map.Put(key, state.Value, state.Ttl, -1, partitionId);
            });
            if (!written) throw new RemoteErrorException(RemoteError.Transaction, $"Cannot acquire lock: a key of map '{map.Name}' was unlocked when the lease of the transaction's lock ran out ({TimeoutMs} ms).");
        }
        foreach (var ((_, key), state) in _multiMapKeys)
        {
            var store = state.Store;
            if (!state.Changed)
            {
                store.Locks.ReleaseIfHeld(key, Owner);
                continue;
            }
            var written = store.Locks.CommitIfHeld(key, Owner, () =>
            {
                foreach (var value in store.Get(key).Where(v => !state.Values.Contains(v))) store.Remove(key, value);
                foreach (var value in state.Values) store.Put(key, value);
            });
            if (!written) throw new RemoteErrorException(RemoteError.Transaction, $"Cannot acquire lock: a key of multimap '{store.Name}' was unlocked when the lease of the transaction's lock ran out.");
        }
        foreach (var (id, log) in _collections.ToList())
        {
            foreach (var (item, _) in log.Taken) log.Store.PublishRemoved(item);
            foreach (var item in log.Added)
            {
                if (log.Store.Kind == CollectionStore.Kinds.Queue) log.Store.CommitOffer(item);
                else log.Store.Add(item);
            }
            _collections.Remove(id); // applied: a rollback after a failed commit leaves it be
        }
    }

    /// <summary>
    /// Rolls back (an explicit rollback, or the connection closing): the locks go, the room held for offers is
    /// freed, and what polls and removals took goes back where it was, the last taken first. After a ONE_PHASE commit
    /// that failed part way, what it applied stays.
    /// </summary>
    public async Task RollbackAsync()
    {
        _ending.Cancel(); // an operation waiting on the member (a poll, a lock) ends now, taking nothing
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (State is States.Committed or States.RolledBack)
                throw new RemoteErrorException(RemoteError.IllegalState, $"Transaction is not active: {Id} is {State}.");
            Undo();
            State = States.RolledBack;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Undo()
    {
        foreach (var ((_, key), state) in _mapKeys) state.Map.Locks.ReleaseIfHeld(key, Owner);
        foreach (var ((_, key), state) in _multiMapKeys) state.Store.Locks.ReleaseIfHeld(key, Owner);
        foreach (var log in _collections.Values)
        {
            if (log.Store.Kind == CollectionStore.Kinds.Queue)
                foreach (var _ in log.Added) log.Store.CancelOfferReservation();
            for (var i = log.Taken.Count - 1; i >= 0; i--) log.Store.Restore(log.Taken[i].Item, log.Taken[i].Index);
        }
        _mapKeys.Clear();
        _multiMapKeys.Clear();
        _collections.Clear();
    }
}
