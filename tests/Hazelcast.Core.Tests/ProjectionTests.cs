using Hazelcast.DistributedObjects;
using Hazelcast.Query;

namespace Hazelcast.Core.Tests;

/// <summary>IHMap.ProjectAsync with the built-in projections, computed by the in-process members.</summary>
public sealed class ProjectionTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await fixture.StartClientAsync();

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();

    private async Task<IHMap<string, HazelcastJsonValue>> StudentsAsync()
    {
        var map = await _client.GetMapAsync<string, HazelcastJsonValue>($"students-{Guid.NewGuid():N}");
        await map.SetAsync("s1", new HazelcastJsonValue("""{"name":"ana","age":20,"address":{"city":"Lyon"}}"""));
        await map.SetAsync("s2", new HazelcastJsonValue("""{"name":"bo","age":22,"address":{"city":"Oslo"}}"""));
        await map.SetAsync("s3", new HazelcastJsonValue("""{"name":"cy","age":24}"""));
        return map;
    }

    [Fact]
    public async Task A_single_attribute_projection_gives_each_entry_s_attribute_nulls_included()
    {
        var map = await StudentsAsync();
        Assert.Equal(["ana", "bo", "cy"], (await map.ProjectAsync(Projections.SingleAttribute<string>("name"))).Order());
        Assert.Equal(["Lyon", "Oslo", null], (await map.ProjectAsync(Projections.SingleAttribute<string>("address.city"))).OrderBy(c => c ?? "~"));
        Assert.Equal([22L, 24L], (await map.ProjectAsync(Projections.SingleAttribute<long>("age"), Predicates.GreaterThan("age", 20))).Order());
        Assert.Equal(["s1", "s2", "s3"], (await map.ProjectAsync(Projections.SingleAttribute<string>("__key"))).Order());
    }

    [Fact]
    public async Task A_multi_attribute_projection_gives_the_attributes_in_the_order_of_the_paths()
    {
        var map = await StudentsAsync();
        var rows = (await map.ProjectAsync(Projections.MultiAttribute("name", "age", "address.city"), Predicates.LessThan("age", 24))).OrderBy(r => (string)r[0]!).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["ana", 20L, "Lyon"], rows[0]);
        Assert.Equal(["bo", 22L, "Oslo"], rows[1]);
    }

    [Fact]
    public async Task The_identity_projection_gives_the_entries_and_a_partition_predicate_only_its_partition_s()
    {
        var map = await StudentsAsync();
        var all = await map.ProjectAsync(Projections.Identity<string, HazelcastJsonValue>());
        Assert.Equal(["s1", "s2", "s3"], all.Select(e => e.Key).Order());
        Assert.Contains("\"cy\"", all.Single(e => e.Key == "s3").Value.Value);
        var one = await map.ProjectAsync(Projections.Identity<string, HazelcastJsonValue>(), Predicates.Partition("s2", Predicates.True()));
        Assert.Equal(["s2"], one.Select(e => e.Key)); // s1 and s3 are in other partitions
    }

    [Fact]
    public async Task Bad_projections_are_refused_before_anything_is_sent()
    {
        var map = await StudentsAsync();
        Assert.Throws<ArgumentException>(() => Projections.SingleAttribute<string>(""));
        Assert.Throws<ArgumentException>(() => Projections.SingleAttribute<string>("tags[any]"));
        Assert.Throws<ArgumentException>(() => Projections.MultiAttribute());
        Assert.Throws<ArgumentException>(() => Projections.MultiAttribute("name", " "));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.ProjectAsync<string>(null!));
        await Assert.ThrowsAsync<ArgumentException>(async () => await map.ProjectAsync(Projections.SingleAttribute<string>("name"), Predicates.Page(2)));
    }

    [Fact]
    public async Task An_attribute_a_plain_value_cannot_have_is_the_member_s_query_error_naming_it()
    {
        var map = await _client.GetMapAsync<string, int>($"ints-{Guid.NewGuid():N}");
        await map.SetAsync("a", 1);
        var error = await Assert.ThrowsAsync<RemoteException>(async () => await map.ProjectAsync(Projections.SingleAttribute<int>("age")));
        Assert.Equal(Hazelcast.Protocol.RemoteError.Query, error.Error);
        Assert.Contains("'age'", error.Message);
        Assert.Contains("java.lang.Integer", error.Message);
        Assert.Equal(Hazelcast.Protocol.RemoteError.Query, (await Assert.ThrowsAsync<RemoteException>(async () => await map.AggregateAsync(Aggregators.LongSum("age")))).Error);
        Assert.Equal([1], await map.ProjectAsync(Projections.SingleAttribute<int>("this")));
    }
}
