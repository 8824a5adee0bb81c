using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>
/// The CP Subsystem of the in-process cluster: CP groups, sessions (which expire when heartbeats stop), thread
/// ids, and the five primitives with their semantics and error codes (PROTOCOL.md §5). Everything runs under one
/// lock in one process, so the primitives are linearizable by construction; no Raft log is kept.
/// </summary>
internal sealed partial class CPService : IDisposable
{
    public const string DefaultGroup = "default";

    private readonly object _mutex = new();
    private readonly ClusterState _cluster;
    // Group names are case-sensitive, but for "default" (PROTOCOL.md §5.1; Java's RaftService keeps names as given).
    private readonly Dictionary<string, RaftGroupId> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Session> _sessions = [];
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

    private const string LongService = ServiceNames.AtomicLong;
    private const string RefService = ServiceNames.AtomicRef;
    private const string LockService = ServiceNames.FencedLock;
    private const string SemaphoreService = ServiceNames.Semaphore;
    private const string LatchService = ServiceNames.CountDownLatch;

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

    // ------------------------------------------------------------------ waits

    /// <summary>A pending wait on a CP primitive, completed under the service lock.</summary>
    private sealed class Waiter<T>(long sessionId, long threadId, Guid uid, long deadline)
    {
        public long SessionId { get; } = sessionId;
        public long ThreadId { get; } = threadId;
        public Guid Uid { get; } = uid;
        public long Deadline { get; } = deadline;
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

    private static RemoteErrorException Illegal(string message) => new(RemoteError.IllegalArgument, message);

    private static RemoteErrorException SessionExpired(long sessionId)
        => new(RemoteError.SessionExpired, $"The CP session {sessionId} expired.");

    public void Dispose() => _expiry.Dispose();
}
