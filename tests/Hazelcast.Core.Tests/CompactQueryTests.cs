using System.Buffers.Binary;
using Hazelcast.DistributedObjects;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Query;
using Hazelcast.Serialization.Compact;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>
/// Compact values through the in-process members: schemas sent before values, fetched by clients that lack them,
/// sent again to a restarted cluster; predicates and paging on Compact fields (nested, arrays) with known answers.
/// </summary>
public sealed class CompactQueryTests : IAsyncLifetime
{
    private static readonly Enrolled[] Students = Enumerable.Range(0, 600).Select(i => new Enrolled
    {
        Id = i, Name = $"student-{i}", Age = 10 + i % 40, Nick = i % 5 == 0 ? null : $"n{i}",
        Address = new Place { City = i % 3 == 0 ? "Paris" : "Ankara", Zip = i % 100 },
        Grades = [i % 101, 100 - i % 101],
    }).ToArray();

    private HazelcastCluster _cluster = null!;
    private IHazelcastClient _client = null!;
    private IHMap<int, Enrolled> _map = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2 });
        foreach (var member in _cluster.Members) member.RecordRequests = true;
        _client = await StartClientAsync();
        _map = await _client.GetMapAsync<int, Enrolled>("students");
        // Concurrent first writes of a new type: the schema is sent once, before any value that needs it.
        await Task.WhenAll(Students.Select(s => _map.SetAsync(s.Id, s).AsTask()));
    }

    private Task<IHazelcastClient> StartClientAsync() => HazelcastClientFactory.StartNewClientAsync(o => { foreach (var a in _cluster.Addresses) o.Networking.Addresses.Add(a); }).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private List<int> RequestTypes() => RequestTypes(_cluster.Members);

    /// <summary>The message types of the requests the members recorded (and forget), in arrival order per member.</summary>
    private static List<int> RequestTypes(IEnumerable<HazelcastMember> members)
        => members.SelectMany(m => m.TakeRecordedRequests()).Select(r => BinaryPrimitives.ReadInt32LittleEndian(r.AsSpan(6))).ToList();

    [Fact]
    public void Each_schema_is_sent_once_however_many_first_writes_race()
        => Assert.Equal(2, RequestTypes().Count(t => t == ClientSendSchemaCodec.RequestMessageType)); // "enrolled" and the nested "address"

    [Fact]
    public async Task A_schema_the_cluster_will_not_take_fails_its_writes_and_only_them()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        cluster.Members[0].RefuseSchemas = true;
        await using var client = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(cluster.Addresses[0]));
        var students = await client.GetMapAsync<int, Enrolled>("refused");
        var strings = await client.GetMapAsync<string, string>("plain");
        var write = students.SetAsync(1, Students[1]).AsTask();
        // Operations whose values cannot hold Compact objects do not wait for the schema.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await strings.SetAsync("k", "v");
        Assert.Equal("v", await strings.GetAsync("k"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"a plain write waited {watch.Elapsed}");
        var e = await Assert.ThrowsAsync<HazelcastException>(() => write);
        Assert.Contains("enrolled", e.Message);
        Assert.Equal(0, await students.GetSizeAsync()); // nothing was sent without its schema
        cluster.Members[0].RefuseSchemas = false;
        await students.SetAsync(1, Students[1]);
        Assert.Equal(Students[1].Name, (await students.GetAsync(1))!.Name);
    }

    [Fact]
    public async Task A_refused_schema_does_not_hold_queries_whose_predicates_carry_no_compact_value()
    {
        // A predicate is an IdentifiedDataSerializable: only one that nests a Compact value needs schemas on the
        // members. Before, every predicate query waited for the refused schema and failed with it.
        await using var cluster = await HazelcastCluster.StartAsync();
        cluster.Members[0].RefuseSchemas = true;
        await using var client = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(cluster.Addresses[0]));
        var students = await client.GetMapAsync<int, Enrolled>("refused-q");
        await Assert.ThrowsAsync<HazelcastException>(async () => await students.SetAsync(1, Students[1])); // the schema stays unpublished
        var json = await client.GetMapAsync<int, HazelcastJsonValue>("json-q");
        await json.SetAsync(1, new HazelcastJsonValue("""{"age":30}"""));
        Assert.Single(await json.GetKeysAsync(Predicates.GreaterThan("age", 18)));
        Assert.Single(await json.GetKeysAsync(Predicates.Sql("age > 18")));
        await json.SubscribeAsync(Predicates.EqualTo("age", 30), on => on.EntryAdded(_ => { }));
        // A predicate that compares with a Compact value does wait, and fails with the schema.
        await Assert.ThrowsAsync<HazelcastException>(async () => await students.GetKeysAsync(Predicates.EqualTo("this", Students[2])));
    }

    [Fact]
    public async Task A_member_before_5_2_gets_one_clear_error_naming_its_version_at_the_first_compact_write()
    {
        var options = new HazelcastClusterOptions { Version = "5.0.2" };
        await using var cluster = await HazelcastCluster.StartAsync(options);
        cluster.Members[0].RecordRequests = true;
        await using var client = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(cluster.Addresses[0]));
        var students = await client.GetMapAsync<int, Enrolled>("old-member");
        var e = await Assert.ThrowsAsync<HazelcastException>(async () => await students.SetAsync(1, Students[1]));
        Assert.Contains("5.2", e.Message, StringComparison.Ordinal);
        Assert.Contains("5.0.2", e.Message, StringComparison.Ordinal);
        Assert.IsNotType<ProtocolException>(e);
        Assert.DoesNotContain(RequestTypes(cluster.Members), t => t == ClientSendSchemaCodec.RequestMessageType); // refused before any send
        var strings = await client.GetMapAsync<string, string>("plain");
        await strings.SetAsync("k", "v"); // the rest works
    }

    [Fact]
    public async Task No_value_reaches_a_member_before_its_schema()
    {
        // One member, so that its recorded requests are in arrival order.
        await using var cluster = await HazelcastCluster.StartAsync();
        cluster.Members[0].RecordRequests = true;
        await using var client = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(cluster.Addresses[0]));
        var map = await client.GetMapAsync<int, Enrolled>("order");
        await Task.WhenAll(Students.Take(200).Select(s => map.SetAsync(s.Id, s).AsTask()));
        var types = RequestTypes(cluster.Members);
        Assert.Equal(2, types.Count(t => t == ClientSendSchemaCodec.RequestMessageType));
        Assert.True(types.LastIndexOf(ClientSendSchemaCodec.RequestMessageType) < types.IndexOf(MapSetCodec.RequestMessageType), "a value was sent before its schema");
    }

    public static TheoryData<string> Cases() => new(Expectations.Keys);

    private static readonly Dictionary<string, (IPredicate Predicate, Func<Enrolled, bool> Filter)> Expectations = new()
    {
        ["greater"] = (Predicates.GreaterThan("age", 18), s => s.Age > 18),
        ["between"] = (Predicates.Between("age", 20, 22), s => s.Age is >= 20 and <= 22),
        ["in"] = (Predicates.In("age", 11, 12), s => s.Age is 11 or 12),
        ["equal-string"] = (Predicates.EqualTo("name", "student-7"), s => s.Name == "student-7"),
        ["like"] = (Predicates.Like("name", "student-19%"), s => s.Name!.StartsWith("student-19", StringComparison.Ordinal)),
        ["nested"] = (Predicates.EqualTo("address.city", "Paris"), s => s.Address!.City == "Paris"),
        ["nested-number"] = (Predicates.LessThan("address.zip", 3), s => s.Address!.Zip < 3),
        ["array-any"] = (Predicates.EqualTo("grades[any]", 100), s => s.Grades!.Contains(100)),
        ["array-index"] = (Predicates.GreaterThanOrEqualTo("grades[0]", 99), s => s.Grades![0] >= 99),
        ["null-field"] = (Predicates.Sql("nick = NULL"), s => s.Nick is null),
        ["sql"] = (Predicates.Sql("age > 45 AND address.city = 'Ankara' OR name = 'student-3'"), s => s.Age > 45 && s.Address!.City == "Ankara" || s.Name == "student-3"),
        ["not"] = (Predicates.Not(Predicates.GreaterThan("age", 12)), s => s.Age <= 12),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Predicates_on_compact_fields_select_the_known_entries(string name)
    {
        var (predicate, filter) = Expectations[name];
        var expected = Students.Where(filter).Select(s => s.Id).Order().ToList();
        Assert.Equal(expected, (await _map.GetKeysAsync(predicate)).Order().ToList());
        var values = await _map.GetValuesAsync(predicate);
        Assert.Equal(expected, values.Select(v => v.Id).Order().ToList());
    }

    [Fact]
    public async Task Indexes_on_compact_fields_give_the_results_of_a_full_scan()
    {
        var predicates = new[] { Predicates.GreaterThan("age", 45), Predicates.EqualTo("address.city", "Paris"), Predicates.In("address.zip", 1, 2, 3) };
        var scanned = new List<List<int>>();
        foreach (var p in predicates) scanned.Add([.. (await _map.GetKeysAsync(p)).Order()]);
        await _map.AddIndexAsync(IndexType.Sorted, ["age"]);
        await _map.AddIndexAsync(IndexType.Hashed, ["address.city"]);
        await _map.AddIndexAsync(IndexType.Sorted, ["address.zip"]);
        await _map.SetAsync(5000, new Enrolled { Id = 5000, Name = "late", Age = 99, Address = new Place { City = "Paris", Zip = 2 }, Grades = [] });
        for (var i = 0; i < predicates.Length; i++)
        {
            var indexed = (await _map.GetKeysAsync(predicates[i])).Order().ToList();
            Assert.Equal(scanned[i].Append(5000).Order(), indexed);
        }
    }

    [Fact]
    public async Task The_student_example_pages_ten_at_a_time()
    {
        var paging = Predicates.Page(10, Predicates.GreaterThan("age", 18));
        var seen = new List<int>();
        while (true)
        {
            var page = await _map.GetValuesAsync(paging);
            if (page.Count == 0) break;
            Assert.True(page.Count <= 10);
            Assert.All(page, s => Assert.True(s.Age > 18));
            seen.AddRange(page.Select(s => s.Id));
            paging.NextPage();
        }
        Assert.Equal(Students.Where(s => s.Age > 18).Select(s => s.Id).Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_client_that_never_wrote_the_type_fetches_its_schemas_and_reads_values()
    {
        RequestTypes();
        await using var reader = await StartClientAsync();
        var map = await reader.GetMapAsync<int, Enrolled>("students");
        var value = await map.GetAsync(42);
        Assert.Equal(Students[42].Name, value!.Name);
        Assert.Equal(Students[42].Address!.City, value.Address!.City);
        Assert.Equal(Students[42].Grades, value.Grades);
        var fetches = RequestTypes().Count(t => t == ClientFetchSchemaCodec.RequestMessageType);
        Assert.Equal(2, fetches); // the outer schema, then the nested one while reading again
        Assert.Equal(Students.Count(s => s.Address!.Zip == 7), (await map.GetValuesAsync(Predicates.EqualTo("address.zip", 7))).Count);
    }

    [Fact]
    public async Task A_restarted_cluster_gets_the_schemas_again_before_new_values()
    {
        await _cluster.RestartClusterAsync();
        await WaitUntilAsync(() => _client.IsConnected && _client.ClusterId == _cluster.ClusterId);
        RequestTypes();
        await _map.SetAsync(1, Students[1]);
        Assert.DoesNotContain(ClientSendSchemaCodec.RequestMessageType, RequestTypes()); // SendAllSchemas did it on reconnection
        Assert.Equal(Students[1].Name, (await _map.GetValuesAsync(Predicates.EqualTo("address.city", "Ankara"))).Single().Name);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }
}

[CompactName("enrolled")]
public sealed class Enrolled
{
    [CompactName("id")] public int Id { get; set; }
    [CompactName("name")] public string? Name { get; set; }
    [CompactName("age")] public int Age { get; set; }
    [CompactName("nick")] public string? Nick { get; set; }
    [CompactName("address")] public Place? Address { get; set; }
    [CompactName("grades")] public int[]? Grades { get; set; }
}
