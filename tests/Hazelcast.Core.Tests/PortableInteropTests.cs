using System.Text.Json;
using Hazelcast.Query;
using Hazelcast.Serialization;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>
/// Portable values written by the official Node.js client and read by ours, and the reverse, through the in-process
/// member, which reads their fields without the classes to evaluate queries (tests/conformance/portable/interop.js
/// holds the Node.js half and the same values).
/// </summary>
public sealed class PortableInteropTests
{
    private static Task RunNodeAsync(string address, string mode) => NodeScript.RunAsync(Path.Combine("portable", "interop.js"), address, mode);

    private static readonly Dictionary<string, object> Values = new()
    {
        ["employee"] = PEmployee.Ann(),
        ["temporal"] = PTemporal.Sample(),
        ["versioned"] = new PVersioned { L = 5 },
        ["prims"] = new PPrims(),
    };

    private static HazelcastOptions Options(string address)
    {
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(address);
        options.ConfigureSerialization(s => s.PortableFactories[1] = new PortableTypesFactory());
        return options;
    }

    [Fact]
    public async Task Values_cross_between_the_official_client_and_ours_in_both_directions()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        var address = cluster.Addresses[0];
        await RunNodeAsync(address, "put");

        await using var client = await HazelcastClientFactory.StartNewClientAsync(Options(address));
        var map = await client.GetMapAsync<string, object>("portable-interop");
        foreach (var (name, expected) in Values)
        {
            Assert.Equal(JsonSerializer.Serialize(expected, expected.GetType()), JsonSerializer.Serialize(await map.GetAsync($"node-{name}"), expected.GetType()));
            await map.SetAsync($"dotnet-{name}", expected);
        }
        var employees = await client.GetMapAsync<string, PEmployee>("portable-employees");
        await employees.SetAsync("dotnet-bob", new PEmployee { Name = "Bob", Age = 51, Address = new PAddress { City = "Paris", Zip = 75002 }, Previous = [new PAddress { City = "Lyon", Zip = 69002 }] });
        await employees.SetAsync("dotnet-zoe", new PEmployee { Name = "Zoe", Age = 16, Address = new PAddress { City = "Lille", Zip = 59000 }, Previous = [] });

        // The member reads the fields of both clients' values without their classes.
        Assert.Equal(["dotnet-bob", "node-ann"], (await employees.GetKeysAsync(Predicates.GreaterThan("age", 18))).Order());
        Assert.Equal(["dotnet-bob", "node-ann"], (await employees.GetKeysAsync(Predicates.EqualTo("address.city", "Paris"))).Order());
        Assert.Equal(["dotnet-bob", "node-ann"], (await employees.GetKeysAsync(Predicates.Sql("previous[any].city = 'Lyon'"))).Order());
        Assert.Equal(["dotnet-zoe", "node-tim"], (await employees.GetKeysAsync(Predicates.Sql("age < 18 AND name LIKE '%i%' OR name = 'Zoe'"))).Order());
        var bob = Assert.Single(await employees.GetValuesAsync(Predicates.EqualTo("address.zip", 75002)));
        Assert.Equal("Bob", bob.Name);

        // A client without the factory reads them as generic records.
        var records = await (await client.GetMapAsync<string, IGenericRecord>("portable-employees")).GetAsync("node-ann");
        Assert.Equal("Paris", records!.GetGenericRecord("address")!.GetString("city"));

        await RunNodeAsync(address, "check");
    }
}
