using System.Collections.Concurrent;
using Hazelcast.Clustering;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.CP;

/// <summary>
/// CP sessions, one per CP group, created on first use, heartbeated while the client lives, closed on shutdown.
/// Session-aware primitives (FencedLock, session-aware Semaphore) count their uses of a session.
/// </summary>
internal sealed class CPSessionManager : IAsyncDisposable
{
    private readonly Cluster _cluster;
    private readonly ConcurrentDictionary<RaftGroupId, Lazy<Task<SessionState>>> _sessions = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _heartbeat;

    public CPSessionManager(Cluster cluster) => _cluster = cluster;

    internal sealed class SessionState(long id, long ttlMillis, long heartbeatMillis)
    {
        public long Id { get; } = id;
        public long TtlMillis { get; } = ttlMillis;
        public long HeartbeatMillis { get; } = heartbeatMillis;
        public int Acquired;
    }

    /// <summary>The group's session (created if needed), counted <paramref name="count"/> more times as in use.</summary>
    public async Task<long> AcquireAsync(RaftGroupId group, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lazy = _sessions.GetOrAdd(group, g => new Lazy<Task<SessionState>>(() => CreateAsync(g)));
            SessionState session;
            try
            {
                session = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _sessions.TryRemove(new KeyValuePair<RaftGroupId, Lazy<Task<SessionState>>>(group, lazy));
                throw;
            }
            if (!_sessions.TryGetValue(group, out var current) || current != lazy) continue; // invalidated meanwhile
            Interlocked.Add(ref session.Acquired, count);
            return session.Id;
        }
    }

    public void Release(RaftGroupId group, long sessionId, int count)
    {
        if (_sessions.TryGetValue(group, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && lazy.Value.Result.Id == sessionId)
            Interlocked.Add(ref lazy.Value.Result.Acquired, -count);
    }

    /// <summary>The group's current session id, or −1 when it has none.</summary>
    public long Current(RaftGroupId group)
        => _sessions.TryGetValue(group, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully ? lazy.Value.Result.Id : -1;

    /// <summary>Forgets a session the cluster reported as expired; the next use creates a new one.</summary>
    public void Invalidate(RaftGroupId group, long sessionId)
    {
        if (_sessions.TryGetValue(group, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && lazy.Value.Result.Id == sessionId)
            _sessions.TryRemove(new KeyValuePair<RaftGroupId, Lazy<Task<SessionState>>>(group, lazy));
    }

    private async Task<SessionState> CreateAsync(RaftGroupId group)
    {
        var response = await _cluster.Invoker.InvokeAsync(CPSessionCreateSessionCodec.EncodeRequest(group, _cluster.ClientName), _stop.Token).ConfigureAwait(false);
        var r = CPSessionCreateSessionCodec.DecodeResponse(response);
        _heartbeat ??= Task.Run(() => HeartbeatLoopAsync(TimeSpan.FromMilliseconds(Math.Max(50, r.HeartbeatMillis))));
        return new SessionState(r.SessionId, r.TtlMillis, r.HeartbeatMillis);
    }

    private async Task HeartbeatLoopAsync(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period, _cluster.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                foreach (var (group, lazy) in _sessions)
                {
                    if (!lazy.IsValueCreated || !lazy.Value.IsCompletedSuccessfully) continue;
                    var session = lazy.Value.Result;
                    try
                    {
                        await _cluster.Invoker.InvokeAsync(CPSessionHeartbeatSessionCodec.EncodeRequest(group, session.Id), _stop.Token).ConfigureAwait(false);
                    }
                    catch (RemoteException e) when (e.Error is RemoteError.SessionExpired or RemoteError.CPGroupDestroyed)
                    {
                        Invalidate(group, session.Id);
                    }
                    catch (HazelcastException)
                    {
                        // A heartbeat lost to a connection failure is retried at the next tick, well within the session TTL.
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Closes every session (their locks and permits are released by the cluster).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_heartbeat is not null) await _heartbeat.ConfigureAwait(false);
        foreach (var (group, lazy) in _sessions)
        {
            if (!lazy.IsValueCreated || !lazy.Value.IsCompletedSuccessfully) continue;
            try
            {
                // On the real clock, not the client's: a fake clock must not hold a shutdown.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _cluster.Invoker.InvokeAsync(CPSessionCloseSessionCodec.EncodeRequest(group, lazy.Value.Result.Id), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HazelcastException or OperationCanceledException)
            {
                // The session expires on its own after its TTL.
            }
        }
        _sessions.Clear();
    }
}
