using System.Diagnostics;
using Hazelcast.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Hazelcast.Benchmarks;

/// <summary>
/// The same IDistributedCache workload (half gets, half sets with a sliding expiration) through our cache on a
/// member, ASP.NET Core's MemoryDistributedCache, and the StackExchange.Redis cache on a loopback redis-server.
/// </summary>
internal static class CacheLoad
{
    public static async Task<int> RunAsync(LoadArgs a)
    {
        var hzOptions = new HazelcastOptions();
        hzOptions.Networking.Addresses.Add(a.Address);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(hzOptions);
        var caches = new (string Name, IDistributedCache Cache)[]
        {
            ("MemoryDistributedCache", new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()))),
            ("HazelcastCache (in-process member)", new HazelcastCache(client, Options.Create(new HazelcastCacheOptions { MapName = "bench-cache" }))),
            ("RedisCache (redis-server)", new RedisCache(Options.Create(new RedisCacheOptions { Configuration = a.Redis, InstanceName = "bench:" }))),
        };
        Console.WriteLine($"| cache | size | in flight | ops/s | p50 µs | p99 µs | alloc B/op |");
        foreach (var (name, cache) in caches)
        {
            var value = Workload.Value(a.Size);
            var options = new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5) };
            for (var i = 0; i < a.Keys; i++) await cache.SetAsync(Workload.Key(i), value, options);
            var measurement = new Measurement();
            using var stop = new CancellationTokenSource();
            var callers = Enumerable.Range(0, a.InFlight).Select(c => Task.Run(async () =>
            {
                for (var i = c; !stop.IsCancellationRequested; i += a.InFlight)
                {
                    var key = Workload.Key(i % a.Keys);
                    var start = Stopwatch.GetTimestamp();
                    if ((i & 1) == 0) await cache.GetAsync(key);
                    else await cache.SetAsync(key, value, options);
                    measurement.Record(start);
                }
            })).ToArray();
            var (elapsed, alloc) = await measurement.RunAsync(a);
            await stop.CancelAsync();
            await Task.WhenAll(callers);
            var count = measurement.Ops;
            Console.WriteLine($"| {name} | {a.Size} | {a.InFlight} | {count / elapsed.TotalSeconds:0} | {measurement.Latency.Percentile(50)} | {measurement.Latency.Percentile(99)} | {alloc / Math.Max(1, count)} |");
            (cache as IDisposable)?.Dispose();
        }
        return 0;
    }
}
