using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Testing;

/// <summary>What the members of an in-process cluster share: membership, the partition table, distributed objects and map data.</summary>
internal sealed class ClusterState : IDisposable
{
    private readonly List<HazelcastMember> _members = [];
    private readonly Dictionary<string, MapStore> _maps = new(StringComparer.Ordinal);
    private readonly HashSet<(string Service, string Name)> _objects = [];
    private readonly List<(ClientSession Session, long CorrelationId)> _viewListeners = [];
    private readonly ITimer _expiryTimer;
    private Guid[] _owners;

    public ClusterState(HazelcastClusterOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
        _owners = new Guid[options.PartitionCount];
        _expiryTimer = Time.CreateTimer(_ => SweepExpired(), null, options.ExpirySweepInterval, options.ExpirySweepInterval);
    }

    public object Mutex { get; } = new();

    public HazelcastClusterOptions Options { get; }

    public TimeProvider Time { get; }

    public Guid ClusterId { get; private set; } = Guid.NewGuid();

    public int MemberListVersion { get; private set; }

    public int PartitionListVersion { get; private set; }

    public long NowMillis => Time.GetUtcNow().ToUnixTimeMilliseconds();

    public void AddMember(HazelcastMember member)
    {
        lock (Mutex)
        {
            _members.Add(member);
            MemberListVersion++;
            Rebalance();
        }
    }

    public void RemoveMember(HazelcastMember member)
    {
        lock (Mutex)
        {
            if (!_members.Remove(member)) return;
            MemberListVersion++;
            Rebalance();
        }
    }

    // Partitions are spread round-robin over the members, as evenly as a real cluster spreads them.
    private void Rebalance()
    {
        var owners = new Guid[Options.PartitionCount];
        if (_members.Count > 0)
            for (var p = 0; p < owners.Length; p++) owners[p] = _members[p % _members.Count].Uuid;
        _owners = owners;
        PartitionListVersion++;
    }

    public Guid OwnerOf(int partitionId) => (uint)partitionId < (uint)_owners.Length ? _owners[partitionId] : Guid.Empty;

    public List<MemberInfo> MemberInfos()
    {
        lock (Mutex) return _members.Select(m => m.Info).ToList();
    }

    public List<KeyValuePair<Guid, int[]>> PartitionTable()
    {
        lock (Mutex)
        {
            var owners = _owners;
            return _members.Select(m => new KeyValuePair<Guid, int[]>(m.Uuid,
                Enumerable.Range(0, owners.Length).Where(p => owners[p] == m.Uuid).ToArray())).ToList();
        }
    }

    public void AddViewListener(ClientSession session, long correlationId)
    {
        lock (Mutex) _viewListeners.Add((session, correlationId));
        SendView(session, correlationId);
    }

    public void RemoveSession(ClientSession session)
    {
        lock (Mutex) _viewListeners.RemoveAll(l => l.Session == session);
        List<MapStore> maps;
        lock (Mutex) maps = _maps.Values.ToList();
        foreach (var map in maps) map.OnSessionClosed(session);
    }

    /// <summary>Pushes the current members and partitions views to every registered cluster-view listener.</summary>
    public void PublishClusterView()
    {
        List<(ClientSession Session, long CorrelationId)> listeners;
        lock (Mutex) listeners = _viewListeners.ToList();
        foreach (var (session, correlationId) in listeners) SendView(session, correlationId);
    }

    private void SendView(ClientSession session, long correlationId)
    {
        int memberVersion, partitionVersion;
        List<MemberInfo> members;
        List<KeyValuePair<Guid, int[]>> partitions;
        lock (Mutex)
        {
            memberVersion = MemberListVersion;
            partitionVersion = PartitionListVersion;
            members = MemberInfos();
            partitions = PartitionTable();
        }
        var membersEvent = ClientAddClusterViewListenerCodec.EncodeMembersViewEvent(memberVersion, members);
        membersEvent.CorrelationId = correlationId;
        session.Send(membersEvent);
        var partitionsEvent = ClientAddClusterViewListenerCodec.EncodePartitionsViewEvent(partitionVersion, partitions);
        partitionsEvent.CorrelationId = correlationId;
        session.Send(partitionsEvent);
    }

    public void CreateObject(string service, string name)
    {
        lock (Mutex) _objects.Add((service, name));
    }

    public void DestroyObject(string service, string name)
    {
        lock (Mutex)
        {
            _objects.Remove((service, name));
            if (service == MapStore.ServiceName && _maps.Remove(name, out var map)) map.Destroy();
        }
    }

    public List<DistributedObjectInfo> Objects()
    {
        lock (Mutex) return _objects.Select(o => new DistributedObjectInfo(o.Service, o.Name)).ToList();
    }

    public MapStore Map(string name)
    {
        lock (Mutex)
        {
            if (!_maps.TryGetValue(name, out var map))
            {
                map = new MapStore(name, this);
                _maps.Add(name, map);
                _objects.Add((MapStore.ServiceName, name));
            }
            return map;
        }
    }

    public HazelcastMember? MemberOf(Guid uuid)
    {
        lock (Mutex) return _members.FirstOrDefault(m => m.Uuid == uuid);
    }

    private void SweepExpired()
    {
        List<MapStore> maps;
        lock (Mutex) maps = _maps.Values.ToList();
        foreach (var map in maps) map.SweepExpired();
    }

    public void Dispose() => _expiryTimer.Dispose();
}
