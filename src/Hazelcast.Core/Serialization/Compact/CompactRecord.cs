namespace Hazelcast.Serialization.Compact;

/// <summary>
/// A Compact object read without a .NET type: its type name and field values by name (nested objects of unknown types
/// as records). Users see it as an <see cref="IGenericRecord"/>; the in-process member reads values this way to
/// evaluate queries on Compact fields.
/// </summary>
internal sealed class CompactRecord(CompactSchema schema, IReadOnlyDictionary<string, object?> fields) : IGenericRecord
{
    public CompactSchema Schema { get; } = schema;

    public string TypeName => Schema.TypeName;

    public IReadOnlyDictionary<string, object?> Fields { get; } = fields;

    public IReadOnlyCollection<string> FieldNames => Schema.Fields.Select(f => f.Name).ToList();

    public static CompactRecord Read(CompactReader reader)
        => new(reader.Schema, reader.Schema.Fields.ToDictionary(f => f.Name, f => reader.ReadStored(f), StringComparer.Ordinal));

    public FieldKind GetFieldKind(string fieldName) => Schema.GetField(fieldName)?.Kind ?? FieldKind.NotAvailable;

    public object? GetValue(string fieldName)
    {
        if (Schema.GetField(fieldName) is null) throw NoField(fieldName);
        return Fields[fieldName];
    }

    private SerializationException NoField(string fieldName)
        => new($"The Compact record '{TypeName}' has no field '{fieldName}' (its fields: {string.Join(", ", FieldNames)}).");

    // The value of a field of one of the kinds given; a primitive asked for its nullable counterpart reads it too.
    private T Typed<T>(string fieldName, FieldKind kind, FieldKind alternative = FieldKind.NotAvailable)
    {
        var actual = Schema.GetField(fieldName)?.Kind ?? throw NoField(fieldName);
        if (actual != kind && actual != alternative)
            throw new SerializationException($"The field '{fieldName}' of Compact record '{TypeName}' is {actual}, not {kind}.");
        var value = Fields[fieldName];
        if (value is null)
        {
            if (default(T) is null) return default!;
            throw new SerializationException($"The field '{fieldName}' of Compact record '{TypeName}' is null: read it with its nullable getter.");
        }
        return (T)value;
    }

    public bool GetBoolean(string fieldName) => Typed<bool>(fieldName, FieldKind.Boolean, FieldKind.NullableBoolean);

    public sbyte GetInt8(string fieldName) => Typed<sbyte>(fieldName, FieldKind.Int8, FieldKind.NullableInt8);

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
        var typed => throw new SerializationException($"The field '{fieldName}' of Compact record '{TypeName}' holds a {typed.GetType().FullName} (a type this client knows): read it with GetValue."),
    };

    public string?[]? GetArrayOfString(string fieldName) => Typed<object?>(fieldName, FieldKind.ArrayOfString) switch
    {
        null => null,
        string?[] strings => strings,
        object?[] items => items.Cast<string?>().ToArray(),
        var other => throw new SerializationException($"The field '{fieldName}' holds a {other.GetType().FullName}."),
    };

    public int[]? GetArrayOfInt32(string fieldName) => Typed<int[]?>(fieldName, FieldKind.ArrayOfInt32);

    public IGenericRecordBuilder NewBuilderWithClone()
    {
        var builder = new CompactRecordBuilder(TypeName);
        foreach (var field in Schema.Fields) builder.Set(field.Name, field.Kind, Fields[field.Name]);
        return builder;
    }

    public override string ToString() => $"{TypeName} {{ {string.Join(", ", Fields.Select(f => $"{f.Key} = {f.Value}"))} }}";
}

/// <summary>Builds a <see cref="CompactRecord"/>: its fields, in the order they are set, make its schema.</summary>
internal sealed class CompactRecordBuilder(string typeName) : IGenericRecordBuilder
{
    private readonly List<(string Name, FieldKind Kind)> _fields = [];
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public IGenericRecordBuilder Set(string fieldName, FieldKind kind, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(fieldName);
        if (!FieldKinds.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a Compact field kind.");
        if (!Suits(kind, value)) throw new ArgumentException($"The field '{fieldName}' is {kind}, which cannot hold a {value?.GetType().FullName ?? "null"}.", nameof(value));
        var index = _fields.FindIndex(f => f.Name == fieldName);
        if (index >= 0) _fields[index] = (fieldName, kind); // set again: the last kind and value win
        else _fields.Add((fieldName, kind));
        _values[fieldName] = value;
        return this;
    }

    private static bool Suits(FieldKind kind, object? value)
    {
        if (value is null) return FieldKinds.SizeOf(kind) == FieldKinds.VariableSize; // fixed-size primitives cannot be null
        return kind switch
        {
            FieldKind.Boolean or FieldKind.NullableBoolean => value is bool,
            FieldKind.Int8 or FieldKind.NullableInt8 => value is sbyte or byte,
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
            _ => value is Array, // arrays: their items are checked when written
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

    public IGenericRecord Build() => new CompactRecord(new CompactSchema(typeName, _fields), new Dictionary<string, object?>(_values, StringComparer.Ordinal));
}
