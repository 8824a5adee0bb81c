using System.Buffers.Binary;
using System.Text.Json;
using Hazelcast.Serialization;
using Hazelcast.Serialization.Compact;

namespace Hazelcast.Core.Tests;

/// <summary>
/// Portable serialization against the bytes of the official Node.js client (the "portable" vectors of
/// tests/conformance/golden/generate.js, written with portable/types.js), and its rules: versions, generic records,
/// class definitions, errors.
/// </summary>
public sealed class PortableTests
{
    private static readonly JsonDocument Vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "golden", "vectors.json")));

    private static JsonElement Vector(string name) => Vectors.RootElement.GetProperty("portable").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    private static byte[] Bytes(string name) => Convert.FromHexString(Vector(name).GetProperty("dataHex").GetString()!);

    private static string Json(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object));

    // The vectors' values, in the order the official client wrote them on one service.
    private static readonly (string Name, object Value)[] Values =
    [
        ("simple", new PSimple { I = 42, S = "hi" }),
        ("outer", new POuter { Inner = new PSimple { I = 7, S = "a" } }),
        ("holder", new PHolder { Items = [new PSimple { I = 1, S = "x" }, new PSimple { I = 2, S = "y" }] }),
        ("holder-empty", new PHolder { Items = [] }),
        ("holder-null", new PHolder()),
        ("outer-null", new POuter()),
        ("versioned", new PVersioned { L = 5 }),
        ("temporal", PTemporal.Sample()),
        ("temporal-null", new PTemporal()),
        ("prims", new PPrims()),
        ("employee", PEmployee.Ann()),
    ];

    [Fact]
    public void Bytes_and_partitions_equal_the_official_client_s_and_its_bytes_read_back_to_the_same_values()
    {
        var serialization = new SerializationService(PortableTypesFactory.Options());
        Assert.Equal(Values.Select(v => v.Name), Vectors.RootElement.GetProperty("portable").EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        foreach (var (name, value) in Values)
        {
            var data = serialization.ToData(value);
            var expected = Convert.ToHexStringLower(Bytes(name));
            var written = Convert.ToHexStringLower(data.Bytes.Span);
            // The official client writes the decimal 1.23's unscaled value as 00 7b; Java (and we) as 7b: one byte less.
            if (name == "temporal")
            {
                Assert.Equal(expected.Length - 2, written.Length);
            }
            else
            {
                Assert.True(expected == written, $"{name}: expected {expected}, wrote {written}");
                Assert.Equal(Vector(name).GetProperty("partitionId").GetInt32(), MurmurHash3.PartitionId(data.PartitionHash, 271));
            }
            Assert.Equal(Json(value), Json(serialization.ToObject(data)));
            Assert.Equal(Json(value), Json(serialization.ToObject(new Data(Bytes(name)))));
        }
    }

    [Fact]
    public void A_client_that_registered_the_class_definitions_writes_a_null_nested_object_first()
    {
        // Without a definition, a first write of a null nested object cannot know its class's fields.
        var error = Assert.Throws<SerializationException>(() => new SerializationService(PortableTypesFactory.Options()).ToData(new POuter()));
        Assert.Contains("ClassDefinitions", error.Message, StringComparison.Ordinal);

        var simple = new ClassDefinitionBuilder(1, 1).AddIntField("i").AddStringField("s").Build();
        var outer = new ClassDefinitionBuilder(1, 2).AddPortableField("inner", simple).Build();
        var holder = new ClassDefinitionBuilder(1, 3).AddPortableArrayField("items", simple).Build();
        var options = PortableTypesFactory.Options();
        options.ClassDefinitions.Add(outer);
        options.ClassDefinitions.Add(holder);
        var serialization = new SerializationService(options);
        Assert.Equal(Convert.ToHexStringLower(Bytes("outer-null")), Convert.ToHexStringLower(serialization.ToData(new POuter()).Bytes.Span));
        Assert.Equal(Convert.ToHexStringLower(Bytes("holder-empty")), Convert.ToHexStringLower(serialization.ToData(new PHolder { Items = [] }).Bytes.Span));
        Assert.Equal(Convert.ToHexStringLower(Bytes("simple")), Convert.ToHexStringLower(serialization.ToData(new PSimple { I = 42, S = "hi" }).Bytes.Span));
    }

    [Fact]
    public void Without_a_factory_a_portable_value_reads_as_a_generic_record_that_writes_the_same_bytes()
    {
        var serialization = new SerializationService();
        var record = Assert.IsAssignableFrom<IGenericRecord>(serialization.ToObject(new Data(Bytes("employee"))));
        Assert.Equal("1/7", record.TypeName);
        Assert.Equal(["name", "age", "address", "previous"], record.FieldNames);
        Assert.Equal("Ann", record.GetString("name"));
        Assert.Equal(34, record.GetInt32("age"));
        Assert.Equal(FieldKind.Int32, record.GetFieldKind("age"));
        Assert.Equal(FieldKind.Compact, record.GetFieldKind("address"));
        Assert.Equal(FieldKind.ArrayOfCompact, record.GetFieldKind("previous"));
        Assert.Equal(FieldKind.NotAvailable, record.GetFieldKind("salary"));
        Assert.Equal("Paris", record.GetGenericRecord("address")!.GetString("city"));
        var previous = Assert.IsType<object[]>(record.GetValue("previous"));
        Assert.Equal(69001, Assert.IsAssignableFrom<IGenericRecord>(Assert.Single(previous)).GetInt32("zip"));
        Assert.Throws<SerializationException>(() => record.GetString("age"));
        Assert.Throws<SerializationException>(() => record.GetValue("salary"));
        Assert.Equal(Convert.ToHexStringLower(Bytes("employee")), Convert.ToHexStringLower(serialization.ToData(record).Bytes.Span));

        // Primitives of every type, and a client that has the factory but asks for a record.
        var prims = new SerializationService(PortableTypesFactory.Options()).ToObject<IGenericRecord>(new Data(Bytes("prims")))!;
        Assert.Equal((sbyte)0x7f, prims.GetInt8("b"));
        Assert.Equal('A', prims.GetChar("c"));
        Assert.Equal(-2, prims.GetInt16("h"));
        Assert.Equal(1.5f, prims.GetFloat32("f"));
        Assert.Equal([1, 2], prims.GetArrayOfInt32("ia")!);
        Assert.Null(prims.GetArrayOfString("sa"));
        Assert.Equal(Convert.ToHexStringLower(Bytes("prims")), Convert.ToHexStringLower(serialization.ToData(prims).Bytes.Span));
    }

    [Fact]
    public void A_portable_generic_record_is_built_from_a_class_definition_with_every_field_set()
    {
        var simple = new ClassDefinitionBuilder(1, 1).AddIntField("i").AddStringField("s").Build();
        var record = GenericRecordBuilder.Portable(simple).SetInt32("i", 42).SetString("s", "hi").Build();
        var serialization = new SerializationService(PortableTypesFactory.Options());
        Assert.Equal(Convert.ToHexStringLower(Bytes("simple")), Convert.ToHexStringLower(serialization.ToData(record).Bytes.Span));
        Assert.Equal(42, serialization.ToObject<PSimple>(serialization.ToData(record))!.I);

        var changed = record.NewBuilderWithClone().SetInt32("i", 43).Build();
        Assert.Equal(43, changed.GetInt32("i"));
        Assert.Equal("hi", changed.GetString("s"));

        Assert.Contains("'s' of Portable class", Assert.Throws<SerializationException>(() => GenericRecordBuilder.Portable(simple).SetInt32("i", 1).Build()).Message, StringComparison.Ordinal);
        Assert.Contains("no field 'x'", Assert.Throws<ArgumentException>(() => GenericRecordBuilder.Portable(simple).SetInt32("x", 1)).Message, StringComparison.Ordinal);
        Assert.Contains("not Int64", Assert.Throws<ArgumentException>(() => GenericRecordBuilder.Portable(simple).SetInt64("i", 1)).Message, StringComparison.Ordinal);
    }

    // Version 1 of a class, and version 2 with a wider number and a new field.
    private sealed class OrderV1 : IVersionedPortable
    {
        public int Count { get; set; }
        public string? Name { get; set; }
        public int FactoryId => 9;
        public int ClassId => 1;
        public int ClassVersion => 1;
        public void WritePortable(IPortableWriter writer) { writer.WriteInt("count", Count); writer.WriteString("name", Name); }
        public void ReadPortable(IPortableReader reader) { Count = reader.ReadInt("count"); Name = reader.ReadString("name"); }
    }

    private sealed class OrderV2 : IVersionedPortable
    {
        public long Count { get; set; }
        public string? Name { get; set; }
        public int Added { get; set; } = -1;
        public int FactoryId => 9;
        public int ClassId => 1;
        public int ClassVersion => 2;
        public void WritePortable(IPortableWriter writer) { writer.WriteLong("count", Count); writer.WriteString("name", Name); writer.WriteInt("added", Added); }

        public void ReadPortable(IPortableReader reader)
        {
            Count = reader.ReadLong("count");
            Name = reader.ReadString("name");
            Added = reader.HasField("added") ? reader.ReadInt("added") : 0;
        }
    }

    private sealed class Factory9(Func<IPortable> create) : IPortableFactory
    {
        public IPortable? Create(int classId) => create() is var portable && portable.ClassId == classId ? portable : null;
    }

    private static SerializationService Service(Func<IPortable> create)
    {
        var options = new SerializationOptions();
        options.PortableFactories[9] = new Factory9(create);
        return new SerializationService(options);
    }

    [Fact]
    public void Bytes_of_another_class_version_read_with_widened_numbers_and_defaults_for_missing_fields()
    {
        var data = Service(() => new OrderV1()).ToData(new OrderV1 { Count = 7, Name = "seven" });
        var v2 = Service(() => new OrderV2()).ToObject<OrderV2>(data)!;
        Assert.Equal(7L, v2.Count);
        Assert.Equal("seven", v2.Name);
        Assert.Equal(0, v2.Added);

        // The other way: a long cannot be narrowed to an int, and the error names the field.
        var newer = Service(() => new OrderV2()).ToData(new OrderV2 { Count = 1, Name = "one", Added = 2 });
        var error = Assert.Throws<SerializationException>(() => Service(() => new OrderV1()).ToObject<OrderV1>(newer));
        Assert.Contains("'count'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Long", error.Message, StringComparison.Ordinal);
    }

    private sealed class Conditional(bool extra) : IPortable
    {
        public int FactoryId => 9;
        public int ClassId => 2;

        public void WritePortable(IPortableWriter writer)
        {
            writer.WriteInt("a", 1);
            if (extra) writer.WriteInt("b", 2);
        }

        public void ReadPortable(IPortableReader reader) { }
    }

    private sealed class Raw : IPortable
    {
        public int Value { get; set; }
        public string? Tail { get; set; }
        public int FactoryId => 9;
        public int ClassId => 3;

        public void WritePortable(IPortableWriter writer)
        {
            writer.WriteInt("value", Value);
            writer.GetRawDataOutput().WriteString(Tail);
        }

        public void ReadPortable(IPortableReader reader)
        {
            Value = reader.ReadInt("value");
            Tail = reader.GetRawDataInput().ReadString();
        }
    }

    [Fact]
    public void Writes_that_do_not_match_the_class_definition_fail_naming_the_field()
    {
        var serialization = Service(() => new Conditional(false));
        serialization.ToData(new Conditional(true));
        Assert.Contains("'b'", Assert.Throws<SerializationException>(() => serialization.ToData(new Conditional(false))).Message, StringComparison.Ordinal);

        var other = Service(() => new Conditional(false));
        other.ToData(new Conditional(false));
        Assert.Contains("no field 'b'", Assert.Throws<SerializationException>(() => other.ToData(new Conditional(true))).Message, StringComparison.Ordinal);

        var raw = Service(() => new Raw());
        var back = raw.ToObject<Raw>(raw.ToData(new Raw { Value = 5, Tail = "tail" }))!;
        Assert.Equal((5, "tail"), (back.Value, back.Tail));
    }

    [Fact]
    public void A_portable_object_nested_in_another_value_counts_its_positions_from_the_start_of_that_value()
    {
        var serialization = new SerializationService(PortableTypesFactory.Options());
        var data = serialization.ToData(new object?[] { "x", new PSimple { I = 5, S = "five" } });
        var bytes = data.Bytes.Span;
        // The nested body's end position is absolute: here, the end of the whole value.
        var body = bytes.Length - 12 - 8 - 4 * 3 - 4 - 4; // fields s and i, the table, the count, the end position
        Assert.Equal(bytes.Length, BinaryPrimitives.ReadInt32BigEndian(bytes[body..]));
        var back = Assert.IsType<object?[]>(serialization.ToObject(data));
        Assert.Equal(Json(new PSimple { I = 5, S = "five" }), Json(back[1]));
    }

    [Fact]
    public void Corrupt_portable_bytes_give_errors_not_crashes()
    {
        var serialization = new SerializationService();
        var holder = Bytes("holder");
        // Truncated.
        Assert.Throws<SerializationException>(() => serialization.ToObject(new Data(holder[..^5])));
        // A field count no payload can hold.
        var huge = (byte[])holder.Clone();
        BinaryPrimitives.WriteInt32BigEndian(huge.AsSpan(24), 1_000_000_000);
        Assert.Throws<SerializationException>(() => serialization.ToObject(new Data(huge)));
        // An array item that points back at the object that holds it: a cycle, stopped by the nesting limit.
        var cycle = (byte[])holder.Clone();
        BinaryPrimitives.WriteInt32BigEndian(cycle.AsSpan(56), 16); // item 0 -> the outer object's version
        BinaryPrimitives.WriteInt32BigEndian(cycle.AsSpan(52), 3); // the array's class id: the holder itself
        var error = Assert.Throws<SerializationException>(() => serialization.ToObject(new Data(cycle)));
        Assert.Contains("levels deep", error.Message, StringComparison.Ordinal);
        // A field type id that does not exist.
        var badType = (byte[])Bytes("simple");
        badType[43] = 99;
        Assert.Throws<SerializationException>(() => new SerializationService().ToObject(new Data(badType)));
    }

    [Fact]
    public void Class_definitions_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassDefinitionBuilder(1, 0).AddIntField("a").Build());
        Assert.Throws<ArgumentException>(() => new ClassDefinitionBuilder(1, 1).AddIntField("a").AddLongField("a"));
        Assert.Contains("ASCII", Assert.Throws<ArgumentException>(() => new ClassDefinitionBuilder(1, 1).AddIntField("é")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ClassDefinitionBuilder(1, 1).AddField("p", FieldType.Portable));

        // Two definitions of one class version with other fields.
        var options = new SerializationOptions();
        options.ClassDefinitions.Add(new ClassDefinitionBuilder(9, 2).AddIntField("a").AddIntField("b").Build());
        var serialization = new SerializationService(options);
        Assert.Contains("did not write its field 'b'", Assert.Throws<SerializationException>(() => serialization.ToData(new Conditional(false))).Message, StringComparison.Ordinal);
        options.ClassDefinitions.Add(new ClassDefinitionBuilder(9, 2).AddIntField("a").Build());
        Assert.Contains("Incompatible", Assert.Throws<SerializationException>(() => new SerializationService(options)).Message, StringComparison.Ordinal);
    }
}
