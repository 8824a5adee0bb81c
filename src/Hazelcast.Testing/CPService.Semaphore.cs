using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

// The CP ISemaphore: session-aware or JDK-compatible (sessionless) permits, with idempotent calls.
internal sealed partial class CPService
{
    private readonly Dictionary<(RaftGroupId, string), SemaphoreState> _semaphores = [];

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
}
