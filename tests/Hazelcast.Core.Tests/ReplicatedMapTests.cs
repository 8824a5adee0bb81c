using Hazelcast.DistributedObjects;
using Hazelcast.Query;
using Hazelcast.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>IHReplicatedMap against three in-process members.</summary>
public sealed class ReplicatedMapTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await fixture.StartClientAsync();

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();

    private ValueTask<IHReplicatedMap<string, int>> Map(string? name = null) => _client.GetReplicatedMapAsync<string, int>(name ?? $"rm-{Guid.NewGuid():N}");

    [Fact]
    public async Task Put_get_remove_and_the_whole_map()
    {
        var map = await Map();
        Assert.Equal(0, await map.PutAsync("a", 1));
        Assert.Equal(1, await map.PutAsync("a", 2));
        await map.PutAllAsync(new Dictionary<string, int> { ["b"] = 3, ["c"] = 4 });
        Assert.Equal(2, await map.GetAsync("a"));
        Assert.True(await map.ContainsKeyAsync("b"));
        Assert.True(await map.ContainsValueAsync(4));
        Assert.False(await map.ContainsValueAsync(9));
        Assert.Equal(3, await map.GetSizeAsync());
        Assert.Equal(["a", "b", "c"], (await map.GetKeysAsync()).Order());
        Assert.Equal([2, 3, 4], (await map.GetValuesAsync()).Order());
        Assert.Equal(4, (await map.GetEntriesAsync())["c"]);
        Assert.Equal(3, await map.RemoveAsync("b"));
        Assert.Equal(0, await map.RemoveAsync("b"));
        await map.ClearAsync();
        Assert.True(await map.IsEmptyAsync());
    }

    [Fact]
    public async Task A_client_connected_to_any_member_reads_what_was_written()
    {
        var name = $"rm-{Guid.NewGuid():N}";
        var writer = await Map(name);
        await writer.PutAsync("k", 42);
        foreach (var address in fixture.Cluster.Addresses)
        {
            await using var reader = await HazelcastClientFactory.StartNewClientAsync(o =>
            {
                o.Networking.Addresses.Add(address);
                o.Networking.SmartRouting = false; // one connection: every read goes to this member
            });
            Assert.Equal(42, await (await reader.GetReplicatedMapAsync<string, int>(name)).GetAsync("k"));
        }
    }

    [Fact]
    public async Task Entries_with_a_time_to_live_are_evicted_with_an_event()
    {
        // The member's clock is a fake one: entries expire when the test says.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { TimeProvider = time });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(cluster.Addresses[0]));
        var map = await client.GetReplicatedMapAsync<string, int>("rm");
        var evicted = new List<string>();
        await map.SubscribeAsync(on => on.EntryEvicted(e => { lock (evicted) evicted.Add($"{e.Key}={e.OldValue}"); }));
        await map.PutAsync("short", 1, TimeSpan.FromSeconds(3));
        await map.PutAsync("long", 2);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await map.GetAsync("short"));
        time.Advance(TimeSpan.FromSeconds(2)); // the sweep runs on the member's clock too
        await Wait.UntilAsync(() => { lock (evicted) return evicted.Count == 1; }, TimeSpan.FromSeconds(5), "the eviction event");
        Assert.Equal(["short=1"], evicted);
        Assert.Equal(0, await map.GetAsync("short"));
        Assert.Equal(1, await map.GetSizeAsync());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await map.PutAsync("x", 1, TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task Listeners_hear_each_change_once_for_all_keys_one_key_and_a_predicate()
    {
        var map = await Map();
        var all = new List<string>();
        var one = new List<string>();
        var big = new List<string>();
        await map.SubscribeAsync(on => on.EntryAdded(e => { lock (all) all.Add($"+{e.Key}={e.Value}"); })
            .EntryUpdated(e => { lock (all) all.Add($"~{e.Key}={e.OldValue}>{e.Value}"); })
            .EntryRemoved(e => { lock (all) all.Add($"-{e.Key}={e.OldValue}"); })
            .MapCleared(e => { lock (all) all.Add($"clear {e.AffectedEntries}"); }));
        await map.SubscribeAsync("b", on => on.EntryAdded(e => { lock (one) one.Add($"+{e.Key}"); }));
        await map.SubscribeAsync(Predicates.GreaterThan("this", 10), on => on.EntryAdded(e => { lock (big) big.Add($"+{e.Key}"); }));
        await map.PutAsync("a", 1);
        await map.PutAsync("a", 2);
        await map.PutAsync("b", 30);
        await map.RemoveAsync("a");
        await map.ClearAsync();
        await Wait.UntilAsync(() => { lock (all) return all.Count >= 5; }, TimeSpan.FromSeconds(5), "five events");
        await Task.Delay(200);
        Assert.Equal(["+a=1", "~a=1>2", "+b=30", "-a=2", "clear 1"], all);
        Assert.Equal(["+b"], one);
        Assert.Equal(["+b"], big);
    }

    [Fact]
    public async Task Null_keys_and_values_are_refused()
    {
        var map = await _client.GetReplicatedMapAsync<string, string>($"rm-{Guid.NewGuid():N}");
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.PutAsync(null!, "v"));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.PutAsync("k", null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.GetAsync(null!));
    }
}
