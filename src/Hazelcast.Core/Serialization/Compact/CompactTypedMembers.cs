// The typed members of ICompactWriter and ICompactReader: each routes to the (name, kind, value) core of its class.
namespace Hazelcast.Serialization.Compact;

internal abstract partial class CompactWriterBase : ICompactWriter
{
    /// <summary>Writes (or records) one field; <paramref name="value"/> is the boxed value of <paramref name="kind"/>.</summary>
    public abstract void Write(string name, FieldKind kind, object? value);

    public void WriteBoolean(string name, bool value) => Write(name, FieldKind.Boolean, value);
    public void WriteInt8(string name, sbyte value) => Write(name, FieldKind.Int8, value);
    public void WriteInt16(string name, short value) => Write(name, FieldKind.Int16, value);
    public void WriteInt32(string name, int value) => Write(name, FieldKind.Int32, value);
    public void WriteInt64(string name, long value) => Write(name, FieldKind.Int64, value);
    public void WriteFloat32(string name, float value) => Write(name, FieldKind.Float32, value);
    public void WriteFloat64(string name, double value) => Write(name, FieldKind.Float64, value);
    public void WriteString(string name, string? value) => Write(name, FieldKind.String, value);
    public void WriteDecimal(string name, decimal? value) => Write(name, FieldKind.Decimal, value);
    public void WriteTime(string name, TimeOnly? value) => Write(name, FieldKind.Time, value);
    public void WriteDate(string name, DateOnly? value) => Write(name, FieldKind.Date, value);
    public void WriteTimestamp(string name, DateTime? value) => Write(name, FieldKind.Timestamp, value);
    public void WriteTimestampWithTimezone(string name, DateTimeOffset? value) => Write(name, FieldKind.TimestampWithTimezone, value);
    public void WriteArrayOfBoolean(string name, bool[]? value) => Write(name, FieldKind.ArrayOfBoolean, value);
    public void WriteArrayOfInt8(string name, sbyte[]? value) => Write(name, FieldKind.ArrayOfInt8, value);
    public void WriteArrayOfInt16(string name, short[]? value) => Write(name, FieldKind.ArrayOfInt16, value);
    public void WriteArrayOfInt32(string name, int[]? value) => Write(name, FieldKind.ArrayOfInt32, value);
    public void WriteArrayOfInt64(string name, long[]? value) => Write(name, FieldKind.ArrayOfInt64, value);
    public void WriteArrayOfFloat32(string name, float[]? value) => Write(name, FieldKind.ArrayOfFloat32, value);
    public void WriteArrayOfFloat64(string name, double[]? value) => Write(name, FieldKind.ArrayOfFloat64, value);
    public void WriteArrayOfString(string name, string?[]? value) => Write(name, FieldKind.ArrayOfString, value);
    public void WriteArrayOfDecimal(string name, decimal?[]? value) => Write(name, FieldKind.ArrayOfDecimal, value);
    public void WriteArrayOfTime(string name, TimeOnly?[]? value) => Write(name, FieldKind.ArrayOfTime, value);
    public void WriteArrayOfDate(string name, DateOnly?[]? value) => Write(name, FieldKind.ArrayOfDate, value);
    public void WriteArrayOfTimestamp(string name, DateTime?[]? value) => Write(name, FieldKind.ArrayOfTimestamp, value);
    public void WriteArrayOfTimestampWithTimezone(string name, DateTimeOffset?[]? value) => Write(name, FieldKind.ArrayOfTimestampWithTimezone, value);
    public void WriteNullableBoolean(string name, bool? value) => Write(name, FieldKind.NullableBoolean, value);
    public void WriteNullableInt8(string name, sbyte? value) => Write(name, FieldKind.NullableInt8, value);
    public void WriteNullableInt16(string name, short? value) => Write(name, FieldKind.NullableInt16, value);
    public void WriteNullableInt32(string name, int? value) => Write(name, FieldKind.NullableInt32, value);
    public void WriteNullableInt64(string name, long? value) => Write(name, FieldKind.NullableInt64, value);
    public void WriteNullableFloat32(string name, float? value) => Write(name, FieldKind.NullableFloat32, value);
    public void WriteNullableFloat64(string name, double? value) => Write(name, FieldKind.NullableFloat64, value);
    public void WriteArrayOfNullableBoolean(string name, bool?[]? value) => Write(name, FieldKind.ArrayOfNullableBoolean, value);
    public void WriteArrayOfNullableInt8(string name, sbyte?[]? value) => Write(name, FieldKind.ArrayOfNullableInt8, value);
    public void WriteArrayOfNullableInt16(string name, short?[]? value) => Write(name, FieldKind.ArrayOfNullableInt16, value);
    public void WriteArrayOfNullableInt32(string name, int?[]? value) => Write(name, FieldKind.ArrayOfNullableInt32, value);
    public void WriteArrayOfNullableInt64(string name, long?[]? value) => Write(name, FieldKind.ArrayOfNullableInt64, value);
    public void WriteArrayOfNullableFloat32(string name, float?[]? value) => Write(name, FieldKind.ArrayOfNullableFloat32, value);
    public void WriteArrayOfNullableFloat64(string name, double?[]? value) => Write(name, FieldKind.ArrayOfNullableFloat64, value);
    public void WriteCompact<T>(string name, T? value) => Write(name, FieldKind.Compact, value);
    public void WriteArrayOfCompact<T>(string name, T?[]? value) => Write(name, FieldKind.ArrayOfCompact, value);
}

internal sealed partial class CompactReader
{
    public bool ReadBoolean(string name) => (bool)Read(name, FieldKind.Boolean)!;
    public sbyte ReadInt8(string name) => (sbyte)Read(name, FieldKind.Int8)!;
    public short ReadInt16(string name) => (short)Read(name, FieldKind.Int16)!;
    public int ReadInt32(string name) => (int)Read(name, FieldKind.Int32)!;
    public long ReadInt64(string name) => (long)Read(name, FieldKind.Int64)!;
    public float ReadFloat32(string name) => (float)Read(name, FieldKind.Float32)!;
    public double ReadFloat64(string name) => (double)Read(name, FieldKind.Float64)!;
    public string? ReadString(string name) => (string?)Read(name, FieldKind.String)!;
    public decimal? ReadDecimal(string name) => (decimal?)Read(name, FieldKind.Decimal)!;
    public TimeOnly? ReadTime(string name) => (TimeOnly?)Read(name, FieldKind.Time)!;
    public DateOnly? ReadDate(string name) => (DateOnly?)Read(name, FieldKind.Date)!;
    public DateTime? ReadTimestamp(string name) => (DateTime?)Read(name, FieldKind.Timestamp)!;
    public DateTimeOffset? ReadTimestampWithTimezone(string name) => (DateTimeOffset?)Read(name, FieldKind.TimestampWithTimezone)!;
    public bool[]? ReadArrayOfBoolean(string name) => (bool[]?)Read(name, FieldKind.ArrayOfBoolean)!;
    public sbyte[]? ReadArrayOfInt8(string name) => (sbyte[]?)Read(name, FieldKind.ArrayOfInt8)!;
    public short[]? ReadArrayOfInt16(string name) => (short[]?)Read(name, FieldKind.ArrayOfInt16)!;
    public int[]? ReadArrayOfInt32(string name) => (int[]?)Read(name, FieldKind.ArrayOfInt32)!;
    public long[]? ReadArrayOfInt64(string name) => (long[]?)Read(name, FieldKind.ArrayOfInt64)!;
    public float[]? ReadArrayOfFloat32(string name) => (float[]?)Read(name, FieldKind.ArrayOfFloat32)!;
    public double[]? ReadArrayOfFloat64(string name) => (double[]?)Read(name, FieldKind.ArrayOfFloat64)!;
    public string?[]? ReadArrayOfString(string name) => (string?[]?)Read(name, FieldKind.ArrayOfString)!;
    public decimal?[]? ReadArrayOfDecimal(string name) => (decimal?[]?)Read(name, FieldKind.ArrayOfDecimal)!;
    public TimeOnly?[]? ReadArrayOfTime(string name) => (TimeOnly?[]?)Read(name, FieldKind.ArrayOfTime)!;
    public DateOnly?[]? ReadArrayOfDate(string name) => (DateOnly?[]?)Read(name, FieldKind.ArrayOfDate)!;
    public DateTime?[]? ReadArrayOfTimestamp(string name) => (DateTime?[]?)Read(name, FieldKind.ArrayOfTimestamp)!;
    public DateTimeOffset?[]? ReadArrayOfTimestampWithTimezone(string name) => (DateTimeOffset?[]?)Read(name, FieldKind.ArrayOfTimestampWithTimezone)!;
    public bool? ReadNullableBoolean(string name) => (bool?)Read(name, FieldKind.NullableBoolean)!;
    public sbyte? ReadNullableInt8(string name) => (sbyte?)Read(name, FieldKind.NullableInt8)!;
    public short? ReadNullableInt16(string name) => (short?)Read(name, FieldKind.NullableInt16)!;
    public int? ReadNullableInt32(string name) => (int?)Read(name, FieldKind.NullableInt32)!;
    public long? ReadNullableInt64(string name) => (long?)Read(name, FieldKind.NullableInt64)!;
    public float? ReadNullableFloat32(string name) => (float?)Read(name, FieldKind.NullableFloat32)!;
    public double? ReadNullableFloat64(string name) => (double?)Read(name, FieldKind.NullableFloat64)!;
    public bool?[]? ReadArrayOfNullableBoolean(string name) => (bool?[]?)Read(name, FieldKind.ArrayOfNullableBoolean)!;
    public sbyte?[]? ReadArrayOfNullableInt8(string name) => (sbyte?[]?)Read(name, FieldKind.ArrayOfNullableInt8)!;
    public short?[]? ReadArrayOfNullableInt16(string name) => (short?[]?)Read(name, FieldKind.ArrayOfNullableInt16)!;
    public int?[]? ReadArrayOfNullableInt32(string name) => (int?[]?)Read(name, FieldKind.ArrayOfNullableInt32)!;
    public long?[]? ReadArrayOfNullableInt64(string name) => (long?[]?)Read(name, FieldKind.ArrayOfNullableInt64)!;
    public float?[]? ReadArrayOfNullableFloat32(string name) => (float?[]?)Read(name, FieldKind.ArrayOfNullableFloat32)!;
    public double?[]? ReadArrayOfNullableFloat64(string name) => (double?[]?)Read(name, FieldKind.ArrayOfNullableFloat64)!;
}
