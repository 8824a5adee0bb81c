namespace Hazelcast.Serialization;

/// <summary>
/// The IdentifiedDataSerializable types of Hazelcast itself that a client reads and writes: a reliable topic's
/// message (factory −9, class 2) and the address in it (factory 0, class 1), the built-in aggregators and a distinct
/// aggregation's result (factory −29), the built-in projections (factory −30), and a map entry as a member sends one
/// (the result of a MaxBy aggregation or an identity projection: factory −10, class 120), as Hazelcast writes them.
/// </summary>
internal static class BuiltInIdentified
{
    public const int ReliableTopicFactoryId = -9;
    public const int ReliableTopicMessageClassId = 2;
    public const int ClusterDataFactoryId = 0;
    public const int AddressClassId = 1;
    public const int MapFactoryId = -10;
    public const int MapEntryClassId = 120;

    /// <summary>A new instance of a built-in type, or null when the ids are not Hazelcast's own.</summary>
    public static IIdentifiedDataSerializable? Create(int factoryId, int classId) => (factoryId, classId) switch
    {
        (ReliableTopicFactoryId, ReliableTopicMessageClassId) => new ReliableTopicMessage(),
        (ClusterDataFactoryId, AddressClassId) => new AddressData(),
        (MapFactoryId, MapEntryClassId) => new MapEntryData(),
        (ProjectionData.FactoryIdValue, var projection) => new ProjectionData(projection),
        (AggregatorData.FactoryIdValue, CanonicalizingSet.ClassIdValue) => new CanonicalizingSet(),
        (AggregatorData.FactoryIdValue, var aggregator) => new AggregatorData(aggregator),
        _ => null,
    };
}

/// <summary>
/// A message of a reliable topic, as stored in its ringbuffer: when it was published, by whom (an address, or null
/// as this client writes it), and the payload, kept serialized (a Data written as a byte array).
/// </summary>
internal sealed class ReliableTopicMessage : IIdentifiedDataSerializable
{
    public long PublishTime { get; set; }

    public object? PublisherAddress { get; set; }

    public byte[]? Payload { get; set; }

    public int FactoryId => BuiltInIdentified.ReliableTopicFactoryId;

    public int ClassId => BuiltInIdentified.ReliableTopicMessageClassId;

    public void WriteData(IObjectDataOutput output)
    {
        output.WriteLong(PublishTime);
        output.WriteObject(PublisherAddress);
        output.WriteByteArray(Payload);
    }

    public void ReadData(IObjectDataInput input)
    {
        PublishTime = input.ReadLong();
        PublisherAddress = input.ReadObject();
        Payload = input.ReadByteArray();
    }
}

/// <summary>A member or client address (Hazelcast's Address): port, IP version, host.</summary>
internal sealed class AddressData : IIdentifiedDataSerializable
{
    public int Port { get; set; }

    public byte Type { get; set; }

    public string? Host { get; set; }

    public int FactoryId => BuiltInIdentified.ClusterDataFactoryId;

    public int ClassId => BuiltInIdentified.AddressClassId;

    public void WriteData(IObjectDataOutput output)
    {
        output.WriteInt(Port);
        output.WriteByte(Type);
        output.WriteString(Host);
    }

    public void ReadData(IObjectDataInput input)
    {
        Port = input.ReadInt();
        Type = input.ReadByte();
        Host = input.ReadString();
    }

    public override string ToString() => $"{Host}:{Port}";
}

/// <summary>
/// A map entry as a member serializes one (Java's CachedQueryEntry, written as a LazyMapEntry: factory −10, class
/// 120): the key, then the value, each as an object.
/// </summary>
internal sealed class MapEntryData : IIdentifiedDataSerializable
{
    public object? Key { get; set; }

    public object? Value { get; set; }

    public int FactoryId => BuiltInIdentified.MapFactoryId;

    public int ClassId => BuiltInIdentified.MapEntryClassId;

    /// <summary>The entry, typed (a MaxBy aggregation's or an identity projection's result).</summary>
    public KeyValuePair<TKey, TValue> ToPair<TKey, TValue>() => new((TKey)Key!, (TValue)Value!);

    public void WriteData(IObjectDataOutput output)
    {
        output.WriteObject(Key);
        output.WriteObject(Value);
    }

    public void ReadData(IObjectDataInput input)
    {
        Key = input.ReadObject();
        Value = input.ReadObject();
    }
}

/// <summary>
/// A built-in projection on the wire (factory −30): single attribute (class 0: its path), multi attribute (class 1:
/// its paths, a string array), identity (class 2: nothing).
/// </summary>
internal sealed class ProjectionData(int classId) : IIdentifiedDataSerializable
{
    public const int FactoryIdValue = -30;
    public const int SingleAttribute = 0, MultiAttribute = 1, Identity = 2;

    public string[] Attributes { get; set; } = [];

    public int FactoryId => FactoryIdValue;

    public int ClassId => classId;

    public void WriteData(IObjectDataOutput output)
    {
        switch (classId)
        {
            case SingleAttribute: output.WriteString(Attributes[0]); break;
            case MultiAttribute:
                output.WriteInt(Attributes.Length);
                foreach (var attribute in Attributes) output.WriteString(attribute);
                break;
            case Identity: break;
            default: throw new SerializationException($"Unknown projection class id {classId}.");
        }
    }

    public void ReadData(IObjectDataInput input)
    {
        switch (classId)
        {
            case SingleAttribute: Attributes = [input.ReadString() ?? throw new SerializationException("A single-attribute projection has no attribute path.")]; break;
            case MultiAttribute:
                var count = input.ReadInt();
                if (count < 0) throw new SerializationException($"A multi-attribute projection declares {count} attribute paths.");
                var attributes = new List<string>(); // not sized from the count: each path read is bounds-checked, the count is not
                for (var i = 0; i < count; i++) attributes.Add(input.ReadString() ?? throw new SerializationException("A multi-attribute projection has a null attribute path."));
                Attributes = [.. attributes];
                break;
            case Identity: break;
            default: throw new SerializationException($"Unknown projection class id {classId}: not one of Hazelcast's built-in projections.");
        }
    }
}
