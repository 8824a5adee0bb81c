using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>
/// Write coalescing: requests in flight together go out in far fewer socket sends than messages. A timing measurement, so it
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
        // 32 callers, each writing one key after another (32 in flight): the responses of one read complete together,
        // and the requests their callers send next go out together. (A single burst of 2,000 calls from one thread
        // measured the race between that thread and the writer instead: on 2 cores it was sometimes one send each.)
        await Task.WhenAll(Enumerable.Range(0, 32).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++) await map.SetAsync(caller * 100 + i, i);
        })));
        var (sendsAfter, messagesAfter) = TestExtensions.WriteCounters(cluster0);
        Assert.True(messagesAfter - messagesBefore >= 3200);
        Assert.True(sendsAfter - sendsBefore < (messagesAfter - messagesBefore) / 2, $"{sendsAfter - sendsBefore} sends for {messagesAfter - messagesBefore} messages");
    }
}
