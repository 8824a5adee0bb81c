using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.DistributedObjects;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>
/// One map's data, locks and listeners. Every operation runs under the map's lock, so the map is linearizable;
/// events are queued to the listeners' connections before the lock is released, so they arrive in order.
/// </summary>
internal sealed partial class MapStore
{
    public const string ServiceName = ServiceNames.Map;

    private readonly ClusterState _cluster;
    private readonly Dictionary<Data, Record> _records = [];
    private readonly object _mutex = new();

    public MapStore(string name, ClusterState cluster)
    {
        Name = name;
        _cluster = cluster;
        _perEntryStats = cluster.Options.HasPerEntryStats(name);
        Locks = new KeyLockTable(_mutex, cluster);
    }

    private readonly bool _perEntryStats;

    public string Name { get; }

    private long Now => _cluster.NowMillis;

    private sealed class Record
    {
        public Record Copy() => (Record)MemberwiseClone();

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

    /// <summary>The key's live value, without counting an access (what a transaction reads when it locks the key).</summary>
    public Data Peek(Data key)
    {
        lock (_mutex) return Live(key)?.Value ?? default;
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

    /// <summary>
    /// The entry's view, as a Hazelcast 5.x member builds it. Without per-entry statistics (the default,
    /// <see cref="HazelcastClusterOptions.PerEntryStatsMaps"/>) the record keeps no hits nor times: creation, last
    /// access, last update and last stored time and hits are -1 (Record's UNSET). With them, times have the second
    /// resolution of the member's records and the last stored time is 0 (there is no map store). Either way the
    /// expiry metadata is kept in whole seconds: TTL and max idle are rounded down to the second (at least 1 s), and the
    /// expiration time is truncated to the second (Long.MAX_VALUE when the entry never expires).
    /// </summary>
    public SimpleEntryView? GetEntryView(Data key)
    {
        lock (_mutex)
        {
            var r = Live(key);
            if (r is null) return null;
            const long unset = -1;
            var stats = _perEntryStats;
            var expiration = r.ExpirationTime == long.MaxValue ? long.MaxValue : ToSecond(r.ExpirationTime);
            return new SimpleEntryView(r.Value.Length + key.Length,
                stats ? ToSecond(r.CreationTime) : unset, expiration, stats ? r.Hits : unset, stats ? ToSecond(r.LastAccessTime) : unset,
                stats ? 0 : unset, stats ? ToSecond(r.LastUpdateTime) : unset, r.Version,
                r.Ttl > 0 ? WholeSeconds(r.Ttl) : long.MaxValue, r.MaxIdle > 0 ? WholeSeconds(r.MaxIdle) : long.MaxValue, key, r.Value);
        }
    }

    private static long ToSecond(long ms) => ms / 1000 * 1000;

    private static long WholeSeconds(long ms) => Math.Max(1, ms / 1000) * 1000;

    // ------------------------------------------------------------------ writes

    /// <summary>Puts a value; returns the previous one. ttl/maxIdle: −1 map default (infinite here), 0 infinite, &gt;0 ms.</summary>
    public Data Put(Data key, Data value, long ttl, long maxIdle, int partitionId)
    {
        lock (_mutex)
        {
            var now = Now;
            var old = Live(key);
            Changing(key, old);
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
        Changing(key, record);
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
            Changing(key, existing);
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
            Changing(key, existing);
            _records.Remove(key);
            Unindexed(key);
            Publish(MapEventTypes.Evicted, key, default, existing.Value, partitionId);
            return true;
        }
    }

    /// <summary>
    /// Removes the live entries that match (Map.RemoveAll): one REMOVED event each, with the old value, as a real
    /// member's entry operator publishes them. Returns how many were removed.
    /// </summary>
    public int RemoveMatching(Hazelcast.Query.IPredicate predicate, int requestPartition)
    {
        lock (_mutex)
        {
            var matching = LiveRecords().Where(r => _cluster.Query.Matches(predicate, r.Key, r.Value.Value, requestPartition)).ToList();
            foreach (var (key, record) in matching)
            {
                Changing(key, record);
                _records.Remove(key);
                Unindexed(key);
                Publish(MapEventTypes.Removed, key, default, record.Value, PartitionOf(key));
            }
            return matching.Count;
        }
    }

    public bool SetTtl(Data key, long ttl)
    {
        lock (_mutex)
        {
            var existing = Live(key);
            if (existing is null) return false;
            Changing(key, existing);
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
                if (Locks.IsHeld(key)) continue;
                Changing(key, _records[key]);
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

    private static long SafeAdd(long a, long b) => KeyLockTable.SafeAdd(a, b);

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
        Locks.ReleaseExpiredLeases();
    }

    private int PartitionOf(Data key) => MurmurHash3.PartitionId(key.PartitionHash, _cluster.Options.PartitionCount);

    // ------------------------------------------------------------------ backups that did not happen

    // Per partition whose owner drops its backups (HazelcastMember.DropBackups): each key changed meanwhile, with its
    // record before the first such change (null: it did not exist), which is what the backup replicas still hold.
    private readonly Dictionary<int, Dictionary<Data, Record?>> _unreplicated = [];

    private void Changing(Data key, Record? before)
    {
        var partition = PartitionOf(key);
        if (!_cluster.BackupsDropped(partition)) return;
        if (!_unreplicated.TryGetValue(partition, out var changes)) _unreplicated[partition] = changes = [];
        changes.TryAdd(key, before?.Copy());
    }

    /// <summary>The backup replicas of these partitions caught up (a replica sync, a migration): nothing is left to lose.</summary>
    public void SyncReplicas(IEnumerable<int> partitions)
    {
        lock (_mutex)
            foreach (var partition in partitions) _unreplicated.Remove(partition);
    }

    /// <summary>
    /// The owner of these partitions died before their backups caught up: a backup replica, promoted, has the data as
    /// it was before the changes whose backups were dropped (no event: a promotion publishes none). Returns how many
    /// entries went back.
    /// </summary>
    public int PromoteBackups(IEnumerable<int> partitions)
    {
        var count = 0;
        lock (_mutex)
        {
            foreach (var partition in partitions)
            {
                if (!_unreplicated.Remove(partition, out var changes)) continue;
                foreach (var (key, before) in changes)
                {
                    if (before is null)
                    {
                        _records.Remove(key);
                        Unindexed(key);
                    }
                    else
                    {
                        _records[key] = before;
                        Reindex(key, before.Value);
                    }
                    count++;
                }
            }
        }
        return count;
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
            Locks.ReleaseWhere(key => partitions.Contains(PartitionOf(key)));
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
            Locks.ReleaseWhere();
        }
    }
}
