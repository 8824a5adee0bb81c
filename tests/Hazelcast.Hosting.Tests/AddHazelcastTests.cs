using System.Net;
using System.Net.Sockets;
using Hazelcast.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hazelcast.Hosting.Tests;

public sealed class AddHazelcastTests : IAsyncLifetime
{
    private HazelcastCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2 });

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private HostApplicationBuilder Builder(Dictionary<string, string?>? settings = null, LogCollector? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        var values = new Dictionary<string, string?>
        {
            ["Hazelcast:ClusterName"] = "dev",
            ["Hazelcast:Networking:Addresses:0"] = _cluster.Addresses[0],
            ["Hazelcast:Networking:ClusterConnectTimeout"] = "00:00:05",
        };
        foreach (var (k, v) in settings ?? []) values[k] = v;
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.ClearProviders();
        if (logs is not null) builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        return builder;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [Fact]
    public async Task The_host_connects_the_client_on_start_and_shuts_it_down_on_stop()
    {
        var logs = new LogCollector();
        var builder = Builder(logs: logs);
        builder.AddHazelcast();
        using var host = builder.Build();
        var client = host.Services.GetRequiredService<IHazelcastClient>();
        Assert.Equal(ClientState.Starting, client.State);

        await host.StartAsync();
        Assert.True(client.IsConnected);
        Assert.Equal(2, client.ConnectionCount);
        var map = await client.GetMapAsync<string, int>("hosted");
        await map.SetAsync("k", 1);

        await host.StopAsync();
        Assert.Equal(ClientState.Shutdown, client.State);
        var ids = logs.Entries.Where(e => e.Category.StartsWith("Hazelcast", StringComparison.Ordinal)).Select(e => e.Id.Id).ToList();
        Assert.Contains(HazelcastEventIds.Starting, ids);
        Assert.Contains(HazelcastEventIds.Connected, ids);
        Assert.Contains(HazelcastEventIds.ShuttingDown, ids);
        Assert.Contains(HazelcastEventIds.ShutDown, ids);
        Assert.All(logs.Entries.Where(e => e.Id.Id == HazelcastEventIds.Connected), e => Assert.Equal(LogLevel.Information, e.Level));
    }

    [Fact]
    public async Task An_ado_net_connection_over_the_hosted_client_is_registered()
    {
        var builder = Builder();
        builder.AddHazelcast();
        using var host = builder.Build();
        await host.StartAsync();
        await using (var connection = host.Services.GetRequiredService<Hazelcast.Sql.HazelcastConnection>())
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE MAPPING hosted_sql TYPE IMap OPTIONS ('keyFormat'='int', 'valueFormat'='varchar')";
            Assert.Equal(0, await command.ExecuteNonQueryAsync());
            command.CommandText = "SHOW MAPPINGS";
            Assert.Equal("hosted_sql", await command.ExecuteScalarAsync());
        }
        // Closing the connection leaves the hosted client running.
        Assert.True(host.Services.GetRequiredService<IHazelcastClient>().IsConnected);
        await host.StopAsync();
    }

    [Fact]
    public async Task Configuration_from_appsettings_json_is_bound()
    {
        var file = Path.Combine(Path.GetTempPath(), $"hz-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, $$"""
            { "Hazelcast": { "ClusterName": "dev", "Networking": { "Addresses": [ "{{_cluster.Addresses[1]}}" ], "SmartRouting": false, "ConnectionTimeout": "00:00:03" },
              "Heartbeat": { "Interval": "00:00:02", "Timeout": "00:00:30" }, "InvocationTimeout": "00:00:45", "Labels": [ "web" ],
              "ReliableTopics": { "orders-*": { "ReadBatchSize": 50, "OverloadPolicy": "Error" } },
              "NearCaches": { "catalog-*": { "InMemoryFormat": "Object", "TimeToLive": "00:10:00", "Eviction": { "Policy": "Lfu", "MaxSize": 500 } } },
              "NearCacheRepair": { "ReconciliationInterval": "00:00:30", "MaxToleratedMissCount": 0 } } }
            """);
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddJsonFile(file);
            builder.AddHazelcast();
            using var host = builder.Build();
            var options = host.Services.GetRequiredService<IOptions<HazelcastOptions>>().Value;
            Assert.Equal([_cluster.Addresses[1]], options.Networking.Addresses);
            Assert.False(options.Networking.SmartRouting);
            Assert.Equal(TimeSpan.FromSeconds(3), options.Networking.ConnectionTimeout);
            Assert.Equal(TimeSpan.FromSeconds(30), options.Heartbeat.Timeout);
            Assert.Equal(TimeSpan.FromSeconds(45), options.InvocationTimeout);
            Assert.Equal(["web"], options.Labels);
            Assert.Equal(50, options.ReliableTopics["orders-*"].ReadBatchSize);
            Assert.Equal(Hazelcast.DistributedObjects.TopicOverloadPolicy.Error, options.ReliableTopics["orders-*"].OverloadPolicy);
            var nearCache = options.NearCaches["catalog-*"];
            Assert.Equal((NearCacheInMemoryFormat.Object, TimeSpan.FromMinutes(10), NearCacheEvictionPolicy.Lfu, 500),
                (nearCache.InMemoryFormat, nearCache.TimeToLive, nearCache.Eviction.Policy, nearCache.Eviction.MaxSize));
            Assert.Equal((TimeSpan.FromSeconds(30), 0), (options.NearCacheRepair.ReconciliationInterval, options.NearCacheRepair.MaxToleratedMissCount));
            await host.StartAsync();
            Assert.Equal(1, host.Services.GetRequiredService<IHazelcastClient>().ConnectionCount);
            await host.StopAsync();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Hazelcast:ClusterName", "")]
    [InlineData("Hazelcast:Networking:Addresses:0", "host:port:nope")]
    [InlineData("Hazelcast:Networking:Addresses:0", "127.0.0.1:99999")]
    [InlineData("Hazelcast:Networking:ConnectionTimeout", "00:00:00")]
    [InlineData("Hazelcast:Heartbeat:Timeout", "00:00:01")]
    [InlineData("Hazelcast:InvocationTimeout", "-00:00:01")]
    [InlineData("Hazelcast:ReliableTopics:orders:ReadBatchSize", "0")]
    [InlineData("Hazelcast:ReliableTopics:orders:ReadBatchSize", "5000")]
    [InlineData("Hazelcast:NearCaches:catalog-*:Eviction:MaxSize", "0")]
    [InlineData("Hazelcast:NearCaches:catalog-*:TimeToLive", "-00:00:01")]
    [InlineData("Hazelcast:NearCacheRepair:MaxToleratedMissCount", "-1")]
    public async Task An_invalid_option_stops_start_up_naming_the_key_and_value(string key, string value)
    {
        var builder = Builder(new() { [key] = value });
        builder.AddHazelcast();
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        if (value.Length > 0) Assert.Contains(value.TrimStart('-'), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_against_an_unreachable_address_fails_within_the_timeout()
    {
        var port = FreePort();
        var builder = Builder(new()
        {
            ["Hazelcast:Networking:Addresses:0"] = $"127.0.0.1:{port}",
            ["Hazelcast:Networking:ClusterConnectTimeout"] = "00:00:01",
        });
        builder.AddHazelcast();
        using var host = builder.Build();
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<HazelcastConnectionException>(() => host.StartAsync());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_honours_the_host_cancellation_token()
    {
        var builder = Builder(new()
        {
            ["Hazelcast:Networking:Addresses:0"] = $"127.0.0.1:{FreePort()}",
            ["Hazelcast:Networking:ClusterConnectTimeout"] = "00:01:00",
        });
        builder.AddHazelcast();
        using var host = builder.Build();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.StartAsync(cts.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Background_mode_starts_at_once_and_connects_when_a_member_appears()
    {
        var port = FreePort();
        var builder = Builder(new()
        {
            ["Hazelcast:Networking:Addresses:0"] = $"127.0.0.1:{port}",
            ["Hazelcast:Networking:ClusterConnectTimeout"] = "00:00:01",
            ["Hazelcast:Hosting:WaitForConnectionOnStart"] = "false",
        });
        builder.AddHazelcast();
        using var host = builder.Build();
        await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(2));
        var client = host.Services.GetRequiredService<IHazelcastClient>();
        Assert.False(client.IsConnected);
        await using var late = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { BasePort = port });
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!client.IsConnected && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(client.IsConnected);
        await host.StopAsync();
    }

    [Fact]
    public void The_client_is_a_singleton_and_registering_twice_registers_once()
    {
        var builder = Builder();
        builder.Services.AddHazelcast();
        builder.Services.AddHazelcast(o => o.ClientName = "named");
        builder.AddHazelcast();
        using var host = builder.Build();
        Assert.Same(host.Services.GetRequiredService<IHazelcastClient>(), host.Services.GetRequiredService<IHazelcastClient>());
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<HazelcastClientHostedService>());
        Assert.Equal("named", host.Services.GetRequiredService<IHazelcastClient>().Name);
    }

    [Fact]
    public async Task Keyed_clients_talk_to_their_own_clusters()
    {
        await using var other = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { ClusterName = "orders" });
        var builder = Builder(new()
        {
            ["Hazelcast:orders:ClusterName"] = "orders",
            ["Hazelcast:orders:Networking:Addresses:0"] = other.Addresses[0],
        });
        builder.AddHazelcast();
        Assert.Same(builder.Services, builder.Services.AddKeyedHazelcast("orders"));
        using var host = builder.Build();
        await host.StartAsync();
        var main = host.Services.GetRequiredService<IHazelcastClient>();
        var orders = host.Services.GetRequiredKeyedService<IHazelcastClient>("orders");
        Assert.NotSame(main, orders);
        Assert.Equal("orders", orders.ClusterName);
        Assert.Equal(other.ClusterId, orders.ClusterId);
        Assert.Equal(_cluster.ClusterId, main.ClusterId);
        await host.StopAsync();
    }

    [Fact]
    public async Task Using_the_client_before_the_host_started_fails_clearly()
    {
        var builder = Builder();
        builder.AddHazelcast();
        using var host = builder.Build();
        var client = host.Services.GetRequiredService<IHazelcastClient>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await client.GetMapAsync<string, string>("m"));
        Assert.Contains("not been started", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_lets_operations_in_flight_complete()
    {
        var builder = Builder();
        builder.AddHazelcast();
        using var host = builder.Build();
        await host.StartAsync();
        var map = await host.Services.GetRequiredService<IHazelcastClient>().GetMapAsync<int, int>("inflight");
        var writes = Enumerable.Range(0, 500).Select(i => map.SetAsync(i, i).AsTask()).ToList();
        await host.StopAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAll(writes); // none failed: the client drained them before closing
    }
}
