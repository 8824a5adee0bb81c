using System.Diagnostics;
using System.Reflection;
using Hazelcast.Protocol;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>Client statistics (Client.Statistics with its attributes and metrics blob), as the member decodes them from our client and from the official Node.js client.</summary>
public sealed class ClientStatisticsTests : IAsyncLifetime
{
    private HazelcastCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await HazelcastCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private Task<IHazelcastClient> StartClientAsync(Action<HazelcastOptions>? configure = null) => HazelcastClientFactory.StartNewClientAsync(o =>
    {
        o.Networking.Addresses.Add(_cluster.Addresses[0]);
        configure?.Invoke(o);
    }).AsTask();

    [Fact]
    public async Task The_member_receives_the_clients_attributes_runtime_gauges_and_near_cache_counters()
    {
        await using var client = await StartClientAsync(o =>
        {
            o.Statistics.Enabled = true;
            o.Statistics.Period = TimeSpan.FromMilliseconds(200);
            o.ClientName = "stats-client";
            o.NearCaches["cached.map"] = new NearCacheOptions();
        });
        var map = await client.GetMapAsync<string, int>("cached.map");
        await map.SetAsync("k", 1);
        for (var i = 0; i < 3; i++) await map.GetAsync("k"); // a miss, then 2 hits
        await Wait.UntilAsync(() => _cluster.ClientStatistics.TryGetValue(client.Id, out var r) && r.Metrics.Any(m => m.Metric == "hits" && m.Value == 2),
            TimeSpan.FromSeconds(10), "a report with the near cache's hits");

        var report = _cluster.ClientStatistics[client.Id];
        Assert.Null(report.BlobError);
        Assert.Equal("stats-client", report.Attributes["clientName"]);
        Assert.Equal("CSP", report.Attributes["clientType"]);
        Assert.Equal("false", report.Attributes["enterprise"]);
        Assert.StartsWith("127.0.0.1:", report.Attributes["clientAddress"]);
        Assert.Equal("2", report.Attributes["nc.cached.map.hits"]); // the near cache's name unescaped again
        Assert.InRange(report.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        var processors = Assert.Single(report.Metrics, m => m is { Prefix: "runtime", Metric: "availableProcessors" });
        Assert.Equal(Environment.ProcessorCount, processors.Value);
        Assert.Equal(4, processors.Unit); // COUNT
        var misses = Assert.Single(report.Metrics, m => m is { Prefix: "nearcache", Metric: "misses", Discriminator: "name", DiscriminatorValue: "cached.map" });
        Assert.Equal(1, misses.Value);
        Assert.Contains(report.Metrics, m => m.Metric == "usedMemory" && m.Value > 0);
    }

    [Fact]
    public async Task Statistics_are_off_by_default()
    {
        await using var client = await StartClientAsync();
        await Task.Delay(TimeSpan.FromSeconds(3.5)); // longer than the default period
        Assert.False(_cluster.ClientStatistics.ContainsKey(client.Id));
    }

    [Fact]
    public async Task The_member_decodes_the_official_clients_statistics_too()
    {
        await NodeScript.RunAsync(Path.Combine("capture", "statistics.js"), _cluster.Addresses[0]);
        var report = Assert.Single(_cluster.ClientStatistics.Values, r => r.Attributes.GetValueOrDefault("clientType") == "NJS");
        Assert.Null(report.BlobError);
        Assert.Equal("5.7.0", report.Attributes["clientVersion"]);
        Assert.Contains(report.Metrics, m => m is { Prefix: "runtime", Metric: "availableProcessors" } && m.Value == Environment.ProcessorCount);
        Assert.Contains(report.Metrics, m => m is { Prefix: "os", Metric: "systemLoadAverage" }); // a double
        Assert.Contains(report.Metrics, m => m is { Prefix: "nearcache", Metric: "hits", DiscriminatorValue: "nc-stats" } && m.Value >= 2);
    }

    [Fact]
    public void A_malformed_blob_is_refused_with_what_is_wrong()
    {
        Assert.Contains("too short", Assert.Throws<ProtocolException>(() => MetricsBlob.Read(new byte[3])).Message);
        Assert.Contains("version 7", Assert.Throws<ProtocolException>(() => MetricsBlob.Read([0, 7, 0, 0, 0, 0, 0, 0, 0, 0])).Message);
        Assert.Contains("zlib", Assert.Throws<ProtocolException>(() => MetricsBlob.Read([0, 1, 0, 0, 0, 2, 1, 2, 0, 0, 0, 0])).Message);
        var blob = MetricsBlob.Write([("runtime", "uptime", null, null, 1, 42, false), ("runtime", "load", null, null, -1, 0.5, true)]);
        var metrics = MetricsBlob.Read(blob);
        Assert.Equal([new ClientMetric("runtime", "uptime", null, null, 1, 42), new ClientMetric("runtime", "load", null, null, -1, 0.5)], metrics);
    }
}
