using Hazelcast.DistributedObjects;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>IPNCounter against in-process members: every operation, convergence across clients, replica failover, lost consistency.</summary>
public sealed class PNCounterTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Every_operation_returns_the_value_before_or_after()
    {
        await using var client = await fixture.StartClientAsync();
        var counter = await client.GetPNCounterAsync($"pn-{Guid.NewGuid():N}");
        Assert.Equal(0, await counter.GetCurrentValueAsync());
        Assert.Equal(0, await counter.GetAndAddAsync(5));
        Assert.Equal(8, await counter.AddAndGetAsync(3));
        Assert.Equal(8, await counter.GetAndSubtractAsync(2));
        Assert.Equal(4, await counter.SubtractAndGetAsync(2));
        Assert.Equal(4, await counter.GetAndIncrementAsync());
        Assert.Equal(6, await counter.IncrementAndGetAsync());
        Assert.Equal(6, await counter.GetAndDecrementAsync());
        Assert.Equal(4, await counter.DecrementAndGetAsync());
        Assert.Equal(4, await counter.GetCurrentValueAsync());
    }

    [Fact]
    public async Task Clients_writing_through_different_replicas_converge()
    {
        var name = $"pn-{Guid.NewGuid():N}";
        var clients = new List<IHazelcastClient>();
        for (var i = 0; i < 3; i++) clients.Add(await fixture.StartClientAsync());
        try
        {
            var counters = new List<IPNCounter>();
            foreach (var c in clients) counters.Add(await c.GetPNCounterAsync(name));
            await Task.WhenAll(counters.Select(c => Task.Run(async () =>
            {
                for (var i = 0; i < 100; i++) await c.IncrementAndGetAsync();
                for (var i = 0; i < 30; i++) await c.DecrementAndGetAsync();
            })));
            foreach (var c in counters) Assert.Equal(210, await c.GetCurrentValueAsync());
        }
        finally
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task When_the_target_replica_is_killed_another_one_answers_with_every_write()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3 });
        var options = new HazelcastOptions();
        foreach (var address in cluster.Addresses) options.Networking.Addresses.Add(address);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var counter = await client.GetPNCounterAsync("pn");
        for (var i = 0; i < 10; i++) await counter.IncrementAndGetAsync();
        for (var expected = 11; expected <= 12; expected++)
        {
            // Kill the replica the proxy calls; once the client knows it is gone, the next add goes to another one.
            var target = ((PNCounter)counter).CurrentTarget ?? throw new InvalidOperationException("The proxy has no target.");
            await cluster.KillMemberAsync(cluster.Members.Single(m => m.Uuid == target));
            await Wait.UntilAsync(() => client.Members.All(m => m.Id != target), TimeSpan.FromSeconds(10), "the client sees the replica gone");
            Assert.Equal(expected, await counter.IncrementAndGetAsync());
            Assert.NotEqual(target, ((PNCounter)counter).CurrentTarget);
        }
        Assert.Equal(12, await counter.GetCurrentValueAsync());
    }

    [Fact]
    public async Task When_every_replica_that_saw_the_writes_is_lost_the_counter_says_so_instead_of_starting_again()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 1 });
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(cluster.Addresses[0]);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var counter = await client.GetPNCounterAsync("pn");
        await counter.AddAndGetAsync(7);

        await cluster.RestartMemberAsync(cluster.Members[0]); // same port, a new member: its replica is empty
        await Wait.UntilAsync(() => client.IsConnected && client.Members.Count == 1 && client.Members[0].Id == cluster.Members[0].Uuid, TimeSpan.FromSeconds(20), "the client on the new member");
        var error = await Assert.ThrowsAsync<ConsistencyLostException>(async () => await counter.GetCurrentValueAsync());
        Assert.Contains("ResetAsync", error.Message);
        await counter.ResetAsync();
        Assert.Equal(0, await counter.GetCurrentValueAsync()); // a new session: the value went back, and the caller was told
        Assert.Equal(1, await counter.IncrementAndGetAsync());
    }
}
