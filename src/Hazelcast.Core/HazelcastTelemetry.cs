using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Hazelcast;

/// <summary>
/// The names of the client's meter, activity source and instruments: a contract, they do not change. Subscribe with
/// OpenTelemetry's <c>AddMeter(HazelcastTelemetry.MeterName)</c> and <c>AddSource(HazelcastTelemetry.ActivitySourceName)</c>.
/// </summary>
/// <remarks>
/// Tags follow OpenTelemetry's conventions for database clients: <c>db.system.name</c> = <c>hazelcast</c>,
/// <c>db.operation.name</c> (the protocol message in lower case: <c>map.get</c>, <c>queue.offer</c>),
/// <c>server.address</c> and <c>server.port</c> (the member that answered), <c>error.type</c> on failures. No key,
/// value nor object name is ever a tag, so their number stays bounded. Each client has its own meter, tagged with
/// <c>hazelcast.client.name</c>.
/// </remarks>
public static class HazelcastTelemetry
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Hazelcast";

    /// <summary>The activity source's name: one client activity per invocation (its retries are events on it).</summary>
    public const string ActivitySourceName = "Hazelcast";

    /// <summary>Histogram (s): how long operations take, from the call to the answer, retries included.</summary>
    public const string OperationDuration = "db.client.operation.duration";

    /// <summary>Counter: invocations sent again (after a lost connection, a member that is not the owner, ...).</summary>
    public const string Retries = "hazelcast.client.invocation.retries";

    /// <summary>Up-down counter: invocations waiting for their answer now.</summary>
    public const string InFlight = "hazelcast.client.invocations.in_flight";

    /// <summary>Up-down counter: open connections to members.</summary>
    public const string Connections = "hazelcast.client.connections";

    /// <summary>Gauge: the members of the cluster, as the client knows them.</summary>
    public const string Members = "hazelcast.client.members";

    /// <summary>Counter: the times the client reached the cluster again after losing it.</summary>
    public const string Reconnects = "hazelcast.client.reconnects";

    /// <summary>Counter: events received for the client's listeners.</summary>
    public const string EventsReceived = "hazelcast.client.events.received";

    /// <summary>Counter: events dropped because a listener's handler fell behind (Messaging:MaxQueuedEventsPerListener).</summary>
    public const string EventsDropped = "hazelcast.client.events.dropped";

    /// <summary>Counter (By): bytes written to members.</summary>
    public const string BytesSent = "hazelcast.client.bytes.sent";

    /// <summary>Counter (By): bytes read from members.</summary>
    public const string BytesReceived = "hazelcast.client.bytes.received";

    /// <summary>Counter: near-cache lookups that found the entry (all the client's near caches).</summary>
    public const string NearCacheHits = "hazelcast.client.near_cache.hits";

    /// <summary>Counter: near-cache lookups that did not find the entry.</summary>
    public const string NearCacheMisses = "hazelcast.client.near_cache.misses";
}

/// <summary>
/// One client's instruments, on a meter of its own (from the host's <see cref="IMeterFactory"/> when it has one), and
/// the activity source all clients share. Every record checks first that someone listens: with no listener an
/// operation pays two field reads.
/// </summary>
internal sealed class ClientTelemetry : IDisposable
{
    internal static readonly ActivitySource Source = new(HazelcastTelemetry.ActivitySourceName, Version);

    private static string Version => typeof(ClientTelemetry).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private volatile bool _disposed;
    private Func<int>? _connections, _members, _inFlight;
    private Func<(long Hits, long Misses)>? _nearCache;

    public ClientTelemetry(string clientName, IMeterFactory? meterFactory)
    {
        var options = new MeterOptions(HazelcastTelemetry.MeterName) { Version = Version, Tags = [new("hazelcast.client.name", clientName)] };
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(options) ?? new Meter(options);
        Duration = _meter.CreateHistogram<double>(HazelcastTelemetry.OperationDuration, "s", "How long operations take, retries included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        Retries = _meter.CreateCounter<long>(HazelcastTelemetry.Retries, "{retry}", "Invocations sent again.");
        Reconnects = _meter.CreateCounter<long>(HazelcastTelemetry.Reconnects, "{reconnect}", "Times the client reached the cluster again after losing it.");
        EventsReceived = _meter.CreateCounter<long>(HazelcastTelemetry.EventsReceived, "{event}", "Events received for the client's listeners.");
        EventsDropped = _meter.CreateCounter<long>(HazelcastTelemetry.EventsDropped, "{event}", "Events dropped because a listener's handler fell behind.");
        BytesSent = _meter.CreateCounter<long>(HazelcastTelemetry.BytesSent, "By", "Bytes written to members.");
        BytesReceived = _meter.CreateCounter<long>(HazelcastTelemetry.BytesReceived, "By", "Bytes read from members.");
        _meter.CreateObservableUpDownCounter(HazelcastTelemetry.InFlight, () => Observe(_inFlight), "{invocation}", "Invocations waiting for their answer.");
        _meter.CreateObservableUpDownCounter(HazelcastTelemetry.Connections, () => Observe(_connections), "{connection}", "Open connections to members.");
        _meter.CreateObservableGauge(HazelcastTelemetry.Members, () => Observe(_members), "{member}", "Members of the cluster.");
        _meter.CreateObservableCounter(HazelcastTelemetry.NearCacheHits, () => ObserveNearCache(hits: true), "{lookup}", "Near-cache lookups that found the entry.");
        _meter.CreateObservableCounter(HazelcastTelemetry.NearCacheMisses, () => ObserveNearCache(hits: false), "{lookup}", "Near-cache lookups that did not find the entry.");
    }

    public Histogram<double> Duration { get; }

    public Counter<long> Retries { get; }

    public Counter<long> Reconnects { get; }

    public Counter<long> EventsReceived { get; }

    public Counter<long> EventsDropped { get; }

    public Counter<long> BytesSent { get; }

    public Counter<long> BytesReceived { get; }

    /// <summary>Whether an invocation needs its start time: someone listens to durations or to activities.</summary>
    public bool TimesInvocations => Duration.Enabled || Source.HasListeners();

    /// <summary>The layers above tell what the observable instruments read (they are built after this object).</summary>
    public void Observe(Func<int> connections, Func<int> members, Func<int> inFlight)
    {
        _connections = connections;
        _members = members;
        _inFlight = inFlight;
    }

    public void ObserveNearCaches(Func<(long Hits, long Misses)> nearCache) => _nearCache = nearCache;

    private IEnumerable<Measurement<int>> Observe(Func<int>? read)
        => _disposed || read is null ? [] : [new Measurement<int>(read())];

    private IEnumerable<Measurement<long>> ObserveNearCache(bool hits)
    {
        if (_disposed || _nearCache is null) return [];
        var (h, m) = _nearCache();
        return [new Measurement<long>(hits ? h : m)];
    }

    public void Dispose()
    {
        _disposed = true;
        if (_ownsMeter) _meter.Dispose();
    }
}
