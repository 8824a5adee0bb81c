namespace Hazelcast.Serialization;

/// <summary>
/// A user type that serializes itself with Hazelcast's IdentifiedDataSerializable format (serializer type −2): a
/// factory id and a class id, then the fields it writes. Members that know the same factory can read it.
/// </summary>
public interface IIdentifiedDataSerializable
{
    /// <summary>The id of the factory that creates instances of this type.</summary>
    int FactoryId { get; }

    /// <summary>The id of this type within its factory.</summary>
    int ClassId { get; }

    /// <summary>Writes the fields.</summary>
    void WriteData(IObjectDataOutput output);

    /// <summary>Reads the fields, in the order <see cref="WriteData"/> wrote them.</summary>
    void ReadData(IObjectDataInput input);
}

/// <summary>Creates <see cref="IIdentifiedDataSerializable"/> instances of one factory id, by class id.</summary>
public interface IDataSerializableFactory
{
    /// <summary>A new, empty instance of the class, or null when the factory does not know it.</summary>
    IIdentifiedDataSerializable? Create(int classId);
}

/// <summary>A serializer for one .NET type, registered with a positive type id that the cluster's members share.</summary>
public interface IStreamSerializer<T>
{
    /// <summary>The serializer type id (positive, unique in the cluster).</summary>
    int TypeId { get; }

    /// <summary>Writes a value.</summary>
    void Write(IObjectDataOutput output, T value);

    /// <summary>Reads a value.</summary>
    T Read(IObjectDataInput input);
}

/// <summary>Writes the fields of a serialized object, big-endian, as Hazelcast's ObjectDataOutput does (PROTOCOL.md §6.3).</summary>
public interface IObjectDataOutput
{
    /// <summary>Writes a boolean (1 byte).</summary>
    void WriteBoolean(bool value);
    /// <summary>Writes a byte.</summary>
    void WriteByte(byte value);
    /// <summary>Writes a UTF-16 code unit (2 bytes).</summary>
    void WriteChar(char value);
    /// <summary>Writes a short.</summary>
    void WriteShort(short value);
    /// <summary>Writes an int.</summary>
    void WriteInt(int value);
    /// <summary>Writes a long.</summary>
    void WriteLong(long value);
    /// <summary>Writes a float (NaN as Java's canonical NaN).</summary>
    void WriteFloat(float value);
    /// <summary>Writes a double (NaN as Java's canonical NaN).</summary>
    void WriteDouble(double value);
    /// <summary>Writes a string: its UTF-8 byte count (−1 for null), then the bytes.</summary>
    void WriteString(string? value);
    /// <summary>Writes a byte array: its length (−1 for null), then the bytes.</summary>
    void WriteByteArray(byte[]? value);
    /// <summary>Writes any serializable object: its serializer type id, then its payload (0 and nothing for null).</summary>
    void WriteObject(object? value);
}

/// <summary>Reads the fields of a serialized object, in the order they were written.</summary>
public interface IObjectDataInput
{
    /// <summary>Reads a boolean.</summary>
    bool ReadBoolean();
    /// <summary>Reads a byte.</summary>
    byte ReadByte();
    /// <summary>Reads a UTF-16 code unit.</summary>
    char ReadChar();
    /// <summary>Reads a short.</summary>
    short ReadShort();
    /// <summary>Reads an int.</summary>
    int ReadInt();
    /// <summary>Reads a long.</summary>
    long ReadLong();
    /// <summary>Reads a float.</summary>
    float ReadFloat();
    /// <summary>Reads a double.</summary>
    double ReadDouble();
    /// <summary>Reads a string (null when written as null).</summary>
    string? ReadString();
    /// <summary>Reads a byte array (null when written as null).</summary>
    byte[]? ReadByteArray();
    /// <summary>Reads an object written with <see cref="IObjectDataOutput.WriteObject"/>.</summary>
    object? ReadObject();
}

/// <summary>User types the client can serialize: IdentifiedDataSerializable factories and custom serializers.</summary>
public sealed class SerializationOptions
{
    /// <summary>Factories of <see cref="IIdentifiedDataSerializable"/> types, by factory id.</summary>
    public IDictionary<int, IDataSerializableFactory> DataSerializableFactories { get; } = new Dictionary<int, IDataSerializableFactory>();

    /// <summary>Factories of <see cref="IPortable"/> types, by factory id (a factory id without one reads as generic records).</summary>
    public IDictionary<int, IPortableFactory> PortableFactories { get; } = new Dictionary<int, IPortableFactory>();

    /// <summary>The version of Portable classes that are not <see cref="IVersionedPortable"/> (0 by default; not negative).</summary>
    public int PortableVersion { get; set; }

    /// <summary>
    /// Portable class definitions known before any object is written: needed to write a null nested object or a null
    /// or empty array before a non-null one, and registered with the classes nested in them.
    /// </summary>
    public ICollection<ClassDefinition> ClassDefinitions { get; } = new List<ClassDefinition>();

    /// <summary>Compact serialization: explicit serializers (types without one are serialized by reflection).</summary>
    public Compact.CompactOptions Compact { get; } = new();

    internal Dictionary<Type, (int TypeId, Action<IObjectDataOutput, object> Write, Func<IObjectDataInput, object?> Read)> Serializers { get; } = [];

    /// <summary>Registers a serializer for <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Its type id is not positive.</exception>
    /// <exception cref="ArgumentException">Another serializer has the same type id or type.</exception>
    public SerializationOptions AddSerializer<T>(IStreamSerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        if (serializer.TypeId <= 0) throw new ArgumentOutOfRangeException(nameof(serializer), serializer.TypeId, "A custom serializer's type id must be positive (negative ids are Hazelcast's own).");
        if (Serializers.Values.Any(s => s.TypeId == serializer.TypeId) || Global?.TypeId == serializer.TypeId)
            throw new ArgumentException($"Another serializer already has type id {serializer.TypeId}.", nameof(serializer));
        if (!Serializers.TryAdd(typeof(T), (serializer.TypeId, (o, v) => serializer.Write(o, (T)v), i => serializer.Read(i))))
            throw new ArgumentException($"A serializer for {typeof(T).FullName} is already registered.", nameof(serializer));
        return this;
    }

    internal (int TypeId, Action<IObjectDataOutput, object> Write, Func<IObjectDataInput, object?> Read)? Global { get; private set; }

    /// <summary>
    /// Sets the serializer of the types nothing else handles (Hazelcast's global serializer): after the built-in types,
    /// the serializers registered by type, IdentifiedDataSerializable and explicit Compact serializers, and before
    /// zero-configuration Compact. Values of its type id are read with it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Its type id is not positive.</exception>
    /// <exception cref="ArgumentException">A serializer registered by type has the same type id.</exception>
    public SerializationOptions SetGlobalSerializer(IStreamSerializer<object> serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        if (serializer.TypeId <= 0) throw new ArgumentOutOfRangeException(nameof(serializer), serializer.TypeId, "The global serializer's type id must be positive (negative ids are Hazelcast's own).");
        if (Serializers.Values.Any(s => s.TypeId == serializer.TypeId)) throw new ArgumentException($"A serializer registered by type already has type id {serializer.TypeId}.", nameof(serializer));
        Global = (serializer.TypeId, serializer.Write, i => serializer.Read(i));
        return this;
    }

    internal SerializationOptions Clone()
    {
        var clone = new SerializationOptions { Global = Global, PortableVersion = PortableVersion };
        foreach (var (k, v) in DataSerializableFactories) clone.DataSerializableFactories[k] = v;
        foreach (var (k, v) in PortableFactories) clone.PortableFactories[k] = v;
        foreach (var definition in ClassDefinitions) clone.ClassDefinitions.Add(definition);
        foreach (var (k, v) in Serializers) clone.Serializers[k] = v;
        foreach (var (k, v) in Compact.Serializers) clone.Compact.Serializers[k] = v;
        return clone;
    }
}
