using BenchmarkDotNet.Running;
using Hazelcast.Benchmarks;

// Hazelcast.Benchmarks
//   load [--address 127.0.0.1:5701 --inflight 128 --seconds 10 --size 100 --op mixed|get|set]   our client against a member
//   sql [--address ... --op sql-select|sql-point|get --size <cursor buffer size> --inflight N]   SQL against GetAsync
//   canned-server [--port 5799 --size 100]      a member double that answers each request with a pre-encoded response
//   socket-server [--port 5798]                 the far end of the bare-socket ceiling
//   socket [--address 127.0.0.1:5798 --inflight 128 --seconds 10 --size 100 --op get]   the bare-socket ceiling
//   cache [--address 127.0.0.1:5711 --redis 127.0.0.1:6379 --inflight 16 --seconds 5 --size 100]   IDistributedCache: Hazelcast vs memory vs Redis
//   micro [BenchmarkDotNet arguments]           codec, serialization and frame-parsing micro-benchmarks
var mode = args.Length > 0 ? args[0] : "load";
var rest = args.Skip(1).ToArray();
try
{
    switch (mode)
    {
        case "load": return await LoadTool.RunAsync(LoadArgs.Parse(rest));
        case "messaging": return await MessagingLoad.RunAsync(LoadArgs.Parse(rest));
        case "sql": return await SqlLoad.RunAsync(LoadArgs.Parse(rest));
        case "canned-server": return await CannedServer.RunAsync(LoadArgs.Parse(rest));
        case "socket-server": return await BareSocket.ServeAsync(LoadArgs.Parse(rest));
        case "socket": return await BareSocket.RunAsync(LoadArgs.Parse(rest));
        case "cache": return await CacheLoad.RunAsync(LoadArgs.Parse(rest));
        case "staleness": return await Staleness.RunAsync(rest);
        case "micro":
            BenchmarkSwitcher.FromAssembly(typeof(LoadTool).Assembly).Run(rest);
            return 0;
        default:
            Console.Error.WriteLine($"Unknown mode '{mode}': load, canned-server, socket-server, socket or micro.");
            return 2;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
