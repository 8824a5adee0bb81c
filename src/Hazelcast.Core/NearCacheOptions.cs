namespace Hazelcast;

/// <summary>
/// The options of a map's near cache (Hazelcast's NearCacheConfig): reads of the map are served from the client's
/// memory, and kept fresh by the invalidations the cluster sends when entries change.
/// </summary>
public sealed class NearCacheOptions
{
    /// <summary>
    /// How cached values are kept: <see cref="NearCacheInMemoryFormat.Binary"/> (serialized: each hit deserializes a
    /// fresh value, safe to mutate) or <see cref="NearCacheInMemoryFormat.Object"/> (deserialized once: a hit returns
    /// the same instance to every caller, which must not mutate it). Default Binary (Hazelcast's default).
    /// </summary>
    public NearCacheInMemoryFormat InMemoryFormat { get; set; } = NearCacheInMemoryFormat.Binary;

    /// <summary>Whether changes made on the cluster (by any client or member) invalidate cached entries. Default true; false serves what was cached until it expires or is evicted.</summary>
    public bool InvalidateOnChange { get; set; } = true;

    /// <summary>How long an entry stays cached after it was cached. Zero (the default): until invalidated or evicted.</summary>
    public TimeSpan TimeToLive { get; set; }

    /// <summary>How long an entry stays cached after it was last read. Zero (the default): no limit.</summary>
    public TimeSpan MaxIdle { get; set; }

    /// <summary>How the cache stays within its size.</summary>
    public NearCacheEvictionOptions Eviction { get; set; } = new();

    /// <summary>What a write by this client does to its own near cache. Default <see cref="NearCacheLocalUpdatePolicy.Invalidate"/>.</summary>
    public NearCacheLocalUpdatePolicy LocalUpdatePolicy { get; set; } = NearCacheLocalUpdatePolicy.Invalidate;

    /// <summary>
    /// Whether keys are kept as copies made through serialization rather than as the instances callers passed, so that a
    /// caller mutating a key after a read cannot corrupt the cache. Default false (keys should be immutable).
    /// </summary>
    public bool SerializeKeys { get; set; }

    internal NearCacheOptions Clone() => new()
    {
        InMemoryFormat = InMemoryFormat,
        InvalidateOnChange = InvalidateOnChange,
        TimeToLive = TimeToLive,
        MaxIdle = MaxIdle,
        Eviction = Eviction is null ? null! : new NearCacheEvictionOptions { Policy = Eviction.Policy, MaxSize = Eviction.MaxSize },
        LocalUpdatePolicy = LocalUpdatePolicy,
        SerializeKeys = SerializeKeys,
    };
}

/// <summary>How a near cache keeps its values.</summary>
public enum NearCacheInMemoryFormat
{
    /// <summary>Serialized; each hit deserializes.</summary>
    Binary,

    /// <summary>Deserialized once; hits share the instance.</summary>
    Object,
}

/// <summary>What a write by this client does to its near cache.</summary>
public enum NearCacheLocalUpdatePolicy
{
    /// <summary>The entry is removed; the next read fetches it.</summary>
    Invalidate,

    /// <summary>The written value is cached once the write is acknowledged.</summary>
    CacheOnUpdate,
}

/// <summary>Which entries a full near cache evicts.</summary>
public enum NearCacheEvictionPolicy
{
    /// <summary>The least recently read.</summary>
    Lru,

    /// <summary>The least frequently read.</summary>
    Lfu,

    /// <summary>Any.</summary>
    Random,

    /// <summary>None: once full, new entries are not cached.</summary>
    None,
}

/// <summary>How a near cache stays within its size.</summary>
public sealed class NearCacheEvictionOptions
{
    /// <summary>Which entries go when the cache is full. Default <see cref="NearCacheEvictionPolicy.Lru"/>.</summary>
    public NearCacheEvictionPolicy Policy { get; set; } = NearCacheEvictionPolicy.Lru;

    /// <summary>The most entries the cache holds. Default 10,000 (Hazelcast's default).</summary>
    public int MaxSize { get; set; } = 10_000;
}

/// <summary>How near caches find the invalidations they missed (Hazelcast's reconciliation properties).</summary>
public sealed class NearCacheRepairOptions
{
    /// <summary>
    /// The bound on how long a near cache can serve a value after an invalidation it missed: the members' invalidation
    /// sequences are fetched twice per interval and compared with the cache's, and what may be stale is dropped.
    /// Default 60 s (Hazelcast's <c>hazelcast.invalidation.reconciliation.interval.seconds</c>, which Hazelcast's clients
    /// fetch once per interval).
    /// </summary>
    public TimeSpan ReconciliationInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How many missed invalidations are tolerated before the entries of the partitions that missed them are treated
    /// as stale. Default 10 (Hazelcast's <c>hazelcast.invalidation.max.tolerated.miss.count</c>); 0 drops them at the
    /// first miss.
    /// </summary>
    public int MaxToleratedMissCount { get; set; } = 10;
}
