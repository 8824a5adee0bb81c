using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

// The CP FencedLock: reentrant, session-bound, with monotonic fencing tokens and idempotent calls (invocation uids).
internal sealed partial class CPService
{
    private readonly Dictionary<(RaftGroupId, string), FencedLockState> _locks = [];

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
}
