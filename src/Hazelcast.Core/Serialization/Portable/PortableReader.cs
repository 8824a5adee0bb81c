namespace Hazelcast.Serialization.Portable;

/// <summary>
/// Reads the fields of a Portable body by name, through the table of field positions of the class definition it was
/// written with. Strict when the reader's class has that version; "morphing" otherwise: a field the bytes lack reads
/// as the default value, and a number written narrower reads widened (Hazelcast's MorphingPortableReader).
/// </summary>
internal sealed class PortableReader : IPortableReader
{
    private readonly PortableSerializer _serializer;
    private readonly ObjectDataInput _input;
    private readonly ClassDefinition _definition;
    private readonly bool _morphing;
    private readonly bool _asRecord;
    private readonly int _end;
    private readonly int _table;
    private bool _raw;

    /// <summary>Positions in Portable bytes count from byte 0 of the Data; an input starts after its 8-byte header.</summary>
    public static int Relative(int position) => position - Data.HeaderSize;

    /// <param name="serializer">Reads nested objects.</param>
    /// <param name="input">At the body's end position.</param>
    /// <param name="definition">The definition the body was written with.</param>
    /// <param name="morphing">Whether the reader's class is of another version than the bytes.</param>
    /// <param name="asRecord">Whether nested objects are read as generic records, whatever the factories know.</param>
    public PortableReader(PortableSerializer serializer, ObjectDataInput input, ClassDefinition definition, bool morphing, bool asRecord)
    {
        _serializer = serializer;
        _input = input;
        _definition = definition;
        _morphing = morphing;
        _asRecord = asRecord;
        _end = Relative(input.ReadInt());
        var count = input.ReadInt();
        if (count != definition.Fields.Count)
            throw new SerializationException($"A Portable object of class {definition.FactoryId}/{definition.ClassId} version {definition.Version} has {count} fields, but that class version has {definition.Fields.Count} ({definition}).");
        _table = input.Position;
        if ((long)(count + 1) * 4 > input.Remaining || _end < _table || _end > input.Length)
            throw new SerializationException($"A Portable object of class {definition.FactoryId}/{definition.ClassId} is truncated or its end position ({_end + Data.HeaderSize}) is wrong.");
    }

    /// <summary>Leaves the input after the body.</summary>
    public void End() => _input.Position = _end;

    public int Version => _definition.Version;

    public bool HasField(string fieldName) => _definition.GetField(fieldName) is not null;

    public IReadOnlyCollection<string> GetFieldNames() => _definition.FieldNames;

    public FieldType GetFieldType(string fieldName)
        => _definition.GetField(fieldName)?.Type ?? throw NoField(fieldName);

    private SerializationException NoField(string fieldName)
        => new($"The Portable class {_definition} has no field '{fieldName}'.");

    // The field, or null when the bytes lack it and the reader is lenient.
    private FieldDefinition? Field(string name)
    {
        if (_raw) throw new SerializationException($"The field '{name}' of Portable class {_definition.FactoryId}/{_definition.ClassId} is read after GetRawDataInput.");
        var field = _definition.GetField(name);
        if (field is null && !_morphing) throw NoField(name);
        return field;
    }

    private SerializationException Mismatch(FieldDefinition field, FieldType asked)
        => new($"The field '{field.Name}' of Portable class {_definition} is {field.Type}; it cannot be read as {asked}.");

    // A field that must have the type asked for (morphing or not, as Hazelcast does for all but numbers).
    private T Exact<T>(string name, FieldType type)
    {
        if (Field(name) is not { } field) return default!;
        if (field.Type != type) throw Mismatch(field, type);
        return (T)ReadValue(field)!;
    }

    // A number: when morphing, also from a narrower type (a Java byte is signed: widened as such).
    private T Number<T>(string name, FieldType type, FieldType[] narrower) where T : struct
    {
        if (Field(name) is not { } field) return default;
        if (field.Type == type) return (T)ReadValue(field)!;
        if (!_morphing || System.Array.IndexOf(narrower, field.Type) < 0) throw Mismatch(field, type);
        var value = ReadValue(field) switch
        {
            sbyte b => (long)b,
            char c => (long)c,
            short s => (long)s,
            int i => (long)i,
            var other => other!, // a long or a float
        };
        return (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    // What each number may be read from when morphing (Hazelcast's MorphingPortableReader).
    private static readonly FieldType[] IntoShort = [FieldType.Byte];
    private static readonly FieldType[] IntoInt = [FieldType.Byte, FieldType.Char, FieldType.Short];
    private static readonly FieldType[] IntoLongOrFloat = [FieldType.Byte, FieldType.Char, FieldType.Short, FieldType.Int];
    private static readonly FieldType[] IntoDouble = [FieldType.Byte, FieldType.Char, FieldType.Short, FieldType.Int, FieldType.Long, FieldType.Float];

    public byte ReadByte(string fieldName) => (byte)Exact<sbyte>(fieldName, FieldType.Byte);
    public bool ReadBoolean(string fieldName) => Exact<bool>(fieldName, FieldType.Boolean);
    public char ReadChar(string fieldName) => Exact<char>(fieldName, FieldType.Char);
    public short ReadShort(string fieldName) => Number<short>(fieldName, FieldType.Short, IntoShort);
    public int ReadInt(string fieldName) => Number<int>(fieldName, FieldType.Int, IntoInt);
    public long ReadLong(string fieldName) => Number<long>(fieldName, FieldType.Long, IntoLongOrFloat);
    public float ReadFloat(string fieldName) => Number<float>(fieldName, FieldType.Float, IntoLongOrFloat);
    public double ReadDouble(string fieldName) => Number<double>(fieldName, FieldType.Double, IntoDouble);
    public string? ReadString(string fieldName) => Exact<string?>(fieldName, FieldType.String);
    public decimal? ReadDecimal(string fieldName) => Exact<decimal?>(fieldName, FieldType.Decimal);
    public TimeOnly? ReadTime(string fieldName) => Exact<TimeOnly?>(fieldName, FieldType.Time);
    public DateOnly? ReadDate(string fieldName) => Exact<DateOnly?>(fieldName, FieldType.Date);
    public DateTime? ReadTimestamp(string fieldName) => Exact<DateTime?>(fieldName, FieldType.Timestamp);
    public DateTimeOffset? ReadTimestampWithTimezone(string fieldName) => Exact<DateTimeOffset?>(fieldName, FieldType.TimestampWithTimezone);
    public byte[]? ReadByteArray(string fieldName) => Exact<byte[]?>(fieldName, FieldType.ByteArray);
    public bool[]? ReadBooleanArray(string fieldName) => Exact<bool[]?>(fieldName, FieldType.BooleanArray);
    public char[]? ReadCharArray(string fieldName) => Exact<char[]?>(fieldName, FieldType.CharArray);
    public short[]? ReadShortArray(string fieldName) => Exact<short[]?>(fieldName, FieldType.ShortArray);
    public int[]? ReadIntArray(string fieldName) => Exact<int[]?>(fieldName, FieldType.IntArray);
    public long[]? ReadLongArray(string fieldName) => Exact<long[]?>(fieldName, FieldType.LongArray);
    public float[]? ReadFloatArray(string fieldName) => Exact<float[]?>(fieldName, FieldType.FloatArray);
    public double[]? ReadDoubleArray(string fieldName) => Exact<double[]?>(fieldName, FieldType.DoubleArray);
    public string?[]? ReadStringArray(string fieldName) => Exact<string?[]?>(fieldName, FieldType.StringArray);
    public decimal[]? ReadDecimalArray(string fieldName) => Exact<decimal[]?>(fieldName, FieldType.DecimalArray);
    public TimeOnly[]? ReadTimeArray(string fieldName) => Exact<TimeOnly[]?>(fieldName, FieldType.TimeArray);
    public DateOnly[]? ReadDateArray(string fieldName) => Exact<DateOnly[]?>(fieldName, FieldType.DateArray);
    public DateTime[]? ReadTimestampArray(string fieldName) => Exact<DateTime[]?>(fieldName, FieldType.TimestampArray);
    public DateTimeOffset[]? ReadTimestampWithTimezoneArray(string fieldName) => Exact<DateTimeOffset[]?>(fieldName, FieldType.TimestampWithTimezoneArray);

    public T? ReadPortable<T>(string fieldName) where T : class => Exact<object?>(fieldName, FieldType.Portable) switch
    {
        null => null,
        T typed => typed,
        var other => throw new SerializationException($"The field '{fieldName}' of Portable class {_definition.FactoryId}/{_definition.ClassId} holds a {other.GetType().FullName}, not a {typeof(T).FullName}."),
    };

    public T[]? ReadPortableArray<T>(string fieldName) where T : class
    {
        if (Exact<object[]?>(fieldName, FieldType.PortableArray) is not { } items) return null;
        var result = new T[items.Length];
        for (var i = 0; i < items.Length; i++)
            result[i] = items[i] as T ?? throw new SerializationException($"The array '{fieldName}' of Portable class {_definition.FactoryId}/{_definition.ClassId} holds a {items[i].GetType().FullName}, not a {typeof(T).FullName}.");
        return result;
    }

    public IObjectDataInput GetRawDataInput()
    {
        _input.Position = _table + _definition.Fields.Count * 4;
        var position = _input.ReadInt();
        if (position == 0) throw new SerializationException($"The Portable object of class {_definition.FactoryId}/{_definition.ClassId} has no raw data.");
        _input.Position = Relative(position);
        _raw = true;
        return _input;
    }

    /// <summary>Reads a field's value, boxed, as its type holds it (a byte as a signed Java byte; nested objects per the factories).</summary>
    public object? ReadValue(FieldDefinition field)
    {
        _input.Position = _table + field.Index * 4;
        _input.Position = Relative(_input.ReadInt());
        var length = _input.ReadShort();
        if (length != field.Name.Length) throw Corrupt(field);
        _input.ReadSpan(length);
        if ((FieldType)_input.ReadByte() != field.Type) throw Corrupt(field);
        var input = _input;
        return field.Type switch
        {
            FieldType.Portable => ReadNested(),
            FieldType.PortableArray => ReadNestedArray(),
            FieldType.Byte => (sbyte)input.ReadByte(),
            FieldType.Boolean => input.ReadBoolean(),
            FieldType.Char => input.ReadChar(),
            FieldType.Short => input.ReadShort(),
            FieldType.Int => input.ReadInt(),
            FieldType.Long => input.ReadLong(),
            FieldType.Float => input.ReadFloat(),
            FieldType.Double => input.ReadDouble(),
            FieldType.String => input.ReadString(),
            FieldType.Decimal => input.ReadBoolean() ? null : JavaNumbers.ReadBigDecimal(input),
            FieldType.Time => input.ReadBoolean() ? null : JavaTimes.ReadTime(input),
            FieldType.Date => input.ReadBoolean() ? null : JavaTimes.ReadDate(input, JavaTimes.PortableYear),
            FieldType.Timestamp => input.ReadBoolean() ? null : JavaTimes.ReadTimestamp(input, JavaTimes.PortableYear),
            FieldType.TimestampWithTimezone => input.ReadBoolean() ? null : JavaTimes.ReadTimestampWithTimezone(input, JavaTimes.PortableYear),
            FieldType.ByteArray => input.ReadByteArray(),
            FieldType.BooleanArray => Array(1, static i => i.ReadBoolean()),
            FieldType.CharArray => Array(2, static i => i.ReadChar()),
            FieldType.ShortArray => Array(2, static i => i.ReadShort()),
            FieldType.IntArray => Array(4, static i => i.ReadInt()),
            FieldType.LongArray => Array(8, static i => i.ReadLong()),
            FieldType.FloatArray => Array(4, static i => i.ReadFloat()),
            FieldType.DoubleArray => Array(8, static i => i.ReadDouble()),
            FieldType.StringArray => Array(4, static i => i.ReadString()),
            FieldType.DecimalArray => ObjectArray(static i => JavaNumbers.ReadBigDecimal(i)),
            FieldType.TimeArray => ObjectArray(static i => JavaTimes.ReadTime(i)),
            FieldType.DateArray => ObjectArray(static i => JavaTimes.ReadDate(i, JavaTimes.PortableYear)),
            FieldType.TimestampArray => ObjectArray(static i => JavaTimes.ReadTimestamp(i, JavaTimes.PortableYear)),
            FieldType.TimestampWithTimezoneArray => ObjectArray(static i => JavaTimes.ReadTimestampWithTimezone(i, JavaTimes.PortableYear)),
            _ => throw Corrupt(field),
        };
    }

    private SerializationException Corrupt(FieldDefinition field)
        => new($"The field '{field.Name}' of a Portable object of class {_definition.FactoryId}/{_definition.ClassId} does not lie where its position table says: the bytes are corrupt or were written with another definition of version {_definition.Version}.");

    // The length; the minimum size of an item bounds it by what is left, so a hostile length allocates nothing large.
    private int Length(int itemSize)
    {
        var length = _input.ReadInt();
        if (length > _input.Remaining / itemSize)
            throw new SerializationException($"A Portable array of class {_definition.FactoryId}/{_definition.ClassId} declares {length} items but holds {_input.Remaining} bytes.");
        return length;
    }

    private T[]? Array<T>(int itemSize, Func<ObjectDataInput, T> read)
    {
        var length = Length(itemSize);
        if (length < 0) return null;
        var result = new T[length];
        for (var i = 0; i < length; i++) result[i] = read(_input);
        return result;
    }

    // Decimals and times: a length, a table of item positions, the items.
    private T[]? ObjectArray<T>(Func<ObjectDataInput, T> read)
    {
        var length = Length(4);
        if (length < 0) return null;
        var table = _input.Position;
        var result = new T[length];
        for (var i = 0; i < length; i++)
        {
            _input.Position = table + i * 4;
            _input.Position = Relative(_input.ReadInt());
            result[i] = read(_input);
        }
        return result;
    }

    private object? ReadNested()
    {
        var isNull = _input.ReadBoolean();
        var factoryId = _input.ReadInt();
        var classId = _input.ReadInt();
        return isNull ? null : _serializer.ReadObject(_input, factoryId, classId, _asRecord);
    }

    private object[]? ReadNestedArray()
    {
        var length = _input.ReadInt();
        var factoryId = _input.ReadInt();
        var classId = _input.ReadInt();
        if (length < 0) return null;
        if (length > _input.Remaining / 4)
            throw new SerializationException($"A Portable array of class {factoryId}/{classId} declares {length} items but holds {_input.Remaining} bytes.");
        var table = _input.Position;
        var result = new object[length];
        for (var i = 0; i < length; i++)
        {
            _input.Position = table + i * 4;
            _input.Position = Relative(_input.ReadInt());
            result[i] = _serializer.ReadObject(_input, factoryId, classId, _asRecord);
        }
        return result;
    }
}
