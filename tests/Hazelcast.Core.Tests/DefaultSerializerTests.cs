using Hazelcast.Serialization;

namespace Hazelcast.Core.Tests;

/// <summary>
/// Dates, times and collections as Hazelcast's built-in serializers write them (the Java layouts; the Node.js
/// client's bytes for the dates are checked in <see cref="GoldenVectorTests"/>), through the map too.
/// </summary>
public sealed class DefaultSerializerTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly SerializationService _service = new();

    private static string Hex(Data data) => Convert.ToHexString(data.Bytes.Span);

    private T RoundTrip<T>(T value) => _service.ToObject<T>(_service.ToData(value))!;

    [Fact]
    public void Dates_and_times_are_Java_s_LocalDate_LocalTime_LocalDateTime_and_OffsetDateTime()
    {
        Assert.Equal("00000000FFFFFFCD" + "000007E8" + "02" + "1D", Hex(_service.ToData(new DateOnly(2024, 2, 29)))); // -51: year, month, day
        Assert.Equal("00000000FFFFFFCC" + "0D2D1E" + "075BCCBC", Hex(_service.ToData(new TimeOnly(13, 45, 30).Add(TimeSpan.FromTicks(1_234_567))))); // -52: h, m, s, nanos
        var moment = new DateTime(2024, 2, 29, 13, 45, 30, DateTimeKind.Utc).AddTicks(1_234_567);
        Assert.Equal(moment, RoundTrip(moment));
        var offset = new DateTimeOffset(moment.Ticks, TimeSpan.FromHours(-5.5));
        var back = RoundTrip(offset);
        Assert.Equal(offset, back);
        Assert.Equal(offset.Offset, back.Offset);
        Assert.Equal(DateOnly.MaxValue, RoundTrip(DateOnly.MaxValue));
        Assert.Equal(TimeOnly.MaxValue, RoundTrip(TimeOnly.MaxValue));
    }

    [Fact]
    public void Dates_a_dotnet_type_cannot_hold_are_refused_with_what_is_wrong()
    {
        // A LocalDate of year 10000 (Java has it, DateOnly does not).
        var e = Assert.Throws<SerializationException>(() => _service.ToObject(new Data(Convert.FromHexString("00000000FFFFFFCD" + "00002710" + "01" + "01"))));
        Assert.Contains("10000-1-1", e.Message);
        // An offset of 30 s (Java has it, DateTimeOffset keeps whole minutes).
        e = Assert.Throws<SerializationException>(() => _service.ToObject(new Data(Convert.FromHexString("00000000FFFFFFCA" + "000007E8" + "021D0B0F1E" + "00000000" + "0000001E"))));
        Assert.Contains("30 s", e.Message);
    }

    [Fact]
    public void Collections_are_ArrayList_LinkedList_HashMap_HashSet_and_SimpleEntry()
    {
        // -29: count, then each item as a nested object (its type id, then its payload).
        Assert.Equal("00000000FFFFFFE3" + "00000002" + "FFFFFFF5" + "00000001" + "61" + "FFFFFFF9" + "00000007", Hex(_service.ToData(new List<object> { "a", 7 })));
        Assert.Equal("00000000FFFFFFE0" + "00000001" + "FFFFFFF5" + "00000001" + "6B" + "FFFFFFF9" + "00000001", Hex(_service.ToData(new Dictionary<string, int> { ["k"] = 1 }))); // -32
        Assert.Equal("00000000FFFFFFEA" + "FFFFFFF5" + "00000001" + "6B" + "FFFFFFF9" + "00000001", Hex(_service.ToData(KeyValuePair.Create("k", 1)))); // -22
        Assert.StartsWith("00000000FFFFFFDB00000002", Hex(_service.ToData(new HashSet<long> { 1, 2 }))); // -37
        Assert.StartsWith("00000000FFFFFFE200000001", Hex(_service.ToData(new LinkedList<int>([3])))); // -30

        Assert.Equal(["a", "b"], RoundTrip(new List<string> { "a", "b" }));
        Assert.Equal([3, 4], RoundTrip(new LinkedList<int>([3, 4])));
        Assert.Equal(new HashSet<long> { 1, 2 }, RoundTrip(new HashSet<long> { 1, 2 }));
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, RoundTrip(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }));
        Assert.Equal(KeyValuePair.Create("k", 9), RoundTrip(KeyValuePair.Create("k", 9)));
        // Nested, and read through the interfaces callers use.
        var nested = new Dictionary<string, List<DateOnly>> { ["d"] = [new DateOnly(2020, 1, 1)] };
        Assert.Equal(new DateOnly(2020, 1, 1), RoundTrip(nested)["d"].Single());
        Assert.Equal(["x"], _service.ToObject<IReadOnlyList<string>>(_service.ToData(new List<string> { "x" })));
        Assert.Equal(2, _service.ToObject<IReadOnlyDictionary<string, int>>(_service.ToData(new Dictionary<string, int> { ["b"] = 2 }))!["b"]);
        // Without a type: the items as they were serialized.
        Assert.Equal(new List<object?> { "a", 7 }, _service.ToObject(_service.ToData(new List<object> { "a", 7 })));
    }

    [Fact]
    public void Collections_from_the_network_are_checked_before_anything_is_allocated()
    {
        // An ArrayList declaring 100 million items in 4 bytes.
        var e = Assert.Throws<SerializationException>(() => _service.ToObject(new Data(Convert.FromHexString("00000000FFFFFFE3" + "05F5E100"))));
        Assert.Contains("100000000 items", e.Message);
        // A HashMap with a null key, which a .NET dictionary cannot hold.
        e = Assert.Throws<SerializationException>(() => _service.ToObject(new Data(Convert.FromHexString("00000000FFFFFFE0" + "00000001" + "00000000" + "FFFFFFF9" + "00000001"))));
        Assert.Contains("null key", e.Message);
        // An item of another type than asked for.
        e = Assert.Throws<SerializationException>(() => _service.ToObject<List<int>>(_service.ToData(new List<string> { "a" })));
        Assert.Contains("System.Int32", e.Message);
    }

    private sealed record Money(string Currency, long Cents);

    private sealed class Point
    {
        public int X { get; set; }
    }

    private sealed class Everything : IStreamSerializer<object>
    {
        public int TypeId => 77;

        public void Write(IObjectDataOutput output, object value)
        {
            var text = value switch { Money m => $"money:{m.Currency}:{m.Cents}", Point p => $"point:{p.X}", _ => throw new SerializationException($"Not mine: {value.GetType()}") };
            output.WriteString(text);
        }

        public object Read(IObjectDataInput input)
        {
            var parts = input.ReadString()!.Split(':');
            return parts[0] == "money" ? new Money(parts[1], long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture))
                : new Point { X = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) };
        }
    }

    [Fact]
    public void A_global_serializer_takes_the_types_nothing_else_handles_before_zero_configuration_Compact()
    {
        var options = new SerializationOptions().SetGlobalSerializer(new Everything());
        var service = new SerializationService(options);
        var money = service.ToData(new Money("EUR", 1250));
        Assert.Equal(77, money.TypeId);
        Assert.Equal(new Money("EUR", 1250), service.ToObject<Money>(money));
        var point = service.ToData(new Point { X = 3 }); // Compact-eligible, but the global serializer comes first
        Assert.Equal(77, point.TypeId);
        Assert.Equal(3, service.ToObject<Point>(point)!.X);
        Assert.Equal(SerializationConstants.String, service.ToData("text").TypeId); // built-in types stay theirs
        Assert.Equal(SerializationConstants.ArrayList, service.ToData(new List<int> { 1 }).TypeId);
        Assert.Throws<ArgumentException>(() => options.AddSerializer(new Clashing()));
    }

    private sealed class Clashing : IStreamSerializer<string>
    {
        public int TypeId => 77;

        public void Write(IObjectDataOutput output, string value) => output.WriteString(value);

        public string Read(IObjectDataInput input) => input.ReadString()!;
    }

    [Fact]
    public async Task Dates_and_collections_go_through_a_map()
    {
        await using var client = await fixture.StartClientAsync();
        var map = await client.GetMapAsync<string, object>($"values-{Guid.NewGuid():N}");
        var when = new DateTimeOffset(2025, 6, 1, 8, 30, 0, TimeSpan.FromHours(2));
        await map.SetAsync("when", when);
        await map.SetAsync("tags", new List<string> { "a", "b" });
        await map.SetAsync("scores", new Dictionary<string, int> { ["ann"] = 3 });
        var typed = await client.GetMapAsync<DateOnly, List<string>>(map.Name + "-typed");
        await typed.SetAsync(new DateOnly(2025, 6, 1), ["x", "y"]);

        Assert.Equal(when, await map.GetAsync("when"));
        Assert.Equal(new List<object?> { "a", "b" }, await map.GetAsync("tags"));
        Assert.Equal(["x", "y"], await typed.GetAsync(new DateOnly(2025, 6, 1)));
        Assert.Equal(new DateOnly(2025, 6, 1), Assert.Single(await typed.GetKeysAsync()));
    }
}
