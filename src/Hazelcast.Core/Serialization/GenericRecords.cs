using Hazelcast.Serialization.Compact;

namespace Hazelcast.Serialization;

/// <summary>
/// A Compact value read without a .NET type (map it as <c>IHMap&lt;TKey, IGenericRecord&gt;</c>, or read an unknown
/// type name as <c>object</c>): its type name, its fields by name with their kinds and values. Nested Compact objects of
/// a type the client does not know are records too. Build one to write with <see cref="GenericRecordBuilder.Compact"/>.
/// </summary>
public interface IGenericRecord
{
    /// <summary>The Compact type name.</summary>
    string TypeName { get; }

    /// <summary>The names of the fields, in the schema's order.</summary>
    IReadOnlyCollection<string> FieldNames { get; }

    /// <summary>The kind of a field, or <see cref="FieldKind.NotAvailable"/> when the record has no such field.</summary>
    FieldKind GetFieldKind(string fieldName);

    /// <summary>A field's value, boxed (nested objects as records); throws when there is no such field.</summary>
    /// <exception cref="SerializationException">The record has no field of that name.</exception>
    object? GetValue(string fieldName);

    /// <summary>A BOOLEAN field (or a NULLABLE_BOOLEAN that holds a value).</summary>
    /// <exception cref="SerializationException">The field does not exist, is of another kind, or is null.</exception>
    bool GetBoolean(string fieldName);

    /// <summary>An INT8 field.</summary>
    sbyte GetInt8(string fieldName);

    /// <summary>An INT16 field.</summary>
    short GetInt16(string fieldName);

    /// <summary>An INT32 field (or a NULLABLE_INT32 that holds a value).</summary>
    int GetInt32(string fieldName);

    /// <summary>An INT64 field (or a NULLABLE_INT64 that holds a value).</summary>
    long GetInt64(string fieldName);

    /// <summary>A FLOAT32 field.</summary>
    float GetFloat32(string fieldName);

    /// <summary>A FLOAT64 field (or a NULLABLE_FLOAT64 that holds a value).</summary>
    double GetFloat64(string fieldName);

    /// <summary>A NULLABLE_INT32 (or INT32) field.</summary>
    int? GetNullableInt32(string fieldName);

    /// <summary>A STRING field.</summary>
    string? GetString(string fieldName);

    /// <summary>A DECIMAL field.</summary>
    decimal? GetDecimal(string fieldName);

    /// <summary>A DATE field.</summary>
    DateOnly? GetDate(string fieldName);

    /// <summary>A TIME field.</summary>
    TimeOnly? GetTime(string fieldName);

    /// <summary>A TIMESTAMP field.</summary>
    DateTime? GetTimestamp(string fieldName);

    /// <summary>A TIMESTAMP_WITH_TIMEZONE field.</summary>
    DateTimeOffset? GetTimestampWithTimezone(string fieldName);

    /// <summary>A COMPACT field of a type the client does not know, as a record.</summary>
    IGenericRecord? GetGenericRecord(string fieldName);

    /// <summary>An ARRAY_OF_STRING field.</summary>
    string?[]? GetArrayOfString(string fieldName);

    /// <summary>An ARRAY_OF_INT32 field.</summary>
    int[]? GetArrayOfInt32(string fieldName);

    /// <summary>A builder with this record's type name, fields and values, to change some and build a new record.</summary>
    IGenericRecordBuilder NewBuilderWithClone();
}

/// <summary>Builds a <see cref="IGenericRecord"/>: each field once, with its kind; the fields make the schema.</summary>
public interface IGenericRecordBuilder
{
    /// <summary>Sets a field of any kind; the value must be what that kind holds (an <c>int</c> for INT32, a <see cref="IGenericRecord"/> or a Compact object for COMPACT, ...).</summary>
    /// <exception cref="ArgumentException">The value does not suit the kind, or the name is empty.</exception>
    IGenericRecordBuilder Set(string fieldName, FieldKind kind, object? value);

    /// <summary>Sets a BOOLEAN field.</summary>
    IGenericRecordBuilder SetBoolean(string fieldName, bool value);

    /// <summary>Sets an INT32 field.</summary>
    IGenericRecordBuilder SetInt32(string fieldName, int value);

    /// <summary>Sets an INT64 field.</summary>
    IGenericRecordBuilder SetInt64(string fieldName, long value);

    /// <summary>Sets a FLOAT64 field.</summary>
    IGenericRecordBuilder SetFloat64(string fieldName, double value);

    /// <summary>Sets a NULLABLE_INT32 field.</summary>
    IGenericRecordBuilder SetNullableInt32(string fieldName, int? value);

    /// <summary>Sets a STRING field.</summary>
    IGenericRecordBuilder SetString(string fieldName, string? value);

    /// <summary>Sets a DECIMAL field.</summary>
    IGenericRecordBuilder SetDecimal(string fieldName, decimal? value);

    /// <summary>Sets a DATE field.</summary>
    IGenericRecordBuilder SetDate(string fieldName, DateOnly? value);

    /// <summary>Sets a TIMESTAMP_WITH_TIMEZONE field.</summary>
    IGenericRecordBuilder SetTimestampWithTimezone(string fieldName, DateTimeOffset? value);

    /// <summary>Sets a COMPACT field to a record.</summary>
    IGenericRecordBuilder SetGenericRecord(string fieldName, IGenericRecord? value);

    /// <summary>Sets an ARRAY_OF_STRING field.</summary>
    IGenericRecordBuilder SetArrayOfString(string fieldName, string?[]? value);

    /// <summary>The record: its schema is its fields, in the order they were set.</summary>
    IGenericRecord Build();
}

/// <summary>Starts generic records.</summary>
public static class GenericRecordBuilder
{
    /// <summary>A builder of a Compact record of that type name.</summary>
    /// <exception cref="ArgumentException">The type name is empty.</exception>
    public static IGenericRecordBuilder Compact(string typeName)
    {
        ArgumentException.ThrowIfNullOrEmpty(typeName);
        return new CompactRecordBuilder(typeName);
    }
}
