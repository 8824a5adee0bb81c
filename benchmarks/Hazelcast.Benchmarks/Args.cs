using System.Globalization;

namespace Hazelcast.Benchmarks;

/// <summary>The load tool's options: <c>--address 127.0.0.1:5701 --inflight 128 --seconds 10 --size 100 --op mixed|get|set</c>.</summary>
internal sealed class LoadArgs
{
    public string Address { get; private set; } = "127.0.0.1:5701";
    public int InFlight { get; private set; } = 128;
    public double Seconds { get; private set; } = 10;
    public double Warmup { get; private set; } = 2;
    public int Size { get; private set; } = 100;
    public string Op { get; private set; } = "mixed";
    public int Port { get; private set; } = 5701;
    public int Keys { get; private set; } = 1000;
    public string Redis { get; private set; } = "127.0.0.1:6379";

    /// <summary>With TLS, trusting this CA file (the member console's <c>--tls-dev</c> writes one); null for plain TCP.</summary>
    public string? TlsCa { get; private set; }

    /// <summary>With a near cache on the benchmark map (object format, 10,000 entries, invalidated on change).</summary>
    public bool NearCache { get; private set; }

    /// <summary>Who listens to the client's telemetry: none, meter (a MeterListener on every instrument), activity (an ActivityListener recording all), both.</summary>
    public string Listen { get; private set; } = "none";

    public static LoadArgs Parse(IReadOnlyList<string> args)
    {
        var a = new LoadArgs();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--address": a.Address = Value(); break;
                case "--inflight": a.InFlight = Int(); break;
                case "--seconds": a.Seconds = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--warmup": a.Warmup = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--size": a.Size = Int(); break;
                case "--op":
                    a.Op = Value();
                    if (a.Op is not ("get" or "set" or "mixed" or "read-mostly" or "queue" or "topic" or "reliable-topic" or "flake-id" or "pn-counter" or "aggregate" or "fetch-sum" or "sql-select" or "sql-point"))
                        throw new ArgumentException("--op is get, set, mixed or read-mostly (95% gets; load), or queue, topic, reliable-topic, flake-id, pn-counter, aggregate or fetch-sum (messaging).");
                    break;
                case "--port": a.Port = Int(); break;
                case "--keys": a.Keys = Int(); break;
                case "--redis": a.Redis = Value(); break;
                case "--tls-ca": a.TlsCa = Value(); break;
                case "--near-cache": a.NearCache = Value() is "1" or "true" or "on"; break;
                case "--listen":
                    a.Listen = Value();
                    if (a.Listen is not ("none" or "meter" or "activity" or "both")) throw new ArgumentException("--listen is none, meter, activity or both.");
                    break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        if (a.InFlight < 1 || a.Size < 0 || a.Seconds <= 0) throw new ArgumentException("--inflight ≥ 1, --size ≥ 0, --seconds > 0.");
        return a;
    }
}
