using System.Globalization;
using Hazelcast.Testing;

// Hosts the in-process member(s) in a console: `dotnet run --project tools/Hazelcast.Member -- --members 3 --port 5701 --cluster-name dev`.
// Prints one line containing "ready" once every member listens, then runs until SIGINT/SIGTERM.

var options = new HazelcastClusterOptions { BasePort = 5701 };
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"The option {args[i]} needs a value.");
        int IntValue(string name)
        {
            var text = Value();
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"The option {name} needs a whole number, not '{text}'.");
        }
        switch (args[i])
        {
            case "--members": options.MemberCount = IntValue("--members"); break;
            case "--port": options.BasePort = IntValue("--port"); break;
            case "--cluster-name": options.ClusterName = Value(); break;
            case "--host": options.Host = Value(); break;
            case "--partitions": options.PartitionCount = IntValue("--partitions"); break;
            case "--username": options.Username = Value(); break;
            case "--password": options.Password = Value(); break;
            case "--help" or "-h":
                Console.WriteLine("Usage: Hazelcast.Member [--members N (1-5, default 1)] [--port P (default 5701, 0 = ephemeral)] [--cluster-name NAME (default dev)] [--host 127.0.0.1] [--partitions 271] [--username U --password P]");
                return 0;
            default: throw new ArgumentException($"Unknown option '{args[i]}' (see --help).");
        }
    }
    options.Validate();
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

await using var cluster = await HazelcastCluster.StartAsync(options);
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
{
    ctx.Cancel = true;
    stop.TrySetResult();
});

foreach (var member in cluster.Members) Console.WriteLine($"member {member.Uuid} listening on {member.EndPoint}");
Console.WriteLine($"ready: cluster '{options.ClusterName}' ({cluster.ClusterId}) with {cluster.Members.Count} member(s) at {string.Join(", ", cluster.Addresses)}");
await stop.Task;
Console.WriteLine("stopping");
return 0;
