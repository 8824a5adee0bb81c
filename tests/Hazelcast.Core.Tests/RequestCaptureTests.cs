using System.Buffers.Binary;
using System.Diagnostics;
using System.Reflection;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>
/// The same calls made through the official Node.js client and through ours reach the member as the same bytes.
/// </summary>
public sealed class RequestCaptureTests
{
    // Authentication and the start-up messages differ by design (client type, name, uuid); map calls must not.
    private static List<string> MapRequests(IReadOnlyList<byte[]> requests) => requests
        .Where(r => BinaryPrimitives.ReadInt32LittleEndian(r.AsSpan(6)) >> 16 == 1)
        .Select(r =>
        {
            var copy = r.ToArray();
            BinaryPrimitives.WriteInt64LittleEndian(copy.AsSpan(10), 0); // correlation ids are per client
            return Convert.ToHexStringLower(copy);
        })
        .ToList();

    [Fact]
    public async Task Map_requests_are_byte_identical_to_the_official_client()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        var member = cluster.Members[0];
        member.RecordRequests = true;

        await NodeScript.RunAsync(Path.Combine("capture", "scenario.js"), cluster.Addresses[0]);
        var official = MapRequests(member.TakeRecordedRequests());

        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(cluster.Addresses[0]);
        await using (var client = await HazelcastClientFactory.StartNewClientAsync(options))
        {
            var map = await client.GetMapAsync<string, string>("capture");
            await map.PutAsync("key", "value1");
            await map.GetAsync("key");
            await map.SetAsync("key", "value2");
            await map.PutAsync("key", "value3", TimeSpan.FromMilliseconds(1500));
            await map.SetAsync("key", "value4", TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(2500));
            await map.ContainsKeyAsync("key");
            await map.PutIfAbsentAsync("other", "value1");
            await map.ReplaceAsync("key", "value5");
            await map.ReplaceAsync("key", "value5", "value6");
            await map.RemoveAsync("key");
            await map.DeleteAsync("other");
            await map.GetSizeAsync();
            await map.ClearAsync();
        }
        var ours = MapRequests(member.TakeRecordedRequests());

        Assert.Equal(13, official.Count);
        Assert.Equal(official, ours);
    }
}
