using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>
/// The CP Subsystem of the in-process cluster: CP groups, sessions (which expire when heartbeats stop), thread
/// ids, and the five primitives with their semantics and error codes (PROTOCOL.md §5). Everything runs under one
/// lock in one process, so the primitives are linearizable by construction; no Raft log is kept.
/// </summary>
internal sealed class CPService : IDisposable
{
    public const string DefaultGroup = "default";

    private readonly object _mutex = new();
    private readonly ClusterState _cluster;
    // Group names are case-sensitive, but for "default" (PROTOCOL.md §5.1; Java's RaftService keeps names as given).
    private readonly Dictionary<string, RaftGroupId> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Session> _sessions = [];
    private readonly Dictionary<(RaftGroupId, string), long> _longs = [];
    private readonly Dictionary<(RaftGroupId, string), Data> _refs = [];
    private readonly Dictionary<(RaftGroupId, string), FencedLockState> _locks = [];
    private readonly Dictionary<(RaftGroupId, string), SemaphoreState> _semaphores = [];
    private readonly Dictionary<(RaftGroupId, string), LatchState> _latches = [];
    private readonly HashSet<(RaftGroupId, string Service, string Name)> _destroyed = [];
    private readonly ITimer _expiry;
    private long _nextSession;
    private long _nextThread;
    private long _fence;

    public CPService(ClusterState cluster)
    {
        _cluster = cluster;
        _groups[DefaultGroup] = new RaftGroupId(0, 0, DefaultGroup);
        _expiry = cluster.Time.CreateTimer(_ => ExpireSessions(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    private TimeSpan SessionTtl => _cluster.Options.CPSessionTimeToLive;

    private long Now => _cluster.NowMillis;

    private sealed class Session(long id, RaftGroupId group, string endpoint, long lastHeartbeat)
    {
        public long Id { get; } = id;
        public RaftGroupId Group { get; } = group;
        public string Endpoint { get; } = endpoint;
        public long LastHeartbeat { get; set; } = lastHeartbeat;
    }

    // ------------------------------------------------------------------ names, groups, sessions

    /// <summary>Splits <c>name@group</c>; validates as Hazelcast does.</summary>
    public static (string Object, string Group) ParseName(string proxyName)
    {
        var name = proxyName.Trim();
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at < 0) return (name.Length > 0 ? name : throw Illegal($"The CP object name '{proxyName}' is empty."), DefaultGroup);
        if (name.IndexOf('@', at + 1) >= 0) throw Illegal($"The CP object name '{proxyName}' has more than one '@'.");
        var obj = name[..at].Trim();
        var group = name[(at + 1)..].Trim();
        if (obj.Length == 0) throw Illegal($"The CP object name '{proxyName}' has no object name before '@'.");
        if (group.Length == 0) throw Illegal($"The CP object name '{proxyName}' has no group name after '@'.");
        if (string.Equals(group, "METADATA", StringComparison.OrdinalIgnoreCase)) throw Illegal("The CP group name METADATA is reserved.");
        return (obj, string.Equals(group, DefaultGroup, StringComparison.OrdinalIgnoreCase) ? DefaultGroup : group);
    }

    public RaftGroupId CreateGroup(string proxyName)
    {
        var (_, group) = ParseName(proxyName);
        lock (_mutex)
        {
            if (!_groups.TryGetValue(group, out var id))
            {
                id = new RaftGroupId(0, _groups.Count, group);
                _groups[group] = id;
            }
            return id;
        }
    }

    /// <summary>As Java's CP services do, a destroyed object's name stays unusable.</summary>
    private void CheckAlive(RaftGroupId group, string service, string name)
    {
        CheckGroup(group);
        if (_destroyed.Contains((group, service, name)))
            throw new RemoteErrorException(RemoteError.DistributedObjectDestroyed, $"{service}[{name}] is already destroyed!");
    }

    private const string LongService = "hz:raft:atomicLongService";
    private const string RefService = "hz:raft:atomicRefService";
    private const string LockService = "hz:raft:lockService";
    private const string SemaphoreService = "hz:raft:semaphoreService";
    private const string LatchService = "hz:raft:countDownLatchService";

    private void CheckGroup(RaftGroupId group)
    {
        if (!_groups.TryGetValue(group.Name, out var known) || known != group)
            throw new RemoteErrorException(RemoteError.CPGroupDestroyed, $"CP group {group.Name} does not exist.");
    }

    public (long Id, long Ttl, long Heartbeat) CreateSession(RaftGroupId group, string endpoint)
    {
        lock (_mutex)
        {
            CheckGroup(group);
            var id = ++_nextSession;
            _sessions[id] = new Session(id, group, endpoint, Now);
            return (id, (long)SessionTtl.TotalMilliseconds, Math.Max(100, (long)(SessionTtl.TotalMilliseconds / 6)));
        }
    }

    public void Heartbeat(RaftGroupId group, long sessionId)
    {
        lock (_mutex) Live(group, sessionId).LastHeartbeat = Now;
    }

    public bool CloseSession(RaftGroupId group, long sessionId)
    {
        lock (_mutex)
        {
            if (!_sessions.TryGetValue(sessionId, out var session) || session.Group != group) return false;
            EndSession(session);
            return true;
        }
    }

    public long GenerateThreadId(RaftGroupId group)
    {
        lock (_mutex)
        {
            CheckGroup(group);
            return ++_nextThread;
        }
    }

    private Session Live(RaftGroupId group, long sessionId)
    {
        CheckGroup(group);
        if (!_sessions.TryGetValue(sessionId, out var session) || session.Group != group)
            throw new RemoteErrorException(RemoteError.SessionExpired, $"The CP session {sessionId} does not exist or expired.");
        return session;
    }

    private void ExpireSessions()
    {
        lock (_mutex)
        {
            var deadline = Now - (long)SessionTtl.TotalMilliseconds;
            foreach (var session in _sessions.Values.Where(s => s.LastHeartbeat < deadline).ToList()) EndSession(session);
        }
    }

    /// <summary>Fault injection: every session expires now, as if its client had died.</summary>
    public void ExpireAllSessions()
    {
        lock (_mutex)
            foreach (var session in _sessions.Values.ToList()) EndSession(session);
    }

    /// <summary>A closed or expired session releases its locks and permits; its waiters fail.</summary>
    private void EndSession(Session session)
    {
        _sessions.Remove(session.Id);
        foreach (var l in _locks.Values) l.OnSessionEnded(session.Id, this);
        foreach (var s in _semaphores.Values) s.OnSessionEnded(session.Id, this);
    }

    // ------------------------------------------------------------------ AtomicLong, AtomicReference

    public long AddAndGet(RaftGroupId g, string name, long delta, bool returnOld)
    {
        lock (_mutex)
        {
            CheckAlive(g, LongService, name);
            var old = _longs.GetValueOrDefault((g, name));
            _longs[(g, name)] = old + delta;
            return returnOld ? old : old + delta;
        }
    }

    public long GetAndSet(RaftGroupId g, string name, long value)
    {
        lock (_mutex)
        {
            CheckAlive(g, LongService, name);
            var old = _longs.GetValueOrDefault((g, name));
            _longs[(g, name)] = value;
            return old;
        }
    }

    public bool CompareAndSet(RaftGroupId g, string name, long expected, long updated)
    {
        lock (_mutex)
        {
            CheckAlive(g, LongService, name);
            if (_longs.GetValueOrDefault((g, name)) != expected) return false;
            _longs[(g, name)] = updated;
            return true;
        }
    }

    public Data GetRef(RaftGroupId g, string name)
    {
        lock (_mutex)
        {
            CheckAlive(g, RefService, name);
            return _refs.GetValueOrDefault((g, name));
        }
    }

    public Data SetRef(RaftGroupId g, string name, Data value)
    {
        lock (_mutex)
        {
            CheckAlive(g, RefService, name);
            var old = _refs.GetValueOrDefault((g, name));
            if (value.IsNull || value.TypeId == 0) _refs.Remove((g, name));
            else _refs[(g, name)] = new Data(value.ToArray());
            return old;
        }
    }

    public bool CompareAndSetRef(RaftGroupId g, string name, Data expected, Data value)
    {
        lock (_mutex)
        {
            CheckAlive(g, RefService, name);
            if (!SameRef(_refs.GetValueOrDefault((g, name)), expected)) return false;
            SetRef(g, name, value);
            return true;
        }
    }

    public bool ContainsRef(RaftGroupId g, string name, Data value)
    {
        lock (_mutex)
        {
            CheckAlive(g, RefService, name);
            return SameRef(_refs.GetValueOrDefault((g, name)), value);
        }
    }

    private static bool SameRef(Data a, Data b)
    {
        var aNull = a.IsNull || a.TypeId == 0;
        var bNull = b.IsNull || b.TypeId == 0;
        return aNull || bNull ? aNull && bNull : a.Equals(b);
    }

    public void Destroy(RaftGroupId g, string service, string name)
    {
        lock (_mutex)
        {
            CheckGroup(g);
            switch (service)
            {
                case LongService: _longs.Remove((g, name)); break;
                case RefService: _refs.Remove((g, name)); break;
                case LockService: _locks.Remove((g, name)); break;
                case SemaphoreService: _semaphores.Remove((g, name)); break;
                case LatchService: _latches.Remove((g, name)); break;
                default: throw Illegal($"Unknown CP service '{service}'.");
            }
            _destroyed.Add((g, service, name));
        }
    }

    // ------------------------------------------------------------------ FencedLock

    /// <summary>A pending wait on a CP primitive, completed under the service lock.</summary>
    private sealed class Waiter<T>(long sessionId, long threadId, Guid uid, long deadline)
    {
        public long SessionId { get; } = sessionId;
        public long ThreadId { get; } = threadId;
        public Guid Uid { get; } = uid;
        public long Deadline { get; } = deadline;
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class FencedLockState
    {
        public long OwnerSession = -1;
        public long OwnerThread = -1;
        public int Count;
        public long Fence;
        public readonly List<Waiter<long>> Waiters = [];
        // The last completed call per endpoint (session, thread): a retried uid gets the same answer.
        public readonly Dictionary<(long, long), (Guid Uid, object Result)> Done = [];

        public void OnSessionEnded(long sessionId, CPService service)
        {
            foreach (var w in Waiters.Where(w => w.SessionId == sessionId).ToList())
            {
                Waiters.Remove(w);
                w.Completion.TrySetException(SessionExpired(sessionId));
            }
            if (OwnerSession == sessionId)
            {
                OwnerSession = OwnerThread = -1;
                Count = 0;
                service.GrantNext(this);
            }
        }
    }

    private FencedLockState LockOf(RaftGroupId g, string name)
    {
        if (!_locks.TryGetValue((g, name), out var l)) _locks[(g, name)] = l = new FencedLockState();
        return l;
    }

    /// <summary>Locks (timeoutMs &lt; 0: wait forever, 0: no wait); returns the fence, or 0 when not acquired in time.</summary>
    public Task<long> LockAsync(RaftGroupId g, string name, long sessionId, long threadId, Guid uid, long timeoutMs)
    {
        lock (_mutex)
        {
            CheckAlive(g, LockService, name);
            Live(g, sessionId);
            var l = LockOf(g, name);
            if (l.Done.TryGetValue((sessionId, threadId), out var done) && done.Uid == uid) return Task.FromResult((long)done.Result);
            var waiting = l.Waiters.FirstOrDefault(w => w.SessionId == sessionId && w.ThreadId == threadId);
            if (waiting is not null)
            {
                if (waiting.Uid == uid) return waiting.Completion.Task; // a retry of the call that waits
                l.Waiters.Remove(waiting);
                waiting.Completion.TrySetException(new RemoteErrorException(RemoteError.WaitKeyCancelled, "A newer lock call of the same endpoint replaced this wait."));
            }
            if (l.OwnerSession == -1 || (l.OwnerSession == sessionId && l.OwnerThread == threadId))
            {
                if (l.OwnerSession == -1)
                {
                    l.OwnerSession = sessionId;
                    l.OwnerThread = threadId;
                    l.Fence = ++_fence;
                }
                l.Count++;
                l.Done[(sessionId, threadId)] = (uid, l.Fence);
                return Task.FromResult(l.Fence);
            }
            if (timeoutMs == 0)
            {
                l.Done[(sessionId, threadId)] = (uid, 0L);
                return Task.FromResult(0L);
            }
            var waiter = new Waiter<long>(sessionId, threadId, uid, timeoutMs < 0 ? long.MaxValue : Now + timeoutMs);
            l.Waiters.Add(waiter);
            if (timeoutMs > 0) _ = ExpireWaitAsync(waiter, timeoutMs, () => { lock (_mutex) { if (l.Waiters.Remove(waiter)) { l.Done[(sessionId, threadId)] = (uid, 0L); waiter.Completion.TrySetResult(0L); } } });
            return waiter.Completion.Task;
        }
    }

    private async Task ExpireWaitAsync<T>(Waiter<T> waiter, long timeoutMs, Action expire)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(timeoutMs), _cluster.Time).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }
        if (!waiter.Completion.Task.IsCompleted) expire();
    }

    private void GrantNext(FencedLockState l)
    {
        while (l.OwnerSession == -1 && l.Waiters.Count > 0)
        {
            var w = l.Waiters[0];
            l.Waiters.RemoveAt(0);
            if (!_sessions.ContainsKey(w.SessionId))
            {
                w.Completion.TrySetException(SessionExpired(w.SessionId));
                continue;
            }
            l.OwnerSession = w.SessionId;
            l.OwnerThread = w.ThreadId;
            l.Count = 1;
            l.Fence = ++_fence;
            l.Done[(w.SessionId, w.ThreadId)] = (w.Uid, l.Fence);
            w.Completion.TrySetResult(l.Fence);
        }
    }

    /// <summary>Releases one hold; returns whether the caller still holds the lock.</summary>
    public bool Unlock(RaftGroupId g, string name, long sessionId, long threadId, Guid uid)
    {
        lock (_mutex)
        {
            CheckAlive(g, LockService, name);
            Live(g, sessionId);
            var l = LockOf(g, name);
            if (l.Done.TryGetValue((sessionId, threadId), out var done) && done.Uid == uid) return (bool)done.Result;
            if (l.OwnerSession != sessionId || l.OwnerThread != threadId)
                throw new RemoteErrorException(RemoteError.IllegalMonitorState, $"Current thread is not owner of the lock! (session {sessionId}, thread {threadId})");
            var stillHeld = --l.Count > 0;
            if (!stillHeld)
            {
                l.OwnerSession = l.OwnerThread = -1;
                GrantNext(l);
            }
            l.Done[(sessionId, threadId)] = (uid, stillHeld);
            return stillHeld;
        }
    }

    public (long Fence, int Count, long Session, long Thread) Ownership(RaftGroupId g, string name)
    {
        lock (_mutex)
        {
            CheckAlive(g, LockService, name);
            var l = LockOf(g, name);
            return l.OwnerSession == -1 ? (0, 0, -1, -1) : (l.Fence, l.Count, l.OwnerSession, l.OwnerThread);
        }
    }

    // ------------------------------------------------------------------ Semaphore

    private sealed class SemaphoreState
    {
        public bool Initialized;
        public int Available;
        public readonly Dictionary<long, int> HeldBySession = [];
        public readonly List<(Waiter<bool> Waiter, int Permits)> Waiters = [];
        public readonly Dictionary<(long, long), (Guid Uid, object Result)> Done = [];

        public void OnSessionEnded(long sessionId, CPService service)
        {
            foreach (var w in Waiters.Where(w => w.Waiter.SessionId == sessionId).ToList())
            {
                Waiters.Remove(w);
                w.Waiter.Completion.TrySetException(SessionExpired(sessionId));
            }
            if (HeldBySession.Remove(sessionId, out var held))
            {
                Available += held;
                service.GrantWaiters(this);
            }
        }
    }

    public bool IsJdkCompatible(string proxyName) => _cluster.Options.JdkCompatibleSemaphores.Contains(ParseName(proxyName).Object);

    private SemaphoreState SemaphoreOf(RaftGroupId g, string name)
    {
        if (!_semaphores.TryGetValue((g, name), out var s)) _semaphores[(g, name)] = s = new SemaphoreState();
        return s;
    }

    public bool InitSemaphore(RaftGroupId g, string name, int permits)
    {
        if (permits < 0) throw Illegal($"Permits cannot be negative: {permits}.");
        lock (_mutex)
        {
            CheckAlive(g, SemaphoreService, name);
            var s = SemaphoreOf(g, name);
            if (s.Initialized || s.Available != 0) return false;
            s.Initialized = true;
            s.Available = permits;
            GrantWaiters(s);
            return true;
        }
    }

    private bool Dedup(Dictionary<(long, long), (Guid Uid, object Result)> done, long sessionId, long threadId, Guid uid, out object? result)
    {
        result = null;
        if (sessionId == -1) return false; // sessionless calls are not deduplicated (PROTOCOL.md §5.6)
        if (done.TryGetValue((sessionId, threadId), out var d) && d.Uid == uid)
        {
            result = d.Result;
            return true;
        }
        return false;
    }

    private void Remember(Dictionary<(long, long), (Guid Uid, object Result)> done, long sessionId, long threadId, Guid uid, object result)
    {
        if (sessionId != -1) done[(sessionId, threadId)] = (uid, result);
    }

    public Task<bool> AcquireAsync(RaftGroupId g, string name, long sessionId, long threadId, Guid uid, int permits, long timeoutMs)
    {
        if (permits <= 0) throw Illegal($"Permits must be positive: {permits}.");
        lock (_mutex)
        {
            if (sessionId != -1) Live(g, sessionId);
            else CheckAlive(g, SemaphoreService, name);
            var s = SemaphoreOf(g, name);
            if (Dedup(s.Done, sessionId, threadId, uid, out var r)) return Task.FromResult((bool)r!);
            if (s.Available >= permits)
            {
                Take(s, sessionId, permits);
                Remember(s.Done, sessionId, threadId, uid, true);
                return Task.FromResult(true);
            }
            if (timeoutMs == 0)
            {
                Remember(s.Done, sessionId, threadId, uid, false);
                return Task.FromResult(false);
            }
            var waiter = new Waiter<bool>(sessionId, threadId, uid, timeoutMs < 0 ? long.MaxValue : Now + timeoutMs);
            s.Waiters.Add((waiter, permits));
            if (timeoutMs > 0) _ = ExpireWaitAsync(waiter, timeoutMs, () =>
            {
                lock (_mutex)
                {
                    if (s.Waiters.RemoveAll(w => w.Waiter == waiter) > 0)
                    {
                        Remember(s.Done, sessionId, threadId, uid, false);
                        waiter.Completion.TrySetResult(false);
                    }
                }
            });
            return waiter.Completion.Task;
        }
    }

    private static void Take(SemaphoreState s, long sessionId, int permits)
    {
        s.Available -= permits;
        if (sessionId != -1) s.HeldBySession[sessionId] = s.HeldBySession.GetValueOrDefault(sessionId) + permits;
    }

    // As Java's assignPermitsToWaitKeys: every waiter whose request fits is served, in arrival order.
    private void GrantWaiters(SemaphoreState s)
    {
        foreach (var (w, permits) in s.Waiters.ToList())
        {
            if (s.Available < permits) continue;
            s.Waiters.RemoveAll(x => x.Waiter == w);
            Take(s, w.SessionId, permits);
            Remember(s.Done, w.SessionId, w.ThreadId, w.Uid, true);
            w.Completion.TrySetResult(true);
        }
    }

    public void Release(RaftGroupId g, string name, long sessionId, long threadId, Guid uid, int permits)
    {
        if (permits <= 0) throw Illegal($"Permits must be positive: {permits}.");
        lock (_mutex)
        {
            if (sessionId != -1) Live(g, sessionId);
            else CheckAlive(g, SemaphoreService, name);
            var s = SemaphoreOf(g, name);
            if (Dedup(s.Done, sessionId, threadId, uid, out _)) return;
            if (sessionId != -1)
            {
                var held = s.HeldBySession.GetValueOrDefault(sessionId);
                if (held < permits)
                    throw new RemoteErrorException(RemoteError.IllegalState, $"Could not release {permits} permits of '{name}' because the caller has acquired less than {permits} permits ({held}).");
                if (held == permits) s.HeldBySession.Remove(sessionId);
                else s.HeldBySession[sessionId] = held - permits;
            }
            s.Available += permits;
            Remember(s.Done, sessionId, threadId, uid, true);
            GrantWaiters(s);
        }
    }

    public int Drain(RaftGroupId g, string name, long sessionId, long threadId, Guid uid)
    {
        lock (_mutex)
        {
            if (sessionId != -1) Live(g, sessionId);
            else CheckAlive(g, SemaphoreService, name);
            var s = SemaphoreOf(g, name);
            if (Dedup(s.Done, sessionId, threadId, uid, out var r)) return (int)r!;
            var drained = s.Available;
            if (drained > 0) Take(s, sessionId, drained);
            else s.Available = 0;
            Remember(s.Done, sessionId, threadId, uid, drained);
            return drained;
        }
    }

    public void Change(RaftGroupId g, string name, long sessionId, long threadId, Guid uid, int permits)
    {
        lock (_mutex)
        {
            if (sessionId != -1) Live(g, sessionId);
            else CheckAlive(g, SemaphoreService, name);
            var s = SemaphoreOf(g, name);
            if (Dedup(s.Done, sessionId, threadId, uid, out _)) return;
            s.Initialized = true;
            s.Available += permits;
            Remember(s.Done, sessionId, threadId, uid, true);
            GrantWaiters(s);
        }
    }

    public int AvailablePermits(RaftGroupId g, string name)
    {
        lock (_mutex)
        {
            CheckAlive(g, SemaphoreService, name);
            return SemaphoreOf(g, name).Available;
        }
    }

    // ------------------------------------------------------------------ CountDownLatch

    private sealed class LatchState
    {
        public int Round;
        public int CountDownFrom;
        public readonly HashSet<Guid> Uids = [];
        public readonly List<Waiter<bool>> Waiters = [];

        public int Remaining => Math.Max(0, CountDownFrom - Uids.Count);
    }

    private LatchState LatchOf(RaftGroupId g, string name)
    {
        if (!_latches.TryGetValue((g, name), out var l)) _latches[(g, name)] = l = new LatchState();
        return l;
    }

    public bool TrySetCount(RaftGroupId g, string name, int count)
    {
        if (count <= 0) throw Illegal($"The count must be positive: {count}.");
        lock (_mutex)
        {
            CheckAlive(g, LatchService, name);
            var l = LatchOf(g, name);
            if (l.Remaining > 0) return false;
            l.CountDownFrom = count;
            l.Round++;
            l.Uids.Clear();
            return true;
        }
    }

    public void CountDown(RaftGroupId g, string name, Guid uid, int expectedRound)
    {
        lock (_mutex)
        {
            CheckAlive(g, LatchService, name);
            var l = LatchOf(g, name);
            if (expectedRound > l.Round) throw new RemoteErrorException(RemoteError.IllegalState, $"Round {expectedRound} has not started (current round {l.Round}).");
            if (expectedRound < l.Round || l.Remaining == 0) return;
            l.Uids.Add(uid);
            if (l.Remaining > 0) return;
            foreach (var w in l.Waiters) w.Completion.TrySetResult(true);
            l.Waiters.Clear();
        }
    }

    public Task<bool> AwaitAsync(RaftGroupId g, string name, Guid uid, long timeoutMs)
    {
        lock (_mutex)
        {
            CheckAlive(g, LatchService, name);
            var l = LatchOf(g, name);
            if (l.Remaining == 0) return Task.FromResult(true);
            if (timeoutMs <= 0) return Task.FromResult(false);
            var existing = l.Waiters.FirstOrDefault(w => w.Uid == uid);
            if (existing is not null) return existing.Completion.Task;
            var waiter = new Waiter<bool>(-1, -1, uid, Now + timeoutMs);
            l.Waiters.Add(waiter);
            _ = ExpireWaitAsync(waiter, timeoutMs, () =>
            {
                lock (_mutex)
                {
                    if (l.Waiters.Remove(waiter)) waiter.Completion.TrySetResult(false);
                }
            });
            return waiter.Completion.Task;
        }
    }

    public int GetCount(RaftGroupId g, string name)
    {
        lock (_mutex)
        {
            CheckAlive(g, LatchService, name);
            return LatchOf(g, name).Remaining;
        }
    }

    public int GetRound(RaftGroupId g, string name)
    {
        lock (_mutex)
        {
            CheckAlive(g, LatchService, name);
            return LatchOf(g, name).Round;
        }
    }

    private static RemoteErrorException Illegal(string message) => new(RemoteError.IllegalArgument, message);

    private static RemoteErrorException SessionExpired(long sessionId)
        => new(RemoteError.SessionExpired, $"The CP session {sessionId} expired.");

    public void Dispose() => _expiry.Dispose();
}
