using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Benchmarks;

/// <summary>The shape of the workload, shared by our client, the canned member and the bare-socket ceiling.</summary>
internal static class Workload
{
    public const string MapName = "bench";

    public static string Key(int i) => $"key-{i}";

    public static byte[] Value(int size)
    {
        var value = new byte[size];
        new Random(42).NextBytes(value);
        return value;
    }

    /// <summary>The bytes on the wire of one request and its response, for the bare-socket ceiling (same sizes as the real protocol).</summary>
    public static (int Request, int Response) FrameSizes(string op, int size)
    {
        var serialization = new SerializationService();
        var key = serialization.ToData(Key(0));
        var value = serialization.ToData(Value(size));
        var get = (MapGetCodec.EncodeRequest(MapName, key, 0).Length, MapGetCodec.EncodeResponse(value).Length);
        var set = (MapSetCodec.EncodeRequest(MapName, key, value, 0, -1).Length, MapSetCodec.EncodeResponse().Length);
        return op switch
        {
            "get" => get,
            "set" => set,
            _ => ((get.Item1 + set.Item1) / 2, (get.Item2 + set.Item2) / 2),
        };
    }

    public static void PrintResult(string what, LoadArgs a, long ops, TimeSpan elapsed, Histogram latency, double allocPerOp, string gcs, double sendsPerRequest)
    {
        var rate = ops / elapsed.TotalSeconds;
        Console.WriteLine($"{what}: op={a.Op} size={a.Size} inflight={a.InFlight} seconds={elapsed.TotalSeconds:0.0}");
        Console.WriteLine($"  throughput {rate:N0} ops/s over {ops:N0} ops");
        Console.WriteLine($"  latency p50 {latency.Percentile(50)} µs, p99 {latency.Percentile(99)} µs, p99.9 {latency.Percentile(99.9)} µs");
        Console.WriteLine($"  allocated {allocPerOp:0} bytes/op; GC {gcs}; socket sends per request {sendsPerRequest:0.000}");
        Console.WriteLine(FormattableString.Invariant(
            $"ops/s={rate:0} p50_us={latency.Percentile(50)} p99_us={latency.Percentile(99)} alloc_bytes_per_op={allocPerOp:0} sends_per_request={sendsPerRequest:0.000}"));
    }
}
