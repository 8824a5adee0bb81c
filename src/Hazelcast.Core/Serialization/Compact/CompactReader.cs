namespace Hazelcast.Serialization.Compact;

/// <summary>
/// Reads the fields of one Compact object by name, in any order, through its schema (Hazelcast's DefaultCompactReader).
/// The input is left at the end of the object when <see cref="Skip"/> is called, so objects nested in other payloads
/// can be read in sequence.
/// </summary>
internal sealed partial class CompactReader : ICompactReader
{
    private readonly ObjectDataInput _input;
    private readonly CompactSerializer _compact;
    private readonly int _dataStart;
    private readonly int _dataLength;
    private readonly int _table;

    public CompactReader(ObjectDataInput input, CompactSchema schema, CompactSerializer compact)
    {
        _input = input;
        Schema = schema;
        _compact = compact;
        if (schema.VariableSizeCount > 0)
        {
            _dataLength = input.ReadInt();
            _dataStart = input.Position;
            if (_dataLength < schema.FixedSizeLength || _dataLength > input.Length - _dataStart)
                throw new SerializationException($"A Compact '{schema.TypeName}' object declares {_dataLength} bytes of data but {input.Length - _dataStart} follow (its fixed fields need {schema.FixedSizeLength}).");
            _table = _dataStart + _dataLength;
        }
        else
        {
            _dataStart = input.Position;
            _dataLength = schema.FixedSizeLength;
            if (_dataLength > input.Length - _dataStart)
                throw new SerializationException($"A Compact '{schema.TypeName}' object needs {_dataLength} bytes but {input.Length - _dataStart} follow.");
            _table = _dataStart + _dataLength;
        }
    }

    public CompactSchema Schema { get; }

    /// <summary>Moves the input past this object (its data and its offset table).</summary>
    public void Skip()
    {
        _input.Position = _table + (Schema.VariableSizeCount > 0 ? Schema.VariableSizeCount * CompactValues.OffsetWidth(_dataLength) : 0);
    }

    public FieldKind GetFieldKind(string name) => Schema.GetField(name)?.Kind ?? FieldKind.NotAvailable;

    /// <summary>
    /// Reads a field as <paramref name="kind"/>: the kind of the field, or its nullable or non-nullable counterpart.
    /// Arrays come back with the item type of <paramref name="kind"/>.
    /// </summary>
    public object? Read(string name, FieldKind kind, Type? compactHint = null)
    {
        var field = Schema.GetField(name) ?? throw new SerializationException($"Compact type '{Schema.TypeName}' has no field '{name}' (its fields: {string.Join(", ", Schema.Fields.Select(f => f.Name))}).");
        if (!FieldKinds.Compatible(field.Kind, kind))
            throw new SerializationException($"The field '{name}' of Compact type '{Schema.TypeName}' is {field.Kind}; it cannot be read as {kind}.");
        var value = ReadStored(field, compactHint);
        if (value is null)
        {
            if (FieldKinds.SizeOf(kind) != FieldKinds.VariableSize)
                throw new SerializationException($"The field '{name}' of Compact type '{Schema.TypeName}' is null; read it as {FieldKinds.Nullable(kind)}.");
            return null;
        }
        return field.Kind == kind || !FieldKinds.IsArray(kind) ? value : ConvertArray(name, (Array)value, kind);
    }

    /// <summary>The value of a field as stored: fixed-size primitives boxed, variable-size values or null.</summary>
    public object? ReadStored(SchemaField field, Type? compactHint = null)
    {
        var size = FieldKinds.SizeOf(field.Kind);
        if (size != FieldKinds.VariableSize)
        {
            _input.Position = _dataStart + field.Offset;
            return field.Kind switch
            {
                FieldKind.Boolean => (_input.ReadByte() & (1 << field.BitOffset)) != 0,
                FieldKind.Int8 => (sbyte)_input.ReadByte(),
                FieldKind.Int16 => _input.ReadShort(),
                FieldKind.Int32 => _input.ReadInt(),
                FieldKind.Int64 => _input.ReadLong(),
                FieldKind.Float32 => _input.ReadFloat(),
                _ => (object)_input.ReadDouble(),
            };
        }
        var offset = CompactValues.ReadOffset(_input, _table, _dataLength, field.Index);
        if (offset == CompactValues.NullOffset) return null;
        if (offset < 0 || offset >= _dataLength)
            throw new SerializationException($"The field '{field.Name}' of Compact type '{Schema.TypeName}' points at offset {offset}, outside its {_dataLength} bytes.");
        _input.Position = _dataStart + offset;
        return CompactValues.Read(_input, field.Kind, _compact, compactHint);
    }

    /// <summary>An array of primitives read as an array of nullables, or the reverse (which refuses null items).</summary>
    private object ConvertArray(string name, Array stored, FieldKind kind) => kind switch
    {
        FieldKind.ArrayOfBoolean => ToPrimitives<bool>(name, stored),
        FieldKind.ArrayOfInt8 => ToPrimitives<sbyte>(name, stored),
        FieldKind.ArrayOfInt16 => ToPrimitives<short>(name, stored),
        FieldKind.ArrayOfInt32 => ToPrimitives<int>(name, stored),
        FieldKind.ArrayOfInt64 => ToPrimitives<long>(name, stored),
        FieldKind.ArrayOfFloat32 => ToPrimitives<float>(name, stored),
        FieldKind.ArrayOfFloat64 => ToPrimitives<double>(name, stored),
        FieldKind.ArrayOfNullableBoolean => ToNullables<bool>(stored),
        FieldKind.ArrayOfNullableInt8 => ToNullables<sbyte>(stored),
        FieldKind.ArrayOfNullableInt16 => ToNullables<short>(stored),
        FieldKind.ArrayOfNullableInt32 => ToNullables<int>(stored),
        FieldKind.ArrayOfNullableInt64 => ToNullables<long>(stored),
        FieldKind.ArrayOfNullableFloat32 => ToNullables<float>(stored),
        FieldKind.ArrayOfNullableFloat64 => ToNullables<double>(stored),
        _ => stored,
    };

    private T[] ToPrimitives<T>(string name, Array stored) where T : struct
    {
        var result = new T[stored.Length];
        for (var i = 0; i < result.Length; i++)
            result[i] = stored.GetValue(i) is T v ? v : throw new SerializationException($"Item {i} of the field '{name}' of Compact type '{Schema.TypeName}' is null; read the field as an array of nullables.");
        return result;
    }

    private static T?[] ToNullables<T>(Array stored) where T : struct
    {
        var result = new T?[stored.Length];
        for (var i = 0; i < result.Length; i++) result[i] = (T)stored.GetValue(i)!;
        return result;
    }

    public T? ReadCompact<T>(string name) => Read(name, FieldKind.Compact, typeof(T)) switch
    {
        null => default,
        T value => value,
        var other => throw new SerializationException($"The field '{name}' of Compact type '{Schema.TypeName}' holds a {other.GetType().FullName}, not a {typeof(T).FullName}."),
    };

    public T?[]? ReadArrayOfCompact<T>(string name)
    {
        var array = (Array?)Read(name, FieldKind.ArrayOfCompact, typeof(T));
        if (array is null or T?[]) return (T?[]?)array;
        var result = new T?[array.Length];
        for (var i = 0; i < array.Length; i++)
        {
            var item = array.GetValue(i);
            if (item is not null and not T)
                throw new SerializationException($"Item {i} of the field '{name}' of Compact type '{Schema.TypeName}' is a {item.GetType().FullName}, not a {typeof(T).FullName}.");
            result[i] = (T?)item;
        }
        return result;
    }
}
