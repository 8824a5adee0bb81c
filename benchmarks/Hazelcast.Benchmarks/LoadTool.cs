using System.Diagnostics;

namespace Hazelcast.Benchmarks;

/// <summary>N callers in flight doing map gets and sets through our client, for a fixed duration.</summary>
internal static class LoadTool
{
    public static async Task<int> RunAsync(LoadArgs a)
    {
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(a.Address);
        if (a.TlsCa is not null)
        {
            options.Networking.Ssl.Enabled = true;
            options.Networking.Ssl.CaCertificatePaths.Add(a.TlsCa);
        }
        if (a.NearCache) options.NearCaches[Workload.MapName] = new NearCacheOptions { InMemoryFormat = NearCacheInMemoryFormat.Object };
        using var listeners = TelemetryListeners.Start(a.Listen);
        await using var client = (HazelcastClient)await HazelcastClientFactory.StartNewClientAsync(options);
        var map = await client.GetMapAsync<string, byte[]>(Workload.MapName);
        var value = Workload.Value(a.Size);
        var keys = Enumerable.Range(0, a.Keys).Select(Workload.Key).ToArray();
        foreach (var chunk in keys.Chunk(500)) await map.SetAllAsync(chunk.Select(k => KeyValuePair.Create(k, value)));

        var measurement = new Measurement();
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, a.InFlight).Select(c => Task.Run(async () =>
        {
            long i = c; // long: near-cache hits complete at once, an int would overflow within seconds
            while (!stop.IsCancellationRequested)
            {
                var key = keys[(int)(i % keys.Length)];
                var start = Stopwatch.GetTimestamp();
                var get = a.Op == "get" || (a.Op == "mixed" && (i & 1) == 0) || (a.Op == "read-mostly" && i % 20 != 0); // read-mostly: 1 set in 20
                if (get) await map.GetAsync(key);
                else await map.SetAsync(key, value);
                measurement.Record(start);
                i += a.InFlight;
            }
        })).ToArray();

        (long Sends, long Messages) before = default, after = default;
        int g0 = 0, g1 = 0, g2 = 0;
        var gcs = "";
        var (elapsed, alloc) = await measurement.RunAsync(a, onStart: () =>
        {
            before = WriteCounters(client.Cluster);
            (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        }, onEnd: () =>
        {
            gcs = $"gen0 {GC.CollectionCount(0) - g0}, gen1 {GC.CollectionCount(1) - g1}, gen2 {GC.CollectionCount(2) - g2}";
            after = WriteCounters(client.Cluster);
        });
        var (sends0, messages0) = before;
        var (sends1, messages1) = after;
        await stop.CancelAsync();
        await Task.WhenAll(callers);
        var count = measurement.Ops;
        Workload.PrintResult("hazelcast-dotnet", a, count, elapsed, measurement.Latency, (double)alloc / Math.Max(1, count), gcs,
            (double)(sends1 - sends0) / Math.Max(1, messages1 - messages0));
        return 0;
    }

    /// <summary>Socket sends and messages written over the client's open connections (their diagnostic counters; a run in which a connection closes would undercount).</summary>
    private static (long SendCalls, long Messages) WriteCounters(Hazelcast.Clustering.Cluster cluster)
        => (cluster.Connections.Connections.Sum(c => c.SendCalls), cluster.Connections.Connections.Sum(c => c.MessagesWritten));
}
