using Hazelcast.Clustering;
using Hazelcast.Protocol.Codecs;
using Microsoft.Extensions.Logging;

namespace Hazelcast.NearCaching;

/// <summary>What the repairer needs of a near cache, whatever its key and value types.</summary>
internal interface IRepairableNearCache
{
    string Name { get; }

    NearCacheMetadata Metadata { get; }

    /// <summary>Whether the cache follows the cluster's invalidations (and so is repaired).</summary>
    bool Repairs { get; }

    void SweepExpired();

    /// <summary>Its hits and misses so far (the client's near-cache instruments add them up).</summary>
    (long Hits, long Misses) Lookups { get; }

    /// <summary>Its counters now (client statistics report them).</summary>
    NearCacheStatistics Statistics { get; }

    void Clear();
}

/// <summary>
/// The client's near caches' repairer (Hazelcast's RepairingTask): it fetches each cache's invalidation metadata
/// from every member when the cache starts, and then twice per <see cref="NearCacheRepairOptions.ReconciliationInterval"/>,
/// to find the invalidations the events did not bring (a gap in the sequences, a partition whose uuid changed);
/// every second (or half interval, when shorter) it marks the entries of the partitions that missed more than
/// <see cref="NearCacheRepairOptions.MaxToleratedMissCount"/> invalidations as stale, and sweeps expired entries.
/// </summary>
internal sealed class NearCacheManager : IAsyncDisposable
{
    private readonly Invoker _invoker;
    private readonly NearCacheRepairOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<IRepairableNearCache> _caches = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _disposed;

    public NearCacheManager(Invoker invoker, NearCacheRepairOptions options, Guid clientId, TimeProvider time, ILogger logger)
    {
        _invoker = invoker;
        _options = options;
        ClientId = clientId;
        _time = time;
        _logger = logger;
    }

    /// <summary>This client's uuid: invalidations it caused itself were applied already, when it wrote.</summary>
    public Guid ClientId { get; }

    /// <summary>
    /// Starts looking after a cache (expiry, a restarted cluster, and repair if it follows invalidations: then its
    /// metadata is fetched from every member first, so that its sequences start where the members' are).
    /// </summary>
    public async Task AddAsync(IRepairableNearCache cache, CancellationToken cancellationToken)
    {
        if (cache.Repairs) await FetchMetadataAsync([cache], initial: true, cancellationToken).ConfigureAwait(false);
        lock (_caches)
        {
            _caches.Add(cache);
            _loop ??= Task.Run(LoopAsync, CancellationToken.None);
        }
    }

    /// <summary>Stops repairing a cache (its map was destroyed).</summary>
    public void Remove(IRepairableNearCache cache)
    {
        lock (_caches) _caches.Remove(cache);
    }

    private IRepairableNearCache[] Caches
    {
        get { lock (_caches) return _caches.ToArray(); }
    }

    /// <summary>Each near cache's name and counters now.</summary>
    public IEnumerable<(string Name, NearCacheStatistics Statistics)> AllStatistics => Caches.Select(c => (c.Name, c.Statistics));

    /// <summary>The hits and misses of every near cache of the client so far.</summary>
    public (long Hits, long Misses) Lookups
    {
        get
        {
            long hits = 0, misses = 0;
            foreach (var cache in Caches)
            {
                var (h, m) = cache.Lookups;
                hits += h;
                misses += m;
            }
            return (hits, misses);
        }
    }

    /// <summary>The client joined a different cluster (a restart: new cluster id): nothing cached came from it.</summary>
    public void ClearAll()
    {
        foreach (var cache in Caches) cache.Clear();
    }

    // Metadata is fetched twice per reconciliation interval, so that an invalidation missed just after a fetch is
    // found within the interval (Hazelcast fetches once per interval: a miss may then last up to twice as long).
    // Gaps seen in the events' sequences are repaired at least every second.
    private async Task LoopAsync()
    {
        var fetchPeriod = _options.ReconciliationInterval / 2;
        var repairPeriod = fetchPeriod < TimeSpan.FromSeconds(1) ? fetchPeriod : TimeSpan.FromSeconds(1);
        var nextFetch = _time.GetTimestamp() + (long)(fetchPeriod.TotalSeconds * _time.TimestampFrequency);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var untilFetch = _time.GetElapsedTime(_time.GetTimestamp(), nextFetch);
                await Task.Delay(untilFetch <= TimeSpan.Zero ? TimeSpan.Zero : untilFetch < repairPeriod ? untilFetch : repairPeriod, _time, _stop.Token).ConfigureAwait(false);
                var all = Caches;
                var caches = all.Where(c => c.Repairs).ToArray();
                if (_time.GetTimestamp() >= nextFetch - _time.TimestampFrequency / 1000) // a timer may fire a hair early
                {
                    await FetchMetadataAsync(caches, initial: false, _stop.Token).ConfigureAwait(false);
                    nextFetch = _time.GetTimestamp() + (long)(fetchPeriod.TotalSeconds * _time.TimestampFrequency);
                }
                Repair(caches);
                foreach (var cache in all) cache.SweepExpired();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The cluster may be away; the next round tries again, and reads meanwhile are as fresh as the events make them.
                NearCacheLog.RepairFailed(_logger, e);
            }
        }
    }

    private void Repair(IRepairableNearCache[] caches)
    {
        long missed = 0;
        foreach (var cache in caches) missed += cache.Metadata.Missed;
        if (missed <= _options.MaxToleratedMissCount) return;
        foreach (var cache in caches)
        {
            var partitions = cache.Metadata.MarkMissedAsStale();
            if (partitions > 0) NearCacheLog.Repaired(_logger, cache.Name, partitions, missed);
        }
    }

    /// <summary>Asks every member for the sequences and uuids of the partitions it owns.</summary>
    private async Task FetchMetadataAsync(IReadOnlyList<IRepairableNearCache> caches, bool initial, CancellationToken cancellationToken)
    {
        if (caches.Count == 0) return;
        var byName = caches.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var names = byName.Keys.ToList();
        foreach (var member in _invoker.Members)
        {
            var response = await _invoker.InvokeOnMemberAsync(MapFetchNearCacheInvalidationMetadataCodec.EncodeRequest(names, member.Id), member.Id, cancellationToken).ConfigureAwait(false);
            var metadata = MapFetchNearCacheInvalidationMetadataCodec.DecodeResponse(response);
            // Uuids first: a changed uuid restarts its partition's sequence, which the member's sequence then sets.
            foreach (var (partitionId, uuid) in metadata.PartitionUuidList)
                foreach (var cache in caches)
                {
                    if (initial) cache.Metadata.Initialize(partitionId, uuid, null);
                    else cache.Metadata.CheckUuid(partitionId, uuid);
                }
            foreach (var (name, sequences) in metadata.NamePartitionSequenceList)
            {
                if (!byName.TryGetValue(name, out var cache)) continue;
                foreach (var (partitionId, sequence) in sequences)
                {
                    if (initial) cache.Metadata.Initialize(partitionId, null, sequence);
                    else cache.Metadata.CheckSequence(partitionId, sequence, fromMember: true);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        Task? loop;
        lock (_caches) loop = _loop;
        if (loop is not null) await loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}

internal static partial class NearCacheLog
{
    [LoggerMessage(EventId = HazelcastEventIds.NearCacheRepairFailed, EventName = nameof(HazelcastEventIds.NearCacheRepairFailed), Level = LogLevel.Debug,
        Message = "A near-cache reconciliation round failed; the next one tries again.")]
    public static partial void RepairFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = HazelcastEventIds.NearCacheRepaired, EventName = nameof(HazelcastEventIds.NearCacheRepaired), Level = LogLevel.Debug,
        Message = "Near cache of map '{Map}': {Partitions} partition(s) missed invalidations ({Missed} in all near caches); their entries cached before are dropped when read.")]
    public static partial void Repaired(ILogger logger, string map, int partitions, long missed);
}
