using System.Diagnostics;
using Hazelcast.Testing;

namespace Hazelcast.Benchmarks;

/// <summary>
/// How long a near cache serves a value after another client's write was acknowledged: a writer sets a key to a new
/// number, then a reader with a near cache reads it until it sees that number; the time between is one sample.
/// Against an in-process cluster of 2 members, so that invalidations can be dropped (<c>--drop 1</c>) and the
/// repairer must find them.
/// </summary>
internal static class Staleness
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var samples = 200;
        var drop = false;
        var interval = TimeSpan.FromSeconds(2);
        var batchSize = 100;
        var batchFrequency = TimeSpan.FromSeconds(10);
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--samples": samples = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "--drop": drop = value is "1" or "true"; break;
                case "--interval-ms": interval = TimeSpan.FromMilliseconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                case "--batch-size": batchSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "--batch-frequency-ms": batchFrequency = TimeSpan.FromMilliseconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException($"Unknown option {args[i]} (--samples N --drop 0|1 --interval-ms MS --batch-size N --batch-frequency-ms MS).");
            }
        }
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions
        {
            MemberCount = 2, NearCacheInvalidationBatchSize = batchSize, NearCacheInvalidationBatchFrequency = batchFrequency,
        });
        var readerOptions = new HazelcastOptions();
        var writerOptions = new HazelcastOptions();
        foreach (var a in cluster.Addresses)
        {
            readerOptions.Networking.Addresses.Add(a);
            writerOptions.Networking.Addresses.Add(a);
        }
        readerOptions.NearCaches["stale"] = new NearCacheOptions();
        readerOptions.NearCacheRepair.ReconciliationInterval = interval;
        readerOptions.NearCacheRepair.MaxToleratedMissCount = 0;
        await using var reader = await HazelcastClientFactory.StartNewClientAsync(readerOptions);
        await using var writer = await HazelcastClientFactory.StartNewClientAsync(writerOptions);
        var cached = await reader.GetMapAsync<int, long>("stale");
        var written = await writer.GetMapAsync<int, long>("stale");
        foreach (var member in cluster.Members) member.DropInvalidations = drop;

        var results = new List<double>();
        for (var n = 1; n <= samples; n++)
        {
            var key = n % 16;
            await cached.GetAsync(key); // cached before the write
            await written.SetAsync(key, n);
            var acknowledged = Stopwatch.GetTimestamp();
            while (await cached.GetAsync(key) != n) await Task.Yield();
            results.Add(Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds);
        }
        results.Sort();
        double P(double p) => results[Math.Min(results.Count - 1, (int)Math.Ceiling(results.Count * p / 100) - 1)];
        Console.WriteLine($"staleness: samples={samples} drop={drop} interval_ms={interval.TotalMilliseconds} batch_size={batchSize} batch_frequency_ms={batchFrequency.TotalMilliseconds}");
        Console.WriteLine($"p50_ms={P(50):0.###} p99_ms={P(99):0.###} max_ms={results[^1]:0.###}");
        return 0;
    }
}
