namespace Hazelcast.Serialization;

/// <summary>
/// The IdentifiedDataSerializable types of Hazelcast itself that a client reads and writes: a reliable topic's
/// message (factory −9, class 2) and the address in it (factory 0, class 1), the built-in aggregators and a distinct
/// aggregation's result (factory −29), as Hazelcast writes them.
/// </summary>
internal static class BuiltInIdentified
{
    public const int ReliableTopicFactoryId = -9;
    public const int ReliableTopicMessageClassId = 2;
    public const int ClusterDataFactoryId = 0;
    public const int AddressClassId = 1;

    /// <summary>A new instance of a built-in type, or null when the ids are not Hazelcast's own.</summary>
    public static IIdentifiedDataSerializable? Create(int factoryId, int classId) => (factoryId, classId) switch
    {
        (ReliableTopicFactoryId, ReliableTopicMessageClassId) => new ReliableTopicMessage(),
        (ClusterDataFactoryId, AddressClassId) => new AddressData(),
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
