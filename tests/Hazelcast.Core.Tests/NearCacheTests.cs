using System.Reflection;
using Hazelcast.NearCaching;
using Hazelcast.Serialization;
using Hazelcast.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>The near cache alone, on a fake clock: expiry, eviction, reservations, what the metadata marks stale.</summary>
public sealed class NearCacheUnitTests
{
    private static readonly SerializationService Serialization = new(new SerializationOptions());

    private static (NearCache<string, string> Cache, FakeTimeProvider Time) Create(Action<NearCacheOptions>? configure = null)
    {
        var options = new NearCacheOptions();
        configure?.Invoke(options);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return (new NearCache<string, string>("m", options, Serialization, time, 271), time);
    }

    private static void Cache(NearCache<string, string> cache, string key, string? value, int partition = 0)
    {
        var reservation = cache.TryReserve(key, partition);
        Assert.NotEqual(0, reservation);
        cache.Publish(key, reservation, value is null ? default : Serialization.ToData(value), value);
    }

    private static string? Hit(NearCache<string, string> cache, string key) => cache.TryGet(key, out var value, out _) ? value : null;

    [Fact]
    public void An_entry_expires_its_time_to_live_after_it_was_cached()
    {
        var (cache, time) = Create(o => o.TimeToLive = TimeSpan.FromSeconds(10));
        Cache(cache, "k", "v");
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("v", Hit(cache, "k"));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(Hit(cache, "k"));
        Assert.Equal(1, cache.Statistics.Expirations);
        Assert.Equal(0, cache.Statistics.OwnedEntryCount);
    }

    [Fact]
    public void An_entry_expires_when_it_was_not_read_for_its_max_idle()
    {
        var (cache, time) = Create(o => o.MaxIdle = TimeSpan.FromSeconds(10));
        Cache(cache, "read", "v");
        Cache(cache, "unread", "v");
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(6));
            Assert.Equal("v", Hit(cache, "read")); // each read keeps it
        }
        cache.SweepExpired();
        Assert.Null(Hit(cache, "unread"));
        Assert.Equal("v", Hit(cache, "read"));
        Assert.Equal(1, cache.Statistics.Expirations);
    }

    [Fact]
    public void Lru_evicts_the_least_recently_read()
    {
        var (cache, time) = Create(o => o.Eviction = new NearCacheEvictionOptions { Policy = NearCacheEvictionPolicy.Lru, MaxSize = 20 });
        for (var i = 0; i < 20; i++)
        {
            Cache(cache, $"k{i}", "v");
            time.Advance(TimeSpan.FromMilliseconds(1));
        }
        for (var i = 0; i < 20; i++)
        {
            if (i == 7) continue;
            Assert.Equal("v", Hit(cache, $"k{i}"));
            time.Advance(TimeSpan.FromMilliseconds(1));
        }
        Cache(cache, "new", "v"); // full: one (a twentieth of 20) goes, the one read longest ago
        Assert.Null(Hit(cache, "k7"));
        Assert.Equal(19, Enumerable.Range(0, 20).Count(i => i != 7 && Hit(cache, $"k{i}") is not null));
        Assert.Equal(1, cache.Statistics.Evictions);
    }

    [Fact]
    public void Lfu_evicts_the_least_frequently_read()
    {
        var (cache, _) = Create(o => o.Eviction = new NearCacheEvictionOptions { Policy = NearCacheEvictionPolicy.Lfu, MaxSize = 20 });
        for (var i = 0; i < 20; i++) Cache(cache, $"k{i}", "v");
        for (var i = 0; i < 20; i++)
            for (var reads = 0; reads < (i == 3 ? 1 : 5); reads++) Hit(cache, $"k{i}");
        Cache(cache, "new", "v");
        Assert.Null(Hit(cache, "k3"));
        Assert.Equal("v", Hit(cache, "new"));
    }

    [Fact]
    public void With_no_eviction_a_full_cache_caches_nothing_more()
    {
        var (cache, _) = Create(o => o.Eviction = new NearCacheEvictionOptions { Policy = NearCacheEvictionPolicy.None, MaxSize = 2 });
        Cache(cache, "a", "v");
        Cache(cache, "b", "v");
        Assert.Equal(0, cache.TryReserve("c", 0));
        Assert.Equal("v", Hit(cache, "a"));
        Assert.Equal("v", Hit(cache, "b"));
    }

    [Fact]
    public void A_value_fetched_before_an_invalidation_is_not_cached_after_it()
    {
        var (cache, _) = Create();
        var reservation = cache.TryReserve("k", 0);
        Assert.False(cache.TryGet("k", out _, out _)); // reserved, not published: a miss
        cache.Invalidate("k");                          // the key changed while the read was in flight
        cache.Publish("k", reservation, Serialization.ToData("old"), "old");
        Assert.Null(Hit(cache, "k"));
        Cache(cache, "k", "new");
        Assert.Equal("new", Hit(cache, "k"));
    }

    [Fact]
    public void A_key_with_no_entry_is_cached_as_absent()
    {
        var (cache, _) = Create();
        Cache(cache, "none", null);
        Assert.True(cache.TryGet("none", out var value, out var absent));
        Assert.True(absent);
        Assert.Null(value);
    }

    [Fact]
    public void Object_format_returns_the_cached_instance_and_binary_a_fresh_one()
    {
        var (objects, _) = Create(o => o.InMemoryFormat = NearCacheInMemoryFormat.Object);
        var (binary, _) = Create();
        Cache(objects, "k", "value");
        Cache(binary, "k", "value");
        Assert.Same(Hit(objects, "k"), Hit(objects, "k"));
        Assert.NotSame(Hit(binary, "k"), Hit(binary, "k"));
    }

    [Fact]
    public void Entries_cached_before_missed_invalidations_or_a_new_partition_uuid_are_stale()
    {
        var (cache, _) = Create();
        var uuid = Guid.NewGuid();
        cache.Metadata.Initialize(5, uuid, 10);
        Cache(cache, "before", "v", partition: 5);
        Cache(cache, "other", "v", partition: 6);
        cache.Metadata.CheckSequence(5, 11, fromMember: false); // the next one: nothing missed
        Assert.Equal(0, cache.Metadata.Missed);
        cache.Metadata.CheckSequence(5, 14, fromMember: false); // 12 and 13 never came
        Assert.Equal(2, cache.Metadata.Missed);
        Assert.Equal("v", Hit(cache, "before"));               // not yet repaired
        Assert.Equal(1, cache.Metadata.MarkMissedAsStale());
        Assert.Null(Hit(cache, "before"));
        Assert.Equal(1, cache.Statistics.StaleReads);
        Assert.Equal("v", Hit(cache, "other"));
        Cache(cache, "after", "v", partition: 5);
        Assert.Equal("v", Hit(cache, "after"));                 // cached since: fresh
        cache.Metadata.CheckUuid(6, Guid.NewGuid());            // partition 6 lost its history (a member died)
        Assert.Null(Hit(cache, "other"));
    }
}

/// <summary>Near caches against the in-process cluster: hits, invalidations from other clients, and repair.</summary>
[Collection(nameof(FaultTests))]
public sealed class NearCacheTests
{
    private static HazelcastClusterOptions ClusterOptions(int members = 2) => new()
    {
        MemberCount = members,
        NearCacheInvalidationBatchSize = 1, // each invalidation at once
    };

    private static HazelcastOptions ClientOptions(HazelcastCluster cluster, Action<NearCacheOptions>? nearCache = null, Action<HazelcastOptions>? configure = null)
    {
        var options = new HazelcastOptions();
        foreach (var a in cluster.Addresses) options.Networking.Addresses.Add(a);
        var nc = new NearCacheOptions();
        nearCache?.Invoke(nc);
        options.NearCaches["nc-*"] = nc;
        options.Heartbeat.Interval = TimeSpan.FromSeconds(30); // no ping counted among the requests the tests count
        options.Heartbeat.Timeout = TimeSpan.FromSeconds(60);
        configure?.Invoke(options);
        return options;
    }

    private static async Task<IHazelcastClient> WriterAsync(HazelcastCluster cluster)
        => await HazelcastClientFactory.StartNewClientAsync(o => { foreach (var a in cluster.Addresses) o.Networking.Addresses.Add(a); });

    [Fact]
    public async Task A_second_read_is_served_from_memory()
    {
        await using var cluster = await HazelcastCluster.StartAsync(ClusterOptions());
        await using var client = await HazelcastClientFactory.StartNewClientAsync(ClientOptions(cluster));
        var map = await client.GetMapAsync<string, string>("nc-hits");
        var plain = await client.GetMapAsync<string, string>("plain");
        Assert.Null(plain.NearCacheStatistics);
        await map.SetAsync("k", "v");
        Assert.Equal("v", await map.GetAsync("k"));
        var requests = cluster.Members.Sum(m => m.Requests);
        for (var i = 0; i < 100; i++) Assert.Equal("v", await map.GetAsync("k"));
        Assert.True(await map.ContainsKeyAsync("k"));
        Assert.Null(await map.GetAsync("absent"));
        Assert.Null(await map.GetAsync("absent")); // a key with no entry is cached too
        Assert.False(await map.ContainsKeyAsync("absent"));
        Assert.Equal(requests + 1, cluster.Members.Sum(m => m.Requests)); // only the first read of "absent" went out
        var stats = map.NearCacheStatistics!;
        Assert.Equal(103, stats.Hits);
        Assert.Equal(2, stats.Misses);
        Assert.Equal(2, stats.OwnedEntryCount);
    }

    [Fact]
    public async Task GetAll_serves_what_it_has_and_fetches_the_rest()
    {
        await using var cluster = await HazelcastCluster.StartAsync(ClusterOptions());
        await using var client = await HazelcastClientFactory.StartNewClientAsync(ClientOptions(cluster));
        var map = await client.GetMapAsync<int, string>("nc-all");
        for (var i = 0; i < 10; i++) await map.SetAsync(i, $"v{i}");
        Assert.Equal("v3", await map.GetAsync(3));
        var all = await map.GetAllAsync(Enumerable.Range(0, 12).ToList());
        Assert.Equal(Enumerable.Range(0, 10).ToDictionary(i => i, i => $"v{i}"), all.ToDictionary(e => e.Key, e => e.Value));
        var requests = cluster.Members.Sum(m => m.Requests);
        var again = await map.GetAllAsync(Enumerable.Range(0, 12).ToList()); // every key cached now, 10 and 11 as absent
        Assert.Equal(10, again.Count);
        Assert.Equal(requests, cluster.Members.Sum(m => m.Requests));
    }

    [Fact]
    public async Task Another_clients_write_invalidates_the_entry_at_once()
    {
        await using var cluster = await HazelcastCluster.StartAsync(ClusterOptions());
        await using var reader = await HazelcastClientFactory.StartNewClientAsync(ClientOptions(cluster));
        await using var writer = await WriterAsync(cluster);
        var cached = await reader.GetMapAsync<string, string>("nc-two");
        var written = await writer.GetMapAsync<string, string>("nc-two");
        await written.SetAsync("k", "v1");
        Assert.Equal("v1", await cached.GetAsync("k"));
        Assert.Equal("v1", await cached.GetAsync("k"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await written.SetAsync("k", "v2");
        while (await cached.GetAsync("k") != "v2")
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), "the reader still serves v1");
            await Task.Delay(1);
        }
        Assert.True(cached.NearCacheStatistics!.Invalidations >= 1);
        await written.RemoveAsync("k");
        await Wait.UntilAsync(() => cached.GetAsync("k").AsTask().Result is null, TimeSpan.FromSeconds(2), "the removal to reach the near cache");
    }

    [Fact]
    public async Task The_clients_own_writes_invalidate_or_update_its_near_cache()
    {
        await using var cluster = await HazelcastCluster.StartAsync(ClusterOptions());
        await using var invalidating = await HazelcastClientFactory.StartNewClientAsync(ClientOptions(cluster));
        var map = await invalidating.GetMapAsync<string, string>("nc-own");
        await map.SetAsync("k", "v1");
        Assert.Equal("v1", await map.GetAsync("k"));
        await map.SetAsync("k", "v2");
        Assert.Equal("v2", await map.GetAsync("k"));
        Assert.Equal("v3", await map.PutAsync("k", "v3") is { } previous && previous == "v2" ? "v3" : "wrong previous value");
        Assert.Equal("v3", await map.GetAsync("k"));
        await map.DeleteAsync("k");
        Assert.Null(await map.GetAsync("k"));

        await using var updating = await HazelcastClientFactory.StartNewClientAsync(ClientOptions(cluster, nc => nc.LocalUpdatePolicy = NearCacheLocalUpdatePolicy.CacheOnUpdate));
        var updated = await updating.GetMapAsync<string, string>("nc-update");
        await updated.SetAsync("k", "v1");
        Assert.Equal("v1", await updated.GetAsync("k")); // cached by the write itself
        await Task.Delay(200); // its own invalidation from the member must not remove it
        Assert.Equal("v1", await updated.GetAsync("k"));
        Assert.Equal((2L, 0L), (updated.NearCacheStatistics!.Hits, updated.NearCacheStatistics.Misses));
    }

    [Fact]
    public async Task Clear_evict_all_and_destroy_by_another_client_empty_the_near_cache()
    {
        await using var cluster = await HazelcastCluster.StartAsync(ClusterOptions());
        await using var reader = await HazelcastClientFactory.StartNewClientAsync(ClientOptions(cluster));
        await using var writer = await WriterAsync(cluster);
        var cached = await reader.GetMapAsync<string, string>("nc-clear");
        var written = await writer.GetMapAsync<string, string>("nc-clear");
        foreach (var clear in new Func<Task>[] { () => written.ClearAsync().AsTask(), () => written.EvictAllAsync().AsTask(), () => written.DestroyAsync().AsTask() })
        {
            written = await writer.GetMapAsync<string, string>("nc-clear");
            await written.SetAsync("k", "v");
            // The reader cached the key as absent in the round before: the set's invalidation reaches it a moment later.
            await Wait.UntilAsync(() => cached.GetAsync("k").AsTask().Result == "v", TimeSpan.FromSeconds(2), "the set to reach the near cache");
            await clear();
            await Wait.UntilAsync(() => cached.NearCacheStatistics!.OwnedEntryCount == 0, TimeSpan.FromSeconds(2), "the near cache to empty");
            Assert.Null(await cached.GetAsync("k"));
        }
    }

    [Fact]
    public async Task Missed_invalidations_are_found_within_the_reconciliation_interval()
    {
        await using var cluster = await HazelcastCluster.StartAsync(ClusterOptions());
        await using var reader = await HazelcastClientFactory.StartNewClientAsync(ClientOptions(cluster, configure: o =>
        {
            o.NearCacheRepair.ReconciliationInterval = TimeSpan.FromMilliseconds(500);
            o.NearCacheRepair.MaxToleratedMissCount = 0;
        }));
        await using var writer = await WriterAsync(cluster);
        var cached = await reader.GetMapAsync<int, int>("nc-repair");
        var written = await writer.GetMapAsync<int, int>("nc-repair");
        for (var i = 0; i < 20; i++) await written.SetAsync(i, 1);
        for (var i = 0; i < 20; i++) Assert.Equal(1, await cached.GetAsync(i));
        foreach (var member in cluster.Members) member.DropInvalidations = true;
        for (var i = 0; i < 20; i++) await written.SetAsync(i, 2);
        Assert.Equal(1, await cached.GetAsync(0)); // stale: the invalidation was lost
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Wait.UntilAsync(() => Enumerable.Range(0, 20).All(i => cached.GetAsync(i).AsTask().Result == 2), TimeSpan.FromSeconds(5), "the repairer to find the missed invalidations");
        TestContext.Current.SendDiagnosticMessage($"repaired after {watch.ElapsedMilliseconds} ms (reconciliation interval 500 ms)");
        Assert.True(cached.NearCacheStatistics!.StaleReads > 0);
    }

    [Fact]
    public async Task A_killed_member_and_a_migration_leave_nothing_stale()
    {
        await using var cluster = await HazelcastCluster.StartAsync(ClusterOptions(members: 3));
        await using var reader = await HazelcastClientFactory.StartNewClientAsync(ClientOptions(cluster, configure: o => o.NearCacheRepair.ReconciliationInterval = TimeSpan.FromMilliseconds(500)));
        await using var writer = await WriterAsync(cluster);
        var cached = await reader.GetMapAsync<int, int>("nc-kill");
        var written = await writer.GetMapAsync<int, int>("nc-kill");
        for (var i = 0; i < 100; i++) await written.SetAsync(i, 1);
        for (var i = 0; i < 100; i++) Assert.Equal(1, await cached.GetAsync(i));

        await cluster.KillMemberAsync(cluster.Members[1]);
        for (var i = 0; i < 100; i++) await written.SetAsync(i, 2);
        await Wait.UntilAsync(() => Enumerable.Range(0, 100).All(i => cached.GetAsync(i).AsTask().Result == 2), TimeSpan.FromSeconds(5), "the writes after the kill to reach the near cache");

        await cluster.AddMemberAsync(); // its partitions migrate to it (new partition uuids there)
        await Task.Delay(cluster.Options.MigrationDelay + TimeSpan.FromMilliseconds(200));
        for (var i = 0; i < 100; i++) await written.SetAsync(i, 3);
        await Wait.UntilAsync(() => Enumerable.Range(0, 100).All(i => cached.GetAsync(i).AsTask().Result == 3), TimeSpan.FromSeconds(5), "the writes after the migration to reach the near cache");
    }

    [Fact]
    public async Task A_write_by_the_official_nodejs_client_invalidates_our_near_cache()
    {
        await using var cluster = await HazelcastCluster.StartAsync(ClusterOptions());
        await using var reader = await HazelcastClientFactory.StartNewClientAsync(ClientOptions(cluster));
        var cached = await reader.GetMapAsync<string, string>("nc-node");
        await cached.SetAsync("k", "ours");
        Assert.Equal("ours", await cached.GetAsync("k"));
        Assert.Equal("ours", await cached.GetAsync("k")); // a hit
        await NodeScript.RunAsync(Path.Combine("nearcache", "write.js"), cluster.Addresses[0], "nc-node", "k", "node");
        await Wait.UntilAsync(() => cached.GetAsync("k").AsTask().Result == "node", TimeSpan.FromSeconds(2), "the Node.js client's write to reach our near cache");
        Assert.True(cached.NearCacheStatistics!.Invalidations >= 1);
    }

    [Fact]
    public async Task A_restarted_cluster_empties_the_near_cache()
    {
        await using var cluster = await HazelcastCluster.StartAsync(ClusterOptions());
        await using var client = await HazelcastClientFactory.StartNewClientAsync(ClientOptions(cluster, configure: o =>
        {
            o.Heartbeat.Interval = TimeSpan.FromMilliseconds(200);
            o.Heartbeat.Timeout = TimeSpan.FromSeconds(1);
            o.Networking.Reconnect.MaxBackoff = TimeSpan.FromMilliseconds(300);
        }));
        var map = await client.GetMapAsync<string, string>("nc-restart");
        await map.SetAsync("k", "v");
        Assert.Equal("v", await map.GetAsync("k"));
        var changed = new TaskCompletionSource();
        client.StateChanged += (_, e) => { if (e.State == ClientState.ClusterChanged) changed.TrySetResult(); };
        await cluster.RestartClusterAsync();
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(await map.GetAsync("k")); // the new cluster has no data; the near cache does not pretend otherwise
    }

    [Fact]
    public async Task Batched_invalidations_reach_each_map_they_belong_to()
    {
        var clusterOptions = ClusterOptions();
        clusterOptions.NearCacheInvalidationBatchSize = 100;
        clusterOptions.NearCacheInvalidationBatchFrequency = TimeSpan.FromMilliseconds(50);
        await using var cluster = await HazelcastCluster.StartAsync(clusterOptions);
        await using var reader = await HazelcastClientFactory.StartNewClientAsync(ClientOptions(cluster));
        await using var writer = await WriterAsync(cluster);
        var a = await reader.GetMapAsync<string, string>("nc-batch-a");
        var b = await reader.GetMapAsync<string, string>("nc-batch-b");
        await (await writer.GetMapAsync<string, string>("nc-batch-a")).SetAsync("k", "a1");
        await (await writer.GetMapAsync<string, string>("nc-batch-b")).SetAsync("k", "b1");
        await Wait.UntilAsync(() => a.GetAsync("k").AsTask().Result == "a1" && b.GetAsync("k").AsTask().Result == "b1", TimeSpan.FromSeconds(2), "the first values");
        await (await writer.GetMapAsync<string, string>("nc-batch-a")).SetAsync("k", "a2");
        await (await writer.GetMapAsync<string, string>("nc-batch-b")).SetAsync("k", "b2");
        await Wait.UntilAsync(() => a.GetAsync("k").AsTask().Result == "a2", TimeSpan.FromSeconds(2), "map a's batch");
        await Wait.UntilAsync(() => b.GetAsync("k").AsTask().Result == "b2", TimeSpan.FromSeconds(2), "map b's batch");
    }

    [Fact]
    public async Task Invalid_options_name_the_key()
    {
        var options = new HazelcastOptions();
        options.NearCaches["bad-*-*"] = new NearCacheOptions();
        options.NearCaches["orders"] = new NearCacheOptions { TimeToLive = TimeSpan.FromSeconds(-1), Eviction = new NearCacheEvictionOptions { MaxSize = 0, Policy = (NearCacheEvictionPolicy)42 } };
        options.NearCacheRepair.ReconciliationInterval = TimeSpan.Zero;
        var error = Assert.Throws<ArgumentException>(options.Validate);
        foreach (var key in new[] { "NearCaches:bad-*-*", "NearCaches:orders:TimeToLive", "NearCaches:orders:Eviction:MaxSize", "NearCaches:orders:Eviction:Policy", "NearCacheRepair:ReconciliationInterval" })
            Assert.Contains(key, error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }
}
