using Hazelcast.Query;
using Hazelcast.Serialization;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>A comparator ordering entries by value, descending (factory 1000, class 10).</summary>
public sealed class DescendingByValue : IIdentifiedDataSerializable
{
    public int FactoryId => 1000;

    public int ClassId => 10;

    public void WriteData(IObjectDataOutput output) { }

    public void ReadData(IObjectDataInput input) { }
}

/// <summary>A Compact comparator (type "bylength") ordering string keys by length, then ordinally.</summary>
[Hazelcast.Serialization.Compact.CompactName("bylength")]
public sealed class ByKeyLength
{
    [Hazelcast.Serialization.Compact.CompactName("reverse")] public bool Reverse { get; set; }
}

/// <summary>Paging predicates with a comparator, which the in-process member runs as a real member runs the Java class.</summary>
public sealed class PagingComparatorTests : IAsyncLifetime
{
    private HazelcastCluster _cluster = null!;
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var options = new HazelcastClusterOptions { MemberCount = 2 }
            .AddComparator<DescendingByValue>(1000, 10, (_, x, y) => Comparer<int>.Default.Compare((int)y.Value!, (int)x.Value!))
            .AddComparator<ByKeyLength>("bylength", (c, x, y) =>
            {
                var (a, b) = ((string)x.Key!, (string)y.Key!);
                var order = a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
                return c.Reverse ? -order : order;
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
    public async Task Pages_follow_the_comparator_for_keys_values_and_entries()
    {
        var map = await _client.GetMapAsync<string, int>($"scores-{Guid.NewGuid():N}");
        await map.SetAllAsync(Enumerable.Range(1, 25).ToDictionary(i => $"k{i}", i => i));
        var paging = Predicates.Page(10, Predicates.GreaterThan("this", 3), new DescendingByValue());
        Assert.Equal(Enumerable.Range(16, 10).Reverse(), await map.GetValuesAsync(paging));
        paging.NextPage();
        Assert.Equal(Enumerable.Range(6, 10).Reverse().Select(i => $"k{i}"), await map.GetKeysAsync(paging));
        paging.NextPage();
        Assert.Equal([5, 4], (await map.GetEntriesAsync(paging)).Select(e => e.Value));
        // Going back uses the anchors the member sent: page 1 again, whatever was added before it.
        await map.SetAsync("k100", 100);
        paging.Page = 1;
        Assert.Equal(Enumerable.Range(6, 10).Reverse(), await map.GetValuesAsync(paging));
    }

    [Fact]
    public async Task A_Compact_comparator_is_read_into_its_type_with_its_fields()
    {
        var map = await _client.GetMapAsync<string, int>($"words-{Guid.NewGuid():N}");
        await map.SetAllAsync(new Dictionary<string, int> { ["ccc"] = 1, ["a"] = 2, ["bb"] = 3, ["aa"] = 4 });
        Assert.Equal(["a", "aa", "bb", "ccc"], await map.GetKeysAsync(Predicates.Page(10, comparator: new ByKeyLength())));
        Assert.Equal(["ccc", "bb"], await map.GetKeysAsync(Predicates.Page(2, comparator: new ByKeyLength { Reverse = true })));
    }

    [Fact]
    public async Task A_comparator_the_member_does_not_know_is_refused_naming_it()
    {
        var map = await _client.GetMapAsync<string, int>($"scores-{Guid.NewGuid():N}");
        await map.SetAsync("a", 1);
        var error = await Assert.ThrowsAsync<RemoteException>(async () => await map.GetKeysAsync(Predicates.Page(10, comparator: new UnknownProcessor())));
        Assert.Equal(Hazelcast.Protocol.RemoteError.HazelcastSerialization, error.Error);
        Assert.Contains("paging comparator", error.Message);
        Assert.Contains("class id 99", error.Message);
        // Not serializable at all: refused on the client, naming the type.
        await Assert.ThrowsAsync<SerializationException>(async () => await map.GetKeysAsync(Predicates.Page(10, comparator: new Uri("http://x"))));
    }
}
