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
