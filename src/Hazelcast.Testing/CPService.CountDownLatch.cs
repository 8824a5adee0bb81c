using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

// The CP ICountDownLatch: rounds, count downs deduplicated by invocation uid, awaits with timeouts.
internal sealed partial class CPService
{
    private readonly Dictionary<(RaftGroupId, string), LatchState> _latches = [];

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
}
