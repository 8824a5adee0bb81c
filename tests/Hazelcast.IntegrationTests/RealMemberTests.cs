using Hazelcast.DistributedObjects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Hazelcast.IntegrationTests;

/// <summary>The client, the hosting kit and the health checks against a real Hazelcast member (Testcontainers).</summary>
public sealed class RealMemberTests(HazelcastContainerFixture member) : IClassFixture<HazelcastContainerFixture>
{
    private HazelcastOptions Options()
    {
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(member.Address);
        return options;
    }

    [Fact]
    public async Task Map_operations_work_against_a_real_member()
    {
        member.SkipIfUnavailable();
        await using var client = await HazelcastClientFactory.StartNewClientAsync(Options());
        var map = await client.GetMapAsync<string, string>($"real-{Guid.NewGuid():N}");
        Assert.Null(await map.PutAsync("k", "v1"));
        Assert.Equal("v1", await map.PutAsync("k", "v2"));
        Assert.Equal("v2", await map.GetAsync("k"));
        var events = new TaskCompletionSource<MapEntryEventArgs<string, string>>();
        await map.SubscribeAsync(on => on.EntryAdded(e => events.TrySetResult(e)));
        await map.SetAsync("added", "x");
        Assert.Equal("added", (await events.Task.WaitAsync(TimeSpan.FromSeconds(10))).Key);
        await map.SetAllAsync(Enumerable.Range(0, 100).Select(i => KeyValuePair.Create($"k{i}", $"v{i}")));
        Assert.Equal(102, await map.GetSizeAsync());
        await map.LockAsync("k");
        Assert.True(await map.IsLockedAsync("k"));
        await map.UnlockAsync("k");
    }

    [Fact]
    public async Task The_hosted_client_and_its_health_checks_work_against_a_real_member()
    {
        member.SkipIfUnavailable();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Hazelcast:Networking:Addresses:0"] = member.Address });
        builder.AddHazelcast();
        builder.Services.AddHealthChecks().AddHazelcast(tags: ["ready"]);
        using var host = builder.Build();
        await host.StartAsync();
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Status);
        await host.StopAsync();
    }
}
