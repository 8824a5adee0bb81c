namespace Hazelcast.DistributedObjects;

/// <summary>
/// A map entry and its statistics, as the member that owns it sees them. Times are Unix milliseconds. A Hazelcast 5.x
/// member keeps hits and times only for maps with per-entry statistics enabled (<c>perEntryStatsEnabled</c>, off by
/// default): otherwise <see cref="Hits"/>, <see cref="CreationTime"/>, <see cref="LastAccessTime"/>,
/// <see cref="LastUpdateTime"/> and <see cref="LastStoredTime"/> are -1. Expiry is kept in whole seconds;
/// <see cref="long.MaxValue"/> means none.
/// </summary>
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
