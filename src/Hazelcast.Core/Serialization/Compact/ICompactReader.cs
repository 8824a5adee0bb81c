namespace Hazelcast.Serialization.Compact;

/// <summary>
/// Reads the fields of a Compact object by name. A primitive field may be read as its nullable counterpart and the
/// reverse (reading a null into a non-nullable kind throws); check <see cref="GetFieldKind"/> for fields that older
/// writers of the type did not have.
/// </summary>
public interface ICompactReader
{
    /// <summary>The kind of a field in the object's schema, or <see cref="FieldKind.NotAvailable"/>.</summary>
    FieldKind GetFieldKind(string name);
    /// <summary>Reads a boolean (a bit) field.</summary>
    bool ReadBoolean(string name);
    /// <summary>Reads an 8-bit signed integer field.</summary>
    sbyte ReadInt8(string name);
    /// <summary>Reads a 16-bit integer field.</summary>
    short ReadInt16(string name);
    /// <summary>Reads a 32-bit integer field.</summary>
    int ReadInt32(string name);
    /// <summary>Reads a 64-bit integer field.</summary>
    long ReadInt64(string name);
    /// <summary>Reads a 32-bit float field.</summary>
    float ReadFloat32(string name);
    /// <summary>Reads a 64-bit float field.</summary>
    double ReadFloat64(string name);
    /// <summary>Reads a UTF-8 string field.</summary>
    string? ReadString(string name);
    /// <summary>Reads a decimal (Java BigDecimal) field.</summary>
    decimal? ReadDecimal(string name);
    /// <summary>Reads a time of day field.</summary>
    TimeOnly? ReadTime(string name);
    /// <summary>Reads a date field.</summary>
    DateOnly? ReadDate(string name);
    /// <summary>Reads a date and time without offset field.</summary>
    DateTime? ReadTimestamp(string name);
    /// <summary>Reads a date and time with an offset field.</summary>
    DateTimeOffset? ReadTimestampWithTimezone(string name);
    /// <summary>Reads an array-of-boolean s field.</summary>
    bool[]? ReadArrayOfBoolean(string name);
    /// <summary>Reads an array-of-8-bit signed integers field.</summary>
    sbyte[]? ReadArrayOfInt8(string name);
    /// <summary>Reads an array-of-16-bit integers field.</summary>
    short[]? ReadArrayOfInt16(string name);
    /// <summary>Reads an array-of-32-bit integers field.</summary>
    int[]? ReadArrayOfInt32(string name);
    /// <summary>Reads an array-of-64-bit integers field.</summary>
    long[]? ReadArrayOfInt64(string name);
    /// <summary>Reads an array-of-32-bit floats field.</summary>
    float[]? ReadArrayOfFloat32(string name);
    /// <summary>Reads an array-of-64-bit floats field.</summary>
    double[]? ReadArrayOfFloat64(string name);
    /// <summary>Reads an array of UTF-8 strings field.</summary>
    string?[]? ReadArrayOfString(string name);
    /// <summary>Reads an array of decimal (Java BigDecimal)s field.</summary>
    decimal?[]? ReadArrayOfDecimal(string name);
    /// <summary>Reads an array of time of days field.</summary>
    TimeOnly?[]? ReadArrayOfTime(string name);
    /// <summary>Reads an array of dates field.</summary>
    DateOnly?[]? ReadArrayOfDate(string name);
    /// <summary>Reads an array of date and time without offsets field.</summary>
    DateTime?[]? ReadArrayOfTimestamp(string name);
    /// <summary>Reads an array of date and time with an offsets field.</summary>
    DateTimeOffset?[]? ReadArrayOfTimestampWithTimezone(string name);
    /// <summary>Reads a nullable boolean (a bit) field.</summary>
    bool? ReadNullableBoolean(string name);
    /// <summary>Reads a nullable 8-bit signed integer field.</summary>
    sbyte? ReadNullableInt8(string name);
    /// <summary>Reads a nullable 16-bit integer field.</summary>
    short? ReadNullableInt16(string name);
    /// <summary>Reads a nullable 32-bit integer field.</summary>
    int? ReadNullableInt32(string name);
    /// <summary>Reads a nullable 64-bit integer field.</summary>
    long? ReadNullableInt64(string name);
    /// <summary>Reads a nullable 32-bit float field.</summary>
    float? ReadNullableFloat32(string name);
    /// <summary>Reads a nullable 64-bit float field.</summary>
    double? ReadNullableFloat64(string name);
    /// <summary>Reads an array-of-nullable-boolean s field.</summary>
    bool?[]? ReadArrayOfNullableBoolean(string name);
    /// <summary>Reads an array-of-nullable-8-bit signed integers field.</summary>
    sbyte?[]? ReadArrayOfNullableInt8(string name);
    /// <summary>Reads an array-of-nullable-16-bit integers field.</summary>
    short?[]? ReadArrayOfNullableInt16(string name);
    /// <summary>Reads an array-of-nullable-32-bit integers field.</summary>
    int?[]? ReadArrayOfNullableInt32(string name);
    /// <summary>Reads an array-of-nullable-64-bit integers field.</summary>
    long?[]? ReadArrayOfNullableInt64(string name);
    /// <summary>Reads an array-of-nullable-32-bit floats field.</summary>
    float?[]? ReadArrayOfNullableFloat32(string name);
    /// <summary>Reads an array-of-nullable-64-bit floats field.</summary>
    double?[]? ReadArrayOfNullableFloat64(string name);
    /// <summary>Reads a nested Compact object.</summary>
    T? ReadCompact<T>(string name);
    /// <summary>Reads an array of nested Compact objects.</summary>
    T?[]? ReadArrayOfCompact<T>(string name);
}
