using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>
/// Write coalescing: a burst of requests goes out in far fewer socket sends than messages. A timing measurement, so it
/// runs alone (beside other tests on 2 cores, a descheduled caller let the writer send messages one by one).
/// </summary>
[Collection(nameof(FaultTests))]
public sealed class CoalescingTests
{
    private static HazelcastOptions OptionsFor(string address)
    {
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(address);
        return options;
    }

    [Fact]
    public async Task Writes_are_coalesced_into_few_socket_sends()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster.Addresses[0]));
        var map = await client.GetMapAsync<int, int>("m");
        var cluster0 = ((HazelcastClient)client).Cluster;
        var (sendsBefore, messagesBefore) = TestExtensions.WriteCounters(cluster0);
        await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => map.SetAsync(i, i).AsTask()));
        var (sendsAfter, messagesAfter) = TestExtensions.WriteCounters(cluster0);
        Assert.True(messagesAfter - messagesBefore >= 2000);
        Assert.True(sendsAfter - sendsBefore < (messagesAfter - messagesBefore) / 2, $"{sendsAfter - sendsBefore} sends for {messagesAfter - messagesBefore} messages");
    }
}
