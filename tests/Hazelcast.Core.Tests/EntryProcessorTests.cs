using Hazelcast.Query;
using Hazelcast.Serialization;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>An entry processor that adds to an int value and returns the new value (factory 1000, class 1).</summary>
public sealed class IncrementProcessor : IIdentifiedDataSerializable, IEntryProcessor<int>
{
    public int Delta { get; set; }

    public int FactoryId => 1000;

    public int ClassId => 1;

    public void WriteData(IObjectDataOutput output) => output.WriteInt(Delta);

    public void ReadData(IObjectDataInput input) => Delta = input.ReadInt();
}

/// <summary>A processor no member knows (factory 1000, class 99).</summary>
public sealed class UnknownProcessor : IIdentifiedDataSerializable, IEntryProcessor<int>
{
    public int FactoryId => 1000;

    public int ClassId => 99;

    public void WriteData(IObjectDataOutput output) { }

    public void ReadData(IObjectDataInput input) { }
}

/// <summary>A Compact entry processor (type name "append") that appends to a string value and returns the new value.</summary>
[Hazelcast.Serialization.Compact.CompactName("append")]
public sealed class AppendProcessor : IEntryProcessor<string>
{
    [Hazelcast.Serialization.Compact.CompactName("suffix")] public string? Suffix { get; set; }
}

/// <summary>IHMap.ExecuteAsync against an in-process member that runs a registered .NET implementation of the processor.</summary>
public sealed class EntryProcessorTests : IAsyncLifetime
{
    private HazelcastCluster _cluster = null!;
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var options = new HazelcastClusterOptions { MemberCount = 2 }.AddEntryProcessor<IncrementProcessor>(1000, 1, (p, entry) =>
        {
            var next = (entry.Value is int v ? v : 0) + p.Delta;
            entry.Value = next == 0 ? null : next; // zero removes the entry
            return next;
        }).AddEntryProcessor<AppendProcessor>("append", (p, entry) =>
        {
            entry.Value = (entry.Value as string) + p.Suffix;
            return entry.Value;
        });
        _cluster = await HazelcastCluster.StartAsync(options);
        _client = await HazelcastClientFactory.StartNewClientAsync(o => { foreach (var a in _cluster.Addresses) o.Networking.Addresses.Add(a); });
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_processor_runs_where_the_entry_lives_and_returns_its_result()
    {
        var map = await _client.GetMapAsync<string, int>("counters");
        await map.SetAsync("a", 1);
        Assert.Equal(6, await map.ExecuteAsync(new IncrementProcessor { Delta = 5 }, "a"));
        Assert.Equal(6, await map.GetAsync("a"));
        Assert.Equal(3, await map.ExecuteAsync(new IncrementProcessor { Delta = 3 }, "new")); // an absent entry is created
        Assert.Equal(0, await map.ExecuteAsync(new IncrementProcessor { Delta = -6 }, "a")); // and one set to null removed
        Assert.False(await map.ContainsKeyAsync("a"));
    }

    [Fact]
    public async Task Processors_on_keys_on_every_entry_and_on_a_predicate_return_results_by_key()
    {
        var map = await _client.GetMapAsync<string, int>($"counters-{Guid.NewGuid():N}");
        await map.SetAllAsync(new Dictionary<string, int> { ["a"] = 1, ["b"] = 10, ["c"] = 100 });
        var some = await map.ExecuteAsync(new IncrementProcessor { Delta = 1 }, ["a", "b"]);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 11 }, some);
        var all = await map.ExecuteAsync(new IncrementProcessor { Delta = 1 });
        Assert.Equal(new Dictionary<string, int> { ["a"] = 3, ["b"] = 12, ["c"] = 101 }, all);
        var big = await map.ExecuteAsync(new IncrementProcessor { Delta = 1 }, Predicates.GreaterThan("this", 50));
        Assert.Equal(new Dictionary<string, int> { ["c"] = 102 }, big);
        Assert.Equal(102, await map.GetAsync("c"));
    }

    [Fact]
    public async Task A_processor_the_member_does_not_know_is_refused_as_a_real_member_refuses_it()
    {
        var map = await _client.GetMapAsync<string, int>("counters");
        var error = await Assert.ThrowsAsync<RemoteException>(async () => await map.ExecuteAsync(new UnknownProcessor(), "a"));
        Assert.Equal(Hazelcast.Protocol.RemoteError.HazelcastSerialization, error.Error);
        Assert.Contains("class id 99", error.Message);
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.ExecuteAsync<int>(null!, "a"));
    }

    [Fact]
    public async Task A_Compact_processor_runs_as_its_registered_type()
    {
        var map = await _client.GetMapAsync<string, string>($"texts-{Guid.NewGuid():N}");
        await map.SetAllAsync(new Dictionary<string, string> { ["a"] = "x", ["b"] = "y" });
        Assert.Equal("x!", await map.ExecuteAsync(new AppendProcessor { Suffix = "!" }, "a"));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "x!?", ["b"] = "y?" }, await map.ExecuteAsync(new AppendProcessor { Suffix = "?" }));
        Assert.Equal("y?", await map.GetAsync("b"));
    }
}
