using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>
/// Compact values written by the official Node.js client and read by ours, and the reverse, through the in-process
/// member (tests/conformance/compact/interop.js holds the Node.js half and the same values).
/// </summary>
public sealed class CompactInteropTests
{
    private static Task RunNodeAsync(string address, string mode) => NodeScript.RunAsync(Path.Combine("compact", "interop.js"), address, mode);

    private static readonly Dictionary<string, object> Values = new()
    {
        ["student"] = new Student { Name = "Ada", Age = 42 },
        ["person"] = new Person
        {
            Name = "Grace", Address = new Place { City = "Arlington", Zip = 22201 },
            Previous = [new Place { City = "New York", Zip = 10001 }, null],
        },
        ["allkinds"] = AllKinds.Sample(),
        ["allnull"] = new AllKinds(),
    };

    [Fact]
    public async Task Values_cross_between_the_official_client_and_ours_in_both_directions()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        var address = cluster.Addresses[0];
        await RunNodeAsync(address, "put");

        await using var client = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(address));
        var map = await client.GetMapAsync<string, object>("compact-interop");
        // Node.js wrote them: our client has none of the schemas and fetches each from the member.
        foreach (var (name, expected) in Values)
        {
            var actual = name switch
            {
                "student" => (object?)await (await client.GetMapAsync<string, Student>("compact-interop")).GetAsync($"node-{name}"),
                "person" => await (await client.GetMapAsync<string, Person>("compact-interop")).GetAsync($"node-{name}"),
                _ => await (await client.GetMapAsync<string, AllKinds>("compact-interop")).GetAsync($"node-{name}"),
            };
            Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
            await map.SetAsync($"dotnet-{name}", expected);
        }
        await (await client.GetMapAsync<string, Person>("compact-people")).SetAsync("dotnet-person", (Person)Values["person"]);
        await (await client.GetMapAsync<string, Student>("compact-students")).SetAsync("dotnet-student", (Student)Values["student"]);
        var students = await client.GetMapAsync<string, Student>("compact-students");
        Assert.Equal(["dotnet-student", "node-student"], (await students.GetKeysAsync(Query.Predicates.GreaterThan("age", 18))).Order());

        // Ours wrote them: Node.js reads them back and compares with its own values, and queries their fields.
        await RunNodeAsync(address, "check");
    }
}
