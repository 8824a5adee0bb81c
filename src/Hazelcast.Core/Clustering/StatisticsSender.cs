using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hazelcast.Invocations;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Clustering;

/// <summary>A near cache's counters as client statistics report them (the near-cache layer above fills them in).</summary>
internal readonly record struct NearCacheReport(string Name, DateTimeOffset CreationTime, long Evictions, long Hits, long Misses, long OwnedEntryCount, long Expirations);

/// <summary>
/// Client statistics (Hazelcast's ClientStatisticsService): every period, over one connection, <c>Client.Statistics</c>
/// with the client's attributes (the comma-separated <c>key=value</c> list Management Center 4.0 reads) and the
/// metrics blob (<see cref="MetricsBlob"/>): the runtime's gauges and each near cache's counters, as the Java and
/// Node.js clients name them. Off unless <see cref="StatisticsOptions.Enabled"/>.
/// </summary>
internal sealed class StatisticsSender : IAsyncDisposable
{
    // Java's ProbeUnit ordinals.
    private const int UnitBytes = 0, UnitMs = 1, UnitNs = 2, UnitCount = 4, UnitNone = -1;

    private readonly InvocationService _invocations;
    private readonly string _clientName;
    private readonly Func<IEnumerable<NearCacheReport>> _nearCaches;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public StatisticsSender(StatisticsOptions options, InvocationService invocations, string clientName, Func<IEnumerable<NearCacheReport>> nearCaches, ILogger logger, TimeProvider time)
    {
        _invocations = invocations;
        _clientName = clientName;
        _nearCaches = nearCaches;
        _logger = logger;
        _time = time;
        _loop = options.Enabled ? Task.Run(() => LoopAsync(options.Period)) : Task.CompletedTask;
    }

    private async Task LoopAsync(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (_invocations.Router.GetConnection(-1) is not { IsActive: true } connection) continue;
                try
                {
                    var (attributes, blob) = Collect(connection);
                    var request = ClientStatisticsCodec.EncodeRequest(_time.GetUtcNow().ToUnixTimeMilliseconds(), attributes, blob);
                    await _invocations.InvokeAsync(request, -1, _stop.Token, connection).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HazelcastException or ArgumentException)
                {
                    ClusterLog.StatisticsNotSent(_logger, e.Message); // the next period tries again
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The attributes and the metrics blob of one report.</summary>
    internal (string Attributes, byte[] Blob) Collect(Networking.MessageConnection connection)
    {
        var attributes = new StringBuilder();
        void Attribute(string name, object value, string? prefix = null)
        {
            if (attributes.Length > 0) attributes.Append(',');
            attributes.Append(prefix).Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
        var metrics = new List<(string?, string, string?, string?, int, double, bool)>();
        void Gauge(string name, double value, int unit = UnitNone, bool isDouble = false)
        {
            var dot = name.LastIndexOf('.');
            metrics.Add((name[..dot], name[(dot + 1)..], null, null, unit, value, isDouble));
            Attribute(name, isDouble ? value : (long)value); // Management Center 4.0 reads the attributes
        }

        Attribute("lastStatisticsCollectionTime", _time.GetUtcNow().ToUnixTimeMilliseconds());
        Attribute("enterprise", "false");
        Attribute("clientType", Authenticator.ClientType);
        Attribute("clientVersion", Authenticator.ClientVersion);
        Attribute("clusterConnectionTimestamp", connection.OpenedAt.ToUnixTimeMilliseconds());
        Attribute("clientAddress", connection.LocalEndPoint is System.Net.IPEndPoint ip ? $"{ip.Address}:{ip.Port}" : connection.LocalEndPoint?.ToString() ?? "");
        Attribute("clientName", _clientName);

        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        Gauge("os.processCpuTime", process.TotalProcessorTime.Ticks * 100d, UnitNs);
        Gauge("os.totalPhysicalMemorySize", gc.TotalAvailableMemoryBytes, UnitBytes);
        Gauge("runtime.availableProcessors", Environment.ProcessorCount, UnitCount);
        Gauge("runtime.totalMemory", gc.HeapSizeBytes, UnitBytes);
        Gauge("runtime.usedMemory", GC.GetTotalMemory(forceFullCollection: false), UnitBytes);
        Gauge("runtime.uptime", (DateTime.Now - process.StartTime).TotalMilliseconds, UnitMs);

        foreach (var nc in _nearCaches())
        {
            var prefix = $"nc.{Escape(nc.Name.TrimStart('/'))}.";
            void Counter(string metric, long value, int unit)
            {
                metrics.Add(("nearcache", metric, "name", nc.Name, unit, value, false));
                Attribute(metric, value, prefix);
            }
            Counter("creationTime", nc.CreationTime.ToUnixTimeMilliseconds(), UnitMs);
            Counter("evictions", nc.Evictions, UnitCount);
            Counter("hits", nc.Hits, UnitCount);
            Counter("misses", nc.Misses, UnitCount);
            Counter("ownedEntryCount", nc.OwnedEntryCount, UnitCount);
            Counter("expirations", nc.Expirations, UnitCount);
        }
        return (attributes.ToString(), MetricsBlob.Write(metrics));
    }

    // As the official clients escape a near cache's name in the attributes: '=', '.', ',' and '\' get a backslash.
    private static string Escape(string name)
    {
        var b = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is '=' or '.' or ',' or '\\') b.Append('\\');
            b.Append(c);
        }
        return b.ToString();
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
