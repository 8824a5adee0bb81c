using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.DistributedObjects;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>Who holds a map key lock: a client and its thread id (PROTOCOL.md §4, "Lock notes").</summary>
internal readonly record struct LockOwner(Guid Client, long ThreadId);

/// <summary>A registered entry listener; its events have the type id of the message that registered it (one layout for all, <see cref="EntryEventCodec"/>).</summary>
internal sealed record EntryListener(
    Guid Id,
    ClientSession Session,
    long CorrelationId,
    int Flags,
    bool IncludeValue,
    bool LocalOnly,
    Data Key,
    int EventMessageType,
    Hazelcast.Query.IPredicate? Predicate = null);

/// <summary>
/// One map's data, locks and listeners. Every operation runs under the map's lock, so the map is linearizable;
/// events are queued to the listeners' connections before the lock is released, so they arrive in order.
/// </summary>
internal sealed class MapStore
{
    public const string ServiceName = ServiceNames.Map;

    private readonly ClusterState _cluster;
    private readonly Dictionary<Data, Record> _records = [];
    private readonly Dictionary<Data, KeyLock> _locks = [];
    private readonly List<EntryListener> _listeners = [];
    private readonly object _mutex = new();

    public MapStore(string name, ClusterState cluster)
    {
        Name = name;
        _cluster = cluster;
    }

    public string Name { get; }

    private long Now => _cluster.NowMillis;

    private sealed class Record
    {
        public required Data Value;
        public long CreationTime;
        public long LastAccessTime;
        public long LastUpdateTime;
        public long Hits;
        public long Version;
        public long Ttl;
        public long MaxIdle;
        public long TtlExpiresAt = long.MaxValue;

        public long ExpirationTime
        {
            get
            {
                var idle = MaxIdle > 0 ? LastAccessTime + MaxIdle : long.MaxValue;
                return Math.Min(TtlExpiresAt, idle);
            }
        }
    }

    private sealed class KeyLock
    {
        public LockOwner Owner;
        public int Count;
        public long LeaseExpiresAt = long.MaxValue;
        public TaskCompletionSource Released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    // ------------------------------------------------------------------ reads

    public Data Get(Data key)
    {
        lock (_mutex)
        {
            var record = Live(key);
            if (record is null) return default;
            record.LastAccessTime = Now;
            record.Hits++;
            return record.Value;
        }
    }

    /// <summary>Whether the key has a live entry; like Java's containsKey it counts as an access (max idle restarts).</summary>
    public bool ContainsKey(Data key)
    {
        lock (_mutex)
        {
            var record = Live(key);
            if (record is null) return false;
            record.LastAccessTime = Now;
            record.Hits++;
            return true;
        }
    }

    public bool ContainsValue(Data value)
    {
        lock (_mutex) return LiveRecords().Any(r => r.Value.Value.Equals(value));
    }

    public int Size()
    {
        lock (_mutex) return LiveRecords().Count();
    }

    public List<Data> Keys()
    {
        lock (_mutex) return LiveRecords().Select(r => r.Key).ToList();
    }

    public List<Data> Values()
    {
        lock (_mutex) return LiveRecords().Select(r => r.Value.Value).ToList();
    }

    public List<KeyValuePair<Data, Data>> Entries()
    {
        lock (_mutex) return LiveRecords().Select(r => new KeyValuePair<Data, Data>(r.Key, r.Value.Value)).ToList();
    }

    /// <summary>An index on one attribute: its distinct values, and the keys of the entries that have each.</summary>
    private sealed class Index(IndexConfig config)
    {
        public IndexConfig Config { get; } = config;
        public string Attribute => Config.Attributes[0];
        public Dictionary<object, HashSet<Data>> Keys { get; } = [];
        public Dictionary<Data, List<object>> ValuesOf { get; } = [];
    }

    private readonly List<Index> _indexes = [];
    private long _indexedQueries;

    /// <summary>Queries that an index answered (for tests).</summary>
    public long IndexedQueries => Interlocked.Read(ref _indexedQueries);

    /// <summary>
    /// Adds an index. A single-attribute index narrows equality, IN and range queries on its attribute to the
    /// entries it lists, which are then checked against the whole predicate, so results equal a full scan.
    /// Composite indexes are accepted and recorded but queries scan.
    /// </summary>
    public void AddIndex(IndexConfig config)
    {
        if (config.Attributes.Count == 0) throw new ArgumentException("An index needs at least one attribute.");
        if (config.Type is < 0 or > 2) throw new ArgumentException($"Unknown index type {config.Type}.");
        lock (_mutex)
        {
            if (_indexes.Any(i => i.Config.Attributes.SequenceEqual(config.Attributes) && i.Config.Type == config.Type)) return;
            var index = new Index(config);
            _indexes.Add(index);
            foreach (var (key, record) in _records) Indexed(index, key, record.Value);
        }
    }

    public IReadOnlyList<IndexConfig> Indexes
    {
        get { lock (_mutex) return _indexes.Select(i => i.Config).ToList(); }
    }

    private void Indexed(Index index, Data key, Data value)
    {
        if (index.Config.Attributes.Count != 1) return;
        var values = _cluster.Query.AttributeValues(index.Attribute, key, value).Select(QueryEngine.IndexKey).ToList();
        index.ValuesOf[key] = values;
        foreach (var v in values)
        {
            if (!index.Keys.TryGetValue(v, out var keys)) index.Keys[v] = keys = [];
            keys.Add(key);
        }
    }

    private void Unindexed(Data key)
    {
        foreach (var index in _indexes)
        {
            if (!index.ValuesOf.Remove(key, out var values)) continue;
            foreach (var v in values)
                if (index.Keys.TryGetValue(v, out var keys) && keys.Remove(key) && keys.Count == 0) index.Keys.Remove(v);
        }
    }

    private void Reindex(Data key, Data value)
    {
        if (_indexes.Count == 0) return;
        Unindexed(key);
        foreach (var index in _indexes) Indexed(index, key, value);
    }

    /// <summary>The live entries that match <paramref name="predicate"/>; an index narrows the candidates when it can.</summary>
    public List<KeyValuePair<Data, Data>> Query(Hazelcast.Query.IPredicate? predicate)
    {
        lock (_mutex)
        {
            IEnumerable<KeyValuePair<Data, Record>>? candidates = null;
            foreach (var index in _indexes.Where(i => i.Config.Attributes.Count == 1))
            {
                if (QueryEngine.IndexFilter(predicate, index.Attribute) is not { } filter) continue;
                Interlocked.Increment(ref _indexedQueries);
                // Only the entries listed under the matching values are looked at (expired ones drop out on the way).
                candidates = index.Keys.Where(k => filter(k.Key)).SelectMany(k => k.Value).Distinct().ToList()
                    .Select(k => (Key: k, Record: Live(k))).Where(r => r.Record is not null)
                    .Select(r => new KeyValuePair<Data, Record>(r.Key, r.Record!)).ToList();
                break;
            }
            candidates ??= LiveRecords();
            return candidates.Where(r => _cluster.Query.Matches(predicate, r.Key, r.Value.Value))
                .Select(r => new KeyValuePair<Data, Data>(r.Key, r.Value.Value)).ToList();
        }
    }

    public List<KeyValuePair<Data, Data>> GetAll(IEnumerable<Data> keys)
    {
        lock (_mutex)
        {
            var result = new List<KeyValuePair<Data, Data>>();
            foreach (var key in keys)
            {
                var record = Live(key);
                if (record is null) continue;
                record.LastAccessTime = Now;
                record.Hits++;
                result.Add(new(key, record.Value));
            }
            return result;
        }
    }

    public SimpleEntryView? GetEntryView(Data key)
    {
        lock (_mutex)
        {
            var r = Live(key);
            if (r is null) return null;
            return new SimpleEntryView(r.Value.Length + key.Length, r.CreationTime, r.ExpirationTime, r.Hits, r.LastAccessTime,
                0, r.LastUpdateTime, r.Version, r.Ttl > 0 ? r.Ttl : long.MaxValue, r.MaxIdle > 0 ? r.MaxIdle : long.MaxValue, key, r.Value);
        }
    }

    // ------------------------------------------------------------------ writes

    /// <summary>Puts a value; returns the previous one. ttl/maxIdle: −1 map default (infinite here), 0 infinite, &gt;0 ms.</summary>
    public Data Put(Data key, Data value, long ttl, long maxIdle, int partitionId)
    {
        lock (_mutex)
        {
            var now = Now;
            var old = Live(key);
            var record = old ?? new Record { Value = value, CreationTime = now };
            var oldValue = old?.Value ?? default;
            record.Value = value;
            record.LastUpdateTime = now;
            record.LastAccessTime = now;
            record.Version = old is null ? 0 : old.Version + 1;
            SetExpiry(record, ttl, maxIdle, now);
            _records[key] = record;
            Reindex(key, value);
            Publish(old is null ? MapEventTypes.Added : MapEventTypes.Updated, key, value, oldValue, partitionId);
            return oldValue;
        }
    }

    public Data PutIfAbsent(Data key, Data value, long ttl, long maxIdle, int partitionId)
    {
        lock (_mutex)
        {
            var existing = Live(key);
            if (existing is not null) return existing.Value;
            Put(key, value, ttl, maxIdle, partitionId);
            return default;
        }
    }

    public Data Replace(Data key, Data value, int partitionId)
    {
        lock (_mutex)
        {
            var existing = Live(key);
            return existing is null ? default : Update(key, existing, value, partitionId);
        }
    }

    public bool ReplaceIfSame(Data key, Data expected, Data value, int partitionId)
    {
        lock (_mutex)
        {
            var existing = Live(key);
            if (existing is null || !existing.Value.Equals(expected)) return false;
            Update(key, existing, value, partitionId);
            return true;
        }
    }

    // A replace changes the value and keeps the entry's expiry, as Java's replace does.
    private Data Update(Data key, Record record, Data value, int partitionId)
    {
        var old = record.Value;
        var now = Now;
        record.Value = value;
        record.LastUpdateTime = now;
        record.LastAccessTime = now;
        record.Version++;
        Reindex(key, value);
        Publish(MapEventTypes.Updated, key, value, old, partitionId);
        return old;
    }

    public Data Remove(Data key, int partitionId)
    {
        lock (_mutex)
        {
            var existing = Live(key);
            if (existing is null) return default;
            _records.Remove(key);
            Unindexed(key);
            Publish(MapEventTypes.Removed, key, default, existing.Value, partitionId);
            return existing.Value;
        }
    }

    public bool RemoveIfSame(Data key, Data value, int partitionId)
    {
        lock (_mutex)
        {
            var existing = Live(key);
            if (existing is null || !existing.Value.Equals(value)) return false;
            Remove(key, partitionId);
            return true;
        }
    }

    public bool Evict(Data key, int partitionId)
    {
        lock (_mutex)
        {
            var existing = Live(key);
            if (existing is null) return false;
            _records.Remove(key);
            Unindexed(key);
            Publish(MapEventTypes.Evicted, key, default, existing.Value, partitionId);
            return true;
        }
    }

    public bool SetTtl(Data key, long ttl)
    {
        lock (_mutex)
        {
            var existing = Live(key);
            if (existing is null) return false;
            SetExpiry(existing, ttl, existing.MaxIdle > 0 ? existing.MaxIdle : 0, Now);
            return true;
        }
    }

    /// <summary>
    /// Clears (<paramref name="evict"/> false) or evicts every unlocked entry. As in Java, the member that ran the
    /// request publishes one map-wide event with the total count, when it removed anything.
    /// </summary>
    public void RemoveAll(bool evict, Guid sourceMember)
    {
        lock (_mutex)
        {
            var now = Now;
            var count = 0;
            foreach (var key in _records.Keys.ToList())
            {
                if (_locks.TryGetValue(key, out var l) && l.LeaseExpiresAt > now) continue;
                _records.Remove(key);
                Unindexed(key);
                count++;
            }
            if (count > 0) PublishMapWide(evict ? MapEventTypes.AllEvicted : MapEventTypes.Cleared, count, sourceMember);
        }
    }

    private static void SetExpiry(Record record, long ttl, long maxIdle, long now)
    {
        // -1 means "the map's default", which is infinite on this member; 0 means infinite.
        record.Ttl = ttl > 0 ? ttl : 0;
        record.TtlExpiresAt = ttl > 0 ? SafeAdd(now, ttl) : long.MaxValue;
        record.MaxIdle = maxIdle > 0 ? maxIdle : 0;
    }

    private static long SafeAdd(long a, long b) => b > long.MaxValue - a ? long.MaxValue : a + b;

    // ------------------------------------------------------------------ expiry

    private Record? Live(Data key)
    {
        if (!_records.TryGetValue(key, out var record)) return null;
        if (record.ExpirationTime > Now) return record;
        Expire(key, record);
        return null;
    }

    private IEnumerable<KeyValuePair<Data, Record>> LiveRecords()
    {
        var now = Now;
        foreach (var (key, record) in _records.Where(r => r.Value.ExpirationTime <= now).ToList()) Expire(key, record);
        return _records.ToList();
    }

    private void Expire(Data key, Record record)
    {
        _records.Remove(key);
        Unindexed(key);
        Publish(MapEventTypes.Expired, key, default, record.Value, PartitionOf(key));
    }

    public void SweepExpired()
    {
        lock (_mutex) _ = LiveRecords();
        ReleaseExpiredLeases();
    }

    private int PartitionOf(Data key) => MurmurHash3.PartitionId(key.PartitionHash, _cluster.Options.PartitionCount);

    // ------------------------------------------------------------------ locks

    /// <summary>Whether <paramref name="owner"/> may write <paramref name="key"/> (it is unlocked, or locked by the owner).</summary>
    private bool CanWrite(Data key, LockOwner owner, out Task released)
    {
        released = Task.CompletedTask;
        if (!_locks.TryGetValue(key, out var l)) return true;
        if (l.LeaseExpiresAt <= Now)
        {
            Release(key, l);
            return true;
        }
        if (l.Owner == owner) return true;
        released = l.Released.Task;
        return false;
    }

    /// <summary>
    /// Runs a write once the key is writable by the owner (unlocked, or locked by the owner), waiting up to
    /// <paramref name="timeoutMs"/> (negative: forever); the check and the write happen under one lock.
    /// </summary>
    public async Task<T> WriteAsync<T>(Data key, LockOwner owner, Func<T> write, T onTimeout, long timeoutMs, CancellationToken cancellationToken)
    {
        var deadline = timeoutMs < 0 ? long.MaxValue : SafeAdd(Now, timeoutMs);
        while (true)
        {
            Task released;
            lock (_mutex)
            {
                if (CanWrite(key, owner, out released)) return write();
            }
            if (!await WaitAsync(released, deadline, cancellationToken).ConfigureAwait(false)) return onTimeout;
        }
    }

    public async Task<bool> LockAsync(Data key, LockOwner owner, long leaseMs, long timeoutMs, CancellationToken cancellationToken)
    {
        var deadline = timeoutMs < 0 ? long.MaxValue : SafeAdd(Now, timeoutMs);
        while (true)
        {
            Task released;
            lock (_mutex)
            {
                if (CanWrite(key, owner, out released))
                {
                    if (!_locks.TryGetValue(key, out var l))
                    {
                        l = new KeyLock { Owner = owner };
                        _locks.Add(key, l);
                    }
                    l.Count++;
                    l.LeaseExpiresAt = leaseMs > 0 ? SafeAdd(Now, leaseMs) : long.MaxValue;
                    return true;
                }
            }
            if (!await WaitAsync(released, deadline, cancellationToken).ConfigureAwait(false)) return false;
        }
    }

    /// <summary>Releases one hold of the lock; throws <see cref="RemoteErrorException"/> (ILLEGAL_MONITOR_STATE) for a non-owner.</summary>
    public void Unlock(Data key, LockOwner owner)
    {
        lock (_mutex)
        {
            if (!_locks.TryGetValue(key, out var l) || l.LeaseExpiresAt <= Now)
            {
                if (l is not null) Release(key, l);
                throw new RemoteErrorException(RemoteError.IllegalMonitorState, $"Current thread is not owner of the lock! -> <not locked>");
            }
            if (l.Owner != owner)
                throw new RemoteErrorException(RemoteError.IllegalMonitorState, $"Current thread is not owner of the lock! -> Owner: {l.Owner.Client}, thread ID: {l.Owner.ThreadId}");
            if (--l.Count == 0) Release(key, l);
        }
    }

    public void ForceUnlock(Data key)
    {
        lock (_mutex)
        {
            if (_locks.TryGetValue(key, out var l)) Release(key, l);
        }
    }

    public bool IsLocked(Data key)
    {
        lock (_mutex)
        {
            if (!_locks.TryGetValue(key, out var l)) return false;
            if (l.LeaseExpiresAt > Now) return true;
            Release(key, l);
            return false;
        }
    }

    private void Release(Data key, KeyLock l)
    {
        _locks.Remove(key);
        l.Released.TrySetResult();
    }

    private void ReleaseExpiredLeases()
    {
        lock (_mutex)
        {
            var now = Now;
            foreach (var (key, l) in _locks.Where(l => l.Value.LeaseExpiresAt <= now).ToList()) Release(key, l);
        }
    }

    private async Task<bool> WaitAsync(Task released, long deadline, CancellationToken cancellationToken)
    {
        if (deadline == long.MaxValue)
        {
            await released.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        var remaining = deadline - Now;
        if (remaining <= 0) return false;
        try
        {
            // Lease expiry is noticed by the sweep timer or the next attempt; wake up at least every sweep interval.
            var wait = TimeSpan.FromMilliseconds(Math.Min(remaining, _cluster.Options.ExpirySweepInterval.TotalMilliseconds));
            await released.WaitAsync(wait, _cluster.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        return true;
    }

    /// <summary>A client that disconnects loses its locks and its listeners.</summary>
    public void OnSessionClosed(ClientSession session)
    {
        lock (_mutex)
        {
            _listeners.RemoveAll(l => l.Session == session);
            if (session.ClientUuid is not { } client) return;
            if (session.Member.Cluster.Members.SelectMany(m => m.Sessions).Any(s => s != session && s.ClientUuid == client)) return;
            foreach (var (key, l) in _locks.Where(l => l.Value.Owner.Client == client).ToList()) Release(key, l);
        }
    }

    /// <summary>Drops the data of partitions that lost every replica.</summary>
    public void DropPartitions(HashSet<int> partitions)
    {
        lock (_mutex)
        {
            foreach (var key in _records.Keys.Where(k => partitions.Contains(PartitionOf(k))).ToList())
            {
                _records.Remove(key);
                Unindexed(key);
            }
            foreach (var (key, l) in _locks.Where(l => partitions.Contains(PartitionOf(l.Key))).ToList()) Release(key, l);
        }
    }

    public void Destroy()
    {
        lock (_mutex)
        {
            _records.Clear();
            foreach (var index in _indexes)
            {
                index.Keys.Clear();
                index.ValuesOf.Clear();
            }
            foreach (var (key, l) in _locks.ToList()) Release(key, l);
        }
    }

    // ------------------------------------------------------------------ listeners

    public int ListenerCount
    {
        get
        {
            lock (_mutex) return _listeners.Count;
        }
    }

    public void AddListener(EntryListener listener)
    {
        lock (_mutex) _listeners.Add(listener);
    }

    public bool RemoveListener(Guid id)
    {
        lock (_mutex) return _listeners.RemoveAll(l => l.Id == id) > 0;
    }

    private void Publish(MapEventTypes eventType, Data key, Data value, Data oldValue, int partitionId)
    {
        if (_listeners.Count == 0) return;
        var owner = _cluster.OwnerOf(partitionId);
        foreach (var l in _listeners)
        {
            if ((l.Flags & (int)eventType) == 0) continue;
            if (!l.Key.IsNull && !l.Key.Equals(key)) continue;
            if (l.LocalOnly && l.Session.Member.Uuid != owner) continue;
            // A predicate listener sees the entries that match: the new value, or the old one for removals.
            if (l.Predicate is not null && !_cluster.Query.Matches(l.Predicate, key, value.IsNull ? oldValue : value)) continue;
            var message = EntryEventCodec.Encode(l.EventMessageType, key, l.IncludeValue ? value : default, l.IncludeValue ? oldValue : default, default, (int)eventType, owner, 1, partitionId);
            message.CorrelationId = l.CorrelationId;
            l.Session.Send(message);
        }
    }

    private void PublishMapWide(MapEventTypes eventType, int count, Guid owner)
    {
        foreach (var l in _listeners)
        {
            if ((l.Flags & (int)eventType) == 0 || !l.Key.IsNull) continue;
            if (l.LocalOnly && l.Session.Member.Uuid != owner) continue;
            var message = EntryEventCodec.Encode(l.EventMessageType, default, default, default, default, (int)eventType, owner, count, -1);
            message.CorrelationId = l.CorrelationId;
            l.Session.Send(message);
        }
    }
}
