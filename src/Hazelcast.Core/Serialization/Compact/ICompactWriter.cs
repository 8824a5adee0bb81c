namespace Hazelcast.Serialization.Compact;

/// <summary>
/// Writes the fields of a Compact object by name (see <see cref="ICompactSerializer{T}"/>). A serializer must write
/// the same fields, with the same kinds, for every object of its type: they make the type's schema.
/// </summary>
public interface ICompactWriter
{
    /// <summary>Writes a boolean (a bit) field.</summary>
    void WriteBoolean(string name, bool value);
    /// <summary>Writes an 8-bit signed integer field.</summary>
    void WriteInt8(string name, sbyte value);
    /// <summary>Writes a 16-bit integer field.</summary>
    void WriteInt16(string name, short value);
    /// <summary>Writes a 32-bit integer field.</summary>
    void WriteInt32(string name, int value);
    /// <summary>Writes a 64-bit integer field.</summary>
    void WriteInt64(string name, long value);
    /// <summary>Writes a 32-bit float field.</summary>
    void WriteFloat32(string name, float value);
    /// <summary>Writes a 64-bit float field.</summary>
    void WriteFloat64(string name, double value);
    /// <summary>Writes a UTF-8 string field.</summary>
    void WriteString(string name, string? value);
    /// <summary>Writes a decimal (Java BigDecimal) field.</summary>
    void WriteDecimal(string name, decimal? value);
    /// <summary>Writes a time of day field.</summary>
    void WriteTime(string name, TimeOnly? value);
    /// <summary>Writes a date field.</summary>
    void WriteDate(string name, DateOnly? value);
    /// <summary>Writes a date and time without offset field.</summary>
    void WriteTimestamp(string name, DateTime? value);
    /// <summary>Writes a date and time with an offset field.</summary>
    void WriteTimestampWithTimezone(string name, DateTimeOffset? value);
    /// <summary>Writes an array-of-boolean s field.</summary>
    void WriteArrayOfBoolean(string name, bool[]? value);
    /// <summary>Writes an array-of-8-bit signed integers field.</summary>
    void WriteArrayOfInt8(string name, sbyte[]? value);
    /// <summary>Writes an array-of-16-bit integers field.</summary>
    void WriteArrayOfInt16(string name, short[]? value);
    /// <summary>Writes an array-of-32-bit integers field.</summary>
    void WriteArrayOfInt32(string name, int[]? value);
    /// <summary>Writes an array-of-64-bit integers field.</summary>
    void WriteArrayOfInt64(string name, long[]? value);
    /// <summary>Writes an array-of-32-bit floats field.</summary>
    void WriteArrayOfFloat32(string name, float[]? value);
    /// <summary>Writes an array-of-64-bit floats field.</summary>
    void WriteArrayOfFloat64(string name, double[]? value);
    /// <summary>Writes an array of UTF-8 strings field.</summary>
    void WriteArrayOfString(string name, string?[]? value);
    /// <summary>Writes an array of decimal (Java BigDecimal)s field.</summary>
    void WriteArrayOfDecimal(string name, decimal?[]? value);
    /// <summary>Writes an array of time of days field.</summary>
    void WriteArrayOfTime(string name, TimeOnly?[]? value);
    /// <summary>Writes an array of dates field.</summary>
    void WriteArrayOfDate(string name, DateOnly?[]? value);
    /// <summary>Writes an array of date and time without offsets field.</summary>
    void WriteArrayOfTimestamp(string name, DateTime?[]? value);
    /// <summary>Writes an array of date and time with an offsets field.</summary>
    void WriteArrayOfTimestampWithTimezone(string name, DateTimeOffset?[]? value);
    /// <summary>Writes a nullable boolean (a bit) field.</summary>
    void WriteNullableBoolean(string name, bool? value);
    /// <summary>Writes a nullable 8-bit signed integer field.</summary>
    void WriteNullableInt8(string name, sbyte? value);
    /// <summary>Writes a nullable 16-bit integer field.</summary>
    void WriteNullableInt16(string name, short? value);
    /// <summary>Writes a nullable 32-bit integer field.</summary>
    void WriteNullableInt32(string name, int? value);
    /// <summary>Writes a nullable 64-bit integer field.</summary>
    void WriteNullableInt64(string name, long? value);
    /// <summary>Writes a nullable 32-bit float field.</summary>
    void WriteNullableFloat32(string name, float? value);
    /// <summary>Writes a nullable 64-bit float field.</summary>
    void WriteNullableFloat64(string name, double? value);
    /// <summary>Writes an array-of-nullable-boolean s field.</summary>
    void WriteArrayOfNullableBoolean(string name, bool?[]? value);
    /// <summary>Writes an array-of-nullable-8-bit signed integers field.</summary>
    void WriteArrayOfNullableInt8(string name, sbyte?[]? value);
    /// <summary>Writes an array-of-nullable-16-bit integers field.</summary>
    void WriteArrayOfNullableInt16(string name, short?[]? value);
    /// <summary>Writes an array-of-nullable-32-bit integers field.</summary>
    void WriteArrayOfNullableInt32(string name, int?[]? value);
    /// <summary>Writes an array-of-nullable-64-bit integers field.</summary>
    void WriteArrayOfNullableInt64(string name, long?[]? value);
    /// <summary>Writes an array-of-nullable-32-bit floats field.</summary>
    void WriteArrayOfNullableFloat32(string name, float?[]? value);
    /// <summary>Writes an array-of-nullable-64-bit floats field.</summary>
    void WriteArrayOfNullableFloat64(string name, double?[]? value);
    /// <summary>Writes a nested Compact object (null allowed).</summary>
    void WriteCompact<T>(string name, T? value);
    /// <summary>Writes an array of nested Compact objects of one type (null items allowed).</summary>
    void WriteArrayOfCompact<T>(string name, T?[]? value);
}
