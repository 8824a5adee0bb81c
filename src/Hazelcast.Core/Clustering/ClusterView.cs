using System.Collections.Immutable;
using Hazelcast.Networking;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Clustering;

/// <summary>
/// What the client knows of the cluster it is connected to: its id, its members and the owner of each partition, as
/// the members and partitions views announce them (newer versions replace older ones).
/// </summary>
internal sealed class ClusterView
{
    private readonly object _mutex = new();
    private ImmutableArray<ClusterMember> _members = [];
    private int _membersVersion = -1;
    private Guid[] _partitionOwners = [];
    private int _partitionsVersion = -1;
    private TaskCompletionSource _firstMembersView = NewSignal();

    public Guid? ClusterId { get; private set; }

    public int PartitionCount { get; private set; }

    public ImmutableArray<ClusterMember> Members => _members;

    /// <summary>Completes when a members view arrived since the last <see cref="AwaitNextMembersView"/>.</summary>
    public Task FirstMembersView => _firstMembersView.Task;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The partition of a key's partition hash, or −1 before the partition count is known.</summary>
    public int PartitionIdOf(int partitionHash)
    {
        var count = PartitionCount;
        return count == 0 ? -1 : MurmurHash3.PartitionId(partitionHash, count);
    }

    /// <summary>The member that owns a partition, if the partitions view says.</summary>
    public Guid? OwnerOf(int partitionId)
    {
        var owners = _partitionOwners;
        return (uint)partitionId < (uint)owners.Length && owners[partitionId] != Guid.Empty ? owners[partitionId] : null;
    }

    /// <summary>
    /// Checks what a member announced at authentication against the view. When the member belongs to another cluster,
    /// the view is reset and true is returned if <paramref name="mayChangeCluster"/> (no connection is left to the old
    /// one); otherwise an exception names the mismatch.
    /// </summary>
    public bool Join(Guid clusterId, int partitionCount, string address, bool mayChangeCluster)
    {
        lock (_mutex)
        {
            // The partition count is the client's for good, across cluster restarts too (as the official clients
            // check it): keys are routed by it.
            if (PartitionCount != 0 && PartitionCount != partitionCount)
                throw new HazelcastException($"The member at {address} has {partitionCount} partitions; the cluster had {PartitionCount}.");
            var changed = false;
            if (ClusterId is { } current && current != clusterId)
            {
                if (!mayChangeCluster) throw new HazelcastException($"The member at {address} belongs to cluster {clusterId}, not {current}.");
                _members = [];
                _partitionOwners = [];
                ResetVersions();
                changed = true;
            }
            ClusterId = clusterId;
            PartitionCount = partitionCount;
            return changed;
        }
    }

    /// <summary>The next views come from a new registration (another connection): their versions start again.</summary>
    public void ResetVersions()
    {
        lock (_mutex)
        {
            _membersVersion = -1;
            _partitionsVersion = -1;
        }
    }

    /// <summary>Reconnection: <see cref="FirstMembersView"/> waits for a new members view.</summary>
    public void AwaitNextMembersView()
    {
        lock (_mutex)
        {
            _firstMembersView = NewSignal();
            ResetVersions();
        }
    }

    /// <summary>Applies a members view; returns the members added and removed (none when the version is old).</summary>
    public (List<ClusterMember> Added, List<ClusterMember> Removed) ApplyMembers(int version, IReadOnlyList<MemberInfo> infos)
    {
        List<ClusterMember> added, removed;
        lock (_mutex)
        {
            if (_membersVersion >= 0 && version <= _membersVersion) return ([], []);
            var next = infos.Select(i => new ClusterMember(i.Uuid, new NetworkAddress(i.Address.Host, i.Address.Port), i.LiteMember,
                $"{i.Version.Major}.{i.Version.Minor}.{i.Version.Patch}")).ToImmutableArray();
            added = next.Where(m => !_members.Any(o => o.Id == m.Id)).ToList();
            removed = _members.Where(o => !next.Any(m => m.Id == o.Id)).ToList();
            _members = next;
            _membersVersion = version;
        }
        _firstMembersView.TrySetResult();
        return (added, removed);
    }

    /// <summary>Applies a partitions view (an empty or older one is ignored).</summary>
    public void ApplyPartitions(int version, IReadOnlyList<KeyValuePair<Guid, int[]>> partitions)
    {
        lock (_mutex)
        {
            if (partitions.Count == 0 || (_partitionsVersion >= 0 && version <= _partitionsVersion)) return;
            var owners = new Guid[PartitionCount];
            foreach (var (member, ids) in partitions)
                foreach (var id in ids)
                    if ((uint)id < (uint)owners.Length) owners[id] = member;
            _partitionOwners = owners;
            _partitionsVersion = version;
        }
    }
}
