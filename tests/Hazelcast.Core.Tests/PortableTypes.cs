using Hazelcast.Serialization;

namespace Hazelcast.Core.Tests;

// The .NET twins of tests/conformance/portable/types.js: factory id 1, the same class ids, field names, types and order.

public sealed class PSimple : IPortable
{
    public int I { get; set; }
    public string? S { get; set; }
    public int FactoryId => 1;
    public int ClassId => 1;
    public void WritePortable(IPortableWriter writer) { writer.WriteInt("i", I); writer.WriteString("s", S); }
    public void ReadPortable(IPortableReader reader) { I = reader.ReadInt("i"); S = reader.ReadString("s"); }
}

public sealed class POuter : IPortable
{
    public PSimple? Inner { get; set; }
    public int FactoryId => 1;
    public int ClassId => 2;
    public void WritePortable(IPortableWriter writer) => writer.WritePortable("inner", Inner);
    public void ReadPortable(IPortableReader reader) => Inner = reader.ReadPortable<PSimple>("inner");
}

public sealed class PHolder : IPortable
{
    public PSimple[]? Items { get; set; }
    public int FactoryId => 1;
    public int ClassId => 3;
    public void WritePortable(IPortableWriter writer) => writer.WritePortableArray("items", Items);
    public void ReadPortable(IPortableReader reader) => Items = reader.ReadPortableArray<PSimple>("items");
}

public sealed class PVersioned : IVersionedPortable
{
    public long L { get; set; }
    public int FactoryId => 1;
    public int ClassId => 4;
    public int ClassVersion => 2;
    public void WritePortable(IPortableWriter writer) => writer.WriteLong("l", L);
    public void ReadPortable(IPortableReader reader) => L = reader.ReadLong("l");
}

public sealed class PTemporal : IPortable
{
    public decimal? D { get; set; }
    public DateOnly? Dt { get; set; }
    public TimeOnly? T { get; set; }
    public DateTime? Ts { get; set; }
    public DateTimeOffset? Tz { get; set; }
    public int FactoryId => 1;
    public int ClassId => 5;

    public void WritePortable(IPortableWriter writer)
    {
        writer.WriteDecimal("d", D); writer.WriteDate("dt", Dt); writer.WriteTime("t", T);
        writer.WriteTimestamp("ts", Ts); writer.WriteTimestampWithTimezone("tz", Tz);
    }

    public void ReadPortable(IPortableReader reader)
    {
        D = reader.ReadDecimal("d"); Dt = reader.ReadDate("dt"); T = reader.ReadTime("t");
        Ts = reader.ReadTimestamp("ts"); Tz = reader.ReadTimestampWithTimezone("tz");
    }

    /// <summary>As types.js temporal().</summary>
    public static PTemporal Sample() => new()
    {
        D = 1.23m,
        Dt = new DateOnly(2021, 2, 9),
        T = new TimeOnly(12, 23, 34).Add(TimeSpan.FromTicks(10)),
        Ts = new DateTime(2021, 2, 9, 1, 2, 3).AddTicks(4),
        Tz = new DateTimeOffset(new DateTime(2021, 2, 9, 1, 2, 3).AddTicks(4), TimeSpan.FromHours(1)),
    };
}

public sealed class PPrims : IPortable
{
    public byte B { get; set; } = 0x7f;
    public bool Z { get; set; } = true;
    public char C { get; set; } = 'A';
    public short H { get; set; } = -2;
    public float F { get; set; } = 1.5f;
    public double X { get; set; } = -0.25;
    public int[]? Ia { get; set; } = [1, 2];
    public string?[]? Sa { get; set; }
    public string? Ns { get; set; }
    public int FactoryId => 1;
    public int ClassId => 6;

    public void WritePortable(IPortableWriter writer)
    {
        writer.WriteByte("b", B); writer.WriteBoolean("z", Z); writer.WriteChar("c", C); writer.WriteShort("h", H);
        writer.WriteFloat("f", F); writer.WriteDouble("x", X); writer.WriteIntArray("ia", Ia);
        writer.WriteStringArray("sa", Sa); writer.WriteString("ns", Ns);
    }

    public void ReadPortable(IPortableReader reader)
    {
        B = reader.ReadByte("b"); Z = reader.ReadBoolean("z"); C = reader.ReadChar("c"); H = reader.ReadShort("h");
        F = reader.ReadFloat("f"); X = reader.ReadDouble("x"); Ia = reader.ReadIntArray("ia");
        Sa = reader.ReadStringArray("sa"); Ns = reader.ReadString("ns");
    }
}

public sealed class PAddress : IPortable
{
    public string? City { get; set; }
    public int Zip { get; set; }
    public int FactoryId => 1;
    public int ClassId => 8;
    public void WritePortable(IPortableWriter writer) { writer.WriteString("city", City); writer.WriteInt("zip", Zip); }
    public void ReadPortable(IPortableReader reader) { City = reader.ReadString("city"); Zip = reader.ReadInt("zip"); }
}

public sealed class PEmployee : IPortable
{
    public string? Name { get; set; }
    public int Age { get; set; }
    public PAddress? Address { get; set; }
    public PAddress[]? Previous { get; set; }
    public int FactoryId => 1;
    public int ClassId => 7;

    public void WritePortable(IPortableWriter writer)
    {
        writer.WriteString("name", Name); writer.WriteInt("age", Age);
        writer.WritePortable("address", Address); writer.WritePortableArray("previous", Previous);
    }

    public void ReadPortable(IPortableReader reader)
    {
        Name = reader.ReadString("name"); Age = reader.ReadInt("age");
        Address = reader.ReadPortable<PAddress>("address"); Previous = reader.ReadPortableArray<PAddress>("previous");
    }

    /// <summary>As in the golden vector "employee".</summary>
    public static PEmployee Ann() => new() { Name = "Ann", Age = 34, Address = new PAddress { City = "Paris", Zip = 75001 }, Previous = [new PAddress { City = "Lyon", Zip = 69001 }] };
}

public sealed class PortableTypesFactory : IPortableFactory
{
    public IPortable? Create(int classId) => classId switch
    {
        1 => new PSimple(), 2 => new POuter(), 3 => new PHolder(), 4 => new PVersioned(), 5 => new PTemporal(),
        6 => new PPrims(), 7 => new PEmployee(), 8 => new PAddress(), _ => null,
    };

    public static SerializationOptions Options()
    {
        var options = new SerializationOptions();
        options.PortableFactories[1] = new PortableTypesFactory();
        return options;
    }
}
