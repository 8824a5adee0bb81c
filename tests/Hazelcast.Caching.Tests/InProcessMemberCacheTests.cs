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
