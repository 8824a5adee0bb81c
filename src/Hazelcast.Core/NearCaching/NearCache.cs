using System.Collections.Concurrent;
using Hazelcast.Serialization;

namespace Hazelcast.NearCaching;

/// <summary>
/// One map's near cache: values (or the knowledge that a key has none) kept in the client's memory, by key.
/// </summary>
/// <remarks>
/// <para>A read that misses <em>reserves</em> the key, fetches the value from the cluster, and publishes it only if the
/// reservation still stands: an invalidation that arrives meanwhile removes the reservation, so a value read before a
/// change is never cached after the change was announced (Hazelcast's reserve-then-publish).</para>
/// <para>Each entry remembers its partition's invalidation sequence and uuid when it was reserved; entries older than
/// what the <see cref="NearCacheMetadata"/> marks stale (missed invalidations, a partition whose data may have been
/// lost) are dropped when read.</para>
/// <para>Eviction, when full, removes a twentieth of the entries at once, chosen by the policy over all entries (exact
/// LRU or LFU, amortized over the inserts that follow).</para>
/// </remarks>
internal sealed class NearCache<TKey, TValue> : IRepairableNearCache where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly NearCacheOptions _options;
    private readonly SerializationService _serialization;
    private readonly TimeProvider _time;
    private readonly long _ttlTicks;
    private readonly long _maxIdleTicks;
    private readonly object _evicting = new();
    private long _nextReservation;
    private long _hits, _misses, _evictions, _expirations, _invalidations, _staleReads;
    private readonly DateTimeOffset _created;

    public NearCache(string name, NearCacheOptions options, SerializationService serialization, TimeProvider time, int partitionCount)
    {
        Name = name;
        _options = options;
        _serialization = serialization;
        _time = time;
        _ttlTicks = ToTicks(options.TimeToLive);
        _maxIdleTicks = ToTicks(options.MaxIdle);
        _created = time.GetUtcNow();
        Metadata = new NearCacheMetadata(partitionCount);
    }

    private long ToTicks(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (long)(span.TotalSeconds * _time.TimestampFrequency);

    public string Name { get; }

    public NearCacheOptions Options => _options;

    /// <inheritdoc />
    public bool Repairs => _options.InvalidateOnChange;

    /// <summary>The invalidation sequences and uuids per partition, as this cache knows them.</summary>
    public NearCacheMetadata Metadata { get; }

    /// <summary>One cached key. Published once <see cref="Reservation"/> is 0; until then it only holds the key's place.</summary>
    private sealed class Entry
    {
        public long Reservation;
        public Data Binary;
        public TValue? Object;
        public bool Absent; // the key had no entry on the cluster
        public long CreatedTicks;
        public long LastReadTicks;
        public long Reads;
        public int PartitionId;
        public long Sequence;
        public Guid PartitionUuid;
    }

    /// <summary>
    /// Looks a key up. True with the value (or <paramref name="absent"/> true: the cluster has no entry for it) on a hit;
    /// false on a miss, an expired or stale entry (removed), or a key reserved by a read in progress.
    /// </summary>
    public bool TryGet(TKey key, out TValue? value, out bool absent)
    {
        value = default;
        absent = false;
        if (!_entries.TryGetValue(key, out var entry) || Volatile.Read(ref entry.Reservation) != 0)
        {
            Interlocked.Increment(ref _misses);
            return false;
        }
        var now = _time.GetTimestamp();
        if (IsExpired(entry, now))
        {
            if (Remove(key, entry)) Interlocked.Increment(ref _expirations);
            Interlocked.Increment(ref _misses);
            return false;
        }
        if (Metadata.IsStale(entry.PartitionId, entry.PartitionUuid, entry.Sequence))
        {
            if (Remove(key, entry)) Interlocked.Increment(ref _staleReads);
            Interlocked.Increment(ref _misses);
            return false;
        }
        entry.LastReadTicks = now;
        if (_options.Eviction.Policy == NearCacheEvictionPolicy.Lfu) Interlocked.Increment(ref entry.Reads);
        Interlocked.Increment(ref _hits);
        absent = entry.Absent;
        if (!absent) value = _options.InMemoryFormat == NearCacheInMemoryFormat.Object ? entry.Object : _serialization.ToObject<TValue>(entry.Binary);
        return true;
    }

    private bool IsExpired(Entry entry, long now)
        => (_ttlTicks > 0 && now - entry.CreatedTicks >= _ttlTicks) || (_maxIdleTicks > 0 && now - entry.LastReadTicks >= _maxIdleTicks);

    private bool Remove(TKey key, Entry entry) => _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));

    /// <summary>
    /// Reserves a key before its value is fetched; 0 when it cannot be (another read holds it, it is cached, or the
    /// cache is full and evicts nothing). The partition's sequence and uuid are taken now: what the fetch returns is at
    /// least that recent.
    /// </summary>
    public long TryReserve(TKey key, int partitionId)
    {
        if (_entries.Count >= _options.Eviction.MaxSize && !Evict()) return 0;
        var (uuid, sequence) = Metadata.Current(partitionId);
        var entry = new Entry
        {
            Reservation = Interlocked.Increment(ref _nextReservation),
            PartitionId = partitionId,
            Sequence = sequence,
            PartitionUuid = uuid,
        };
        if (_options.SerializeKeys) key = _serialization.ToObject<TKey>(_serialization.ToData(key))!; // a copy the caller cannot mutate
        return _entries.TryAdd(key, entry) ? entry.Reservation : 0;
    }

    /// <summary>
    /// Publishes what the cluster answered for a reserved key (<paramref name="value"/> null: no entry; <paramref name="deserialized"/>:
    /// the value the caller read from it, kept in Object format), if the reservation still stands.
    /// </summary>
    public void Publish(TKey key, long reservation, in Data value, TValue? deserialized)
    {
        if (reservation == 0 || !_entries.TryGetValue(key, out var entry) || Volatile.Read(ref entry.Reservation) != reservation) return;
        if (value.IsNull || value.TypeId == SerializationConstants.Null) entry.Absent = true;
        else if (_options.InMemoryFormat == NearCacheInMemoryFormat.Object) entry.Object = deserialized;
        else entry.Binary = new Data(value.ToArray(), value.CarriesCompact); // the response's buffer may be pooled
        var now = _time.GetTimestamp();
        entry.CreatedTicks = now;
        entry.LastReadTicks = now;
        Volatile.Write(ref entry.Reservation, 0);
    }

    /// <summary>Gives up a reservation (the fetch failed).</summary>
    public void Release(TKey key, long reservation)
    {
        if (reservation != 0 && _entries.TryGetValue(key, out var entry) && Volatile.Read(ref entry.Reservation) == reservation) Remove(key, entry);
    }

    /// <summary>Removes a key (a change on the cluster, or a write by this client).</summary>
    public void Invalidate(TKey key)
    {
        if (_entries.TryRemove(key, out _)) Interlocked.Increment(ref _invalidations);
    }

    /// <summary>Caches the value this client just wrote (<see cref="NearCacheLocalUpdatePolicy.CacheOnUpdate"/>), replacing any entry.</summary>
    public void Update(TKey key, int partitionId, in Data value)
    {
        _entries.TryRemove(key, out _);
        var reservation = TryReserve(key, partitionId);
        if (reservation != 0) Publish(key, reservation, value, _options.InMemoryFormat == NearCacheInMemoryFormat.Object ? _serialization.ToObject<TValue>(value) : default);
    }

    /// <summary>Removes every entry (the map was cleared, evicted, destroyed, or this cache cannot know what changed).</summary>
    public void Clear()
    {
        var count = _entries.Count;
        _entries.Clear();
        Interlocked.Add(ref _invalidations, count);
    }

    /// <summary>Removes the expired entries (the repairer calls this now and then, so that entries nobody reads do not stay).</summary>
    public void SweepExpired()
    {
        if (_ttlTicks == 0 && _maxIdleTicks == 0) return;
        var now = _time.GetTimestamp();
        foreach (var (key, entry) in _entries)
            if (Volatile.Read(ref entry.Reservation) == 0 && IsExpired(entry, now) && Remove(key, entry)) Interlocked.Increment(ref _expirations);
    }

    // Frees a twentieth of the entries, chosen by the policy; false when the policy evicts nothing.
    private bool Evict()
    {
        if (_options.Eviction.Policy == NearCacheEvictionPolicy.None) return false;
        lock (_evicting)
        {
            var max = _options.Eviction.MaxSize;
            if (_entries.Count < max) return true; // another caller just made room
            var count = Math.Max(1, max / 20) + (_entries.Count - max);
            var published = _entries.Where(e => Volatile.Read(ref e.Value.Reservation) == 0);
            var victims = _options.Eviction.Policy switch
            {
                NearCacheEvictionPolicy.Lru => published.OrderBy(e => e.Value.LastReadTicks),
                NearCacheEvictionPolicy.Lfu => published.OrderBy(e => Interlocked.Read(ref e.Value.Reads)).ThenBy(e => e.Value.LastReadTicks),
                _ => published.OrderBy(_ => Random.Shared.Next()),
            };
            foreach (var (key, entry) in victims.Take(count).ToList())
                if (Remove(key, entry)) Interlocked.Increment(ref _evictions);
            return _entries.Count < max;
        }
    }

    /// <summary>A snapshot of the cache's counters.</summary>
    public (long Hits, long Misses) Lookups => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    public NearCacheStatistics Statistics
    {
        get
        {
            long owned = 0, memory = 0;
            foreach (var (_, entry) in _entries)
            {
                if (Volatile.Read(ref entry.Reservation) != 0) continue;
                owned++;
                memory += EntryOverhead + (entry.Binary.IsNull ? 0 : entry.Binary.Length);
            }
            return new NearCacheStatistics(_created, owned, memory, Interlocked.Read(ref _hits), Interlocked.Read(ref _misses),
                Interlocked.Read(ref _evictions), Interlocked.Read(ref _expirations), Interlocked.Read(ref _invalidations), Interlocked.Read(ref _staleReads));
        }
    }

    // The entry object and its dictionary node, roughly (the key and an Object-format value are not counted).
    private const int EntryOverhead = 120;
}
