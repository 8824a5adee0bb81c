using System.Numerics;
using System.Runtime.InteropServices;

namespace Hazelcast.Serialization.Compact;

/// <summary>
/// The encodings of variable-size Compact values (Hazelcast's DefaultCompactWriter/Reader and IOUtil), big-endian:
/// strings and arrays of primitives with an int length; decimals as a two's complement big-endian unscaled value and an
/// int scale; dates as int year, byte month, byte day; times as byte hour, minute, second and int nanoseconds; arrays
/// of variable-size items as a data length, an item count, the items, then an offset per item (−1 for null).
/// </summary>
internal static class CompactValues
{
    public const int NullOffset = -1;
    private const int ByteOffsetRange = 255;
    private const int ShortOffsetRange = 65535;

    // ------------------------------------------------------------------ offsets

    /// <summary>The width of an offset in a table for <paramref name="dataLength"/> bytes: 1, 2 or 4 bytes.</summary>
    public static int OffsetWidth(int dataLength) => dataLength < ByteOffsetRange ? 1 : dataLength < ShortOffsetRange ? 2 : 4;

    /// <summary>Writes an offset table, with the narrowest width that can address <paramref name="dataLength"/> bytes.</summary>
    public static void WriteOffsets(ObjectDataOutput output, int dataLength, int[] offsets)
    {
        switch (OffsetWidth(dataLength))
        {
            case 1: foreach (var o in offsets) output.WriteByte((byte)o); break;
            case 2: foreach (var o in offsets) output.WriteShort((short)o); break;
            default: foreach (var o in offsets) output.WriteInt(o); break;
        }
    }

    /// <summary>Reads entry <paramref name="index"/> of an offset table written for <paramref name="dataLength"/> bytes.</summary>
    public static int ReadOffset(ObjectDataInput input, int tablePosition, int dataLength, int index)
    {
        var width = OffsetWidth(dataLength);
        input.Position = tablePosition + index * width;
        switch (width)
        {
            case 1:
                var b = input.ReadByte();
                return b == 0xFF ? NullOffset : b;
            case 2:
                var s = input.ReadShort();
                return s == -1 ? NullOffset : s & 0xFFFF;
            default:
                return input.ReadInt();
        }
    }

    // ------------------------------------------------------------------ write

    /// <summary>Writes a non-null variable-size value of <paramref name="kind"/> at the output's position.</summary>
    public static void Write(ObjectDataOutput output, FieldKind kind, object value, CompactSerializer compact)
    {
        switch (kind)
        {
            case FieldKind.String: output.WriteString((string)value); break;
            case FieldKind.Decimal: JavaNumbers.WriteBigDecimal(output, (decimal)value); break;
            case FieldKind.Time: JavaTimes.WriteTime(output, (TimeOnly)value); break;
            case FieldKind.Date: JavaTimes.WriteDate(output, (DateOnly)value); break;
            case FieldKind.Timestamp: JavaTimes.WriteTimestamp(output, (DateTime)value); break;
            case FieldKind.TimestampWithTimezone: JavaTimes.WriteTimestampWithTimezone(output, (DateTimeOffset)value); break;
            case FieldKind.Compact: compact.WriteNested(output, value); break;
            // A nullable primitive, alone or as an array item, is the primitive.
            case FieldKind.NullableBoolean: output.WriteBoolean((bool)value); break;
            case FieldKind.NullableInt8: output.WriteByte(value is byte u ? u : (byte)(sbyte)value); break;
            case FieldKind.NullableInt16: output.WriteShort((short)value); break;
            case FieldKind.NullableInt32: output.WriteInt((int)value); break;
            case FieldKind.NullableInt64: output.WriteLong((long)value); break;
            case FieldKind.NullableFloat32: output.WriteFloat((float)value); break;
            case FieldKind.NullableFloat64: output.WriteDouble((double)value); break;
            case FieldKind.ArrayOfBoolean: WriteBooleanBits(output, (bool[])value); break;
            case FieldKind.ArrayOfInt8:
                ReadOnlySpan<byte> raw = value is byte[] u8 ? u8 : MemoryMarshal.AsBytes(((sbyte[])value).AsSpan()); // the same bits
                output.WriteInt(raw.Length);
                output.WriteRaw(raw);
                break;
            case FieldKind.ArrayOfInt16: WritePrimitives(output, (short[])value, static (o, v) => o.WriteShort(v)); break;
            case FieldKind.ArrayOfInt32: WritePrimitives(output, (int[])value, static (o, v) => o.WriteInt(v)); break;
            case FieldKind.ArrayOfInt64: WritePrimitives(output, (long[])value, static (o, v) => o.WriteLong(v)); break;
            case FieldKind.ArrayOfFloat32: WritePrimitives(output, (float[])value, static (o, v) => o.WriteFloat(v)); break;
            case FieldKind.ArrayOfFloat64: WritePrimitives(output, (double[])value, static (o, v) => o.WriteDouble(v)); break;
            default:
                if (!FieldKinds.IsArray(kind)) throw new SerializationException($"{kind} is not a variable-size Compact kind.");
                WriteArrayOfVariableSize(output, FieldKinds.ItemOf(kind), (Array)value, compact);
                break;
        }
    }

    private static void WritePrimitives<T>(ObjectDataOutput output, T[] values, Action<ObjectDataOutput, T> write)
    {
        output.WriteInt(values.Length);
        foreach (var v in values) write(output, v);
    }

    private static void WriteBooleanBits(ObjectDataOutput output, bool[] values)
    {
        output.WriteInt(values.Length);
        var start = output.Position;
        output.WriteZeros((values.Length + 7) / 8);
        for (var i = 0; i < values.Length; i++) output.WriteBitAt(start + i / 8, i % 8, values[i]);
    }

    private static void WriteArrayOfVariableSize(ObjectDataOutput output, FieldKind itemKind, Array values, CompactSerializer compact)
    {
        var lengthPosition = output.Position;
        output.WriteZeros(4);
        output.WriteInt(values.Length);
        var start = output.Position;
        var offsets = new int[values.Length];
        Type? itemType = null;
        for (var i = 0; i < values.Length; i++)
        {
            var item = values.GetValue(i);
            if (item is null)
            {
                offsets[i] = NullOffset;
                continue;
            }
            if (itemKind == FieldKind.Compact && (itemType ??= item.GetType()) != item.GetType())
                throw new SerializationException($"An array of Compact objects holds a {itemType.FullName} and a {item.GetType().FullName}: its items must all have one type.");
            offsets[i] = output.Position - start;
            Write(output, itemKind, item, compact);
        }
        var dataLength = output.Position - start;
        output.WriteIntAt(lengthPosition, dataLength);
        WriteOffsets(output, dataLength, offsets);
    }

    // ------------------------------------------------------------------ read

    /// <summary>Reads a variable-size value of <paramref name="kind"/> at the input's position.</summary>
    public static object Read(ObjectDataInput input, FieldKind kind, CompactSerializer compact, Type? compactHint)
    {
        switch (kind)
        {
            case FieldKind.String: return input.ReadString() ?? throw new SerializationException("A Compact string field has a negative length.");
            case FieldKind.Decimal: return JavaNumbers.ReadBigDecimal(input);
            case FieldKind.Time: return JavaTimes.ReadTime(input);
            case FieldKind.Date: return JavaTimes.ReadDate(input);
            case FieldKind.Timestamp: return JavaTimes.ReadTimestamp(input);
            case FieldKind.TimestampWithTimezone: return JavaTimes.ReadTimestampWithTimezone(input);
            case FieldKind.Compact: return compact.ReadNested(input, compactHint);
            case FieldKind.NullableBoolean: return input.ReadBoolean();
            case FieldKind.NullableInt8: return (sbyte)input.ReadByte();
            case FieldKind.NullableInt16: return input.ReadShort();
            case FieldKind.NullableInt32: return input.ReadInt();
            case FieldKind.NullableInt64: return input.ReadLong();
            case FieldKind.NullableFloat32: return input.ReadFloat();
            case FieldKind.NullableFloat64: return input.ReadDouble();
            case FieldKind.ArrayOfBoolean:
                var count = input.ReadInt();
                if (count < 0 || (count + 7L) / 8 > input.Length - input.Position)
                    throw new SerializationException($"A Compact boolean array declares {count} items but only {input.Length - input.Position} bytes follow.");
                var bools = new bool[count];
                byte bits = 0;
                for (var i = 0; i < count; i++)
                {
                    if (i % 8 == 0) bits = input.ReadByte();
                    bools[i] = (bits & (1 << (i % 8))) != 0;
                }
                return bools;
            case FieldKind.ArrayOfInt8:
                var raw = input.ReadByteArray() ?? throw new SerializationException("A Compact array has a negative length.");
                var signed = new sbyte[raw.Length];
                Buffer.BlockCopy(raw, 0, signed, 0, raw.Length);
                return signed;
            case FieldKind.ArrayOfInt16: return ReadPrimitives(input, 2, static i => i.ReadShort());
            case FieldKind.ArrayOfInt32: return ReadPrimitives(input, 4, static i => i.ReadInt());
            case FieldKind.ArrayOfInt64: return ReadPrimitives(input, 8, static i => i.ReadLong());
            case FieldKind.ArrayOfFloat32: return ReadPrimitives(input, 4, static i => i.ReadFloat());
            case FieldKind.ArrayOfFloat64: return ReadPrimitives(input, 8, static i => i.ReadDouble());
            default:
                if (!FieldKinds.IsArray(kind)) throw new SerializationException($"{kind} is not a variable-size Compact kind.");
                return ReadArrayOfVariableSize(input, FieldKinds.ItemOf(kind), compact, compactHint);
        }
    }

    private static int ReadCount(ObjectDataInput input, int itemSize)
    {
        var count = input.ReadInt();
        if (count < 0) throw new SerializationException($"A Compact array has a negative length ({count}).");
        if ((long)count * itemSize > input.Length - input.Position)
            throw new SerializationException($"A Compact array declares {count} items but only {input.Length - input.Position} bytes follow.");
        return count;
    }

    private static T[] ReadPrimitives<T>(ObjectDataInput input, int size, Func<ObjectDataInput, T> read)
    {
        var values = new T[ReadCount(input, size)];
        for (var i = 0; i < values.Length; i++) values[i] = read(input);
        return values;
    }

    private static Array ReadArrayOfVariableSize(ObjectDataInput input, FieldKind itemKind, CompactSerializer compact, Type? compactHint)
    {
        var dataLength = input.ReadInt();
        var count = input.ReadInt();
        var start = input.Position;
        if (dataLength < 0 || count < 0 || dataLength > input.Length - start
            || (long)count * OffsetWidth(dataLength) > input.Length - start - dataLength)
            throw new SerializationException($"A Compact array declares {count} items in {dataLength} bytes but only {input.Length - start} bytes follow.");
        var table = start + dataLength;
        var values = NewArray(itemKind, count);
        for (var i = 0; i < count; i++)
        {
            var offset = ReadOffset(input, table, dataLength, i);
            if (offset == NullOffset) continue;
            if (offset < 0 || offset >= dataLength) throw new SerializationException($"Item {i} of a Compact array points at offset {offset}, outside its {dataLength} bytes.");
            input.Position = start + offset;
            values.SetValue(Read(input, itemKind, compact, compactHint), i);
        }
        return values;
    }

    /// <summary>An array for <paramref name="count"/> items of <paramref name="itemKind"/> (nullable where items may be null).</summary>
    private static Array NewArray(FieldKind itemKind, int count) => itemKind switch
    {
        FieldKind.String => new string?[count],
        FieldKind.Decimal => new decimal?[count],
        FieldKind.Time => new TimeOnly?[count],
        FieldKind.Date => new DateOnly?[count],
        FieldKind.Timestamp => new DateTime?[count],
        FieldKind.TimestampWithTimezone => new DateTimeOffset?[count],
        FieldKind.NullableBoolean => new bool?[count],
        FieldKind.NullableInt8 => new sbyte?[count],
        FieldKind.NullableInt16 => new short?[count],
        FieldKind.NullableInt32 => new int?[count],
        FieldKind.NullableInt64 => new long?[count],
        FieldKind.NullableFloat32 => new float?[count],
        FieldKind.NullableFloat64 => new double?[count],
        _ => new object?[count],
    };
}
