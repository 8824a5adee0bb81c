using Hazelcast.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hazelcast.Caching.Tests;

/// <summary>Three in-process members on a fake clock, so that expiry needs no waiting.</summary>
public sealed class InProcessCacheFixture : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public HazelcastCluster Cluster { get; private set; } = null!;

    public IHazelcastClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3, TimeProvider = Time });
        var options = new HazelcastOptions();
        foreach (var a in Cluster.Addresses) options.Networking.Addresses.Add(a);
        Client = await HazelcastClientFactory.StartNewClientAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

public sealed class InProcessMemberCacheTests(InProcessCacheFixture fixture) : DistributedCacheContractTests, IClassFixture<InProcessCacheFixture>
{
    private readonly HazelcastCache _cache = new(fixture.Client, Options.Create(new HazelcastCacheOptions()), fixture.Time);

    protected override IBufferDistributedCache Cache => _cache;

    protected override DateTimeOffset Now => fixture.Time.GetUtcNow();

    protected override Task AdvanceAsync(TimeSpan time)
    {
        fixture.Time.Advance(time);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Instance_names_keep_apps_apart_on_one_map()
    {
        var a = new HazelcastCache(fixture.Client, Options.Create(new HazelcastCacheOptions { InstanceName = "a:" }), fixture.Time);
        var b = new HazelcastCache(fixture.Client, Options.Create(new HazelcastCacheOptions { InstanceName = "b:" }), fixture.Time);
        await a.SetAsync("k", [1], new DistributedCacheEntryOptions());
        await b.SetAsync("k", [2], new DistributedCacheEntryOptions());
        Assert.Equal([1], await a.GetAsync("k"));
        Assert.Equal([2], await b.GetAsync("k"));
        var map = await fixture.Client.GetMapAsync<string, byte[]>("distributed_cache");
        Assert.Equal([1], await map.GetAsync("a:k"));
    }

    [Fact]
    public async Task Expired_entries_are_gone_from_the_member_too()
    {
        await _cache.SetAsync("gone", [1], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) });
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        var map = await fixture.Client.GetMapAsync<string, byte[]>("distributed_cache");
        Assert.False(await map.ContainsKeyAsync("gone"));
    }
}

/// <summary>The synchronous IDistributedCache methods block without deadlocking, even under a single-threaded synchronization context.</summary>
public sealed class SyncOverAsyncTests(InProcessCacheFixture fixture) : IClassFixture<InProcessCacheFixture>
{
    /// <summary>A context that runs every posted continuation on one thread, as UI and old ASP.NET contexts do.</summary>
    private sealed class SingleThreadContext : SynchronizationContext
    {
        private readonly System.Collections.Concurrent.BlockingCollection<(SendOrPostCallback, object?)> _queue = [];

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

        public void Run(Action action)
        {
            var previous = Current;
            SetSynchronizationContext(this);
            try
            {
                action();
            }
            finally
            {
                SetSynchronizationContext(previous);
            }
        }
    }

    [Fact]
    public void Sync_methods_do_not_deadlock_on_a_single_threaded_context()
    {
        var cache = new HazelcastCache(fixture.Client, Options.Create(new HazelcastCacheOptions()), fixture.Time);
        var context = new SingleThreadContext();
        Exception? failure = null;
        byte[]? read = null, afterRemove = [0];
        var thread = new Thread(() => context.Run(() =>
        {
            try
            {
                cache.Set("sync", [1, 2, 3], new DistributedCacheEntryOptions());
                read = cache.Get("sync");
                cache.Refresh("sync");
                cache.Remove("sync");
                afterRemove = cache.Get("sync");
            }
            catch (Exception e)
            {
                failure = e;
            }
        }));
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(20)), "a sync call blocked on the context");
        Assert.Null(failure);
        Assert.Equal([1, 2, 3], read);
        Assert.Null(afterRemove);
    }
}

/// <summary>The distributed cache reading through a near cache on its map (<see cref="HazelcastCacheOptions.UseNearCache"/>).</summary>
public sealed class NearCachedCacheTests
{
    private static async Task<(HazelcastCluster Cluster, IHazelcastClient Client)> StartAsync()
    {
        var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2, NearCacheInvalidationBatchSize = 1 });
        var options = new HazelcastOptions();
        foreach (var a in cluster.Addresses) options.Networking.Addresses.Add(a);
        options.NearCaches["nc-cache"] = new NearCacheOptions { InMemoryFormat = NearCacheInMemoryFormat.Object };
        return (cluster, await HazelcastClientFactory.StartNewClientAsync(options));
    }

    [Fact]
    public async Task Hits_come_from_memory_as_arrays_of_their_own_and_writes_elsewhere_reach_them()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var cache = new HazelcastCache(client, Options.Create(new HazelcastCacheOptions { MapName = "nc-cache", UseNearCache = true }));
        var absolute = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) };
        await cache.SetAsync("k", [1, 2, 3], absolute);
        var first = await cache.GetAsync("k");
        var second = await cache.GetAsync("k");
        Assert.Equal([1, 2, 3], second);
        Assert.NotSame(first, second);
        first![0] = 42; // the caller's own array: the next hit is unharmed
        Assert.Equal([1, 2, 3], await cache.GetAsync("k"));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Assert.True(await cache.TryGetAsync("k", buffer));
        Assert.Equal([1, 2, 3], buffer.WrittenSpan.ToArray());
        var map = await client.GetMapAsync<string, byte[]>("nc-cache");
        Assert.True(map.NearCacheStatistics!.Hits >= 3);

        await using var other = await HazelcastClientFactory.StartNewClientAsync(o => { foreach (var a in cluster.Addresses) o.Networking.Addresses.Add(a); });
        var writer = new HazelcastCache(other, Options.Create(new HazelcastCacheOptions { MapName = "nc-cache" }));
        await writer.SetAsync("k", [9], absolute);
        var deadline = DateTime.UtcNow.AddSeconds(2);
        while ((await cache.GetAsync("k"))![0] != 9) Assert.True(DateTime.UtcNow < deadline, "another client's write did not reach the near cache");
        await writer.RemoveAsync("k");
        deadline = DateTime.UtcNow.AddSeconds(2);
        while (await cache.GetAsync("k") is not null) Assert.True(DateTime.UtcNow < deadline, "another client's removal did not reach the near cache");
    }

    [Fact]
    public async Task A_near_cache_is_refused_where_it_would_break_sliding_expiration()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var cache = new HazelcastCache(client, Options.Create(new HazelcastCacheOptions { MapName = "nc-cache", UseNearCache = true }));
        var sliding = await Assert.ThrowsAsync<NotSupportedException>(() => cache.SetAsync("k", [1], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) }));
        Assert.Contains("Hazelcast:Cache:UseNearCache", sliding.Message, StringComparison.Ordinal);

        var unaware = new HazelcastCache(client, Options.Create(new HazelcastCacheOptions { MapName = "nc-cache" }));
        var off = await Assert.ThrowsAsync<InvalidOperationException>(() => unaware.GetAsync("k"));
        Assert.Contains("UseNearCache is off", off.Message, StringComparison.Ordinal);

        var missing = new HazelcastCache(client, Options.Create(new HazelcastCacheOptions { MapName = "plain", UseNearCache = true }));
        var none = await Assert.ThrowsAsync<InvalidOperationException>(() => missing.GetAsync("k"));
        Assert.Contains("Hazelcast:NearCaches:plain", none.Message, StringComparison.Ordinal);
    }
}
