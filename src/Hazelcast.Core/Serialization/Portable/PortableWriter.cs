namespace Hazelcast.Serialization.Portable;

/// <summary>
/// Writes a Portable body for one class definition: the end position (patched last), the field count, the table of
/// field positions (one slot per field, then the raw-data slot), then each field as its name, its type and its value.
/// </summary>
internal sealed class PortableWriter : IPortableWriter
{
    private readonly PortableSerializer _serializer;
    private readonly ObjectDataOutput _output;
    private readonly ClassDefinition _definition;
    private readonly int _begin;
    private readonly int _table;
    private readonly bool[] _written;
    private bool _raw;

    public PortableWriter(PortableSerializer serializer, ObjectDataOutput output, ClassDefinition definition)
    {
        _serializer = serializer;
        _output = output;
        _definition = definition;
        _written = new bool[definition.Fields.Count];
        _begin = output.Position;
        output.WriteInt(0); // the end position, patched by End
        output.WriteInt(definition.Fields.Count);
        _table = output.Position;
        output.WriteZeros((definition.Fields.Count + 1) * 4);
    }

    /// <summary>Checks that every field was written, and patches the end position.</summary>
    public void End()
    {
        for (var i = 0; i < _written.Length; i++)
            if (!_written[i])
                throw new SerializationException($"The Portable class {_definition.FactoryId}/{_definition.ClassId} version {_definition.Version} did not write its field '{_definition.Fields[i].Name}': a reader would read garbage.");
        _output.WriteIntAt(_begin, _output.Position);
    }

    // Marks the field's position in the table and writes its header: name length, name, type.
    private FieldDefinition Field(string name, FieldType type)
    {
        if (_raw) throw new SerializationException($"The Portable class {_definition.FactoryId}/{_definition.ClassId} writes the field '{name}' after GetRawDataOutput.");
        var field = _definition.GetField(name)
            ?? throw new SerializationException($"The Portable class {_definition} has no field '{name}': a class that writes other fields must have another version.");
        if (field.Type != type) throw new SerializationException($"The field '{name}' of Portable class {_definition} is {field.Type}, not {type}.");
        if (_written[field.Index]) throw new SerializationException($"The field '{name}' of Portable class {_definition.FactoryId}/{_definition.ClassId} is written twice.");
        _written[field.Index] = true;
        _output.WriteIntAt(_table + field.Index * 4, _output.Position);
        _output.WriteShort((short)name.Length);
        var bytes = _output.Take(name.Length);
        for (var i = 0; i < name.Length; i++) bytes[i] = (byte)name[i]; // as Java's writeBytes: one byte per char
        _output.WriteByte((byte)type);
        return field;
    }

    public void WriteByte(string fieldName, byte value) { Field(fieldName, FieldType.Byte); _output.WriteByte(value); }
    public void WriteBoolean(string fieldName, bool value) { Field(fieldName, FieldType.Boolean); _output.WriteBoolean(value); }
    public void WriteChar(string fieldName, char value) { Field(fieldName, FieldType.Char); _output.WriteChar(value); }
    public void WriteShort(string fieldName, short value) { Field(fieldName, FieldType.Short); _output.WriteShort(value); }
    public void WriteInt(string fieldName, int value) { Field(fieldName, FieldType.Int); _output.WriteInt(value); }
    public void WriteLong(string fieldName, long value) { Field(fieldName, FieldType.Long); _output.WriteLong(value); }
    public void WriteFloat(string fieldName, float value) { Field(fieldName, FieldType.Float); _output.WriteFloat(value); }
    public void WriteDouble(string fieldName, double value) { Field(fieldName, FieldType.Double); _output.WriteDouble(value); }
    public void WriteString(string fieldName, string? value) { Field(fieldName, FieldType.String); _output.WriteString(value); }

    public void WriteDecimal(string fieldName, decimal? value) => Nullable(fieldName, FieldType.Decimal, value, static (o, v) => JavaNumbers.WriteBigDecimal(o, v));
    public void WriteTime(string fieldName, TimeOnly? value) => Nullable(fieldName, FieldType.Time, value, static (o, v) => JavaTimes.WriteTime(o, v));
    public void WriteDate(string fieldName, DateOnly? value) => Nullable(fieldName, FieldType.Date, value, static (o, v) => JavaTimes.WriteDate(o, v, JavaTimes.PortableYear));
    public void WriteTimestamp(string fieldName, DateTime? value) => Nullable(fieldName, FieldType.Timestamp, value, static (o, v) => JavaTimes.WriteTimestamp(o, v, JavaTimes.PortableYear));
    public void WriteTimestampWithTimezone(string fieldName, DateTimeOffset? value) => Nullable(fieldName, FieldType.TimestampWithTimezone, value, static (o, v) => JavaTimes.WriteTimestampWithTimezone(o, v, JavaTimes.PortableYear));

    public void WriteByteArray(string fieldName, byte[]? value) { Field(fieldName, FieldType.ByteArray); _output.WriteByteArray(value); }
    public void WriteBooleanArray(string fieldName, bool[]? value) => Array(fieldName, FieldType.BooleanArray, value, static (o, v) => o.WriteBoolean(v));
    public void WriteCharArray(string fieldName, char[]? value) => Array(fieldName, FieldType.CharArray, value, static (o, v) => o.WriteChar(v));
    public void WriteShortArray(string fieldName, short[]? value) => Array(fieldName, FieldType.ShortArray, value, static (o, v) => o.WriteShort(v));
    public void WriteIntArray(string fieldName, int[]? value) => Array(fieldName, FieldType.IntArray, value, static (o, v) => o.WriteInt(v));
    public void WriteLongArray(string fieldName, long[]? value) => Array(fieldName, FieldType.LongArray, value, static (o, v) => o.WriteLong(v));
    public void WriteFloatArray(string fieldName, float[]? value) => Array(fieldName, FieldType.FloatArray, value, static (o, v) => o.WriteFloat(v));
    public void WriteDoubleArray(string fieldName, double[]? value) => Array(fieldName, FieldType.DoubleArray, value, static (o, v) => o.WriteDouble(v));
    public void WriteStringArray(string fieldName, string?[]? value) => Array(fieldName, FieldType.StringArray, value, static (o, v) => o.WriteString(v));

    public void WriteDecimalArray(string fieldName, decimal[]? value) => ObjectArray(fieldName, FieldType.DecimalArray, value, static (o, v) => JavaNumbers.WriteBigDecimal(o, v));
    public void WriteTimeArray(string fieldName, TimeOnly[]? value) => ObjectArray(fieldName, FieldType.TimeArray, value, static (o, v) => JavaTimes.WriteTime(o, v));
    public void WriteDateArray(string fieldName, DateOnly[]? value) => ObjectArray(fieldName, FieldType.DateArray, value, static (o, v) => JavaTimes.WriteDate(o, v, JavaTimes.PortableYear));
    public void WriteTimestampArray(string fieldName, DateTime[]? value) => ObjectArray(fieldName, FieldType.TimestampArray, value, static (o, v) => JavaTimes.WriteTimestamp(o, v, JavaTimes.PortableYear));
    public void WriteTimestampWithTimezoneArray(string fieldName, DateTimeOffset[]? value) => ObjectArray(fieldName, FieldType.TimestampWithTimezoneArray, value, static (o, v) => JavaTimes.WriteTimestampWithTimezone(o, v, JavaTimes.PortableYear));

    // A nullable value: a null flag, then the value.
    private void Nullable<T>(string name, FieldType type, T? value, Action<ObjectDataOutput, T> write) where T : struct
    {
        Field(name, type);
        _output.WriteBoolean(value is null);
        if (value is { } v) write(_output, v);
    }

    // An array of primitives or strings: its length (−1 for null), then the items.
    private void Array<T>(string name, FieldType type, T[]? value, Action<ObjectDataOutput, T> write)
    {
        Field(name, type);
        if (value is null)
        {
            _output.WriteInt(-1);
            return;
        }
        _output.WriteInt(value.Length);
        foreach (var item in value) write(_output, item);
    }

    // An array of decimals or times: its length, then a table of item positions, then the items.
    private void ObjectArray<T>(string name, FieldType type, T[]? value, Action<ObjectDataOutput, T> write)
    {
        Field(name, type);
        if (value is null)
        {
            _output.WriteInt(-1);
            return;
        }
        _output.WriteInt(value.Length);
        var offsets = _output.Position;
        _output.WriteZeros(value.Length * 4);
        for (var i = 0; i < value.Length; i++)
        {
            _output.WriteIntAt(offsets + i * 4, _output.Position);
            write(_output, value[i]);
        }
    }

    public void WritePortable(string fieldName, IPortable? value) => WriteNested(fieldName, value);

    public void WriteNullPortable(string fieldName, int factoryId, int classId)
    {
        var field = Field(fieldName, FieldType.Portable);
        if (field.FactoryId != factoryId || field.ClassId != classId)
            throw new SerializationException($"The field '{fieldName}' of Portable class {_definition} holds class {field.FactoryId}/{field.ClassId}, not {factoryId}/{classId}.");
        _output.WriteBoolean(true);
        _output.WriteInt(factoryId);
        _output.WriteInt(classId);
    }

    // A nested object (an IPortable or a record): null flag, the field's factory and class ids, then its version and body.
    private void WriteNested(string fieldName, object? value)
    {
        var field = Field(fieldName, FieldType.Portable);
        if (value is not null) CheckClass(field, value);
        _output.WriteBoolean(value is null);
        _output.WriteInt(field.FactoryId);
        _output.WriteInt(field.ClassId);
        if (value is not null) _serializer.WriteObject(_output, value);
    }

    public void WritePortableArray(string fieldName, IPortable[]? value) => WriteNestedArray(fieldName, value);

    // Length, the field's factory and class ids, a table of item positions, then each item's version and body.
    private void WriteNestedArray(string fieldName, object[]? value)
    {
        var field = Field(fieldName, FieldType.PortableArray);
        _output.WriteInt(value?.Length ?? -1);
        _output.WriteInt(field.FactoryId);
        _output.WriteInt(field.ClassId);
        if (value is null) return;
        foreach (var item in value) CheckClass(field, item);
        var offsets = _output.Position;
        _output.WriteZeros(value.Length * 4);
        for (var i = 0; i < value.Length; i++)
        {
            _output.WriteIntAt(offsets + i * 4, _output.Position);
            _serializer.WriteObject(_output, value[i]);
        }
    }

    private void CheckClass(FieldDefinition field, object? value)
    {
        var (factoryId, classId) = value switch
        {
            IPortable p => (p.FactoryId, p.ClassId),
            PortableRecord r => (r.ClassDefinition.FactoryId, r.ClassDefinition.ClassId),
            null => throw new SerializationException($"The array '{field.Name}' of Portable class {_definition.FactoryId}/{_definition.ClassId} holds a null item; Portable arrays cannot."),
            _ => throw new SerializationException($"The field '{field.Name}' of Portable class {_definition.FactoryId}/{_definition.ClassId} holds a {value.GetType().FullName}, which is not Portable."),
        };
        if (factoryId != field.FactoryId || classId != field.ClassId)
            throw new SerializationException($"The field '{field.Name}' of Portable class {_definition.FactoryId}/{_definition.ClassId} holds class {field.FactoryId}/{field.ClassId}, not {factoryId}/{classId}: Portable fields are not polymorphic.");
    }

    /// <summary>Checks that the items of an array are all of one class, as its field holds one class.</summary>
    public static void CheckSameClass(string fieldName, IPortable[] items)
    {
        foreach (var item in items)
        {
            if (item is null) throw new SerializationException($"The Portable array '{fieldName}' holds a null item; Portable arrays cannot.");
            if (item.FactoryId != items[0].FactoryId || item.ClassId != items[0].ClassId)
                throw new SerializationException($"The Portable array '{fieldName}' holds classes {items[0].FactoryId}/{items[0].ClassId} and {item.FactoryId}/{item.ClassId}; its items must be of one class.");
        }
    }

    public IObjectDataOutput GetRawDataOutput()
    {
        if (!_raw)
        {
            _raw = true;
            _output.WriteIntAt(_table + _definition.Fields.Count * 4, _output.Position);
        }
        return _output;
    }

    /// <summary>Writes a generic record's fields, in its definition's order.</summary>
    public void WriteRecord(PortableRecord record)
    {
        foreach (var field in _definition.Fields)
        {
            var name = field.Name;
            var value = record.Fields[name];
            switch (field.Type)
            {
                case FieldType.Portable: WriteNested(name, value); break;
                case FieldType.PortableArray: WriteNestedArray(name, (object[]?)value); break;
                case FieldType.Byte: WriteByte(name, value is sbyte s ? (byte)s : (byte)value!); break;
                case FieldType.Boolean: WriteBoolean(name, (bool)value!); break;
                case FieldType.Char: WriteChar(name, (char)value!); break;
                case FieldType.Short: WriteShort(name, (short)value!); break;
                case FieldType.Int: WriteInt(name, (int)value!); break;
                case FieldType.Long: WriteLong(name, (long)value!); break;
                case FieldType.Float: WriteFloat(name, (float)value!); break;
                case FieldType.Double: WriteDouble(name, (double)value!); break;
                case FieldType.String: WriteString(name, (string?)value); break;
                case FieldType.Decimal: WriteDecimal(name, (decimal?)value); break;
                case FieldType.Time: WriteTime(name, (TimeOnly?)value); break;
                case FieldType.Date: WriteDate(name, (DateOnly?)value); break;
                case FieldType.Timestamp: WriteTimestamp(name, (DateTime?)value); break;
                case FieldType.TimestampWithTimezone: WriteTimestampWithTimezone(name, (DateTimeOffset?)value); break;
                case FieldType.ByteArray: WriteByteArray(name, value is sbyte[] sb ? (byte[])(object)sb : (byte[]?)value); break;
                case FieldType.BooleanArray: WriteBooleanArray(name, (bool[]?)value); break;
                case FieldType.CharArray: WriteCharArray(name, (char[]?)value); break;
                case FieldType.ShortArray: WriteShortArray(name, (short[]?)value); break;
                case FieldType.IntArray: WriteIntArray(name, (int[]?)value); break;
                case FieldType.LongArray: WriteLongArray(name, (long[]?)value); break;
                case FieldType.FloatArray: WriteFloatArray(name, (float[]?)value); break;
                case FieldType.DoubleArray: WriteDoubleArray(name, (double[]?)value); break;
                case FieldType.StringArray: WriteStringArray(name, (string?[]?)value); break;
                case FieldType.DecimalArray: WriteDecimalArray(name, (decimal[]?)value); break;
                case FieldType.TimeArray: WriteTimeArray(name, (TimeOnly[]?)value); break;
                case FieldType.DateArray: WriteDateArray(name, (DateOnly[]?)value); break;
                case FieldType.TimestampArray: WriteTimestampArray(name, (DateTime[]?)value); break;
                case FieldType.TimestampWithTimezoneArray: WriteTimestampWithTimezoneArray(name, (DateTimeOffset[]?)value); break;
                default: throw new SerializationException($"The field '{name}' has the unknown Portable type {field.Type}.");
            }
        }
    }
}
