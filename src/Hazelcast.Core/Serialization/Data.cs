using System.Buffers.Binary;

namespace Hazelcast.Serialization;

/// <summary>
/// A serialized object as it travels on the wire (PROTOCOL.md §6.1): a big-endian partition hash, a serializer
/// type id, then the payload. The default value is "no data" (a protocol null).
/// </summary>
internal readonly struct Data : IEquatable<Data>
{
    public const int HeaderSize = 8;

    public Data(ReadOnlyMemory<byte> bytes) => Bytes = bytes;

    public Data(byte[] bytes) => Bytes = bytes;

    /// <summary>Data this client serialized; <paramref name="carriesCompact"/>: it is, or nests, a Compact value.</summary>
    public Data(byte[] bytes, bool carriesCompact)
    {
        Bytes = bytes;
        CarriesCompact = carriesCompact;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>
    /// Whether this client serialized it with a Compact value in it (at its top or nested), so that the cluster must
    /// have the schemas before it is sent. False for data read from the network (its schemas came from the cluster).
    /// </summary>
    public bool CarriesCompact { get; }

    public bool IsNull => Bytes.IsEmpty;

    public int Length => Bytes.Length;

    /// <summary>The serializer type id (0 for a serialized null).</summary>
    public int TypeId => Bytes.Length < HeaderSize ? 0 : BinaryPrimitives.ReadInt32BigEndian(Bytes.Span[4..]);

    public ReadOnlySpan<byte> Payload => Bytes.Span[HeaderSize..];

    /// <summary>The hash that decides the partition: the explicit hash in the header, else MurmurHash3 of the payload.</summary>
    public int PartitionHash
    {
        get
        {
            var span = Bytes.Span;
            var explicitHash = BinaryPrimitives.ReadInt32BigEndian(span);
            return explicitHash != 0 ? explicitHash : MurmurHash3.Hash(span[HeaderSize..]);
        }
    }

    /// <summary>Equality of serialized bytes, ignoring the partition-hash field (as members compare keys).</summary>
    public bool Equals(Data other)
    {
        if (IsNull || other.IsNull) return IsNull && other.IsNull;
        return Bytes.Span[4..].SequenceEqual(other.Bytes.Span[4..]);
    }

    public override bool Equals(object? obj) => obj is Data other && Equals(other);

    public override int GetHashCode()
    {
        if (IsNull) return 0;
        var hash = new HashCode();
        hash.AddBytes(Bytes.Span[4..]);
        return hash.ToHashCode();
    }

    public byte[] ToArray() => Bytes.ToArray();

    public override string ToString() => IsNull ? "Data(null)" : $"Data(type={TypeId}, {Length} bytes)";
}
