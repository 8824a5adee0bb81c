using Hazelcast.Query;

namespace Hazelcast.Core.Tests;

/// <summary>IHMap.AggregateAsync with the built-in aggregators, computed by the in-process members.</summary>
public sealed class AggregationTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await fixture.StartClientAsync();

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task Aggregations_over_values_give_a_real_member_s_results()
    {
        var map = await _client.GetMapAsync<string, int>($"agg-{Guid.NewGuid():N}");
        await map.SetAllAsync(Enumerable.Range(1, 100).ToDictionary(i => $"k{i}", i => i));
        Assert.Equal(100, await map.AggregateAsync(Aggregators.Count()));
        Assert.Equal(5050, await map.AggregateAsync(Aggregators.IntegerSum()));
        Assert.Equal(50.5, await map.AggregateAsync(Aggregators.IntegerAverage()));
        Assert.Equal(5050, await map.AggregateAsync(Aggregators.FixedPointSum()));
        Assert.Equal(5050.0, await map.AggregateAsync(Aggregators.FloatingPointSum()));
        Assert.Equal(50.5, await map.AggregateAsync(Aggregators.NumberAverage()));
        Assert.Equal(100, await map.AggregateAsync(Aggregators.Max<int>()));
        Assert.Equal(1, await map.AggregateAsync(Aggregators.Min<int>()));
        Assert.Equal(10, await map.AggregateAsync(Aggregators.Count(), Predicates.GreaterThan("this", 90)));
        Assert.Equal(955, await map.AggregateAsync(Aggregators.IntegerSum(), Predicates.GreaterThan("this", 90)));
        Assert.Null(await map.AggregateAsync(Aggregators.IntegerAverage(), Predicates.GreaterThan("this", 1000))); // nothing to average
    }

    [Fact]
    public async Task Aggregations_read_attributes_of_json_values()
    {
        var map = await _client.GetMapAsync<string, HazelcastJsonValue>($"students-{Guid.NewGuid():N}");
        await map.SetAsync("s1", new HazelcastJsonValue("""{"name":"ana","age":20,"score":3.5,"city":"Lyon"}"""));
        await map.SetAsync("s2", new HazelcastJsonValue("""{"name":"bo","age":22,"score":4.0,"city":"Oslo"}"""));
        await map.SetAsync("s3", new HazelcastJsonValue("""{"name":"cy","age":24,"score":2.5,"city":"Lyon"}"""));
        Assert.Equal(66, await map.AggregateAsync(Aggregators.LongSum("age")));
        Assert.Equal(22.0, await map.AggregateAsync(Aggregators.LongAverage("age")));
        Assert.Equal(10.0, await map.AggregateAsync(Aggregators.DoubleSum("score")));
        Assert.Equal(["Lyon", "Oslo"], (await map.AggregateAsync(Aggregators.Distinct<string>("city"))).Order());
        Assert.Equal(24L, await map.AggregateAsync(Aggregators.Max<long>("age")));
        Assert.Equal(2, await map.AggregateAsync(Aggregators.Count("name"), Predicates.EqualTo("city", "Lyon")));
    }

    [Fact]
    public async Task A_value_of_another_type_than_the_aggregator_reads_is_the_member_s_error_naming_the_attribute()
    {
        var map = await _client.GetMapAsync<string, HazelcastJsonValue>($"agg-{Guid.NewGuid():N}");
        await map.SetAsync("s1", new HazelcastJsonValue("""{"age":20}"""));
        // JSON whole numbers are longs on a member, as on a real one: an IntegerSum refuses them.
        var error = await Assert.ThrowsAsync<RemoteException>(async () => await map.AggregateAsync(Aggregators.IntegerSum("age")));
        Assert.Equal(Hazelcast.Protocol.RemoteError.ClassCast, error.Error);
        Assert.Contains("'age'", error.Message);
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.AggregateAsync<long>(null!));
    }
}
