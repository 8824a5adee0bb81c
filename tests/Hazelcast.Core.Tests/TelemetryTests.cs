using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hazelcast.Protocol;
using Hazelcast.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>
/// The client's instruments (meter "Hazelcast", read with <see cref="MetricCollector{T}"/> through the host's
/// <see cref="IMeterFactory"/>) and activities (source "Hazelcast", read with an <see cref="ActivityListener"/>).
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private HazelcastCluster _cluster = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2 });
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _services.DisposeAsync();
    }

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    private async Task<HazelcastClient> StartClientAsync(Action<HazelcastOptions>? configure = null)
    {
        var options = new HazelcastOptions();
        foreach (var address in _cluster.Addresses) options.Networking.Addresses.Add(address);
        configure?.Invoke(options);
        var client = HazelcastClientFactory.CreateClient(options, meterFactory: Meters);
        await client.StartAsync();
        return client;
    }

    private MetricCollector<T> Collect<T>(string instrument) where T : struct => new(Meters, HazelcastTelemetry.MeterName, instrument);

    private static object? Tag(CollectedMeasurement<double> m, string name) => m.Tags.TryGetValue(name, out var v) ? v : null;

    [Fact]
    public async Task Operations_are_timed_by_operation_member_and_outcome()
    {
        using var durations = Collect<double>(HazelcastTelemetry.OperationDuration);
        await using var client = await StartClientAsync();
        var map = await client.GetMapAsync<string, int>("telemetry");
        durations.Clear();
        await map.SetAsync("k", 1);
        await map.GetAsync("k");
        await Assert.ThrowsAsync<RemoteException>(async () => await map.UnlockAsync("k")); // not locked: the member refuses

        var measurements = durations.GetMeasurementSnapshot();
        var get = Assert.Single(measurements, m => Tag(m, "db.operation.name") as string == "map.get");
        Assert.Equal("hazelcast", Tag(get, "db.system.name"));
        Assert.Equal("127.0.0.1", Tag(get, "server.address"));
        Assert.Contains((int)Tag(get, "server.port")!, _cluster.Members.Select(m => m.Port));
        Assert.Null(Tag(get, "error.type"));
        Assert.InRange(get.Value, 0, 10);
        Assert.Single(measurements, m => Tag(m, "db.operation.name") as string == "map.set");
        var failed = Assert.Single(measurements, m => Tag(m, "db.operation.name") as string == "map.unlock");
        Assert.Equal("java.lang.IllegalMonitorStateException", Tag(failed, "error.type"));
        Assert.All(measurements, m => Assert.DoesNotContain(m.Tags, t => t.Value is string s && (s == "telemetry" || s == "k"))); // no names, no keys
    }

    [Fact]
    public async Task Connections_members_in_flight_bytes_and_events_are_counted()
    {
        using var connections = Collect<int>(HazelcastTelemetry.Connections);
        using var members = Collect<int>(HazelcastTelemetry.Members);
        using var inFlight = Collect<int>(HazelcastTelemetry.InFlight);
        using var sent = Collect<long>(HazelcastTelemetry.BytesSent);
        using var received = Collect<long>(HazelcastTelemetry.BytesReceived);
        using var events = Collect<long>(HazelcastTelemetry.EventsReceived);
        await using var client = await StartClientAsync();
        await Wait.UntilAsync(() => client.ConnectionCount == 2, TimeSpan.FromSeconds(10), "both connections");
        var map = await client.GetMapAsync<string, string>("telemetry-events");
        var heard = 0;
        await map.SubscribeAsync(on => on.EntryAdded(_ => Interlocked.Increment(ref heard)));
        var sentBefore = sent.GetMeasurementSnapshot().Sum(m => m.Value);
        await map.SetAsync("k", new string('x', 10_000));
        await Wait.UntilAsync(() => Volatile.Read(ref heard) == 1, TimeSpan.FromSeconds(5), "the event");

        connections.RecordObservableInstruments();
        Assert.Equal(2, connections.LastMeasurement!.Value);
        members.RecordObservableInstruments();
        Assert.Equal(2, members.LastMeasurement!.Value);
        inFlight.RecordObservableInstruments();
        Assert.InRange(inFlight.LastMeasurement!.Value, 0, 2); // a heartbeat may be in flight
        Assert.True(sent.GetMeasurementSnapshot().Sum(m => m.Value) - sentBefore >= 10_000, "the 10 KB value was counted as sent");
        Assert.True(received.GetMeasurementSnapshot().Sum(m => m.Value) > 0);
        Assert.True(events.GetMeasurementSnapshot().Sum(m => m.Value) >= 1);
    }

    [Fact]
    public async Task Retries_reconnects_and_dropped_events_are_counted()
    {
        using var retries = Collect<long>(HazelcastTelemetry.Retries);
        using var reconnects = Collect<long>(HazelcastTelemetry.Reconnects);
        using var dropped = Collect<long>(HazelcastTelemetry.EventsDropped);
        await using var client = await StartClientAsync(o => o.Messaging.MaxQueuedEventsPerListener = 1);
        var map = await client.GetMapAsync<int, int>("telemetry-retries");

        foreach (var member in _cluster.Members) member.FailRequests(RemoteError.PartitionMigrating, TimeSpan.FromMilliseconds(300));
        await map.SetAsync(1, 1);
        var retry = Assert.Single(retries.GetMeasurementSnapshot().GroupBy(m => m.Tags["db.operation.name"]));
        Assert.Equal("map.set", retry.Key);

        using var release = new ManualResetEventSlim();
        await map.SubscribeAsync(on => on.EntryAdded(_ => release.Wait(TimeSpan.FromSeconds(10))));
        for (var i = 0; i < 20; i++) await map.SetAsync(100 + i, i);
        await Wait.UntilAsync(() => dropped.GetMeasurementSnapshot().Sum(m => m.Value) > 0, TimeSpan.FromSeconds(5), "dropped events");
        release.Set();

        await _cluster.RestartClusterAsync();
        await Wait.UntilAsync(() => reconnects.GetMeasurementSnapshot().Sum(m => m.Value) == 1, TimeSpan.FromSeconds(30), "one reconnection");
    }

    [Fact]
    public async Task Near_cache_hits_and_misses_are_counted()
    {
        using var hits = Collect<long>(HazelcastTelemetry.NearCacheHits);
        using var misses = Collect<long>(HazelcastTelemetry.NearCacheMisses);
        await using var client = await StartClientAsync(o => o.NearCaches["cached"] = new NearCacheOptions());
        var map = await client.GetMapAsync<string, int>("cached");
        await map.SetAsync("k", 1);
        await map.GetAsync("k"); // a miss, then cached
        await map.GetAsync("k");
        await map.GetAsync("k");
        hits.RecordObservableInstruments();
        misses.RecordObservableInstruments();
        Assert.Equal(2, hits.LastMeasurement!.Value);
        Assert.Equal(1, misses.LastMeasurement!.Value);
    }

    [Fact]
    public async Task Each_invocation_is_one_client_activity_a_child_of_the_callers_with_its_retries_and_errors()
    {
        var stopped = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == HazelcastTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var client = await StartClientAsync();
        var map = await client.GetMapAsync<string, int>("telemetry-traces");

        using var parent = new Activity("caller").Start();
        foreach (var member in _cluster.Members) member.FailRequests(RemoteError.PartitionMigrating, TimeSpan.FromMilliseconds(300));
        stopped.Clear();
        await map.SetAsync("k", 1);
        Assert.Same(parent, Activity.Current); // the client's activity never became the caller's current one
        await Assert.ThrowsAsync<RemoteException>(async () => await map.UnlockAsync("k"));
        parent.Stop();

        // The listener hears every client of the process: the caller's children are this test's.
        var set = Assert.Single(stopped, a => a.OperationName == "map.set" && a.ParentId == parent.Id);
        Assert.Equal(ActivityKind.Client, set.Kind);
        Assert.Equal("hazelcast", set.GetTagItem("db.system.name"));
        Assert.Equal("map.set", set.GetTagItem("db.operation.name"));
        Assert.Equal("127.0.0.1", set.GetTagItem("server.address"));
        Assert.Equal(ActivityStatusCode.Unset, set.Status);
        Assert.Contains(set.Events, e => e.Name == "hazelcast.retry"); // retried on the same activity, not a new one
        var unlock = Assert.Single(stopped, a => a.OperationName == "map.unlock" && a.ParentId == parent.Id);
        Assert.Equal(ActivityStatusCode.Error, unlock.Status);
        Assert.Equal("java.lang.IllegalMonitorStateException", unlock.GetTagItem("error.type"));
        Assert.Contains(unlock.Events, e => e.Name == "exception");
    }
}
