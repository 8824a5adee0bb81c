using System.Text.Json;
using Hazelcast.Serialization;
using Hazelcast.Serialization.Compact;

namespace Hazelcast.Core.Tests;

/// <summary>
/// Compact serialization against the official Node.js client's bytes and schema ids (golden vectors written by
/// tests/conformance/golden/generate.js with the explicit serializers of compact/types.js).
/// </summary>
public sealed class CompactTests
{
    private static readonly JsonDocument Vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "golden", "vectors.json")));

    private static JsonElement Vector(string name) => Vectors.RootElement.GetProperty("compact").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    public static TheoryData<string> Names() => new(Vectors.RootElement.GetProperty("compact").EnumerateArray().Select(v => v.GetProperty("name").GetString()!));

    /// <summary>The .NET value equal to each vector's Node.js value.</summary>
    private static object ValueOf(string name) => name switch
    {
        "student" => new Student { Name = "Ada", Age = 42 },
        "student-null-name" => new Student { Name = null, Age = -1 },
        "person-nested" => new Person
        {
            Name = "Grace", Address = new Place { City = "Arlington", Zip = 22201 },
            Previous = [new Place { City = "New York", Zip = 10001 }, null],
        },
        "student-short-offsets" => new Student { Name = new string('x', 300), Age = 1 },
        "student-int-offsets" => new Student { Name = new string('y', 70000), Age = 2 },
        "allkinds" => AllKinds.Sample(),
        "allkinds-null" => new AllKinds(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Schema_id_is_the_fingerprint_the_official_client_computes(string name)
    {
        var vector = Vector(name);
        var fields = vector.GetProperty("fields").EnumerateArray().Select(f => (f.GetProperty("name").GetString()!, (FieldKind)f.GetProperty("kind").GetInt32())).ToList();
        var schema = new CompactSchema(vector.GetProperty("typeName").GetString()!, fields);
        Assert.Equal(long.Parse(vector.GetProperty("schemaId").GetString()!, System.Globalization.CultureInfo.InvariantCulture), schema.Id);
        // Zero configuration makes the same schema from the .NET twin.
        var service = new SerializationService();
        service.ToData(ValueOf(name));
        Assert.True(service.Compact.Schemas.TryGet(schema.Id, out var ours));
        Assert.Equal(schema, ours);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Bytes_equal_the_official_client_and_read_back(string name)
    {
        var vector = Vector(name);
        var expected = vector.GetProperty("dataHex").GetString()!;
        var service = new SerializationService();
        var data = service.ToData(ValueOf(name));
        Assert.Equal(expected, Convert.ToHexStringLower(data.Bytes.Span));

        // A fresh client reads the official bytes once it has the schemas (as after Client.FetchSchema), and writes
        // what it read back to the same bytes: every field kind survives the trip.
        var reader = new SerializationService();
        var missing = Assert.Throws<MissingCompactSchemaException>(() => reader.ToObject(new Data(Convert.FromHexString(expected)), ValueOf(name).GetType()));
        Assert.Equal(long.Parse(vector.GetProperty("schemaId").GetString()!, System.Globalization.CultureInfo.InvariantCulture), missing.SchemaId);
        foreach (var schema in service.Compact.Schemas.All) reader.Compact.Schemas.AddFromCluster(schema);
        var value = reader.ToObject(new Data(Convert.FromHexString(expected)), ValueOf(name).GetType());
        Assert.IsType(ValueOf(name).GetType(), value);
        Assert.Equal(expected, Convert.ToHexStringLower(reader.ToData(value).Bytes.Span));
    }

    [Fact]
    public void Every_kind_reads_back_as_the_official_client_wrote_it()
    {
        var service = new SerializationService();
        service.ToData(AllKinds.Sample());
        var value = service.ToObject<AllKinds>(new Data(Convert.FromHexString(Vector("allkinds").GetProperty("dataHex").GetString()!)))!;
        var sample = AllKinds.Sample();
        Assert.Equal(JsonSerializer.Serialize(sample), JsonSerializer.Serialize(value));
        Assert.Equal(1234567890123456.7890m, value.Dec);
        Assert.Equal("1234567890123456.7890", value.Dec!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new TimeSpan(5, 30, 0), value.Tstz!.Value.Offset);
        Assert.Equal(new sbyte?[] { 1, null, -1 }, value.NI8s);
        Assert.Equal("Izmir", value.Nesteds![0]!.City);
        Assert.Null(value.Nesteds[1]);
        Assert.True(double.IsNegative(value.F64s![1]));
    }

    /// <summary>Writes with one client and reads with another (another version of the app, with its own .NET type).</summary>
    private static T? WriteThenRead<T>(object value)
    {
        var writer = new SerializationService();
        var data = writer.ToData(value);
        var reader = new SerializationService();
        foreach (var schema in writer.Compact.Schemas.All) reader.Compact.Schemas.AddFromCluster(schema);
        return reader.ToObject<T>(data);
    }

    [Theory]
    [InlineData("0", "00", 0)]
    [InlineData("-1", "ff", 0)]
    [InlineData("-2.56", "ff00", 2)]
    [InlineData("2.55", "00ff", 2)]
    [InlineData("-1234567890123456.7890", "ff54ab567314e0f52e", 4)]
    [InlineData("79228162514264337593543950335", "00ffffffffffffffffffffffff", 0)]
    public void Decimals_are_written_as_java_BigDecimal_minimal_twos_complement_and_scale(string text, string unscaledHex, int scale)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var data = WriteThenReadData(new DecimalHolder { Value = value }, out var back);
        Assert.Equal(value, back.Value);
        Assert.Equal(scale, back.Value!.Value.Scale);
        // type id, schema id, data length, byte[] length, unscaled bytes, scale, offset table
        var payload = Convert.ToHexStringLower(data.Bytes.Span[(8 + 8 + 4)..]);
        Assert.StartsWith($"{unscaledHex.Length / 2:x8}{unscaledHex}{scale:x8}", payload);
    }

    private static Data WriteThenReadData(DecimalHolder value, out DecimalHolder back)
    {
        var service = new SerializationService();
        var data = service.ToData(value);
        back = service.ToObject<DecimalHolder>(data)!;
        return data;
    }

    [Fact]
    public void Nullable_and_non_nullable_kinds_read_each_other()
    {
        var read = WriteThenRead<PlainScore>(new NullableScore { Score = 7, Scores = [1, 2] })!;
        Assert.Equal(7, read.Score);
        Assert.Equal([1, 2], read.Scores!);
        var e = Assert.Throws<SerializationException>(() => WriteThenRead<PlainScore>(new NullableScore { Score = null, Scores = [1] }));
        Assert.Contains("Score", e.Message);
        e = Assert.Throws<SerializationException>(() => WriteThenRead<PlainScore>(new NullableScore { Score = 1, Scores = [1, null] }));
        Assert.Contains("Scores", e.Message);
        var back = WriteThenRead<NullableScore>(new PlainScore { Score = 3, Scores = [4] })!;
        Assert.Equal(3, back.Score);
        Assert.Equal([4], back.Scores!);
    }

    [Fact]
    public void A_field_added_later_is_left_at_its_default_when_reading_older_data()
    {
        var read = WriteThenRead<StudentV2>(new StudentV1 { Name = "Ada" })!;
        Assert.Equal("Ada", read.Name);
        Assert.Equal(0, read.Credits);
        var older = WriteThenRead<StudentV1>(new StudentV2 { Name = "Bob", Credits = 5 })!;
        Assert.Equal("Bob", older.Name);
    }

    [Fact]
    public void Types_that_cannot_be_serialized_are_named_with_the_reason()
    {
        var service = new SerializationService();
        var e = Assert.Throws<SerializationException>(() => service.ToData(new WithList()));
        Assert.Contains(typeof(WithList).FullName!, e.Message);
        Assert.Contains("Items", e.Message);
        e = Assert.Throws<SerializationException>(() => service.ToData(new NoDefaultConstructor(1)));
        Assert.Contains("parameterless constructor", e.Message);
    }

    [Fact]
    public void A_value_of_an_unknown_type_name_says_how_to_map_it()
    {
        var e = Assert.Throws<SerializationException>(() => WriteThenRead<Unnamed>(new Student { Name = "Ada", Age = 1 }));
        Assert.Contains("'student'", e.Message);
        Assert.Contains("CompactName", e.Message);
    }

    [Fact]
    public void Explicit_serializers_take_precedence_and_may_read_fields_in_any_order()
    {
        var options = new SerializationOptions();
        options.Compact.AddSerializer(new StudentSerializer());
        var service = new SerializationService(options);
        var data = service.ToData(new Student { Name = "Ada", Age = 42 });
        Assert.Equal(Vector("student").GetProperty("dataHex").GetString(), Convert.ToHexStringLower(data.Bytes.Span));
        Assert.Equal("Ada!", service.ToObject<Student>(data)!.Name);
        Assert.Throws<ArgumentException>(() => options.Compact.AddSerializer(new StudentSerializer()));
    }

    [Fact]
    public void Corrupt_compact_bytes_give_errors_that_say_what_is_wrong()
    {
        var service = new SerializationService();
        var good = service.ToData(new Student { Name = "Ada", Age = 42 }).Bytes.ToArray();
        var truncated = good[..^3];
        var e = Assert.Throws<SerializationException>(() => service.ToObject<Student>(new Data(truncated)));
        Assert.Contains("Compact 'student'", e.Message);
        var badOffset = (byte[])good.Clone();
        badOffset[^1] = 0x7F; // the offset of 'name' now points past the data
        e = Assert.Throws<SerializationException>(() => service.ToObject<Student>(new Data(badOffset)));
        Assert.Contains("'name'", e.Message);
    }

    [Fact]
    public void Cycles_and_very_deep_nesting_fail_with_a_clear_error_instead_of_overflowing_the_stack()
    {
        var service = new SerializationService();
        var cycle = new Link { Name = "a" };
        cycle.Next = cycle;
        var e = Assert.Throws<SerializationException>(() => service.ToData(cycle));
        Assert.Contains("nest more than", e.Message);

        Link Chain(int length) => Enumerable.Range(0, length).Aggregate((Link?)null, (next, i) => new Link { Name = $"n{i}", Next = next })!;
        var fine = service.ToObject<Link>(service.ToData(Chain(50)))!;
        var depth = 0;
        for (var l = fine; l is not null; l = l.Next) depth++;
        Assert.Equal(50, depth);
        Assert.Throws<SerializationException>(() => service.ToData(Chain(CompactSerializer.MaxDepth + 1)));
    }

    [Fact]
    public void Hostile_counts_and_scales_are_refused_or_bounded()
    {
        var service = new SerializationService();
        // type id, schema id, data length, then the array field: its data length, its item count (offset 24).
        var bytes = service.ToData(new Tags { Values = ["x"] }).Bytes.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(24), int.MaxValue);
        var e = Assert.Throws<SerializationException>(() => service.ToObject<Tags>(new Data(bytes)));
        Assert.Contains("items", e.Message);

        // A zero decimal whose scale is int.MinValue (0E+2147483648) is zero, at once.
        bytes = service.ToData(new DecimalHolder { Value = 0m }).Bytes.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(25), int.MinValue);
        Assert.Equal(0m, service.ToObject<DecimalHolder>(new Data(bytes))!.Value);
    }

    private sealed class StudentSerializer : ICompactSerializer<Student>
    {
        public string TypeName => "student";

        public void Write(ICompactWriter writer, Student value)
        {
            writer.WriteInt32("age", value.Age);
            writer.WriteString("name", value.Name);
        }

        public Student Read(ICompactReader reader) => new() { Age = reader.ReadInt32("age"), Name = reader.ReadString("name") + "!" };
    }
}

[CompactName("score")] public sealed class NullableScore { public int? Score { get; set; } public int?[]? Scores { get; set; } }
[CompactName("score")] public sealed class PlainScore { public int Score { get; set; } public int[]? Scores { get; set; } }
[CompactName("evolving")] public sealed class StudentV1 { public string? Name { get; set; } }
[CompactName("evolving")] public sealed class StudentV2 { public string? Name { get; set; } public int Credits { get; set; } }
public sealed class WithList { public List<int> Items { get; set; } = []; }
public sealed class NoDefaultConstructor(int value) { public int Value { get; set; } = value; }
[CompactName("link")] public sealed class Link { public string? Name { get; set; } public Link? Next { get; set; } }
[CompactName("tags")] public sealed class Tags { public string?[]? Values { get; set; } }
[CompactName("decimal-holder")] public sealed class DecimalHolder { public decimal? Value { get; set; } }
public sealed class Unnamed { public string? Name { get; set; } }
