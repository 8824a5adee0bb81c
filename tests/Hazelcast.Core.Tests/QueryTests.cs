using System.Text.Json;
using Hazelcast.DistributedObjects;
using Hazelcast.Query;
using Hazelcast.Serialization;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>Predicates over a few thousand entries with known answers, evaluated by the in-process members.</summary>
public sealed class QueryTests : IAsyncLifetime
{
    private sealed record Person(int Id, int Age, string Name, string City, string[] Tags);

    private static readonly Person[] People = Enumerable.Range(0, 3000)
        .Select(i => new Person(i, i % 80, $"name-{i}", i % 3 == 0 ? "Paris" : "Berlin", i % 2 == 0 ? ["even", "x"] : ["odd"])).ToArray();

    private HazelcastCluster _cluster = null!;
    private IHazelcastClient _client = null!;
    private IHMap<int, HazelcastJsonValue> _map = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2 });
        _client = await HazelcastClientFactory.StartNewClientAsync(o => { foreach (var a in _cluster.Addresses) o.Networking.Addresses.Add(a); });
        _map = await _client.GetMapAsync<int, HazelcastJsonValue>("people");
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        await _map.SetAllAsync(People.Select(p => KeyValuePair.Create(p.Id, new HazelcastJsonValue(JsonSerializer.Serialize(p, options)))));
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    public static TheoryData<string> Cases() => new(Expectations.Keys);

    private static readonly Dictionary<string, (IPredicate Predicate, Func<Person, bool> Filter)> Expectations = new()
    {
        ["greater"] = (Predicates.GreaterThan("age", 18), p => p.Age > 18),
        ["greater-equal"] = (Predicates.GreaterThanOrEqualTo("age", 18), p => p.Age >= 18),
        ["less"] = (Predicates.LessThan("age", 10), p => p.Age < 10),
        ["less-equal"] = (Predicates.LessThanOrEqualTo("age", 10), p => p.Age <= 10),
        ["equal"] = (Predicates.EqualTo("city", "Paris"), p => p.City == "Paris"),
        ["not-equal"] = (Predicates.NotEqualTo("city", "Paris"), p => p.City != "Paris"),
        ["between"] = (Predicates.Between("age", 20, 30), p => p.Age is >= 20 and <= 30),
        ["in"] = (Predicates.In("age", 1, 2, 3), p => p.Age is 1 or 2 or 3),
        ["like"] = (Predicates.Like("name", "name-1%"), p => p.Name.StartsWith("name-1", StringComparison.Ordinal)),
        ["ilike"] = (Predicates.ILike("name", "NAME-2_"), p => p.Name.Length == 7 && p.Name.StartsWith("name-2", StringComparison.Ordinal)),
        ["regex"] = (Predicates.Match("name", "name-4[0-9]"), p => System.Text.RegularExpressions.Regex.IsMatch(p.Name, "^name-4[0-9]$")),
        ["and"] = (Predicates.And(Predicates.EqualTo("city", "Berlin"), Predicates.LessThan("age", 5)), p => p.City == "Berlin" && p.Age < 5),
        ["or"] = (Predicates.Or(Predicates.EqualTo("age", 0), Predicates.EqualTo("age", 79)), p => p.Age is 0 or 79),
        ["not"] = (Predicates.Not(Predicates.GreaterThan("age", 3)), p => p.Age <= 3),
        ["true"] = (Predicates.True(), _ => true),
        ["false"] = (Predicates.False(), _ => false),
        ["sql"] = (Predicates.Sql("age > 70 AND city = 'Paris'"), p => p.Age > 70 && p.City == "Paris"),
        ["sql-between-in-not"] = (Predicates.Sql("age BETWEEN 10 AND 12 OR (name IN ('name-1', 'name-2') AND NOT city = 'Paris')"),
            p => p.Age is >= 10 and <= 12 || (p.Name is "name-1" or "name-2" && p.City != "Paris")),
        ["array-any"] = (Predicates.EqualTo("tags[any]", "odd"), p => p.Tags.Contains("odd")),
        ["array-index"] = (Predicates.EqualTo("tags[1]", "x"), p => p.Tags.Length > 1 && p.Tags[1] == "x"),
        ["instance-of"] = (Predicates.InstanceOf("com.hazelcast.core.HazelcastJsonValue"), _ => true),
        ["key"] = (Predicates.LessThan("__key", 25), p => p.Id < 25),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_predicate_returns_exactly_the_matching_entries(string name)
    {
        var (predicate, filter) = Expectations[name];
        var expected = People.Where(filter).Select(p => p.Id).Order().ToList();
        Assert.Equal(expected, (await _map.GetKeysAsync(predicate)).Order().ToList());
        Assert.Equal(expected, (await _map.GetEntriesAsync(predicate)).Keys.Order().ToList());
        Assert.Equal(expected.Count, (await _map.GetValuesAsync(predicate)).Count);
    }

    [Fact]
    public async Task RemoveAll_removes_the_matching_entries_where_they_live_with_an_event_each()
    {
        var map = await _client.GetMapAsync<int, int>($"removeall-{Guid.NewGuid():N}");
        await map.SetAllAsync(Enumerable.Range(0, 100).Select(i => KeyValuePair.Create(i, i)));
        var removed = new System.Collections.Concurrent.ConcurrentBag<int>();
        await map.SubscribeAsync(on => on.EntryRemoved(e => removed.Add(e.Key)));
        await map.RemoveAllAsync(Predicates.LessThan("this", 30));
        Assert.Equal(Enumerable.Range(30, 70), (await map.GetKeysAsync()).Order());
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (removed.Count < 30 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(Enumerable.Range(0, 30), removed.Order());

        // A partition predicate removes from its key's partition only.
        var serialization = new Hazelcast.Serialization.SerializationService();
        int PartitionOf(int key) => Hazelcast.Serialization.MurmurHash3.PartitionId(serialization.ToData(key).PartitionHash, 271);
        var survivors = Enumerable.Range(30, 70).Where(k => PartitionOf(k) != PartitionOf(50)).ToList();
        await map.RemoveAllAsync(Predicates.Partition(50, Predicates.True()));
        Assert.Equal(survivors, (await map.GetKeysAsync()).Order());
        await Assert.ThrowsAsync<ArgumentException>(async () => await map.RemoveAllAsync(Predicates.Page(10)));
    }

    [Fact]
    public async Task A_missing_json_attribute_reads_as_null_as_on_a_real_member()
    {
        // Hazelcast's JSON getter reads an attribute the document lacks as null, as it reads a JSON null
        // (AbstractJsonGetter, EqualPredicate: "if (attributeValue == null) return isNull(value)"); comparisons with null never match.
        var map = await _client.GetMapAsync<string, HazelcastJsonValue>($"nulls-{Guid.NewGuid():N}");
        await map.SetAsync("one", new HazelcastJsonValue("""{"a":1}"""));
        await map.SetAsync("null", new HazelcastJsonValue("""{"a":null}"""));
        await map.SetAsync("missing", new HazelcastJsonValue("""{"b":2}"""));
        async Task<List<string>> Keys(IPredicate p) => [.. (await map.GetKeysAsync(p)).Order()];
        Assert.Equal(["missing", "null"], await Keys(Predicates.EqualTo("a", null)));
        Assert.Equal(["missing", "null"], await Keys(Predicates.NotEqualTo("a", 1)));
        Assert.Equal(["one"], await Keys(Predicates.NotEqualTo("a", null)));
        Assert.Equal(["one"], await Keys(Predicates.GreaterThan("a", 0)));
        Assert.Empty(await Keys(Predicates.LessThan("a", 0)));

        // Through [any]: an attribute before it that is missing or not an array reads as one null (AbstractJsonGetter);
        // an empty JSON array gives no value.
        await map.SetAsync("array", new HazelcastJsonValue("""{"a":[1,2]}"""));
        await map.SetAsync("empty", new HazelcastJsonValue("""{"a":[]}"""));
        Assert.Equal(["missing", "null", "one"], await Keys(Predicates.EqualTo("a[any]", null)));
        Assert.Equal(["array"], await Keys(Predicates.EqualTo("a[any]", 2)));
    }

    [Fact]
    public async Task A_partition_predicate_runs_on_one_partition()
    {
        // A real member evaluates a partition predicate on the partition of its key only (PartitionPredicateImpl):
        // the entries of the other partitions are not looked at, even when the inner predicate matches them all.
        var serialization = new Hazelcast.Serialization.SerializationService();
        int PartitionOf(int key) => Hazelcast.Serialization.MurmurHash3.PartitionId(serialization.ToData(key).PartitionHash, 271);
        var expected = People.Select(p => p.Id).Where(id => PartitionOf(id) == PartitionOf(7)).Order().ToList();
        var keys = await _map.GetKeysAsync(Predicates.Partition(7, Predicates.True()));
        Assert.Contains(7, keys);
        Assert.Equal(expected, keys.Order().ToList());
        Assert.True(keys.Count < People.Count(), "entries of other partitions came back");
    }

    [Fact]
    public async Task A_predicate_listener_sees_only_matching_entries()
    {
        var map = await _client.GetMapAsync<string, int>($"listened-{Guid.NewGuid():N}");
        var seen = new List<string>();
        var done = new TaskCompletionSource();
        await map.SubscribeAsync(Predicates.GreaterThan("this", 10), on => on.EntryAdded(e =>
        {
            lock (seen) seen.Add(e.Key!);
            if (e.Key == "last") done.TrySetResult();
        }));
        await map.SetAsync("small", 1);
        await map.SetAsync("big", 100);
        await map.SetAsync("last", 11);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["big", "last"], seen);
    }

    [Fact]
    public void Predicates_serialize_as_the_official_client_does()
    {
        // tests/conformance/golden/vectors.json: the official client's Predicates.sql("this = v3").
        var serialization = new SerializationService();
        Assert.Equal("00000000fffffffe01ffffffec000000000000000974686973203d207633", Convert.ToHexStringLower(serialization.ToData(Predicates.Sql("this = v3")).Bytes.Span));
        // greaterThan writes attribute, value (an int), equal=false, less=false.
        Assert.Equal("00000000fffffffe01ffffffec00000004" + "00000003616765" + "fffffff900000012" + "0000",
            Convert.ToHexStringLower(serialization.ToData(Predicates.GreaterThan("age", 18)).Bytes.Span));
    }

    [Fact]
    public async Task A_bad_sql_predicate_fails_with_the_members_query_error()
    {
        var error = await Assert.ThrowsAsync<RemoteException>(async () => await _map.GetKeysAsync(Predicates.Sql("age >")));
        Assert.Equal(Protocol.RemoteError.Query, error.Error);
    }
}

/// <summary>Paging predicates: the seed's students, ten at a time, forward and back.</summary>
public sealed class PagingTests : IAsyncLifetime
{
    private HazelcastCluster _cluster = null!;
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3 });
        _client = await HazelcastClientFactory.StartNewClientAsync(o => { foreach (var a in _cluster.Addresses) o.Networking.Addresses.Add(a); });
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Students_older_than_18_ten_at_a_time()
    {
        var students = await _client.GetMapAsync<int, HazelcastJsonValue>("students");
        await students.SetAllAsync(Enumerable.Range(0, 97).Select(i => KeyValuePair.Create(i, new HazelcastJsonValue($"{{\"name\":\"s{i}\",\"age\":{10 + i % 20}}}"))));
        var expected = Enumerable.Range(0, 97).Where(i => 10 + i % 20 > 18).ToList(); // 52 students: five full pages and one of 2

        var paging = Predicates.Page(10, Predicates.GreaterThan("age", 18));
        var pages = new List<IReadOnlyList<int>>();
        while (true)
        {
            var page = await students.GetKeysAsync(paging);
            if (page.Count == 0) break;
            pages.Add(page);
            paging.NextPage();
        }
        Assert.Equal(52, expected.Count);
        Assert.Equal([10, 10, 10, 10, 10, 2], pages.Select(p => p.Count));
        Assert.Equal(expected, pages.SelectMany(p => p).ToList()); // ordered by key, nothing twice, nothing missed
        Assert.Equal(6, paging.Page);

        paging.Page = 2;
        Assert.Equal(pages[2], await students.GetKeysAsync(paging));
        paging.PreviousPage();
        Assert.Equal(pages[1], await students.GetKeysAsync(paging));
        paging.Page = 9;
        Assert.Empty(await students.GetKeysAsync(paging));

        // Entries and values page the same way; values are ordered by value (here the JSON text).
        var entries = Predicates.Page(10, Predicates.GreaterThan("age", 18));
        Assert.Equal(pages[0], (await students.GetEntriesAsync(entries)).Keys.ToList());
        var values = Predicates.Page(50);
        Assert.Equal(50, (await students.GetValuesAsync(values)).Count);
        values.NextPage();
        Assert.Equal(47, (await students.GetValuesAsync(values)).Count);
    }

    [Fact]
    public async Task Anchors_keep_page_n_plus_1_continuing_where_page_n_ended()
    {
        var map = await _client.GetMapAsync<int, int>($"anchors-{Guid.NewGuid():N}");
        await map.SetAllAsync(Enumerable.Range(0, 30).Select(i => KeyValuePair.Create(i * 10, i)));
        var paging = Predicates.Page(5);
        Assert.Equal([0, 10, 20, 30, 40], await map.GetKeysAsync(paging));
        await map.SetAsync(5, -1); // inserted before the anchor of page 0
        paging.NextPage();
        Assert.Equal([50, 60, 70, 80, 90], await map.GetKeysAsync(paging)); // continues after 40, as Hazelcast does
        paging.Reset();
        Assert.Equal([0, 5, 10, 20, 30], await map.GetKeysAsync(paging));
    }

    [Fact]
    public void Paging_predicates_validate_their_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Predicates.Page(0));
        Assert.Throws<ArgumentException>(() => Predicates.Page(10, Predicates.Page(5)));
    }
}

/// <summary>User types: IdentifiedDataSerializable with a registered factory, custom serializers, indexes.</summary>
public sealed class UserTypeTests : IAsyncLifetime
{
    private sealed class Student : IIdentifiedDataSerializable
    {
        public string Name { get; set; } = "";
        public int Age { get; set; }
        public int FactoryId => 1000;
        public int ClassId => 1;

        public void WriteData(IObjectDataOutput output)
        {
            output.WriteString(Name);
            output.WriteInt(Age);
        }

        public void ReadData(IObjectDataInput input)
        {
            Name = input.ReadString()!;
            Age = input.ReadInt();
        }
    }

    private sealed class StudentFactory : IDataSerializableFactory
    {
        public IIdentifiedDataSerializable? Create(int classId) => classId == 1 ? new Student() : null;
    }

    private sealed record Point(int X, int Y);

    private sealed class PointSerializer : IStreamSerializer<Point>
    {
        public int TypeId => 42;
        public void Write(IObjectDataOutput output, Point value) { output.WriteInt(value.X); output.WriteInt(value.Y); }
        public Point Read(IObjectDataInput input) => new(input.ReadInt(), input.ReadInt());
    }

    private HazelcastCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await HazelcastCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private Task<IHazelcastClient> ClientAsync(bool register) => HazelcastClientFactory.StartNewClientAsync(o =>
    {
        o.Networking.Addresses.Add(_cluster.Addresses[0]);
        if (register) o.ConfigureSerialization(s => s.AddSerializer(new PointSerializer()).DataSerializableFactories[1000] = new StudentFactory());
    }).AsTask();

    [Fact]
    public async Task Identified_data_serializable_and_custom_types_round_trip()
    {
        await using var client = await ClientAsync(register: true);
        var students = await client.GetMapAsync<int, Student>("students");
        await students.SetAsync(1, new Student { Name = "Ann", Age = 19 });
        var ann = await students.GetAsync(1);
        Assert.Equal(("Ann", 19), (ann!.Name, ann.Age));

        var points = await client.GetMapAsync<Point, string>("points");
        await points.SetAsync(new Point(1, 2), "a");
        Assert.Equal("a", await points.GetAsync(new Point(1, 2)));
        Assert.Equal([new Point(1, 2)], await points.GetKeysAsync());
    }

    [Fact]
    public async Task A_client_without_the_factory_says_which_factory_is_missing()
    {
        await using (var writer = await ClientAsync(register: true))
            await (await writer.GetMapAsync<int, Student>("unknown")).SetAsync(1, new Student { Name = "Bo", Age = 20 });
        await using var reader = await ClientAsync(register: false);
        var error = await Assert.ThrowsAsync<SerializationException>(async () => await (await reader.GetMapAsync<int, Student>("unknown")).GetAsync(1));
        Assert.Contains("factory id 1000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_serializers_are_validated()
    {
        var options = new SerializationOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.AddSerializer(new BadSerializer()));
        options.AddSerializer(new PointSerializer());
        Assert.Throws<ArgumentException>(() => options.AddSerializer(new PointSerializer()));
    }

    private sealed class BadSerializer : IStreamSerializer<Point>
    {
        public int TypeId => -5;
        public void Write(IObjectDataOutput output, Point value) { }
        public Point Read(IObjectDataInput input) => new(0, 0);
    }

    [Fact]
    public async Task Indexes_answer_queries_with_the_results_of_a_full_scan()
    {
        await using var client = await ClientAsync(register: false);
        var map = await client.GetMapAsync<int, HazelcastJsonValue>("indexed");
        await map.SetAllAsync(Enumerable.Range(0, 500).Select(i => KeyValuePair.Create(i, new HazelcastJsonValue($"{{\"age\":{i % 50},\"city\":\"c{i % 7}\"}}"))));
        IPredicate[] queries =
        [
            Predicates.Between("age", 10, 20), Predicates.EqualTo("age", 7), Predicates.In("age", 1, 2L, 3.0), Predicates.GreaterThan("age", 45),
            Predicates.And(Predicates.LessThan("age", 5), Predicates.EqualTo("city", "c3")), Predicates.EqualTo("city", "c1"), Predicates.Sql("age = 3"),
        ];
        async Task<List<List<int>>> RunAsync()
        {
            var results = new List<List<int>>();
            foreach (var q in queries) results.Add((await map.GetKeysAsync(q)).Order().ToList());
            return results;
        }
        var scanned = await RunAsync();
        await map.AddIndexAsync(IndexType.Sorted, ["age"]);
        await map.AddIndexAsync(IndexType.Hashed, ["city"], "city-hash");
        var store = _cluster.State.Map("indexed");
        var indexedBefore = store.IndexedQueries;
        Assert.Equal(scanned, await RunAsync());
        Assert.True(store.IndexedQueries - indexedBefore >= 5, "the indexes answered the equality, IN and range queries");
        Assert.Equal(2, store.Indexes.Count);

        // The indexes follow updates and removals.
        await map.SetAsync(7, new HazelcastJsonValue("{\"age\":46,\"city\":\"c1\"}"));
        await map.DeleteAsync(57);
        Assert.Contains(7, await map.GetKeysAsync(Predicates.GreaterThan("age", 45)));
        Assert.DoesNotContain(7, await map.GetKeysAsync(Predicates.EqualTo("age", 7)));
        Assert.DoesNotContain(57, await map.GetKeysAsync(Predicates.EqualTo("age", 7)));
        await Assert.ThrowsAsync<ArgumentException>(async () => await map.AddIndexAsync(IndexType.Sorted, []));
    }

    [Fact]
    public async Task Indexes_are_sent_normalized_as_the_official_clients_send_them_and_bitmap_options_are_checked()
    {
        await using var client = await ClientAsync(register: false);
        var map = await client.GetMapAsync<int, HazelcastJsonValue>($"bitmap-{Guid.NewGuid():N}");
        await map.SetAllAsync(Enumerable.Range(1, 30).ToDictionary(i => i, i => new HazelcastJsonValue($"{{\"id\":{i},\"tier\":\"t{i % 3}\"}}")));
        var bitmap = new IndexOptions { Type = IndexType.Bitmap, Attributes = { " this.tier " }, BitmapIndexOptions = new() { UniqueKey = "this.id", UniqueKeyTransformation = UniqueKeyTransformation.Long } };
        await map.AddIndexAsync(bitmap);
        await map.AddIndexAsync(new IndexOptions { Attributes = { "id" } });
        var store = _cluster.State.Map(map.Name);
        var configs = store.Indexes.OrderBy(i => i.Type).ToList();
        Assert.Equal($"{map.Name}_sorted_id", configs[0].Name); // the name the official clients derive
        Assert.Equal("__key", configs[0].BitmapIndexOptions!.UniqueKey); // bitmap options always sent, the defaults here
        Assert.Equal(["tier"], configs[1].Attributes); // trimmed, without "this."
        Assert.Equal(("id", 1), (configs[1].BitmapIndexOptions!.UniqueKey, configs[1].BitmapIndexOptions!.UniqueKeyTransformation));
        var before = store.IndexedQueries;
        Assert.Equal(10, (await map.GetKeysAsync(Predicates.EqualTo("tier", "t1"))).Count);
        Assert.True(store.IndexedQueries > before, "the bitmap index answered the equality query");

        await Assert.ThrowsAsync<ArgumentException>(async () => await map.AddIndexAsync(new IndexOptions { Type = IndexType.Bitmap, Attributes = { "a", "b" } }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await map.AddIndexAsync(new IndexOptions { Attributes = { "a" }, BitmapIndexOptions = new() }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await map.AddIndexAsync(new IndexOptions { Attributes = { "a", "this.a" } }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await map.AddIndexAsync(new IndexOptions { Attributes = { "a." } }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await map.AddIndexAsync(new IndexOptions { Type = IndexType.Bitmap, Attributes = { "a" }, BitmapIndexOptions = new() { UniqueKey = " " } }));
    }
}
