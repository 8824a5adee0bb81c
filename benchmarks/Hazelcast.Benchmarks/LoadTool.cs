using System.Diagnostics;

namespace Hazelcast.Benchmarks;

/// <summary>N callers in flight doing map gets and sets through our client, for a fixed duration.</summary>
internal static class LoadTool
{
    public static async Task<int> RunAsync(LoadArgs a)
    {
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(a.Address);
        await using var client = (HazelcastClient)await HazelcastClientFactory.StartNewClientAsync(options);
        var map = await client.GetMapAsync<string, byte[]>(Workload.MapName);
        var value = Workload.Value(a.Size);
        var keys = Enumerable.Range(0, a.Keys).Select(Workload.Key).ToArray();
        foreach (var chunk in keys.Chunk(500)) await map.SetAllAsync(chunk.Select(k => KeyValuePair.Create(k, value)));

        var latency = new Histogram();
        long ops = 0;
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, a.InFlight).Select(c => Task.Run(async () =>
        {
            var i = c;
            while (!stop.IsCancellationRequested)
            {
                var key = keys[i % keys.Length];
                var start = Stopwatch.GetTimestamp();
                var get = a.Op == "get" || (a.Op == "mixed" && (i & 1) == 0);
                if (get) await map.GetAsync(key);
                else await map.SetAsync(key, value);
                if (Volatile.Read(ref measuring))
                {
                    latency.Record((long)Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                    Interlocked.Increment(ref ops);
                }
                i += a.InFlight;
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(a.Warmup));
        var (sends0, messages0) = WriteCounters(client.Cluster);
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        var watch = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(TimeSpan.FromSeconds(a.Seconds));
        Volatile.Write(ref measuring, false);
        var elapsed = watch.Elapsed;
        var alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
        var gcs = $"gen0 {GC.CollectionCount(0) - g0}, gen1 {GC.CollectionCount(1) - g1}, gen2 {GC.CollectionCount(2) - g2}";
        var (sends1, messages1) = WriteCounters(client.Cluster);
        await stop.CancelAsync();
        await Task.WhenAll(callers);
        var count = Interlocked.Read(ref ops);
        Workload.PrintResult("hazelcast-dotnet", a, count, elapsed, latency, (double)alloc / Math.Max(1, count), gcs,
            (double)(sends1 - sends0) / Math.Max(1, messages1 - messages0));
        return 0;
    }

    /// <summary>Socket sends and messages written over the client's open connections (their diagnostic counters; a run in which a connection closes would undercount).</summary>
    private static (long SendCalls, long Messages) WriteCounters(Hazelcast.Clustering.Cluster cluster)
        => (cluster.Connections.Connections.Sum(c => c.SendCalls), cluster.Connections.Connections.Sum(c => c.MessagesWritten));
}
