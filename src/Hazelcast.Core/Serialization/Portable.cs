namespace Hazelcast.Serialization;

/// <summary>
/// A type serialized with Hazelcast's Portable format (serializer type id −1): its fields are written by name, so that
/// members read them without the class (queries, indexes, SQL) and other versions of the class read what they know.
/// Register an <see cref="IPortableFactory"/> for its <see cref="FactoryId"/> in
/// <see cref="SerializationOptions.PortableFactories"/> to read it back.
/// </summary>
public interface IPortable
{
    /// <summary>The id of the factory that creates instances of this type.</summary>
    int FactoryId { get; }

    /// <summary>The id of this type within its factory (not 0).</summary>
    int ClassId { get; }

    /// <summary>Writes the fields, each once, always the same fields in the same order for one class version.</summary>
    void WritePortable(IPortableWriter writer);

    /// <summary>Reads the fields.</summary>
    void ReadPortable(IPortableReader reader);
}

/// <summary>A Portable type with a version of its own (otherwise <see cref="SerializationOptions.PortableVersion"/> applies).</summary>
public interface IVersionedPortable : IPortable
{
    /// <summary>The version of the class: a class that changes its fields changes its version.</summary>
    int ClassVersion { get; }
}

/// <summary>Creates Portable objects of one factory id, to be read into.</summary>
public interface IPortableFactory
{
    /// <summary>A new instance of the class, or <c>null</c> when the factory does not know it.</summary>
    IPortable? Create(int classId);
}

/// <summary>The type of a Portable field (Hazelcast's <c>FieldType</c> ids, written in the bytes).</summary>
public enum FieldType : byte
{
#pragma warning disable CS1591 // The names say what they are; ids are Hazelcast's.
    Portable = 0, Byte = 1, Boolean = 2, Char = 3, Short = 4, Int = 5, Long = 6, Float = 7, Double = 8, String = 9,
    PortableArray = 10, ByteArray = 11, BooleanArray = 12, CharArray = 13, ShortArray = 14, IntArray = 15, LongArray = 16,
    FloatArray = 17, DoubleArray = 18, StringArray = 19,
    Decimal = 20, DecimalArray = 21, Time = 22, TimeArray = 23, Date = 24, DateArray = 25, Timestamp = 26, TimestampArray = 27,
    TimestampWithTimezone = 28, TimestampWithTimezoneArray = 29,
#pragma warning restore CS1591
}

/// <summary>Writes the fields of an <see cref="IPortable"/>, by name.</summary>
/// <remarks>Field names should be ASCII: Hazelcast writes their length in UTF-16 units and other clients read them as Latin-1.</remarks>
public interface IPortableWriter
{
#pragma warning disable CS1591 // Each method writes one field of the type its name says.
    void WriteByte(string fieldName, byte value);
    void WriteBoolean(string fieldName, bool value);
    void WriteChar(string fieldName, char value);
    void WriteShort(string fieldName, short value);
    void WriteInt(string fieldName, int value);
    void WriteLong(string fieldName, long value);
    void WriteFloat(string fieldName, float value);
    void WriteDouble(string fieldName, double value);
    void WriteString(string fieldName, string? value);
    void WriteDecimal(string fieldName, decimal? value);
    void WriteTime(string fieldName, TimeOnly? value);
    void WriteDate(string fieldName, DateOnly? value);
    void WriteTimestamp(string fieldName, DateTime? value);
    void WriteTimestampWithTimezone(string fieldName, DateTimeOffset? value);
    void WriteByteArray(string fieldName, byte[]? value);
    void WriteBooleanArray(string fieldName, bool[]? value);
    void WriteCharArray(string fieldName, char[]? value);
    void WriteShortArray(string fieldName, short[]? value);
    void WriteIntArray(string fieldName, int[]? value);
    void WriteLongArray(string fieldName, long[]? value);
    void WriteFloatArray(string fieldName, float[]? value);
    void WriteDoubleArray(string fieldName, double[]? value);
    void WriteStringArray(string fieldName, string?[]? value);
    void WriteDecimalArray(string fieldName, decimal[]? value);
    void WriteTimeArray(string fieldName, TimeOnly[]? value);
    void WriteDateArray(string fieldName, DateOnly[]? value);
    void WriteTimestampArray(string fieldName, DateTime[]? value);
    void WriteTimestampWithTimezoneArray(string fieldName, DateTimeOffset[]? value);
#pragma warning restore CS1591

    /// <summary>Writes a nested Portable object; <c>null</c> needs the class known (written once before, or in <see cref="SerializationOptions.ClassDefinitions"/>).</summary>
    void WritePortable(string fieldName, IPortable? value);

    /// <summary>Writes a null nested Portable of that class (whose definition must be known).</summary>
    void WriteNullPortable(string fieldName, int factoryId, int classId);

    /// <summary>Writes an array of Portable objects of one class; null or empty needs the class known.</summary>
    void WritePortableArray(string fieldName, IPortable[]? value);

    /// <summary>
    /// Where unnamed data may follow the fields; after this call no field can be written. Members cannot query
    /// this data.
    /// </summary>
    IObjectDataOutput GetRawDataOutput();
}

/// <summary>Reads the fields of an <see cref="IPortable"/>, by name.</summary>
/// <remarks>
/// When the bytes were written by another version of the class, a field it lacks reads as the default value and a
/// number written narrower reads widened (an int field read as a long, say); other differences are errors.
/// </remarks>
public interface IPortableReader
{
    /// <summary>The class version the bytes were written with.</summary>
    int Version { get; }

    /// <summary>Whether the bytes have that field.</summary>
    bool HasField(string fieldName);

    /// <summary>The names of the fields, in the class definition's order.</summary>
    IReadOnlyCollection<string> GetFieldNames();

    /// <summary>A field's type.</summary>
    /// <exception cref="SerializationException">There is no such field.</exception>
    FieldType GetFieldType(string fieldName);

#pragma warning disable CS1591 // Each method reads one field of the type its name says.
    byte ReadByte(string fieldName);
    bool ReadBoolean(string fieldName);
    char ReadChar(string fieldName);
    short ReadShort(string fieldName);
    int ReadInt(string fieldName);
    long ReadLong(string fieldName);
    float ReadFloat(string fieldName);
    double ReadDouble(string fieldName);
    string? ReadString(string fieldName);
    decimal? ReadDecimal(string fieldName);
    TimeOnly? ReadTime(string fieldName);
    DateOnly? ReadDate(string fieldName);
    DateTime? ReadTimestamp(string fieldName);
    DateTimeOffset? ReadTimestampWithTimezone(string fieldName);
    byte[]? ReadByteArray(string fieldName);
    bool[]? ReadBooleanArray(string fieldName);
    char[]? ReadCharArray(string fieldName);
    short[]? ReadShortArray(string fieldName);
    int[]? ReadIntArray(string fieldName);
    long[]? ReadLongArray(string fieldName);
    float[]? ReadFloatArray(string fieldName);
    double[]? ReadDoubleArray(string fieldName);
    string?[]? ReadStringArray(string fieldName);
    decimal[]? ReadDecimalArray(string fieldName);
    TimeOnly[]? ReadTimeArray(string fieldName);
    DateOnly[]? ReadDateArray(string fieldName);
    DateTime[]? ReadTimestampArray(string fieldName);
    DateTimeOffset[]? ReadTimestampWithTimezoneArray(string fieldName);
#pragma warning restore CS1591

    /// <summary>Reads a nested Portable object (a generic record when no factory knows its class).</summary>
    /// <exception cref="SerializationException">The nested object is not a <typeparamref name="T"/>.</exception>
    T? ReadPortable<T>(string fieldName) where T : class;

    /// <summary>Reads an array of Portable objects (generic records when no factory knows their class).</summary>
    /// <exception cref="SerializationException">An item is not a <typeparamref name="T"/>.</exception>
    T[]? ReadPortableArray<T>(string fieldName) where T : class;

    /// <summary>The unnamed data written after the fields with <see cref="IPortableWriter.GetRawDataOutput"/>; after this call no field can be read.</summary>
    IObjectDataInput GetRawDataInput();
}
