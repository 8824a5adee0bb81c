using Hazelcast.Testing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hazelcast.Caching.Tests;

public sealed class RegistrationTests : IAsyncLifetime
{
    private HazelcastCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await HazelcastCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private IHost Build(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        var values = new Dictionary<string, string?> { ["Hazelcast:Networking:Addresses:0"] = _cluster.Addresses[0] };
        foreach (var (k, v) in settings ?? []) values[k] = v;
        builder.Configuration.AddInMemoryCollection(values);
        builder.AddHazelcast();
        builder.Services.AddHazelcastCache();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    [Fact]
    public async Task The_cache_shares_the_apps_client_and_reads_its_options_from_configuration()
    {
        using var host = Build(new() { ["Hazelcast:Cache:MapName"] = "sessions", ["Hazelcast:Cache:InstanceName"] = "app1:" });
        await host.StartAsync();
        var cache = host.Services.GetRequiredService<IDistributedCache>();
        Assert.Same(cache, host.Services.GetRequiredService<IBufferDistributedCache>());
        Assert.IsType<HazelcastCache>(cache);
        await cache.SetAsync("k", [42]);
        var client = host.Services.GetRequiredService<IHazelcastClient>();
        Assert.Equal(1, _cluster.Members[0].ConnectionCount);
        Assert.Equal([42], await (await client.GetMapAsync<string, byte[]>("sessions")).GetAsync("app1:k"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Invalid_cache_options_stop_the_host_naming_the_key()
    {
        using var host = Build(new() { ["Hazelcast:Cache:MapName"] = " " });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Hazelcast:Cache:MapName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HybridCache_instances_share_the_L2_written_by_the_other()
    {
        using var first = Build(configure: s => s.AddHybridCache());
        using var second = Build(configure: s => s.AddHybridCache());
        await first.StartAsync();
        await second.StartAsync();
        var calls = 0;
        var a = await first.Services.GetRequiredService<HybridCache>().GetOrCreateAsync("report", _ => { calls++; return ValueTask.FromResult("made by first"); });
        // HybridCache may write its L2 in the background: wait until the entry is in the cluster.
        var l2 = first.Services.GetRequiredService<IDistributedCache>();
        for (var i = 0; i < 200 && await l2.GetAsync("report") is null; i++) await Task.Delay(25);
        var b = await second.Services.GetRequiredService<HybridCache>().GetOrCreateAsync("report", _ => { calls++; return ValueTask.FromResult("made by second"); });
        Assert.Equal("made by first", a);
        Assert.Equal("made by first", b);
        Assert.Equal(1, calls);
        await first.StopAsync();
        await second.StopAsync();
    }
}
