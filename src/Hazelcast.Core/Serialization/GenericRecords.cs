using Hazelcast.Serialization.Compact;
using Hazelcast.Serialization.Portable;

namespace Hazelcast.Serialization;

/// <summary>
/// A Compact or Portable value read without a .NET type (map it as <c>IHMap&lt;TKey, IGenericRecord&gt;</c>, or read
/// a Compact type name or Portable factory the client does not know as <c>object</c>): its fields by name with their
/// kinds and values. Nested objects of types the client does not know are records too. Build one to write with
/// <see cref="GenericRecordBuilder.Compact"/> or <see cref="GenericRecordBuilder.Portable"/>.
/// </summary>
/// <remarks>
/// Portable field types show as the kinds Hazelcast maps them to: INT as <see cref="FieldKind.Int32"/>, BYTE as
/// <see cref="FieldKind.Int8"/> (a signed byte), CHAR as <see cref="FieldKind.Char"/>, a nested Portable object as
/// <see cref="FieldKind.Compact"/>, and so on.
/// </remarks>
public interface IGenericRecord
{
    /// <summary>The Compact type name; for a Portable record, its factory and class ids as <c>factoryId/classId</c>.</summary>
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

    /// <summary>A CHAR field (Portable only).</summary>
    char GetChar(string fieldName);

    /// <summary>A nested object (COMPACT field, or Portable object) of a type the client does not know, as a record.</summary>
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

    /// <summary>
    /// A builder of a Portable record of that class: every field of the definition must be set, with the kind its
    /// type maps to (<see cref="IGenericRecord"/>); a nested object is a Portable record or an <see cref="IPortable"/>.
    /// </summary>
    public static IGenericRecordBuilder Portable(ClassDefinition classDefinition)
    {
        ArgumentNullException.ThrowIfNull(classDefinition);
        return new PortableRecordBuilder(classDefinition);
    }
}

/// <summary>What Compact and Portable records share: typed access to their fields by kind.</summary>
internal abstract class GenericRecord : IGenericRecord
{
    public abstract string TypeName { get; }

    public abstract IReadOnlyCollection<string> FieldNames { get; }

    /// <summary>The values by field name (nested objects of unknown types as records).</summary>
    public abstract IReadOnlyDictionary<string, object?> Fields { get; }

    /// <summary>What the record is, for messages.</summary>
    protected abstract string Description { get; }

    public abstract FieldKind GetFieldKind(string fieldName);

    public abstract IGenericRecordBuilder NewBuilderWithClone();

    public object? GetValue(string fieldName)
    {
        if (GetFieldKind(fieldName) == FieldKind.NotAvailable) throw NoField(fieldName);
        return Fields[fieldName];
    }

    private SerializationException NoField(string fieldName)
        => new($"The {Description} has no field '{fieldName}' (its fields: {string.Join(", ", FieldNames)}).");

    // The value of a field of one of the kinds given; a primitive asked for its nullable counterpart reads it too.
    private T Typed<T>(string fieldName, FieldKind kind, FieldKind alternative = FieldKind.NotAvailable)
    {
        var actual = GetFieldKind(fieldName);
        if (actual == FieldKind.NotAvailable) throw NoField(fieldName);
        if (actual != kind && actual != alternative)
            throw new SerializationException($"The field '{fieldName}' of {Description} is {actual}, not {kind}.");
        var value = Fields[fieldName];
        if (value is null)
        {
            if (default(T) is null) return default!;
            throw new SerializationException($"The field '{fieldName}' of {Description} is null: read it with its nullable getter.");
        }
        return (T)value;
    }

    public bool GetBoolean(string fieldName) => Typed<bool>(fieldName, FieldKind.Boolean, FieldKind.NullableBoolean);

    public sbyte GetInt8(string fieldName) => Typed<sbyte>(fieldName, FieldKind.Int8, FieldKind.NullableInt8);

    public char GetChar(string fieldName) => Typed<char>(fieldName, FieldKind.Char);

    public short GetInt16(string fieldName) => Typed<short>(fieldName, FieldKind.Int16, FieldKind.NullableInt16);

    public int GetInt32(string fieldName) => Typed<int>(fieldName, FieldKind.Int32, FieldKind.NullableInt32);

    public long GetInt64(string fieldName) => Typed<long>(fieldName, FieldKind.Int64, FieldKind.NullableInt64);

    public float GetFloat32(string fieldName) => Typed<float>(fieldName, FieldKind.Float32, FieldKind.NullableFloat32);

    public double GetFloat64(string fieldName) => Typed<double>(fieldName, FieldKind.Float64, FieldKind.NullableFloat64);

    public int? GetNullableInt32(string fieldName) => Typed<int?>(fieldName, FieldKind.NullableInt32, FieldKind.Int32);

    public string? GetString(string fieldName) => Typed<string?>(fieldName, FieldKind.String);

    public decimal? GetDecimal(string fieldName) => Typed<decimal?>(fieldName, FieldKind.Decimal);

    public DateOnly? GetDate(string fieldName) => Typed<DateOnly?>(fieldName, FieldKind.Date);

    public TimeOnly? GetTime(string fieldName) => Typed<TimeOnly?>(fieldName, FieldKind.Time);

    public DateTime? GetTimestamp(string fieldName) => Typed<DateTime?>(fieldName, FieldKind.Timestamp);

    public DateTimeOffset? GetTimestampWithTimezone(string fieldName) => Typed<DateTimeOffset?>(fieldName, FieldKind.TimestampWithTimezone);

    public IGenericRecord? GetGenericRecord(string fieldName) => Typed<object?>(fieldName, FieldKind.Compact) switch
    {
        null => null,
        IGenericRecord record => record,
        var typed => throw new SerializationException($"The field '{fieldName}' of {Description} holds a {typed.GetType().FullName} (a type this client knows): read it with GetValue."),
    };

    public string?[]? GetArrayOfString(string fieldName) => Typed<object?>(fieldName, FieldKind.ArrayOfString) switch
    {
        null => null,
        string?[] strings => strings,
        object?[] items => items.Cast<string?>().ToArray(),
        var other => throw new SerializationException($"The field '{fieldName}' holds a {other.GetType().FullName}."),
    };

    public int[]? GetArrayOfInt32(string fieldName) => Typed<int[]?>(fieldName, FieldKind.ArrayOfInt32);

    public override string ToString() => $"{TypeName} {{ {string.Join(", ", FieldNames.Select(f => $"{f} = {Fields[f]}"))} }}";
}

/// <summary>What Compact and Portable record builders share: the typed setters, and which values suit which kind.</summary>
internal abstract class GenericRecordBuilderBase : IGenericRecordBuilder
{
    public abstract IGenericRecordBuilder Set(string fieldName, FieldKind kind, object? value);

    public abstract IGenericRecord Build();

    /// <summary>Whether a value can be held by a field of that kind (array items are checked when written).</summary>
    public static bool Suits(FieldKind kind, object? value)
    {
        if (value is null) return FieldKinds.SizeOf(kind) == FieldKinds.VariableSize; // fixed-size primitives cannot be null
        return kind switch
        {
            FieldKind.Boolean or FieldKind.NullableBoolean => value is bool,
            FieldKind.Int8 or FieldKind.NullableInt8 => value is sbyte or byte,
            FieldKind.Char => value is char,
            FieldKind.Int16 or FieldKind.NullableInt16 => value is short,
            FieldKind.Int32 or FieldKind.NullableInt32 => value is int,
            FieldKind.Int64 or FieldKind.NullableInt64 => value is long,
            FieldKind.Float32 or FieldKind.NullableFloat32 => value is float,
            FieldKind.Float64 or FieldKind.NullableFloat64 => value is double,
            FieldKind.String => value is string,
            FieldKind.Decimal => value is decimal,
            FieldKind.Date => value is DateOnly,
            FieldKind.Time => value is TimeOnly,
            FieldKind.Timestamp => value is DateTime,
            FieldKind.TimestampWithTimezone => value is DateTimeOffset,
            FieldKind.Compact => !value.GetType().IsPrimitive && value is not string,
            _ => value is Array,
        };
    }

    public IGenericRecordBuilder SetBoolean(string fieldName, bool value) => Set(fieldName, FieldKind.Boolean, value);

    public IGenericRecordBuilder SetInt32(string fieldName, int value) => Set(fieldName, FieldKind.Int32, value);

    public IGenericRecordBuilder SetInt64(string fieldName, long value) => Set(fieldName, FieldKind.Int64, value);

    public IGenericRecordBuilder SetFloat64(string fieldName, double value) => Set(fieldName, FieldKind.Float64, value);

    public IGenericRecordBuilder SetNullableInt32(string fieldName, int? value) => Set(fieldName, FieldKind.NullableInt32, value);

    public IGenericRecordBuilder SetString(string fieldName, string? value) => Set(fieldName, FieldKind.String, value);

    public IGenericRecordBuilder SetDecimal(string fieldName, decimal? value) => Set(fieldName, FieldKind.Decimal, value);

    public IGenericRecordBuilder SetDate(string fieldName, DateOnly? value) => Set(fieldName, FieldKind.Date, value);

    public IGenericRecordBuilder SetTimestampWithTimezone(string fieldName, DateTimeOffset? value) => Set(fieldName, FieldKind.TimestampWithTimezone, value);

    public IGenericRecordBuilder SetGenericRecord(string fieldName, IGenericRecord? value) => Set(fieldName, FieldKind.Compact, value);

    public IGenericRecordBuilder SetArrayOfString(string fieldName, string?[]? value) => Set(fieldName, FieldKind.ArrayOfString, value);
}
