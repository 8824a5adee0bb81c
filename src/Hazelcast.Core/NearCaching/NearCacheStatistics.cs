namespace Hazelcast.NearCaching;

/// <summary>A snapshot of a near cache's counters (Hazelcast's NearCacheStats).</summary>
/// <param name="CreationTime">When the near cache was created.</param>
/// <param name="OwnedEntryCount">The entries cached now.</param>
/// <param name="OwnedEntryMemoryCost">An estimate of the bytes they take: the serialized values and the entries' overhead (not the keys, nor values kept as objects).</param>
/// <param name="Hits">Reads served from the cache.</param>
/// <param name="Misses">Reads that went to the cluster.</param>
/// <param name="Evictions">Entries removed to stay within the maximum size.</param>
/// <param name="Expirations">Entries removed because their time to live or max idle passed.</param>
/// <param name="Invalidations">Entries removed because they changed, on the cluster or by this client.</param>
/// <param name="StaleReads">Entries dropped when read because invalidations may have been missed for them.</param>
public sealed record NearCacheStatistics(DateTimeOffset CreationTime, long OwnedEntryCount, long OwnedEntryMemoryCost, long Hits, long Misses,
    long Evictions, long Expirations, long Invalidations, long StaleReads)
{
    /// <summary>Hits as a share of reads, from 0 to 1.</summary>
    public double Ratio => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);
}
