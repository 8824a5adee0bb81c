using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Hazelcast.Protocol;

namespace Hazelcast.Serialization;

/// <summary>
/// Turns keys and values into <see cref="Data"/> and back with Hazelcast's built-in serializers
/// (PROTOCOL.md §6): every payload is big-endian, strings are standard UTF-8 with a byte-count prefix.
/// </summary>
internal sealed class SerializationService
{
    private static readonly byte[] NullData = new byte[Data.HeaderSize];

    /// <summary>Serializes a value; <c>null</c> becomes the serialized null (type id 0).</summary>
    public Data ToData<T>(T value)
    {
        // typeof(T) checks are resolved by the JIT per instantiation: no boxing for the common key and value types.
        if (typeof(T) == typeof(string)) return value is null ? new Data(NullData) : WriteString((string)(object)value);
        if (typeof(T) == typeof(byte[])) return value is null ? new Data(NullData) : WriteBytes(SerializationConstants.ByteArray, (byte[])(object)value);
        if (typeof(T) == typeof(int)) return WriteInt((int)(object)value!);
        if (typeof(T) == typeof(long)) return WriteLong((long)(object)value!);
        if (typeof(T) == typeof(Guid)) return WriteGuid((Guid)(object)value!);
        return ToDataSlow(value);
    }

    private static Data ToDataSlow(object? value)
    {
        switch (value)
        {
            case null: return new Data(NullData);
            case string s: return WriteString(s);
            case byte[] bytes: return WriteBytes(SerializationConstants.ByteArray, bytes);
            case int i: return WriteInt(i);
            case long l: return WriteLong(l);
            case Guid g: return WriteGuid(g);
            case bool b: return Fixed(SerializationConstants.Boolean, 1, s => s[0] = b ? (byte)1 : (byte)0);
            case byte b: return Fixed(SerializationConstants.Byte, 1, s => s[0] = b);
            case char c: return Fixed(SerializationConstants.Char, 2, s => BinaryPrimitives.WriteUInt16BigEndian(s, c));
            case short sh: return Fixed(SerializationConstants.Short, 2, s => BinaryPrimitives.WriteInt16BigEndian(s, sh));
            case float f: return Fixed(SerializationConstants.Float, 4, s => WriteFloat(s, f));
            case double d: return Fixed(SerializationConstants.Double, 8, s => WriteDouble(s, d));
            case HazelcastJsonValue json: return WriteString(json.Value, SerializationConstants.Json);
            case bool[] a: return WriteArray(SerializationConstants.BooleanArray, a.Length, 1, (s, i) => s[0] = a[i] ? (byte)1 : (byte)0);
            case char[] a: return WriteArray(SerializationConstants.CharArray, a.Length, 2, (s, i) => BinaryPrimitives.WriteUInt16BigEndian(s, a[i]));
            case short[] a: return WriteArray(SerializationConstants.ShortArray, a.Length, 2, (s, i) => BinaryPrimitives.WriteInt16BigEndian(s, a[i]));
            case int[] a: return WriteArray(SerializationConstants.IntArray, a.Length, 4, (s, i) => BinaryPrimitives.WriteInt32BigEndian(s, a[i]));
            case long[] a: return WriteArray(SerializationConstants.LongArray, a.Length, 8, (s, i) => BinaryPrimitives.WriteInt64BigEndian(s, a[i]));
            case float[] a: return WriteArray(SerializationConstants.FloatArray, a.Length, 4, (s, i) => WriteFloat(s, a[i]));
            case double[] a: return WriteArray(SerializationConstants.DoubleArray, a.Length, 8, (s, i) => WriteDouble(s, a[i]));
            case string[] a: return WriteStringArray(a);
            default:
                throw new SerializationException($"Cannot serialize a value of type '{value.GetType().FullName}': it is not one of the built-in types (primitives, string, byte[], Guid, HazelcastJsonValue, arrays of primitives or strings).");
        }
    }

    /// <summary>Deserializes <paramref name="data"/>; the protocol null and the serialized null both give <c>default</c>.</summary>
    public T? ToObject<T>(in Data data)
    {
        if (data.IsNull || data.TypeId == SerializationConstants.Null) return default;
        if (typeof(T) == typeof(string) && data.TypeId == SerializationConstants.String) return (T)(object)ReadString(data.Payload, data);
        if (typeof(T) == typeof(byte[]) && data.TypeId == SerializationConstants.ByteArray) return (T)(object)ReadBytes(data.Payload, data);
        var value = ToObject(data);
        if (value is T typed) return typed;
        throw new SerializationException($"The value is a {value!.GetType().FullName} (serializer type id {data.TypeId}), which cannot be returned as a {typeof(T).FullName}.");
    }

    public object? ToObject(in Data data)
    {
        if (data.IsNull) return null;
        var p = data.Payload;
        try
        {
            return data.TypeId switch
            {
                SerializationConstants.Null => null,
                SerializationConstants.String => ReadString(p, data),
                SerializationConstants.ByteArray => ReadBytes(p, data),
                SerializationConstants.Int => BinaryPrimitives.ReadInt32BigEndian(p),
                SerializationConstants.Long => BinaryPrimitives.ReadInt64BigEndian(p),
                SerializationConstants.Boolean => p[0] != 0,
                SerializationConstants.Byte => p[0],
                SerializationConstants.Char => (char)BinaryPrimitives.ReadUInt16BigEndian(p),
                SerializationConstants.Short => BinaryPrimitives.ReadInt16BigEndian(p),
                SerializationConstants.Float => BinaryPrimitives.ReadSingleBigEndian(p),
                SerializationConstants.Double => BinaryPrimitives.ReadDoubleBigEndian(p),
                SerializationConstants.Uuid => UuidConverter.ToGuid(BinaryPrimitives.ReadInt64BigEndian(p), BinaryPrimitives.ReadInt64BigEndian(p[8..])),
                SerializationConstants.Json => new HazelcastJsonValue(ReadString(p, data)),
                SerializationConstants.BooleanArray => ReadArray(p, 1, s => s[0] != 0),
                SerializationConstants.CharArray => ReadArray(p, 2, s => (char)BinaryPrimitives.ReadUInt16BigEndian(s)),
                SerializationConstants.ShortArray => ReadArray(p, 2, s => BinaryPrimitives.ReadInt16BigEndian(s)),
                SerializationConstants.IntArray => ReadArray(p, 4, s => BinaryPrimitives.ReadInt32BigEndian(s)),
                SerializationConstants.LongArray => ReadArray(p, 8, s => BinaryPrimitives.ReadInt64BigEndian(s)),
                SerializationConstants.FloatArray => ReadArray(p, 4, s => BinaryPrimitives.ReadSingleBigEndian(s)),
                SerializationConstants.DoubleArray => ReadArray(p, 8, s => BinaryPrimitives.ReadDoubleBigEndian(s)),
                SerializationConstants.StringArray => ReadStringArray(p, data),
                _ => throw new SerializationException($"Cannot deserialize serializer type id {data.TypeId}: no serializer is registered for it in this client."),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new SerializationException($"The serialized value (type id {data.TypeId}, {data.Length} bytes) is truncated.", e);
        }
        catch (IndexOutOfRangeException e)
        {
            throw new SerializationException($"The serialized value (type id {data.TypeId}, {data.Length} bytes) is truncated.", e);
        }
    }

    // Java writes doubles and floats through doubleToLongBits/floatToIntBits, which turn every NaN into the
    // canonical one; .NET's double.NaN has the sign bit set. Writing Java's bits keeps equal keys equal across clients.
    private static void WriteDouble(Span<byte> span, double value)
        => BinaryPrimitives.WriteInt64BigEndian(span, double.IsNaN(value) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(value));

    private static void WriteFloat(Span<byte> span, float value)
        => BinaryPrimitives.WriteInt32BigEndian(span, float.IsNaN(value) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(value));

    private static byte[] Header(int typeId, int payloadLength)
    {
        var bytes = new byte[Data.HeaderSize + payloadLength];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), typeId);
        return bytes;
    }

    private static Data WriteString(string value, int typeId = SerializationConstants.String)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        var bytes = Header(typeId, 4 + count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(Data.HeaderSize), count);
        Encoding.UTF8.GetBytes(value, bytes.AsSpan(Data.HeaderSize + 4));
        return new Data(bytes);
    }

    private static Data WriteBytes(int typeId, byte[] value)
    {
        var bytes = Header(typeId, 4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(Data.HeaderSize), value.Length);
        value.CopyTo(bytes.AsSpan(Data.HeaderSize + 4));
        return new Data(bytes);
    }

    /// <summary>Serializes bytes held in a sequence as a <c>byte[]</c> value (type −12), copying them once.</summary>
    public static Data ToByteArrayData(in ReadOnlySequence<byte> value)
    {
        if (value.Length > int.MaxValue - Data.HeaderSize - 4) throw new ArgumentOutOfRangeException(nameof(value), value.Length, "A value cannot exceed 2 GiB.");
        var length = (int)value.Length;
        var bytes = Header(SerializationConstants.ByteArray, 4 + length);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(Data.HeaderSize), length);
        value.CopyTo(bytes.AsSpan(Data.HeaderSize + 4));
        return new Data(bytes);
    }

    private static Data WriteInt(int value)
    {
        var bytes = Header(SerializationConstants.Int, 4);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(Data.HeaderSize), value);
        return new Data(bytes);
    }

    private static Data WriteLong(long value)
    {
        var bytes = Header(SerializationConstants.Long, 8);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Data.HeaderSize), value);
        return new Data(bytes);
    }

    private static Data WriteGuid(Guid value)
    {
        var bytes = Header(SerializationConstants.Uuid, 16);
        UuidConverter.ToLongs(value, out var msb, out var lsb);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Data.HeaderSize), msb);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Data.HeaderSize + 8), lsb);
        return new Data(bytes);
    }

    private delegate void SpanWriter(Span<byte> span);

    private static Data Fixed(int typeId, int size, SpanWriter write)
    {
        var bytes = Header(typeId, size);
        write(bytes.AsSpan(Data.HeaderSize));
        return new Data(bytes);
    }

    private delegate void ItemWriter(Span<byte> span, int index);

    private static Data WriteArray(int typeId, int length, int itemSize, ItemWriter write)
    {
        var bytes = Header(typeId, 4 + length * itemSize);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(Data.HeaderSize), length);
        for (var i = 0; i < length; i++) write(bytes.AsSpan(Data.HeaderSize + 4 + i * itemSize), i);
        return new Data(bytes);
    }

    private static Data WriteStringArray(string[] values)
    {
        var size = 4;
        foreach (var s in values) size += 4 + (s is null ? 0 : Encoding.UTF8.GetByteCount(s));
        var bytes = Header(SerializationConstants.StringArray, size);
        var span = bytes.AsSpan(Data.HeaderSize);
        BinaryPrimitives.WriteInt32BigEndian(span, values.Length);
        var offset = 4;
        foreach (var s in values)
        {
            if (s is null)
            {
                BinaryPrimitives.WriteInt32BigEndian(span[offset..], -1);
                offset += 4;
                continue;
            }
            var count = Encoding.UTF8.GetBytes(s, span[(offset + 4)..]);
            BinaryPrimitives.WriteInt32BigEndian(span[offset..], count);
            offset += 4 + count;
        }
        return new Data(bytes);
    }

    private static string ReadString(ReadOnlySpan<byte> payload, in Data data)
    {
        var count = BinaryPrimitives.ReadInt32BigEndian(payload);
        if (count < 0 || count > payload.Length - 4)
            throw new SerializationException($"A serialized string (type id {data.TypeId}) declares {count} bytes but holds {payload.Length - 4}.");
        return Encoding.UTF8.GetString(payload.Slice(4, count));
    }

    private static byte[] ReadBytes(ReadOnlySpan<byte> payload, in Data data)
    {
        var count = BinaryPrimitives.ReadInt32BigEndian(payload);
        if (count < 0 || count > payload.Length - 4)
            throw new SerializationException($"A serialized byte array declares {count} bytes but holds {payload.Length - 4}.");
        return payload.Slice(4, count).ToArray();
    }

    private delegate TItem ItemReader<TItem>(ReadOnlySpan<byte> span);

    private static TItem[] ReadArray<TItem>(ReadOnlySpan<byte> payload, int itemSize, ItemReader<TItem> read)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(payload);
        if (length < 0 || (long)length * itemSize > payload.Length - 4)
            throw new SerializationException($"A serialized {typeof(TItem).Name}[] declares {length} items but holds {payload.Length - 4} bytes.");
        var result = new TItem[length];
        for (var i = 0; i < length; i++) result[i] = read(payload[(4 + i * itemSize)..]);
        return result;
    }

    private static string?[] ReadStringArray(ReadOnlySpan<byte> payload, in Data data)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(payload);
        if (length < 0 || length > (payload.Length - 4) / 4)
            throw new SerializationException($"A serialized string[] declares {length} items but holds {payload.Length - 4} bytes.");
        var result = new string?[length];
        var offset = 4;
        for (var i = 0; i < length; i++)
        {
            var count = BinaryPrimitives.ReadInt32BigEndian(payload[offset..]);
            offset += 4;
            if (count < 0) continue;
            if (count > payload.Length - offset)
                throw new SerializationException($"Item {i} of a serialized string[] (type id {data.TypeId}) is truncated.");
            result[i] = Encoding.UTF8.GetString(payload.Slice(offset, count));
            offset += count;
        }
        return result;
    }
}
