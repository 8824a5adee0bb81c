using Hazelcast.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>
/// The client's clock is its <see cref="TimeProvider"/>: timeouts and heartbeats that take a minute of wall-clock
/// time happen as soon as a fake clock is advanced.
/// </summary>
[Collection(nameof(FaultTests))]
public sealed class FakeTimeTests
{

    private static HazelcastOptions OptionsFor(HazelcastCluster cluster)
    {
        var options = new HazelcastOptions();
        foreach (var a in cluster.Addresses) options.Networking.Addresses.Add(a);
        return options;
    }

    [Fact]
    public async Task A_silent_member_is_closed_after_the_heartbeat_timeout_of_client_time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await HazelcastCluster.StartAsync();
        await using var client = HazelcastClientFactory.CreateClient(OptionsFor(cluster), timeProvider: time);
        await client.StartAsync();
        var map = await client.GetMapAsync<int, int>("m");
        await map.SetAsync(1, 1);
        Assert.Equal(1, client.ConnectionCount);

        cluster.Members[0].Pause(); // the socket stays open; nothing is answered
        time.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(200);
        Assert.Equal(1, client.ConnectionCount); // half the timeout: still alive
        time.Advance(TimeSpan.FromSeconds(31)); // 61 s without a byte read: past Heartbeat:Timeout (60 s)
        await Wait.UntilAsync(() => client.ConnectionCount == 0, TimeSpan.FromSeconds(10), "the heartbeat to close the silent connection");
        cluster.Members[0].Resume();
    }

    [Fact]
    public async Task An_unanswered_operation_times_out_after_the_invocation_timeout_of_client_time()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await HazelcastCluster.StartAsync();
        var options = OptionsFor(cluster);
        options.Heartbeat.Timeout = TimeSpan.FromHours(1); // the connection stays; only the invocation gives up
        await using var client = HazelcastClientFactory.CreateClient(options, timeProvider: time);
        await client.StartAsync();
        var map = await client.GetMapAsync<int, int>("m");

        cluster.Members[0].Pause();
        var get = map.GetAsync(1).AsTask();
        time.Advance(TimeSpan.FromSeconds(60));
        await Task.Delay(200);
        Assert.False(get.IsCompleted); // the invocation timeout is 120 s
        time.Advance(TimeSpan.FromSeconds(61));
        var error = await Assert.ThrowsAsync<HazelcastTimeoutException>(() => get.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.IsType<TimeoutException>(error.InnerException);
        cluster.Members[0].Resume();
    }
}
