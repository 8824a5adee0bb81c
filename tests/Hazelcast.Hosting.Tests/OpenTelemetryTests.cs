using System.Diagnostics;
using Hazelcast.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Hazelcast.Hosting.Tests;

/// <summary>The wiring the README documents: OpenTelemetry's AddMeter/AddSource with the kit's names, through AddHazelcast, into in-memory exporters.</summary>
public sealed class OpenTelemetryTests : IAsyncLifetime
{
    private static readonly ActivitySource Caller = new("Hazelcast.Hosting.Tests");

    private HazelcastCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await HazelcastCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Metrics_and_traces_reach_OpenTelemetry_exporters()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Test", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hazelcast:ClusterName"] = "dev",
            ["Hazelcast:Networking:Addresses:0"] = _cluster.Addresses[0],
        });
        builder.Logging.ClearProviders();
        var metrics = new List<Metric>();
        var spans = new List<Activity>();
        builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m.AddMeter(HazelcastTelemetry.MeterName).AddInMemoryExporter(metrics))
            .WithTracing(t => t.AddSource(HazelcastTelemetry.ActivitySourceName, Caller.Name).AddInMemoryExporter(spans));
        builder.AddHazelcast();
        using var host = builder.Build();
        await host.StartAsync();

        var client = host.Services.GetRequiredService<IHazelcastClient>();
        using (var parent = Caller.StartActivity("caller")!) // sampled: the client's span is its child
        {
            var map = await client.GetMapAsync<string, int>("otel");
            await map.SetAsync("k", 1);
            Assert.Equal(1, await map.GetAsync("k"));
            lock (spans) Assert.Contains(spans, s => s.OperationName == "map.get" && s.ParentId == parent.Id && (string?)s.GetTagItem("db.system.name") == "hazelcast");
        }
        // Every export appends its metrics (one per meter: one per client): the operations are in one after a flush.
        var operations = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(operations.Contains("map.get") && operations.Contains("map.set")) && DateTime.UtcNow < deadline)
        {
            host.Services.GetRequiredService<MeterProvider>().ForceFlush();
            // Other tests' clients have meters of the same name: this client's carries its name.
            foreach (var metric in metrics.Where(m => m.Name == HazelcastTelemetry.OperationDuration
                && m.MeterTags?.Any(t => t.Key == "hazelcast.client.name" && (string?)t.Value == client.Name) == true).ToList())
                foreach (ref readonly var point in metric.GetMetricPoints())
                    foreach (var tag in point.Tags)
                        if (tag.Key == "db.operation.name") operations.Add((string)tag.Value!);
            await Task.Delay(100);
        }
        Assert.Contains(metrics, m => m.Name == HazelcastTelemetry.OperationDuration && m.MeterName == HazelcastTelemetry.MeterName);
        Assert.Contains(metrics, m => m.Name == HazelcastTelemetry.Connections);
        Assert.Contains("map.get", operations);
        Assert.Contains("map.set", operations);
        await host.StopAsync();
    }
}
