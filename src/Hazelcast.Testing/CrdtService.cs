using Hazelcast.Protocol;

namespace Hazelcast.Testing;

/// <summary>
/// Flake ID generators and PN counters, per member as Hazelcast keeps them: a generator's state and a counter's
/// replica live on each member. A counter replica is a CRDT (per replica id, the increments and the decrements it
/// made, and a vector clock); a write on one replica is merged into the others at once (a real cluster replicates
/// every second), a member that joins starts from the merge of the live replicas, and a member that leaves takes its
/// replica with it.
/// </summary>
internal sealed class CrdtService(ClusterState cluster)
{
    // Hazelcast's FlakeIdGenerator layout: 41 bits of milliseconds since 2018-01-01, 6 of sequence, 16 of node id.
    private const long EpochStart = 1514764800000L;
    private const int BitsSequence = 6;
    private const int BitsNodeId = 16;
    private const long AllowedFutureMillis = 15_000;

    private readonly object _mutex = new();
    private readonly Dictionary<(Guid Member, string Name), long> _generated = [];
    private readonly Dictionary<(Guid Member, string Name), Replica> _replicas = [];

    private sealed class Replica
    {
        public Dictionary<Guid, (long Increments, long Decrements)> State { get; } = [];
        public Dictionary<Guid, long> Clock { get; } = [];

        public long Value => State.Values.Sum(s => s.Increments - s.Decrements);

        public void Merge(Replica other)
        {
            foreach (var (id, (p, n)) in other.State)
                State[id] = State.TryGetValue(id, out var mine) ? (Math.Max(mine.Increments, p), Math.Max(mine.Decrements, n)) : (p, n);
            foreach (var (id, t) in other.Clock)
                Clock[id] = Clock.TryGetValue(id, out var mine) ? Math.Max(mine, t) : t;
        }
    }

    /// <summary>
    /// A batch of ids from a member's generator: the first id, the increment between ids, and how long the member waits
    /// before answering when the batch runs ahead of its clock by more than 15 s (as a real member does).
    /// </summary>
    public (long Base, long Increment, TimeSpan Wait) NewIdBatch(HazelcastMember member, string name, int batchSize)
    {
        if (batchSize <= 0) throw new RemoteErrorException(RemoteError.IllegalArgument, $"batchSize must be positive, not {batchSize}.");
        lock (_mutex)
        {
            var now = cluster.NowMillis - EpochStart;
            var last = _generated.TryGetValue((member.Uuid, name), out var g) ? g : long.MinValue;
            var first = Math.Max(now << BitsSequence, last == long.MinValue ? long.MinValue : last + 1);
            _generated[(member.Uuid, name)] = first + batchSize - 1;
            var ahead = ((first + batchSize - 1) >> BitsSequence) - now - AllowedFutureMillis;
            return ((first << BitsNodeId) | (uint)member.NodeId, 1L << BitsNodeId, ahead > 0 ? TimeSpan.FromMilliseconds(ahead) : TimeSpan.Zero);
        }
    }

    /// <summary>
    /// A get or an add on the replica the request names (the serving member forwards to it): refused when that is not
    /// a member, and when the replica has not seen what the client saw (its clock is behind the client's somewhere).
    /// </summary>
    public (long Value, List<KeyValuePair<Guid, long>> Clock, int Replicas) Counter(HazelcastMember member, string name, Guid target,
        IReadOnlyList<KeyValuePair<Guid, long>> observed, long delta, bool add, bool getBeforeUpdate)
    {
        // The members first, outside this service's lock: ClusterState takes its own lock, and calls into this service under it.
        var live = cluster.MemberIds;
        if (!live.Contains(target))
            throw new RemoteErrorException(RemoteError.TargetNotMember, $"The request for the PN counter '{name}' names replica {target}, which is not a member.");
        lock (_mutex)
        {
            // A member forwards an operation for another replica to it, as a real member does: here, it serves that replica.
            var replica = ReplicaOf(target, name, live);
            foreach (var (id, seen) in observed)
                if (!replica.Clock.TryGetValue(id, out var known) || known < seen)
                    throw new RemoteErrorException(RemoteError.ConsistencyLost, $"This replica of the PN counter '{name}' cannot provide the session guarantees: its state is older than what the client has seen (replica {id}: {seen} seen, {(replica.Clock.TryGetValue(id, out var k) ? k : 0)} here).");
            var before = replica.Value;
            if (add && delta != 0)
            {
                var (p, n) = replica.State.TryGetValue(target, out var s) ? s : (0, 0);
                replica.State[target] = delta > 0 ? (p + delta, n) : (p, n - delta);
                replica.Clock[target] = (replica.Clock.TryGetValue(target, out var t) ? t : 0) + 1;
                foreach (var other in live.Where(id => id != target))
                {
                    if (!_replicas.TryGetValue((other, name), out var r)) _replicas[(other, name)] = r = new Replica();
                    r.Merge(replica);
                }
            }
            var value = add && getBeforeUpdate ? before : replica.Value;
            return (value, replica.Clock.ToList(), live.Length);
        }
    }

    /// <summary>A member's replica of a counter; a new one starts from the merge of the live members' (replication on join).</summary>
    private Replica ReplicaOf(Guid member, string name, Guid[] live)
    {
        if (_replicas.TryGetValue((member, name), out var replica)) return replica;
        replica = new Replica();
        foreach (var ((m, n), r) in _replicas)
            if (n == name && live.Contains(m)) replica.Merge(r);
        _replicas[(member, name)] = replica;
        return replica;
    }

    /// <summary>A member left: its generators' state and its counter replicas go with it.</summary>
    public void RemoveMember(Guid member)
    {
        lock (_mutex)
        {
            foreach (var key in _replicas.Keys.Where(k => k.Member == member).ToList()) _replicas.Remove(key);
            foreach (var key in _generated.Keys.Where(k => k.Member == member).ToList()) _generated.Remove(key);
        }
    }

    public void Destroy(string service, string name)
    {
        lock (_mutex)
        {
            if (service == ServiceNames.PNCounter)
                foreach (var key in _replicas.Keys.Where(k => k.Name == name).ToList()) _replicas.Remove(key);
        }
    }
}
