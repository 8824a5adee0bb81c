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

    [Fact]
    public async Task BigDecimal_and_BigInteger_aggregations_are_exact()
    {
        var decimals = await _client.GetMapAsync<string, decimal>($"agg-dec-{Guid.NewGuid():N}");
        await decimals.SetAllAsync(new Dictionary<string, decimal> { ["a"] = 0.1m, ["b"] = 0.2m, ["c"] = 1234567890.123456789m, ["d"] = -0.0000000001m });
        Assert.Equal(1234567890.4234567889m, await decimals.AggregateAsync(Aggregators.BigDecimalSum()));
        Assert.Equal(1234567890.4234567889m / 4, await decimals.AggregateAsync(Aggregators.BigDecimalAverage()));

        var bigs = await _client.GetMapAsync<int, System.Numerics.BigInteger>($"agg-big-{Guid.NewGuid():N}");
        var huge = System.Numerics.BigInteger.Pow(2, 100);
        await bigs.SetAllAsync(new Dictionary<int, System.Numerics.BigInteger> { [1] = huge, [2] = -huge + 6, [3] = 2 });
        Assert.Equal(new System.Numerics.BigInteger(8), await bigs.AggregateAsync(Aggregators.BigIntegerSum()));
        // 8 / 3 has no finite decimal expansion: Java's exact division fails; 8 / 4 does not.
        await Assert.ThrowsAsync<RemoteException>(async () => await bigs.AggregateAsync(Aggregators.BigIntegerAverage()));
        await bigs.SetAsync(4, 0);
        Assert.Equal(2m, await bigs.AggregateAsync(Aggregators.BigIntegerAverage()));
        Assert.Null(await bigs.AggregateAsync(Aggregators.BigIntegerAverage(), Predicates.GreaterThan("this", huge * 2)));
    }

    [Fact]
    public async Task A_BigDecimal_average_without_a_finite_expansion_is_Java_s_ArithmeticException()
    {
        var map = await _client.GetMapAsync<string, decimal>($"agg-dec-{Guid.NewGuid():N}");
        await map.SetAllAsync(new Dictionary<string, decimal> { ["a"] = 1m, ["b"] = 1m, ["c"] = 2m });
        var error = await Assert.ThrowsAsync<RemoteException>(async () => await map.AggregateAsync(Aggregators.BigDecimalAverage()));
        Assert.Equal("java.lang.ArithmeticException", error.ClassName);
        Assert.Contains("Non-terminating decimal expansion", error.Message);
        // A value of another type is the member's ClassCast, as for the other typed aggregators.
        var ints = await _client.GetMapAsync<string, int>($"agg-{Guid.NewGuid():N}");
        await ints.SetAsync("a", 1);
        Assert.Equal(Hazelcast.Protocol.RemoteError.ClassCast, (await Assert.ThrowsAsync<RemoteException>(async () => await ints.AggregateAsync(Aggregators.BigDecimalSum()))).Error);
    }

    [Fact]
    public async Task MaxBy_and_MinBy_give_the_entry_with_the_extreme_attribute()
    {
        var map = await _client.GetMapAsync<string, HazelcastJsonValue>($"students-{Guid.NewGuid():N}");
        await map.SetAsync("s1", new HazelcastJsonValue("""{"name":"ana","age":20}"""));
        await map.SetAsync("s2", new HazelcastJsonValue("""{"name":"bo","age":24}"""));
        await map.SetAsync("s3", new HazelcastJsonValue("""{"name":"cy","age":22}"""));
        await map.SetAsync("s4", new HazelcastJsonValue("""{"name":"di"}""")); // no age: skipped
        var oldest = await map.AggregateAsync(Aggregators.MaxBy<string, HazelcastJsonValue>("age"));
        Assert.Equal("s2", oldest!.Value.Key);
        Assert.Contains("\"bo\"", oldest.Value.Value.Value);
        Assert.Equal("s1", (await map.AggregateAsync(Aggregators.MinBy<string, HazelcastJsonValue>("age")))!.Value.Key);
        Assert.Equal("s3", (await map.AggregateAsync(Aggregators.MinBy<string, HazelcastJsonValue>("age"), Predicates.GreaterThan("age", 20)))!.Value.Key);
        Assert.Null(await map.AggregateAsync(Aggregators.MaxBy<string, HazelcastJsonValue>("age"), Predicates.GreaterThan("age", 100)));
        Assert.Throws<ArgumentException>(() => Aggregators.MaxBy<string, HazelcastJsonValue>(""));
    }
}
