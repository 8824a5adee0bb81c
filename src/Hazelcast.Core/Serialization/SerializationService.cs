using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Hazelcast.Protocol;
using Hazelcast.Serialization.Compact;
using Hazelcast.Serialization.Portable;

namespace Hazelcast.Serialization;

/// <summary>
/// Turns keys and values into <see cref="Data"/> and back with Hazelcast's built-in serializers
/// (PROTOCOL.md §6): every payload is big-endian, strings are standard UTF-8 with a byte-count prefix.
/// </summary>
internal sealed class SerializationService
{
    private static readonly byte[] NullData = new byte[Data.HeaderSize];
    private readonly SerializationOptions _options;

    /// <param name="options">User types.</param>
    public SerializationService(SerializationOptions? options = null)
    {
        _options = options ?? new SerializationOptions();
        Compact = new CompactSerializer(_options.Compact);
        Portable = new PortableSerializer(this, _options);
    }

    /// <summary>The Portable serializer and the class definitions it knows.</summary>
    public PortableSerializer Portable { get; }

    /// <summary>The Compact serializer and the schemas it knows.</summary>
    public CompactSerializer Compact { get; }

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

    private const int ScratchMinSize = 1024;
    private const int ScratchMaxSize = 256 * 1024; // a thread keeps its scratch buffer: bounded so that it stays small

    [ThreadStatic] private static byte[]? t_scratch;

    /// <summary>
    /// Serializes a value that is copied into a request at once, before this thread serializes anything else: a byte
    /// array or string of 1 KiB to 256 KiB goes into this thread's scratch buffer instead of an array of its own (the
    /// request copies it anyway, so large writes allocate one buffer, not two). Anything else is <see cref="ToData{T}"/>.
    /// </summary>
    public Data ToTransientData<T>(T value)
    {
        if (typeof(T) == typeof(byte[]) && value is not null)
        {
            var bytes = (byte[])(object)value;
            if (!FitsScratch(bytes.Length)) return ToData(value);
            bytes.CopyTo(ScratchPayload(bytes.Length));
            return ScratchData(SerializationConstants.ByteArray, bytes.Length);
        }
        if (typeof(T) == typeof(string) && value is not null)
        {
            var text = (string)(object)value;
            var max = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (!FitsScratch(max)) return ToData(value);
            return ScratchData(SerializationConstants.String, Encoding.UTF8.GetBytes(text, ScratchPayload(max)));
        }
        return ToData(value);
    }

    /// <summary>As <see cref="ToByteArrayData"/>, into this thread's scratch buffer (see <see cref="ToTransientData{T}"/>).</summary>
    public static Data ToTransientByteArrayData(in ReadOnlySequence<byte> value)
    {
        if (!FitsScratch(value.Length)) return ToByteArrayData(value);
        var length = (int)value.Length;
        value.CopyTo(ScratchPayload(length));
        return ScratchData(SerializationConstants.ByteArray, length);
    }

    private static bool FitsScratch(long payloadLength) => payloadLength is >= ScratchMinSize and <= ScratchMaxSize;

    /// <summary>Where the payload (after the header and the length) goes in this thread's scratch buffer.</summary>
    private static Span<byte> ScratchPayload(int capacity)
    {
        var size = Data.HeaderSize + 4 + capacity;
        if (t_scratch is not { } scratch || scratch.Length < size) t_scratch = GC.AllocateUninitializedArray<byte>(Math.Max(size, 64 * 1024));
        return t_scratch.AsSpan(Data.HeaderSize + 4, capacity);
    }

    private static Data ScratchData(int typeId, int count)
    {
        var scratch = t_scratch!;
        WriteHeader(scratch, typeId);
        BinaryPrimitives.WriteInt32BigEndian(scratch.AsSpan(Data.HeaderSize), count);
        return new Data(scratch.AsMemory(0, Data.HeaderSize + 4 + count));
    }

    private Data ToDataSlow(object? value)
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
            case System.Numerics.BigInteger n: return WriteCustom(SerializationConstants.BigInteger, static (o, v) => JavaNumbers.WriteBigInteger(o, (System.Numerics.BigInteger)v), n);
            case decimal m: return WriteCustom(SerializationConstants.BigDecimal, static (o, v) => JavaNumbers.WriteBigDecimal(o, (decimal)v), m);
            case DateTime t: return WriteCustom(SerializationConstants.LocalDateTime, static (o, v) => JavaTimes.WriteTimestamp(o, (DateTime)v), t);
            case DateTimeOffset t: return WriteCustom(SerializationConstants.OffsetDateTime, static (o, v) => JavaTimes.WriteTimestampWithTimezone(o, (DateTimeOffset)v), t);
            case DateOnly d: return WriteCustom(SerializationConstants.LocalDate, static (o, v) => JavaTimes.WriteDate(o, (DateOnly)v), d);
            case TimeOnly t: return WriteCustom(SerializationConstants.LocalTime, static (o, v) => JavaTimes.WriteTime(o, (TimeOnly)v), t);
            // Only object[] itself: a Person[] is an object[] too, by array covariance, and is not Java's Object[].
            case object?[] a when a.GetType() == typeof(object[]): return WriteCustom(SerializationConstants.ObjectArray, static (o, v) => WriteObjectArray(o, (object?[])v), a);
            case IIdentifiedDataSerializable ids: return WriteIdentified(ids);
            case CompactRecord record: return WriteCustom(SerializationConstants.Compact, (o, v) => Compact.WriteRecord((ObjectDataOutput)o, (CompactRecord)v), record);
            case IPortable or PortableRecord: return WriteCustom(SerializationConstants.Portable, Portable.Write, value);
            default:
                var type = value.GetType();
                if (_options.Serializers.TryGetValue(type, out var custom)) return WriteCustom(custom.TypeId, custom.Write, value);
                // Before Compact, which would otherwise take a List<T> for a class with public properties.
                if (JavaCollections.TypeIdOf(type) is not 0 and var collection) return WriteCustom(collection, (o, v) => JavaCollections.Write(o, collection, v), value);
                if (_options.Global is { } global && !Compact.HasExplicitSerializer(type)) return WriteCustom(global.TypeId, global.Write, value);
                if (Compact.TryGetRegistration(type, out var compact)) return WriteCustom(SerializationConstants.Compact, (o, v) => Compact.Write((ObjectDataOutput)o, v, compact), value);
                throw new SerializationException($"Cannot serialize a value of type '{type.FullName}': it is not one of the built-in types (primitives, string, byte[], Guid, decimal, BigInteger, DateTime, DateTimeOffset, DateOnly, TimeOnly, HazelcastJsonValue, arrays of primitives or strings, object[], List<T>, LinkedList<T>, HashSet<T>, Dictionary<TKey, TValue>, KeyValuePair<TKey, TValue>), not an IIdentifiedDataSerializable or IPortable, no serializer is registered for it (HazelcastOptions.Serialization.AddSerializer), and it cannot be serialized as Compact: {Compact.WhyNot(type)}.");
        }
    }

    /// <summary>Deserializes <paramref name="data"/>; the protocol null and the serialized null both give <c>default</c>.</summary>
    public T? ToObject<T>(in Data data)
    {
        if (data.IsNull || data.TypeId == SerializationConstants.Null) return default;
        // The hot types are read straight from the payload, without an input object.
        if (typeof(T) == typeof(byte[]) && data.TypeId == SerializationConstants.ByteArray) return (T)(object)ReadByteArray(data);
        if (typeof(T) == typeof(string) && data.TypeId == SerializationConstants.String) return (T)(object)ReadUtf8(data);
        var value = ToObject(data, typeof(T));
        if (value is T typed) return typed;
        // A collection is read with the items it was written with: List<object> becomes the List<string> asked for.
        if (value is not null && JavaCollections.TryConvert(value, typeof(T), out var converted)) return (T)converted;
        throw new SerializationException($"The value is a {value!.GetType().FullName} (serializer type id {data.TypeId}), which cannot be returned as a {typeof(T).FullName}.");
    }

    /// <summary>Deserializes <paramref name="data"/>.</summary>
    /// <param name="data">The serialized value.</param>
    /// <param name="hint">The type the caller expects: Compact values of a type not seen before are read into it.</param>
    /// <exception cref="MissingCompactSchemaException">A Compact value's schema is not known yet: fetch it, then read again.</exception>
    public object? ToObject(in Data data, Type? hint = null)
    {
        if (data.IsNull) return null;
        if (data.Length < Data.HeaderSize) throw new SerializationException($"A serialized value holds {data.Length} bytes; it needs at least {Data.HeaderSize}.");
        return Read(data.TypeId, new ObjectDataInput(this, data.Bytes[Data.HeaderSize..]), hint);
    }

    /// <summary>Reads the payload of serializer <paramref name="typeId"/> from <paramref name="input"/> (a top-level value or a nested object).</summary>
    internal object? Read(int typeId, ObjectDataInput input, Type? hint = null)
    {
        switch (typeId)
        {
            case SerializationConstants.Compact: return Compact.Read(input, hint);
            case SerializationConstants.Portable: return Portable.Read(input, hint);
            case SerializationConstants.Null: return null;
            case SerializationConstants.String: return input.ReadString();
            case SerializationConstants.ByteArray: return input.ReadByteArray();
            case SerializationConstants.Int: return input.ReadInt();
            case SerializationConstants.Long: return input.ReadLong();
            case SerializationConstants.Boolean: return input.ReadBoolean();
            case SerializationConstants.Byte: return input.ReadByte();
            case SerializationConstants.Char: return input.ReadChar();
            case SerializationConstants.Short: return input.ReadShort();
            case SerializationConstants.Float: return input.ReadFloat();
            case SerializationConstants.Double: return input.ReadDouble();
            case SerializationConstants.Uuid: return UuidConverter.ToGuid(input.ReadLong(), input.ReadLong());
            case SerializationConstants.Json: return new HazelcastJsonValue(input.ReadString() ?? throw new SerializationException("A serialized JSON value is null."));
            case SerializationConstants.BooleanArray: return ReadArray(input, i => i.ReadBoolean());
            case SerializationConstants.CharArray: return ReadArray(input, i => i.ReadChar());
            case SerializationConstants.ShortArray: return ReadArray(input, i => i.ReadShort());
            case SerializationConstants.IntArray: return ReadArray(input, i => i.ReadInt());
            case SerializationConstants.LongArray: return ReadArray(input, i => i.ReadLong());
            case SerializationConstants.FloatArray: return ReadArray(input, i => i.ReadFloat());
            case SerializationConstants.DoubleArray: return ReadArray(input, i => i.ReadDouble());
            case SerializationConstants.StringArray: return ReadArray(input, i => i.ReadString());
            case SerializationConstants.BigInteger: return JavaNumbers.ReadBigInteger(input);
            case SerializationConstants.BigDecimal: return JavaNumbers.ReadBigDecimal(input);
            case SerializationConstants.ObjectArray: return ReadArray(input, i => i.ReadObject());
            case SerializationConstants.JavaDate: return JavaTimes.ReadJavaDate(input);
            case SerializationConstants.LocalDate: return JavaTimes.ReadDate(input);
            case SerializationConstants.LocalTime: return JavaTimes.ReadTime(input);
            case SerializationConstants.LocalDateTime: return JavaTimes.ReadTimestamp(input);
            case SerializationConstants.OffsetDateTime: return JavaTimes.ReadTimestampWithTimezone(input);
            case SerializationConstants.ArrayList or SerializationConstants.LinkedList or SerializationConstants.HashMap or SerializationConstants.HashSet
                or SerializationConstants.SimpleEntry or SerializationConstants.SimpleImmutableEntry:
                return JavaCollections.Read(input, typeId);
            case SerializationConstants.IdentifiedDataSerializable: return ReadIdentified(input);
            default:
                foreach (var (type, custom) in _options.Serializers)
                    if (custom.TypeId == typeId) return custom.Read(input);
                if (_options.Global is { } global && global.TypeId == typeId) return global.Read(input);
                throw new SerializationException($"Cannot deserialize serializer type id {typeId}: no serializer is registered for it in this client.");
        }
    }

    private static void WriteObjectArray(IObjectDataOutput output, object?[] values)
    {
        output.WriteInt(values.Length);
        foreach (var value in values) output.WriteObject(value);
    }

    private static TItem[] ReadArray<TItem>(ObjectDataInput input, Func<ObjectDataInput, TItem> read)
    {
        var length = input.ReadInt();
        if (length < 0) throw new SerializationException("A serialized array has a negative length.");
        if (length > input.Remaining) throw new SerializationException($"A serialized {typeof(TItem).Name}[] declares {length} items but holds {input.Remaining} bytes.");
        var result = new TItem[length];
        for (var i = 0; i < length; i++) result[i] = read(input);
        return result;
    }

    private IIdentifiedDataSerializable ReadIdentified(ObjectDataInput input)
    {
        var header = input.ReadByte();
        if ((header & 1) == 0) throw new SerializationException("A DataSerializable value that is not IdentifiedDataSerializable (plain Java serialization) cannot be read by .NET.");
        var factoryId = input.ReadInt();
        var classId = input.ReadInt();
        if ((header & 2) != 0)
        {
            input.ReadByte();
            input.ReadByte();
        }
        IIdentifiedDataSerializable value;
        if (_options.DataSerializableFactories.TryGetValue(factoryId, out var factory))
            value = factory.Create(classId) ?? throw new SerializationException($"The factory {factoryId} does not know class id {classId}.");
        else
            value = BuiltInIdentified.Create(factoryId, classId)
                ?? throw new SerializationException($"No IDataSerializableFactory is registered for factory id {factoryId} (class id {classId}).");
        value.ReadData(input);
        return value;
    }

    private Data WriteIdentified(IIdentifiedDataSerializable value)
    {
        var output = new ObjectDataOutput(this);
        output.WriteInt(0);
        output.WriteInt(SerializationConstants.IdentifiedDataSerializable);
        output.WriteByte(1); // identified, not versioned: what clients write
        output.WriteInt(value.FactoryId);
        output.WriteInt(value.ClassId);
        value.WriteData(output);
        // A value that nests a Compact one (a predicate comparing with a Compact object, say) is marked, so that only
        // requests that carry Compact values wait for schemas.
        return new Data(output.Written.ToArray(), carriesCompact: output.CarriesCompact);
    }

    private Data WriteCustom(int typeId, Action<IObjectDataOutput, object> write, object value)
    {
        var output = new ObjectDataOutput(this);
        output.WriteInt(0);
        output.WriteInt(typeId);
        write(output, value);
        return new Data(output.Written.ToArray(), carriesCompact: output.CarriesCompact);
    }

    // Java writes doubles and floats through doubleToLongBits/floatToIntBits, which turn every NaN into the
    // canonical one; .NET's double.NaN has the sign bit set. Writing Java's bits keeps equal keys equal across clients.
    private static void WriteDouble(Span<byte> span, double value)
        => BinaryPrimitives.WriteInt64BigEndian(span, double.IsNaN(value) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(value));

    private static void WriteFloat(Span<byte> span, float value)
        => BinaryPrimitives.WriteInt32BigEndian(span, float.IsNaN(value) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(value));

    private static byte[] ReadByteArray(in Data data)
    {
        var bytes = ByteArrayPayload(data);
        var result = GC.AllocateUninitializedArray<byte>(bytes.Length);
        bytes.CopyTo(result);
        return result;
    }

    /// <summary>The bytes of a serialized <c>byte[]</c> (type −12), where they lie in <paramref name="data"/>.</summary>
    public static ReadOnlySpan<byte> ByteArrayPayload(in Data data) => LengthPrefixed(data, "byte array");

    private static string ReadUtf8(in Data data) => Encoding.UTF8.GetString(LengthPrefixed(data, "string"));

    /// <summary>A payload that is a big-endian length followed by that many bytes; the length is checked against what is there.</summary>
    private static ReadOnlySpan<byte> LengthPrefixed(in Data data, string what)
    {
        var payload = data.Payload;
        var count = payload.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(payload) : -2;
        if (count < 0 || count > payload.Length - 4) throw new SerializationException($"A serialized {what} declares {count} bytes but holds {payload.Length - 4}.");
        return payload.Slice(4, count);
    }

    private static byte[] Header(int typeId, int payloadLength)
    {
        var bytes = new byte[Data.HeaderSize + payloadLength];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), typeId);
        return bytes;
    }

    /// <summary>
    /// As <see cref="Header"/>, for a payload the caller writes in full: the array is not zeroed first (large values
    /// are then written once, not cleared and written).
    /// </summary>
    private static byte[] HeaderForFullPayload(int typeId, int payloadLength)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(Data.HeaderSize + payloadLength);
        WriteHeader(bytes, typeId);
        return bytes;
    }

    private static void WriteHeader(Span<byte> bytes, int typeId)
    {
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0); // no explicit partition hash
        BinaryPrimitives.WriteInt32BigEndian(bytes[4..], typeId);
    }

    private static Data WriteString(string value, int typeId = SerializationConstants.String)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        var bytes = HeaderForFullPayload(typeId, 4 + count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(Data.HeaderSize), count);
        Encoding.UTF8.GetBytes(value, bytes.AsSpan(Data.HeaderSize + 4));
        return new Data(bytes);
    }

    private static Data WriteBytes(int typeId, byte[] value)
    {
        var bytes = HeaderForFullPayload(typeId, 4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(Data.HeaderSize), value.Length);
        value.CopyTo(bytes.AsSpan(Data.HeaderSize + 4));
        return new Data(bytes);
    }

    /// <summary>Serializes bytes held in a sequence as a <c>byte[]</c> value (type −12), copying them once.</summary>
    public static Data ToByteArrayData(in ReadOnlySequence<byte> value)
    {
        if (value.Length > int.MaxValue - Data.HeaderSize - 4) throw new ArgumentOutOfRangeException(nameof(value), value.Length, "A value cannot exceed 2 GiB.");
        var length = (int)value.Length;
        var bytes = HeaderForFullPayload(SerializationConstants.ByteArray, 4 + length);
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

}
