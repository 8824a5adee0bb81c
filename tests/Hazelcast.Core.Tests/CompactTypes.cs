using Hazelcast.Serialization.Compact;

namespace Hazelcast.Core.Tests;

// The .NET twins of tests/conformance/compact/types.js, serialized with zero configuration: the same type names,
// field names and kinds as the official client's explicit serializers.

[CompactName("student")]
public sealed class Student
{
    [CompactName("name")] public string? Name { get; set; }
    [CompactName("age")] public int Age { get; set; }
}

[CompactName("address")]
public sealed class Place
{
    [CompactName("city")] public string? City { get; set; }
    [CompactName("zip")] public int Zip { get; set; }
}

[CompactName("person")]
public sealed class Person
{
    [CompactName("name")] public string? Name { get; set; }
    [CompactName("address")] public Place? Address { get; set; }
    [CompactName("previous")] public Place?[]? Previous { get; set; }
}

[CompactName("allkinds")]
public sealed class AllKinds
{
    [CompactName("bool")] public bool Bool { get; set; }
    [CompactName("i8")] public sbyte I8 { get; set; }
    [CompactName("i16")] public short I16 { get; set; }
    [CompactName("i32")] public int I32 { get; set; }
    [CompactName("i64")] public long I64 { get; set; }
    [CompactName("f32")] public float F32 { get; set; }
    [CompactName("f64")] public double F64 { get; set; }
    [CompactName("str")] public string? Str { get; set; }
    [CompactName("dec")] public decimal? Dec { get; set; }
    [CompactName("time")] public TimeOnly? Time { get; set; }
    [CompactName("date")] public DateOnly? Date { get; set; }
    [CompactName("ts")] public DateTime? Ts { get; set; }
    [CompactName("tstz")] public DateTimeOffset? Tstz { get; set; }
    [CompactName("nested")] public Place? Nested { get; set; }
    [CompactName("bools")] public bool[]? Bools { get; set; }
    [CompactName("i8s")] public sbyte[]? I8s { get; set; }
    [CompactName("i16s")] public short[]? I16s { get; set; }
    [CompactName("i32s")] public int[]? I32s { get; set; }
    [CompactName("i64s")] public long[]? I64s { get; set; }
    [CompactName("f32s")] public float[]? F32s { get; set; }
    [CompactName("f64s")] public double[]? F64s { get; set; }
    [CompactName("strs")] public string?[]? Strs { get; set; }
    [CompactName("decs")] public decimal?[]? Decs { get; set; }
    [CompactName("times")] public TimeOnly?[]? Times { get; set; }
    [CompactName("dates")] public DateOnly?[]? Dates { get; set; }
    [CompactName("tss")] public DateTime?[]? Tss { get; set; }
    [CompactName("tstzs")] public DateTimeOffset?[]? Tstzs { get; set; }
    [CompactName("nesteds")] public Place?[]? Nesteds { get; set; }
    [CompactName("nbool")] public bool? NBool { get; set; }
    [CompactName("ni8")] public sbyte? NI8 { get; set; }
    [CompactName("ni16")] public short? NI16 { get; set; }
    [CompactName("ni32")] public int? NI32 { get; set; }
    [CompactName("ni64")] public long? NI64 { get; set; }
    [CompactName("nf32")] public float? NF32 { get; set; }
    [CompactName("nf64")] public double? NF64 { get; set; }
    [CompactName("nbools")] public bool?[]? NBools { get; set; }
    [CompactName("ni8s")] public sbyte?[]? NI8s { get; set; }
    [CompactName("ni16s")] public short?[]? NI16s { get; set; }
    [CompactName("ni32s")] public int?[]? NI32s { get; set; }
    [CompactName("ni64s")] public long?[]? NI64s { get; set; }
    [CompactName("nf32s")] public float?[]? NF32s { get; set; }
    [CompactName("nf64s")] public double?[]? NF64s { get; set; }

    /// <summary>The values of compact/types.js allKinds().</summary>
    public static AllKinds Sample()
    {
        var t = new TimeOnly(13, 45, 59).Add(TimeSpan.FromTicks(1_234_567));
        var d = new DateOnly(2024, 2, 29);
        var ts = d.ToDateTime(t);
        return new AllKinds
        {
            Bool = true, I8 = -7, I16 = -1234, I32 = 123456789, I64 = -9007199254740993, F32 = 1.5f, F64 = -2.25,
            Str = "héllo, 世界 🌍", Dec = 1234567890123456.7890m, Time = t, Date = d, Ts = ts,
            Tstz = new DateTimeOffset(ts, new TimeSpan(5, 30, 0)), Nested = new Place { City = "Ankara", Zip = 6100 },
            Bools = [true, false, true, true, false, false, true, false, true], I8s = [0, 1, 127, -128, -1],
            I16s = [1, -2, 32767], I32s = [0, -1, int.MaxValue], I64s = [1, long.MinValue], F32s = [0.5f, -0.25f], F64s = [1e300, -0.0],
            Strs = ["a", null, ""], Decs = [-1.28m, null, 0.0000000000000000000000000128m], Times = [t, null],
            Dates = [d, null, new DateOnly(1, 1, 1)], Tss = [ts, null], Tstzs = [new DateTimeOffset(ts, TimeSpan.FromHours(-8)), null],
            Nesteds = [new Place { City = "Izmir", Zip = 35000 }, null, new Place { City = "", Zip = 0 }],
            NBool = false, NI8 = 8, NI16 = -16, NI32 = 32, NI64 = -64, NF32 = 3.5f, NF64 = 6.25,
            NBools = [true, null, false], NI8s = [1, null, -1], NI16s = [null, 2], NI32s = [3, null], NI64s = [4, null],
            NF32s = [null, 5.5f], NF64s = [6.5, null],
        };
    }
}
