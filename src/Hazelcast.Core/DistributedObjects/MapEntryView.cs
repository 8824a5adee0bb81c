namespace Hazelcast.DistributedObjects;

/// <summary>A map entry and its statistics, as the member that owns it sees them. Times are Unix milliseconds.</summary>
public sealed record MapEntryView<TKey, TValue>(
    TKey Key,
    TValue Value,
    long Cost,
    long CreationTime,
    long ExpirationTime,
    long Hits,
    long LastAccessTime,
    long LastStoredTime,
    long LastUpdateTime,
    long Version,
    long TimeToLive,
    long MaxIdle);
