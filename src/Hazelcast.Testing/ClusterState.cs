using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>What the members of an in-process cluster share: membership, the partition table, distributed objects and map data.</summary>
internal sealed class ClusterState : IDisposable
{
    private readonly List<HazelcastMember> _members = [];
    private readonly Dictionary<string, MapStore> _maps = new(StringComparer.Ordinal);
    private readonly HashSet<(string Service, string Name)> _objects = [];
    private readonly Dictionary<(string Service, string Name), object> _structures = [];
    private readonly List<(ClientSession Session, long CorrelationId, Guid Id, bool LocalOnly)> _objectListeners = [];
    private readonly List<(ClientSession Session, long CorrelationId, Guid Id, bool LocalOnly)> _partitionLostListeners = [];
    private readonly SerializationService _names = new(new SerializationOptions());
    private readonly List<(ClientSession Session, long CorrelationId)> _viewListeners = [];
    private readonly ITimer _expiryTimer;
    private Guid[] _owners;
    private Guid[][] _replicas;
    private volatile HashSet<Guid> _droppingBackups = [];
    private long _changesLostWithBackups;

    public ClusterState(HazelcastClusterOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
        _owners = new Guid[options.PartitionCount];
        _replicas = new Guid[options.PartitionCount][];
        _expiryTimer = Time.CreateTimer(_ => SweepExpired(), null, options.ExpirySweepInterval, options.ExpirySweepInterval);
        CP = new CPService(this);
        Crdt = new CrdtService(this);
        Query = new QueryEngine(options.PartitionCount, options.UserClasses.Factories);
        Sql = new Sql.SqlEngine(this);
        NearCache = new NearCacheInvalidator(this);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, ClientStatisticsReport> _statistics = new();

    /// <summary>A client sent its statistics: the last one of each client is kept, as a real member keeps it for Management Center.</summary>
    public void RecordStatistics(Guid client, ClientStatisticsReport report) => _statistics[client] = report;

    /// <summary>The last statistics of each client that sent some.</summary>
    public IReadOnlyDictionary<Guid, ClientStatisticsReport> ClientStatistics => _statistics;

    /// <summary>The maps' near-cache invalidations and their metadata.</summary>
    public NearCacheInvalidator NearCache { get; }

    /// <summary>Flake ID generators and PN counters, per member.</summary>
    public CrdtService Crdt { get; private set; }

    private int _joins;

    /// <summary>The next member's node id (Hazelcast's member-list join version): unique for the cluster's life.</summary>
    public int NextNodeId() => Interlocked.Increment(ref _joins);

    public CPService CP { get; private set; }

    public QueryEngine Query { get; }

    /// <summary>The cluster's SQL: its mappings, and the statements run over its maps.</summary>
    public Sql.SqlEngine Sql { get; }

    public object Mutex { get; } = new();

    public HazelcastClusterOptions Options { get; }

    public TimeProvider Time { get; }

    public Guid ClusterId { get; private set; } = Guid.NewGuid();

    public int MemberListVersion { get; private set; }

    public int PartitionListVersion { get; private set; }

    public long NowMillis => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A member joins; <paramref name="rebalance"/> false leaves the partitions where they are (they migrate later, <see cref="Rebalance"/>).</summary>
    public void AddMember(HazelcastMember member, bool rebalance)
    {
        List<int> moved = [];
        lock (Mutex)
        {
            _members.Add(member);
            MemberListVersion++;
            if (rebalance) moved = RebalanceCore();
        }
        SyncReplicas(moved);
    }

    /// <summary>Spreads the partitions over the current members (a migration completes).</summary>
    public void Rebalance()
    {
        if (StepMigrations)
        {
            int generation;
            lock (Mutex)
            {
                generation = ++_migrationGeneration;
                IsMigrating = true;
            }
            _ = Task.Run(() => MigrateAsync(generation));
            return;
        }
        List<int> moved;
        lock (Mutex) moved = RebalanceCore();
        SyncReplicas(moved);
    }

    /// <summary>Whether the owner of a partition drops the backups of its writes (lock-free: asked on every map write).</summary>
    public bool BackupsDropped(int partitionId)
    {
        var dropping = _droppingBackups;
        return dropping.Count > 0 && dropping.Contains(OwnerOf(partitionId));
    }

    /// <summary>
    /// A member starts or stops dropping its backups. When it stops, its backup replicas catch up at once, as a real
    /// member's replica sync does once it sees the gap in the partition's replica versions.
    /// </summary>
    public void SetDroppingBackups(Guid member, bool dropping)
    {
        lock (Mutex)
            if (!ChangeDroppingBackups(member, dropping)) return;
        if (!dropping) SyncReplicas(OwnedBy(member));
    }

    // Under the lock: a new set, so that BackupsDropped reads one without a lock. False when nothing changed.
    private bool ChangeDroppingBackups(Guid member, bool dropping)
    {
        var set = new HashSet<Guid>(_droppingBackups);
        if (!(dropping ? set.Add(member) : set.Remove(member))) return false;
        _droppingBackups = set;
        return true;
    }

    /// <summary>Map entries that went back to an older value, or away, because their owner died before their backups were made.</summary>
    public long ChangesLostWithBackups => Interlocked.Read(ref _changesLostWithBackups);

    private List<int> OwnedBy(Guid member)
    {
        var owners = _owners;
        return Enumerable.Range(0, owners.Length).Where(p => owners[p] == member).ToList();
    }

    private void SyncReplicas(List<int> partitions)
    {
        if (partitions.Count == 0) return;
        List<MapStore> maps;
        lock (Mutex) maps = _maps.Values.ToList();
        foreach (var map in maps) map.SyncReplicas(partitions);
    }

    /// <summary>
    /// Removes a member. Gracefully, its partitions migrate first and nothing is lost; abruptly, a partition whose
    /// primary and backup replicas were all on departed members loses its data.
    /// </summary>
    public void RemoveMember(HazelcastMember member, bool graceful)
    {
        List<int> lost = [];
        List<int> unreplicated = [];
        List<int> moved;
        List<MapStore> maps;
        List<object> structures;
        lock (Mutex)
        {
            if (!_members.Remove(member)) return;
            MemberListVersion++;
            Crdt.RemoveMember(member.Uuid);
            // A member that dropped its backups and dies: the replicas promoted in its place lack those writes.
            if (ChangeDroppingBackups(member.Uuid, dropping: false) && !graceful) unreplicated = OwnedBy(member.Uuid);
            if (!graceful)
            {
                var alive = _members.Select(m => m.Uuid).ToHashSet();
                for (var p = 0; p < _replicas.Length; p++)
                    if (_replicas[p] is { } replicas && !replicas.Any(alive.Contains)) lost.Add(p);
            }
            moved = StepMigrations && !graceful ? Promote() : RebalanceCore(); // leaving gracefully, its replicas moved first
            maps = _maps.Values.ToList();
            structures = _structures.Values.ToList();
        }
        foreach (var map in maps) Interlocked.Add(ref _changesLostWithBackups, map.PromoteBackups(unreplicated));
        SyncReplicas(moved); // the rest migrated with their data
        if (StepMigrations && !graceful) Rebalance(); // the backups lost with it are made again, in steps
        if (lost.Count > 0)
        {
            var set = lost.ToHashSet();
            foreach (var map in maps) map.DropPartitions(set);
            foreach (var structure in structures)
            {
                if (structure is CollectionStore c && set.Contains(c.PartitionId)) c.Drop();
                else if (structure is RingbufferStore r && set.Contains(r.PartitionId)) r.Drop();
                else if (structure is MultiMapStore m) m.DropPartitions(set);
            }
            PublishPartitionsLost(lost);
        }
    }

    /// <summary>A new cluster: new id, no data, no distributed objects (a full restart).</summary>
    public void Reset()
    {
        lock (Mutex)
        {
            ClusterId = Guid.NewGuid();
            foreach (var map in _maps.Values) map.Destroy();
            _maps.Clear();
            _objects.Clear();
            _structures.Clear();
            CP.Dispose();
            CP = new CPService(this);
            Crdt = new CrdtService(this);
            Query.Schemas.Clear();
        }
    }

    /// <summary>The members' ids, as a Client.SendSchema response lists the members that have a schema.</summary>
    public Guid[] MemberIds
    {
        get
        {
            lock (Mutex) return _members.Select(m => m.Uuid).ToArray();
        }
    }

    // Partitions are spread round-robin over the members, as evenly as a real cluster spreads them; replica i of
    // partition p lives on member (p + i) mod n, so that primary and backups are always on different members.
    private (Guid[] Owners, Guid[][] Replicas) Target()
    {
        var owners = new Guid[Options.PartitionCount];
        var replicas = new Guid[Options.PartitionCount][];
        var n = _members.Count;
        if (n > 0)
        {
            var count = Math.Min(Options.BackupCount + 1, n);
            for (var p = 0; p < owners.Length; p++)
            {
                owners[p] = _members[p % n].Uuid;
                replicas[p] = Enumerable.Range(0, count).Select(i => _members[(p + i) % n].Uuid).ToArray();
            }
        }
        return (owners, replicas);
    }

    // The whole table at once (under the lock). Returns the partitions whose owner changed: a migration copies the
    // owner's data, backups included.
    private List<int> RebalanceCore()
    {
        var (owners, replicas) = Target();
        IsMigrating = false; // the whole table is where it should be
        return Apply(owners, replicas);
    }

    private List<int> Apply(Guid[] owners, Guid[][] replicas)
    {
        var previous = _owners;
        _owners = owners;
        _replicas = replicas;
        PartitionListVersion++;
        _migrationGeneration++; // a migration under way is superseded by this table
        EndMigrationStep();
        var moved = Enumerable.Range(0, owners.Length).Where(p => previous[p] != owners[p]).ToList();
        NearCache.OwnersChanged(moved);
        return moved;
    }

    // ------------------------------------------------------------------ migrations in steps

    private int _migrationGeneration;
    private Task?[]? _migrating; // per partition, the migration step it is in (its requests wait for it)
    private TaskCompletionSource? _step;

    /// <summary>Whether partitions are still moving in steps (their backup replicas may not all exist yet).</summary>
    public bool IsMigrating
    {
        get => _isMigrating;
        private set => _isMigrating = value;
    }

    private volatile bool _isMigrating;

    private bool StepMigrations => Options.MigrationStep > TimeSpan.Zero;

    /// <summary>
    /// The migration a partition is in, if it is migrating now: a real member's invocation of an operation on a
    /// migrating partition meets <c>PartitionMigratingException</c> and retries until the migration ends, so the
    /// client sees the request take longer, not fail.
    /// </summary>
    public Task? MigrationOf(int partitionId)
        => _migrating is { } migrating && (uint)partitionId < (uint)migrating.Length ? migrating[partitionId] : null;

    private void EndMigrationStep()
    {
        _migrating = null;
        _step?.TrySetResult();
        _step = null;
    }

    // A member died: its primaries are promoted on their first live backup replica at once (the master does so
    // as soon as it removes the member); the rest of the table moves later, in steps.
    private List<int> Promote()
    {
        var alive = _members.Select(m => m.Uuid).ToHashSet();
        var owners = (Guid[])_owners.Clone();
        var replicas = (Guid[][])_replicas.Clone();
        var n = _members.Count;
        for (var p = 0; p < owners.Length; p++)
        {
            if (replicas[p] is null) continue;
            var live = replicas[p].Where(alive.Contains).ToArray();
            if (live.Length == 0 && n > 0) live = [_members[p % n].Uuid]; // every replica is gone: the data with them
            replicas[p] = live;
            owners[p] = live.Length > 0 ? live[0] : Guid.Empty;
        }
        return Apply(owners, replicas);
    }

    /// <summary>Moves the partitions toward the round-robin table, <see cref="HazelcastClusterOptions.ParallelMigrations"/> at a time.</summary>
    private async Task MigrateAsync(int generation)
    {
        while (true)
        {
            List<int> batch;
            Guid[] targetOwners;
            Guid[][] targetReplicas;
            lock (Mutex)
            {
                if (generation != _migrationGeneration) return;
                (targetOwners, targetReplicas) = Target();
                var (owners, replicas) = (_owners, _replicas);
                batch = Enumerable.Range(0, targetOwners.Length)
                    .Where(p => owners[p] != targetOwners[p] || replicas[p] is null || !replicas[p].SequenceEqual(targetReplicas[p]))
                    .Take(Options.ParallelMigrations).ToList();
                if (batch.Count == 0 || _members.Count == 0)
                {
                    IsMigrating = false;
                    return;
                }
                _step = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var migrating = new Task?[targetOwners.Length];
                foreach (var p in batch) migrating[p] = _step.Task;
                _migrating = migrating;
            }
            await Task.Delay(Options.MigrationStep, Time).ConfigureAwait(false);
            List<int> moved;
            lock (Mutex)
            {
                if (generation != _migrationGeneration) return; // superseded: what superseded it ended the step
                var owners = (Guid[])_owners.Clone();
                var replicas = (Guid[][])_replicas.Clone();
                foreach (var p in batch)
                {
                    owners[p] = targetOwners[p];
                    replicas[p] = targetReplicas[p];
                }
                moved = Apply(owners, replicas);
                generation = _migrationGeneration;
            }
            SyncReplicas(moved);
            PublishClusterView();
        }
    }

    /// <summary>The members that hold the backup replicas of a partition (the owner excluded).</summary>
    public HazelcastMember[] BackupsOf(int partitionId)
    {
        lock (Mutex)
        {
            if ((uint)partitionId >= (uint)_replicas.Length || _replicas[partitionId] is not { } replicas) return [];
            return replicas.Skip(1).Select(id => _members.First(m => m.Uuid == id)).ToArray();
        }
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
        List<object> structures;
        lock (Mutex)
        {
            maps = _maps.Values.ToList();
            structures = _structures.Values.ToList();
            _objectListeners.RemoveAll(l => l.Session == session);
            _partitionLostListeners.RemoveAll(l => l.Session == session);
        }
        foreach (var map in maps) map.OnSessionClosed(session);
        NearCache.RemoveSession(session);
        foreach (var structure in structures)
        {
            if (structure is CollectionStore c) c.OnSessionClosed(session);
            else if (structure is TopicStore t) t.OnSessionClosed(session);
            else if (structure is ReplicatedMapStore r) r.OnSessionClosed(session);
            else if (structure is MultiMapStore m) m.OnSessionClosed(session);
        }
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
        var (membersEvent, partitionsEvent) = MemberHandshake.ClusterViewEvents(correlationId, memberVersion, members, partitionVersion, partitions);
        session.Send(membersEvent);
        session.Send(partitionsEvent);
    }

    public void CreateObject(string service, string name)
    {
        lock (Mutex) AddObject(service, name);
    }

    /// <summary>Records an object (under the lock); a new one is announced to the distributed-object listeners.</summary>
    private void AddObject(string service, string name)
    {
        if (_objects.Add((service, name))) PublishObjectEvent(service, name, "CREATED");
    }

    public void DestroyObject(string service, string name)
    {
        lock (Mutex)
        {
            if (_objects.Remove((service, name))) PublishObjectEvent(service, name, "DESTROYED");
            if (service == MapStore.ServiceName && _maps.Remove(name, out var map))
            {
                map.Destroy();
                NearCache.Invalidate(name, default, NamePartition(name)); // near caches of the map empty themselves
            }
            Crdt.Destroy(service, name);
            if (_structures.Remove((service, name), out var structure))
            {
                if (structure is CollectionStore c) c.Destroy();
                else if (structure is RingbufferStore r) r.Destroy();
                else if (structure is MultiMapStore m) m.Destroy();
            }
        }
    }

    /// <summary>
    /// Announces an object event from one member (the owner of the name's partition): a local-only registration
    /// (smart routing) hears it there, so that each client hears it once.
    /// </summary>
    private void PublishObjectEvent(string service, string name, string eventType)
    {
        var source = OwnerOf(NamePartition(name));
        foreach (var (session, correlationId, _, localOnly) in _objectListeners)
        {
            if (localOnly && session.Member.Uuid != source) continue;
            var e = ClientAddDistributedObjectListenerCodec.EncodeDistributedObjectEvent(name, service, eventType, source);
            e.CorrelationId = correlationId;
            session.Send(e);
        }
    }

    public Guid AddObjectListener(ClientSession session, long correlationId, bool localOnly)
    {
        var id = Guid.NewGuid();
        lock (Mutex) _objectListeners.Add((session, correlationId, id, localOnly));
        return id;
    }

    public bool RemoveObjectListener(Guid id)
    {
        lock (Mutex) return _objectListeners.RemoveAll(l => l.Id == id) > 0;
    }

    public Guid AddPartitionLostListener(ClientSession session, long correlationId, bool localOnly)
    {
        var id = Guid.NewGuid();
        lock (Mutex) _partitionLostListeners.Add((session, correlationId, id, localOnly));
        return id;
    }

    public bool RemovePartitionLostListener(Guid id)
    {
        lock (Mutex) return _partitionLostListeners.RemoveAll(l => l.Id == id) > 0;
    }

    /// <summary>
    /// Partitions lost all their replicas (their owner and every backup died): each is announced, with the number
    /// of backups lost with it, from the oldest live member (a real cluster's master detects the loss); a local-only
    /// registration hears it from that member only, so a client hears each loss once.
    /// </summary>
    private void PublishPartitionsLost(IEnumerable<int> partitions)
    {
        List<(ClientSession Session, long CorrelationId, Guid Id, bool LocalOnly)> listeners;
        Guid source;
        lock (Mutex)
        {
            if (_partitionLostListeners.Count == 0 || _members.Count == 0) return;
            listeners = [.. _partitionLostListeners];
            source = _members[0].Uuid;
        }
        foreach (var partition in partitions)
            foreach (var (session, correlationId, _, localOnly) in listeners)
            {
                if (localOnly && session.Member.Uuid != source) continue;
                var e = ClientAddPartitionLostListenerCodec.EncodePartitionLostEvent(partition, Options.BackupCount, source);
                e.CorrelationId = correlationId;
                session.Send(e);
            }
    }

    /// <summary>
    /// The partition an object lives in: its name's, or what follows an <c>@</c> in it (Hazelcast's
    /// StringPartitioningStrategy), hashed as the serialized string, as clients route its requests.
    /// </summary>
    public int NamePartition(string name)
        => MurmurHash3.PartitionId(_names.ToData(name[(name.IndexOf('@', StringComparison.Ordinal) + 1)..]).PartitionHash, Options.PartitionCount);

    /// <summary>A queue, list or set, created on first use as on a real member.</summary>
    public CollectionStore Collection(CollectionStore.Kinds kind, string service, string name)
        => Structure(service, name, () => new CollectionStore(kind, service, name, NamePartition(name), kind == CollectionStore.Kinds.Queue ? Options.QueueMaxSizeOf(name) : int.MaxValue, this));

    public RingbufferStore Ringbuffer(string name)
        => Structure(ServiceNames.Ringbuffer, name, () => new RingbufferStore(name, NamePartition(name), Options.RingbufferOf(name), this));

    public MultiMapStore MultiMap(string name)
        => Structure(ServiceNames.MultiMap, name, () => new MultiMapStore(name, this));

    public ReplicatedMapStore ReplicatedMap(string name)
        => Structure(ServiceNames.ReplicatedMap, name, () => new ReplicatedMapStore(name, this));

    public TopicStore Topic(string name)
        => Structure(ServiceNames.Topic, name, () => new TopicStore(name, NamePartition(name), this));

    private T Structure<T>(string service, string name, Func<T> create) where T : class
    {
        lock (Mutex)
        {
            if (!_structures.TryGetValue((service, name), out var structure))
            {
                structure = create();
                _structures.Add((service, name), structure);
                AddObject(service, name);
            }
            return (T)structure;
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
                AddObject(MapStore.ServiceName, name);
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
        List<object> structures;
        lock (Mutex)
        {
            maps = _maps.Values.ToList();
            structures = _structures.Values.ToList();
        }
        foreach (var map in maps) map.SweepExpired();
        foreach (var structure in structures)
        {
            if (structure is MultiMapStore m) m.Locks.ReleaseExpiredLeases();
            else if (structure is ReplicatedMapStore r) r.SweepExpired();
        }
    }

    public void Dispose()
    {
        _expiryTimer.Dispose();
        NearCache.Dispose();
        CP.Dispose();
    }
}
