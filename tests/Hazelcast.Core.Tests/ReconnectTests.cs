using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>The client never gives up on a cluster by default, and each reconnect mode does what it says.</summary>
[Collection(nameof(FaultTests))]
public sealed class ReconnectTests
{
    private static HazelcastOptions OptionsFor(IEnumerable<string> addresses, Action<HazelcastOptions>? configure = null)
    {
        var options = new HazelcastOptions();
        foreach (var a in addresses) options.Networking.Addresses.Add(a);
        options.Networking.ClusterConnectTimeout = TimeSpan.FromSeconds(2);
        options.Networking.Reconnect.InitialBackoff = TimeSpan.FromMilliseconds(50);
        options.Networking.Reconnect.MaxBackoff = TimeSpan.FromMilliseconds(300);
        options.Heartbeat.Interval = TimeSpan.FromMilliseconds(200);
        options.Heartbeat.Timeout = TimeSpan.FromSeconds(2);
        configure?.Invoke(options);
        return options;
    }


    /// <summary>Stops every member, waits, and starts members again on the same ports (the data of the killed members is gone).</summary>
    private static async Task OutageAsync(HazelcastCluster cluster, TimeSpan length, Func<Task>? during = null)
    {
        var ports = cluster.Members.Select(m => m.Port).ToList();
        await cluster.KillAllAsync();
        var outage = Task.Delay(length);
        if (during is not null) await during();
        await outage;
        foreach (var port in ports) await cluster.AddMemberAsync(port);
    }

    [Fact]
    public async Task The_client_outlives_an_outage_longer_than_its_start_up_timeout()
    {
        // Before: the client shut itself down for good ClusterConnectTimeout (here 2 s) after losing the cluster, and a
        // hosted app answered 500 until it was restarted. Reconnection now has its own timeout, infinite by default.
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2 });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster.Addresses));
        var map = await client.GetMapAsync<string, string>("outage");
        await map.SetAsync("k", "v");
        await OutageAsync(cluster, TimeSpan.FromSeconds(4), async () =>
            await Wait.UntilAsync(() => client.State == ClientState.Disconnected, TimeSpan.FromSeconds(5), "the client to notice the outage"));
        Assert.NotEqual(ClientState.Shutdown, client.State);
        await Wait.UntilAsync(() => client.State == ClientState.Connected, TimeSpan.FromSeconds(15), "the client to be back");
        await map.SetAsync("after", "v2"); // every member died, so the data did too (as on a real cluster); the client works
        Assert.Equal("v2", await map.GetAsync("after"));
    }

    [Fact]
    public async Task With_DoNotReconnect_the_client_shuts_down_when_it_loses_the_cluster()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster.Addresses, o => o.Networking.ReconnectMode = ReconnectMode.DoNotReconnect));
        await cluster.KillAllAsync();
        await Wait.UntilAsync(() => client.State == ClientState.Shutdown, TimeSpan.FromSeconds(10), "the client to shut down");
    }

    [Fact]
    public async Task With_ReconnectAsync_operations_fail_at_once_while_the_client_is_offline()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster.Addresses, o => o.Networking.ReconnectMode = ReconnectMode.ReconnectAsync));
        var map = await client.GetMapAsync<string, string>("offline");
        await map.SetAsync("k", "v");
        await OutageAsync(cluster, TimeSpan.FromSeconds(1), async () =>
        {
            await Wait.UntilAsync(() => client.State == ClientState.Disconnected, TimeSpan.FromSeconds(5), "the client to notice the outage");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await Assert.ThrowsAsync<ClientOfflineException>(async () => await map.GetAsync("k"));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"failed after {watch.Elapsed.TotalMilliseconds:0} ms, not at once");
        });
        await Wait.UntilAsync(() => client.State == ClientState.Connected, TimeSpan.FromSeconds(15), "the client to be back");
        await map.SetAsync("after", "v2"); // every member died, so the data did too (as on a real cluster); the client works
        Assert.Equal("v2", await map.GetAsync("after"));
    }

    [Fact]
    public async Task A_failure_after_authentication_leaves_no_orphan_connection()
    {
        // The member authenticates the client, then refuses its first cluster-view registration. Before, that
        // connection stayed in the table and every later attempt failed with "Already connected to member" until the
        // cluster-connect timeout.
        await using var member = new FakeMember(_ => null);
        var refused = 0;
        member.Intercept = request => request.MessageType == ClientAddClusterViewListenerCodec.RequestMessageType && Interlocked.Increment(ref refused) == 1
            ? ClientSession.Error(RemoteError.HazelcastInstanceNotActive, "starting")
            : null;
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor([member.Address], o => o.Networking.ClusterConnectTimeout = TimeSpan.FromSeconds(10)));
        Assert.Equal(ClientState.Connected, client.State);
        Assert.Equal(1, client.ConnectionCount);
        Assert.True(refused >= 2);
    }

    [Fact]
    public void Timeouts_accept_infinite_and_reject_other_negative_values_naming_the_key()
    {
        var options = new HazelcastOptions();
        options.Networking.ClusterConnectTimeout = Timeout.InfiniteTimeSpan;
        options.Networking.Reconnect.Timeout = Timeout.InfiniteTimeSpan;
        options.Validate();
        options.Networking.Reconnect.Timeout = TimeSpan.FromSeconds(-2);
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("Networking:Reconnect:Timeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(Timeout.InfiniteTimeSpan, new HazelcastOptions().Networking.Reconnect.Timeout);

        var beyond = new HazelcastOptions { InvocationTimeout = TimeSpan.FromDays(30) };
        Assert.Contains("InvocationTimeout", Assert.Throws<ArgumentException>(beyond.Validate).Message, StringComparison.Ordinal);
        new HazelcastOptions { InvocationTimeout = Timeout.InfiniteTimeSpan }.Validate();
        var heartbeat = new HazelcastOptions();
        heartbeat.Heartbeat.Timeout = Timeout.InfiniteTimeSpan; // not where it makes no sense
        Assert.Contains("Heartbeat:Timeout", Assert.Throws<ArgumentException>(heartbeat.Validate).Message, StringComparison.Ordinal);
        var labels = new HazelcastOptions();
        labels.Labels.Add("ok");
        labels.Labels.Add(null!);
        Assert.Contains("Labels:1", Assert.Throws<ArgumentException>(labels.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_name_is_resolved_again_at_every_attempt_and_each_of_its_addresses_is_tried()
    {
        // A headless service's name: the pods come back with new IPs. Here the first cluster listens on 127.0.0.1,
        // the one that replaces it on 127.0.0.2 (same port); the name resolves to whatever is current, and always
        // lists first an address where nothing listens (a pod gone), which must be skipped.
        await using var first = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { Host = "127.0.0.1" });
        var port = first.Members[0].Port;
        var current = System.Net.IPAddress.Parse("127.0.0.1");
        var lookups = 0;
        var options = OptionsFor([$"hz.test.local:{port}"]);
        options.Networking.Resolve = (host, _) =>
        {
            Assert.Equal("hz.test.local", host);
            Interlocked.Increment(ref lookups);
            return Task.FromResult(new[] { System.Net.IPAddress.Parse("127.0.0.3"), Volatile.Read(ref current) });
        };
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var map = await client.GetMapAsync<string, string>("dns");
        await map.SetAsync("k", "v");

        await first.KillAllAsync();
        await Wait.UntilAsync(() => client.State == ClientState.Disconnected, TimeSpan.FromSeconds(10), "the client to notice the cluster is gone");
        var before = Volatile.Read(ref lookups);
        await using var second = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { Host = "127.0.0.2", BasePort = port });
        Interlocked.Exchange(ref current, System.Net.IPAddress.Parse("127.0.0.2"));
        await Wait.UntilAsync(() => client.State == ClientState.Connected, TimeSpan.FromSeconds(10), "the client to find the cluster at its new address");
        await map.SetAsync("k", "v2"); // a new cluster: the old data is gone, the map works
        Assert.Equal("v2", await map.GetAsync("k"));
        Assert.True(Volatile.Read(ref lookups) > before, "the name was not looked up again");
    }
}
