using Hazelcast.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hazelcast.HealthChecks.Tests;

public sealed class HazelcastHealthCheckTests
{
    private static async Task<IHost> StartHostAsync(HazelcastCluster cluster, Action<HealthCheckService>? _ = null, bool smart = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hazelcast:Networking:Addresses:0"] = cluster.Addresses[0],
            ["Hazelcast:Networking:SmartRouting"] = smart ? "true" : "false",
            ["Hazelcast:Networking:ClusterConnectTimeout"] = "00:00:15",
            ["Hazelcast:Heartbeat:Interval"] = "00:00:00.200",
            ["Hazelcast:Heartbeat:Timeout"] = "00:00:01",
        });
        builder.AddHazelcast();
        builder.Services.AddHealthChecks()
            .AddHazelcast(tags: ["ready"], timeout: TimeSpan.FromSeconds(1))
            .AddHazelcastLiveness(tags: ["live"]);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<HealthReportEntry> CheckAsync(IHost host, string tag)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains(tag));
        return report.Entries.Single().Value;
    }

    private static async Task<HealthReportEntry> EventuallyAsync(IHost host, string tag, HealthStatus status, string? state = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var entry = await CheckAsync(host, tag);
            if ((entry.Status == status && (state is null || Equals(entry.Data["state"], state))) || DateTime.UtcNow > deadline) return entry;
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Readiness_follows_the_cluster_healthy_unhealthy_healthy()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2 });
        var ports = cluster.Members.Select(m => m.Port).ToArray();
        using var host = await StartHostAsync(cluster);

        var ready = await CheckAsync(host, "ready");
        Assert.Equal(HealthStatus.Healthy, ready.Status);
        Assert.Equal("dev", ready.Data["cluster"]);
        Assert.Equal(2, ready.Data["members"]);
        Assert.Equal(2, ready.Data["connections"]);

        await cluster.KillAllAsync();
        var down = await EventuallyAsync(host, "ready", HealthStatus.Unhealthy, "Disconnected");
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
        Assert.Contains("Disconnected", down.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host, "live")).Status); // reconnecting is not dead

        await cluster.AddMemberAsync(ports[0]);
        Assert.Equal(HealthStatus.Healthy, (await EventuallyAsync(host, "ready", HealthStatus.Healthy)).Status);
        await host.StopAsync();
    }

    [Fact]
    public async Task Readiness_is_degraded_when_a_member_cannot_be_reached()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2 });
        using var host = await StartHostAsync(cluster);
        cluster.Members[1].Pause();
        var entry = await EventuallyAsync(host, "ready", HealthStatus.Degraded);
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains("1 of 2", entry.Description, StringComparison.Ordinal);
        cluster.Members[1].Resume();
        Assert.Equal(HealthStatus.Healthy, (await EventuallyAsync(host, "ready", HealthStatus.Healthy)).Status);
        await host.StopAsync();
    }

    [Fact]
    public async Task Unisocket_clients_are_healthy_on_one_connection()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2 });
        using var host = await StartHostAsync(cluster, smart: false);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host, "ready")).Status);
        await host.StopAsync();
    }

    [Fact]
    public async Task Liveness_fails_only_once_the_client_has_shut_down()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        using var host = await StartHostAsync(cluster);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host, "live")).Status);
        await host.Services.GetRequiredService<IHazelcastClient>().DisposeAsync();
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(host, "live")).Status);
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(host, "ready")).Status);
    }

    [Fact]
    public void The_check_uses_the_client_from_dependency_injection()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddHazelcast();
        services.AddKeyedHazelcast("orders");
        services.AddHealthChecks().AddHazelcast("main").AddHazelcast("orders", clientKey: "orders", failureStatus: HealthStatus.Degraded);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value;
        var main = options.Registrations.Single(r => r.Name == "main");
        var orders = options.Registrations.Single(r => r.Name == "orders");
        Assert.Equal(HealthStatus.Degraded, orders.FailureStatus);
        Assert.IsType<HazelcastHealthCheck>(main.Factory(provider));
        Assert.IsType<HazelcastHealthCheck>(orders.Factory(provider));
    }
}
