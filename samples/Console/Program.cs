using Hazelcast;
using Hazelcast.Testing;
using Microsoft.Extensions.Logging;

// A short tour of the client: `dotnet run --project samples/Console` starts three in-process members and talks
// to them; `dotnet run --project samples/Console -- 10.0.0.5:5701` talks to a real cluster instead.

using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
HazelcastCluster? embedded = null;
var addresses = args.ToList();
if (addresses.Count == 0)
{
    embedded = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3 });
    addresses.AddRange(embedded.Addresses);
    Console.WriteLine($"Started 3 in-process members at {string.Join(", ", addresses)}");
}

try
{
    var options = new HazelcastOptions();
    foreach (var a in addresses) options.Networking.Addresses.Add(a);
    await using var client = await HazelcastClientFactory.StartNewClientAsync(options, loggerFactory);
    Console.WriteLine($"Connected to cluster {client.ClusterId} with {client.Members.Count} member(s), {client.ConnectionCount} connection(s)");

    var map = await client.GetMapAsync<string, string>("demo");
    var subscription = await map.SubscribeAsync(on => on
        .EntryAdded(e => Console.WriteLine($"  event: added {e.Key} = {e.Value}"))
        .EntryUpdated(e => Console.WriteLine($"  event: updated {e.Key}: {e.OldValue} -> {e.Value}"))
        .EntryRemoved(e => Console.WriteLine($"  event: removed {e.Key}")));

    await map.SetAsync("greeting", "hello");
    var previous = await map.PutAsync("greeting", "hello, 世界 👋");
    Console.WriteLine($"put replaced '{previous}'; get returns '{await map.GetAsync("greeting")}'");
    await map.SetAllAsync(Enumerable.Range(1, 5).Select(i => KeyValuePair.Create($"item-{i}", $"value-{i}")));
    Console.WriteLine($"size = {await map.GetSizeAsync()}");
    await map.SetAsync("session", "expires soon", timeToLive: TimeSpan.FromSeconds(1));
    await Task.Delay(1500);
    Console.WriteLine($"after its TTL, 'session' is {(await map.ContainsKeyAsync("session") ? "still there" : "gone")}");
    await map.LockAsync("greeting");
    Console.WriteLine($"'greeting' locked: {await map.IsLockedAsync("greeting")}");
    await map.UnlockAsync("greeting");
    await map.RemoveAsync("greeting");
    await Task.Delay(200);
    await map.UnsubscribeAsync(subscription);
    await map.DestroyAsync();
    Console.WriteLine("done");
}
finally
{
    if (embedded is not null) await embedded.DisposeAsync();
}
