using Hazelcast.Protocol;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>Who holds a key lock: a client and its thread id (PROTOCOL.md §4, "Lock notes").</summary>
internal readonly record struct LockOwner(Guid Client, long ThreadId);

/// <summary>
/// The key locks of a map or a multimap: owners, reentrancy, leases, writers waiting for a lock, and release when
/// their client leaves (after the cluster's client cleanup delay, as a real member). It shares its store's lock
/// (<paramref name="mutex"/>): the store's data and its locks change together.
/// </summary>
internal sealed class KeyLockTable(object mutex, ClusterState cluster)
{
    private readonly Dictionary<Data, KeyLock> _locks = [];
    private readonly Dictionary<Guid, long> _departed = [];
    private long _departures;
    private int _readBlockers; // locks with BlockReads: map reads skip the lock check while there are none

    private sealed class KeyLock
    {
        public LockOwner Owner;
        public int Count;
        public long LeaseExpiresAt = long.MaxValue;
        public bool BlockReads;
        public TaskCompletionSource Released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private long Now => cluster.NowMillis;

    public static long SafeAdd(long a, long b) => b > long.MaxValue - a ? long.MaxValue : a + b;

    /// <summary>Whether another owner holds the key's lock now (under the store's lock).</summary>
    public bool IsHeld(Data key) => _locks.TryGetValue(key, out var l) && l.LeaseExpiresAt > Now;

    /// <summary>Whether <paramref name="owner"/> may write <paramref name="key"/> (it is unlocked, or locked by the owner); under the store's lock.</summary>
    private bool CanWrite(Data key, LockOwner owner, out Task released)
    {
        released = Task.CompletedTask;
        if (!_locks.TryGetValue(key, out var l)) return true;
        if (l.LeaseExpiresAt <= Now)
        {
            Release(key, l);
            return true;
        }
        if (l.Owner == owner) return true;
        released = l.Released.Task;
        return false;
    }

    /// <summary>
    /// Runs a write once the key is writable by the owner (unlocked, or locked by the owner), waiting up to
    /// <paramref name="timeoutMs"/> (negative: forever); the check and the write happen under the store's lock.
    /// </summary>
    public async Task<T> WriteAsync<T>(Data key, LockOwner owner, Func<T> write, T onTimeout, long timeoutMs, CancellationToken cancellationToken)
    {
        var deadline = timeoutMs < 0 ? long.MaxValue : SafeAdd(Now, timeoutMs);
        while (true)
        {
            Task released;
            lock (mutex)
            {
                if (CanWrite(key, owner, out released)) return write();
            }
            if (!await WaitAsync(released, deadline, cancellationToken).ConfigureAwait(false)) return onTimeout;
        }
    }

    /// <summary>
    /// Locks the key for <paramref name="owner"/> (reentrant), waiting up to <paramref name="timeoutMs"/> (negative:
    /// forever); the lease restarts at each hold. <paramref name="blockReads"/>: a ONE_PHASE transaction's lock, which
    /// others' map reads wait for too (<see cref="BlocksReads"/>).
    /// </summary>
    public async Task<bool> LockAsync(Data key, LockOwner owner, long leaseMs, long timeoutMs, CancellationToken cancellationToken, bool blockReads = false)
    {
        var deadline = timeoutMs < 0 ? long.MaxValue : SafeAdd(Now, timeoutMs);
        while (true)
        {
            Task released;
            lock (mutex)
            {
                if (CanWrite(key, owner, out released))
                {
                    if (!_locks.TryGetValue(key, out var l))
                    {
                        l = new KeyLock { Owner = owner };
                        _locks.Add(key, l);
                    }
                    l.Count++;
                    l.LeaseExpiresAt = leaseMs > 0 ? SafeAdd(Now, leaseMs) : long.MaxValue;
                    if (blockReads && !l.BlockReads)
                    {
                        l.BlockReads = true;
                        _readBlockers++;
                    }
                    return true;
                }
            }
            if (!await WaitAsync(released, deadline, cancellationToken).ConfigureAwait(false)) return false;
        }
    }

    /// <summary>Releases one hold of the lock; throws <see cref="RemoteErrorException"/> (ILLEGAL_MONITOR_STATE) for a non-owner.</summary>
    public void Unlock(Data key, LockOwner owner)
    {
        lock (mutex)
        {
            if (!_locks.TryGetValue(key, out var l) || l.LeaseExpiresAt <= Now)
            {
                if (l is not null) Release(key, l);
                throw new RemoteErrorException(RemoteError.IllegalMonitorState, $"Current thread is not owner of the lock! -> <not locked>");
            }
            if (l.Owner != owner)
                throw new RemoteErrorException(RemoteError.IllegalMonitorState, $"Current thread is not owner of the lock! -> Owner: {l.Owner.Client}, thread ID: {l.Owner.ThreadId}");
            if (--l.Count == 0) Release(key, l);
        }
    }

    /// <summary>Whether <paramref name="owner"/> holds the key's lock now, its lease not run out (under the store's lock).</summary>
    public bool Holds(Data key, LockOwner owner) => _locks.TryGetValue(key, out var l) && l.Owner == owner && l.LeaseExpiresAt > Now;

    /// <summary>Extends the lease of a lock <paramref name="owner"/> holds (a transaction's prepare); false when it does not hold it.</summary>
    public bool Extend(Data key, LockOwner owner, long leaseMs)
    {
        lock (mutex)
        {
            if (!Holds(key, owner)) return false;
            var l = _locks[key];
            l.LeaseExpiresAt = Math.Max(l.LeaseExpiresAt, SafeAdd(Now, leaseMs));
            return true;
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> and releases the lock, all under the store's lock, if <paramref name="owner"/>
    /// still holds it (a transaction's commit of a key it locked); false, writing nothing, when it does not.
    /// </summary>
    public bool CommitIfHeld(Data key, LockOwner owner, Action write)
    {
        lock (mutex)
        {
            if (!Holds(key, owner)) return false;
            write();
            Release(key, _locks[key]);
            return true;
        }
    }

    /// <summary>Releases the lock, whatever its hold count, if <paramref name="owner"/> holds it (a transaction ends).</summary>
    public void ReleaseIfHeld(Data key, LockOwner owner)
    {
        lock (mutex)
        {
            if (_locks.TryGetValue(key, out var l) && l.Owner == owner) Release(key, l);
        }
    }

    /// <summary>
    /// The task a reader of the key waits for while a ONE_PHASE transaction of another owner holds its lock (as a real
    /// member's GetOperation waits on a transactionally locked entry), or null when the key is readable now.
    /// </summary>
    public Task? BlocksReads(Data key, LockOwner reader)
    {
        if (Volatile.Read(ref _readBlockers) == 0) return null;
        lock (mutex)
            return _locks.TryGetValue(key, out var l) && l.BlockReads && l.Owner != reader && l.LeaseExpiresAt > Now ? l.Released.Task : null;
    }

    /// <summary>Waits until no ONE_PHASE transaction of another owner holds the key's lock; false when <paramref name="timeoutMs"/> passes first.</summary>
    public async Task<bool> WaitReadableAsync(Data key, LockOwner reader, long timeoutMs, CancellationToken cancellationToken)
    {
        var deadline = SafeAdd(Now, timeoutMs);
        while (BlocksReads(key, reader) is { } released)
            if (!await WaitAsync(released, deadline, cancellationToken).ConfigureAwait(false)) return false;
        return true;
    }

    public void ForceUnlock(Data key)
    {
        lock (mutex)
        {
            if (_locks.TryGetValue(key, out var l)) Release(key, l);
        }
    }

    public bool IsLocked(Data key)
    {
        lock (mutex)
        {
            if (!_locks.TryGetValue(key, out var l)) return false;
            if (l.LeaseExpiresAt > Now) return true;
            Release(key, l);
            return false;
        }
    }

    private void Release(Data key, KeyLock l)
    {
        _locks.Remove(key);
        if (l.BlockReads) _readBlockers--;
        l.Released.TrySetResult();
    }

    /// <summary>Releases the locks of the keys <paramref name="which"/> selects (all of them: null); under the store's lock.</summary>
    public void ReleaseWhere(Func<Data, bool>? which = null)
    {
        foreach (var (key, l) in _locks.Where(l => which is null || which(l.Key)).ToList()) Release(key, l);
        if (which is null) _departed.Clear();
    }

    public void ReleaseExpiredLeases()
    {
        lock (mutex)
        {
            var now = Now;
            foreach (var (key, l) in _locks.Where(l => l.Value.LeaseExpiresAt <= now).ToList()) Release(key, l);
        }
    }

    private async Task<bool> WaitAsync(Task released, long deadline, CancellationToken cancellationToken)
    {
        if (deadline == long.MaxValue)
        {
            await released.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        var remaining = deadline - Now;
        if (remaining <= 0) return false;
        try
        {
            // Lease expiry is noticed by the sweep timer or the next attempt; wake up at least every sweep interval.
            var wait = TimeSpan.FromMilliseconds(Math.Min(remaining, cluster.Options.ExpirySweepInterval.TotalMilliseconds));
            await released.WaitAsync(wait, cluster.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        return true;
    }

    /// <summary>
    /// A connection closed (called under the store's lock). The locks of a client that has no connection left go after
    /// the cluster's client cleanup delay, as on a real member, which notices a departed client at its next cleanup
    /// round (every <c>hazelcast.client.cleanup.period.millis</c>, 10 s by default); a client that reconnects meanwhile
    /// keeps them. Returns the release to run once the store's lock is released, or null.
    /// </summary>
    public Action? OnSessionClosed(ClientSession session)
    {
        var members = session.Member.Cluster;
        if (session.ClientUuid is not { } gone || IsConnected(members, gone, session)) return null;
        if (!_locks.Values.Any(l => l.Owner.Client == gone)) return null; // nothing to release
        // A client that leaves again before the release restarts its delay: the latest departure decides.
        var departure = ++_departures;
        _departed[gone] = departure;
        var delay = cluster.Options.ClientCleanupDelay;
        return delay <= TimeSpan.Zero
            ? () => ReleaseLocksOf(gone, departure, members)
            : () => _ = Task.Delay(delay, cluster.Time, CancellationToken.None).ContinueWith(_ => ReleaseLocksOf(gone, departure, members), TaskScheduler.Default);
    }

    private static bool IsConnected(HazelcastCluster members, Guid client, ClientSession? except = null)
        => members.Members.SelectMany(m => m.Sessions).Any(s => s != except && s.ClientUuid == client);

    private void ReleaseLocksOf(Guid client, long departure, HazelcastCluster members)
    {
        lock (mutex)
        {
            if (!_departed.TryGetValue(client, out var latest) || latest != departure) return; // a later departure decides
            _departed.Remove(client);
            if (IsConnected(members, client)) return; // it came back within the delay: it still holds its locks
            foreach (var (key, l) in _locks.Where(l => l.Value.Owner.Client == client).ToList()) Release(key, l);
        }
    }
}
