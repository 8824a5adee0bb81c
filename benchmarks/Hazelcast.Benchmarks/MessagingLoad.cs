using System.Diagnostics;
using Hazelcast.DistributedObjects;

namespace Hazelcast.Benchmarks;

/// <summary>
/// Queues and topics through our client, the same workloads as tests/conformance/bench/messaging.js runs through the
/// official Node.js client:
/// <c>--op queue --inflight N</c>: N producers put and N consumers take on one queue (bounded by the member to 10,000);
/// throughput is items taken per second, latency a take's round trip.
/// <c>--op topic|reliable-topic --inflight N</c>: one publisher that publishes as soon as its previous publish is
/// acknowledged, N subscribers; latency from publish to receipt (the payload is the publish timestamp), throughput is
/// messages received per second (all subscribers).
/// <c>--op flake-id --inflight N</c>: N callers loop <c>GetNewIdAsync</c> (batches of 100, Hazelcast's default);
/// <c>--op pn-counter --inflight N</c>: N callers loop <c>IncrementAndGetAsync</c>; throughput is calls per second.
/// <c>--op aggregate|fetch-sum --inflight N</c>: over a map of 100,000 <c>int</c> values, N callers loop a sum: the
/// members' <c>AggregateAsync(IntegerSum)</c>, or fetching every value (<c>GetValuesAsync</c>) and summing here.
/// </summary>
internal static class MessagingLoad
{
    public const string QueueName = "bench-queue";
    public const string TopicName = "bench-topic";

    public static async Task<int> RunAsync(LoadArgs a)
    {
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(a.Address);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var measurement = new Measurement();
        Action<long> Count = measurement.Record;

        using var stop = new CancellationTokenSource();
        var workers = new List<Task>();
        if (a.Op == "queue")
        {
            var queue = await client.GetQueueAsync<byte[]>(QueueName);
            await queue.ClearAsync();
            var value = Workload.Value(a.Size);
            for (var i = 0; i < a.InFlight; i++)
            {
                workers.Add(Task.Run(async () =>
                {
                    try
                    {
                        while (!stop.IsCancellationRequested) await queue.PutAsync(value, stop.Token);
                    }
                    catch (OperationCanceledException) { }
                }));
                workers.Add(Task.Run(async () =>
                {
                    try
                    {
                        while (!stop.IsCancellationRequested)
                        {
                            var start = Stopwatch.GetTimestamp();
                            await queue.TakeAsync(stop.Token);
                            Count(start);
                        }
                    }
                    catch (OperationCanceledException) { }
                }));
            }
        }
        else if (a.Op is "aggregate" or "fetch-sum")
        {
            var map = await client.GetMapAsync<int, int>("bench-aggregate");
            if (await map.GetSizeAsync() != 100_000)
                foreach (var chunk in Enumerable.Range(0, 100_000).Chunk(1000)) await map.SetAllAsync(chunk.ToDictionary(i => i, i => i % 100));
            Func<Task<long>> sum = a.Op == "aggregate"
                ? async () => await map.AggregateAsync(Hazelcast.Query.Aggregators.IntegerSum())
                : async () => (await map.GetValuesAsync()).Sum(v => (long)v);
            for (var i = 0; i < a.InFlight; i++)
                workers.Add(Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var start = Stopwatch.GetTimestamp();
                        if (await sum() != 4_950_000) throw new InvalidOperationException("The sum is wrong.");
                        Count(start);
                    }
                }));
        }
        else if (a.Op is "flake-id" or "pn-counter")
        {
            Func<ValueTask<long>> call;
            if (a.Op == "flake-id")
            {
                // A new generator per run: a member issues at most 64 ids a millisecond (6 bits of sequence) once 15 s ahead of its
                // clock, so a generator an earlier run used up would measure that limit, not the client.
                var generator = await client.GetFlakeIdGeneratorAsync($"bench-ids-{Guid.NewGuid():N}");
                call = () => generator.GetNewIdAsync();
            }
            else
            {
                var counter = await client.GetPNCounterAsync("bench-counter");
                call = () => counter.IncrementAndGetAsync();
            }
            for (var i = 0; i < a.InFlight; i++)
                workers.Add(Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var start = Stopwatch.GetTimestamp();
                        await call();
                        Count(start);
                    }
                }));
        }
        else
        {
            Func<long, ValueTask> publish;
            if (a.Op == "topic")
            {
                var topic = await client.GetTopicAsync<long>(TopicName);
                for (var i = 0; i < a.InFlight; i++) await topic.SubscribeAsync(e => Count(e.Payload));
                publish = t => topic.PublishAsync(t);
            }
            else
            {
                var topic = await client.GetReliableTopicAsync<long>(TopicName);
                for (var i = 0; i < a.InFlight; i++) await topic.SubscribeAsync(e => Count(e.Payload));
                publish = t => topic.PublishAsync(t);
            }
            workers.Add(Task.Run(async () =>
            {
                try
                {
                    while (!stop.IsCancellationRequested) await publish(Stopwatch.GetTimestamp());
                }
                catch (OperationCanceledException) { }
            }));
        }

        var (elapsed, alloc) = await measurement.RunAsync(a);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        var count = measurement.Ops;
        Workload.PrintResult("hazelcast-dotnet", a, count, elapsed, measurement.Latency, (double)alloc / Math.Max(1, count), "-", double.NaN);
        return 0;
    }
}
