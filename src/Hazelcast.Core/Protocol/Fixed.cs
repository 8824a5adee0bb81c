using System.Buffers.Binary;

namespace Hazelcast.Protocol;

/// <summary>Sizes of the fixed-size protocol types (PROTOCOL.md §1.5).</summary>
internal static class FixedSize
{
    public const int Byte = 1;
    public const int Bool = 1;
    public const int Int = 4;
    public const int Long = 8;
    public const int Float = 4;
    public const int Uuid = 17;
}

/// <summary>Reads and writes fixed-size fields (little-endian) with bounds checks that name the field.</summary>
internal static class Fixed
{
    public static byte ReadByte(ReadOnlySpan<byte> content, int offset, string field)
    {
        Check(content, offset, FixedSize.Byte, field);
        return content[offset];
    }

    public static bool ReadBool(ReadOnlySpan<byte> content, int offset, string field)
    {
        Check(content, offset, FixedSize.Bool, field);
        return content[offset] != 0;
    }

    public static int ReadInt(ReadOnlySpan<byte> content, int offset, string field)
    {
        Check(content, offset, FixedSize.Int, field);
        return BinaryPrimitives.ReadInt32LittleEndian(content[offset..]);
    }

    public static long ReadLong(ReadOnlySpan<byte> content, int offset, string field)
    {
        Check(content, offset, FixedSize.Long, field);
        return BinaryPrimitives.ReadInt64LittleEndian(content[offset..]);
    }

    public static float ReadFloat(ReadOnlySpan<byte> content, int offset, string field)
    {
        Check(content, offset, FixedSize.Float, field);
        return BinaryPrimitives.ReadSingleLittleEndian(content[offset..]);
    }

    public static Guid? ReadUuid(ReadOnlySpan<byte> content, int offset, string field)
    {
        Check(content, offset, FixedSize.Uuid, field);
        if (content[offset] != 0) return null;
        var msb = BinaryPrimitives.ReadInt64LittleEndian(content[(offset + 1)..]);
        var lsb = BinaryPrimitives.ReadInt64LittleEndian(content[(offset + 9)..]);
        return UuidConverter.ToGuid(msb, lsb);
    }

    public static void WriteByte(Span<byte> buffer, int offset, byte value) => buffer[offset] = value;

    public static void WriteBool(Span<byte> buffer, int offset, bool value) => buffer[offset] = value ? (byte)1 : (byte)0;

    public static void WriteInt(Span<byte> buffer, int offset, int value) => BinaryPrimitives.WriteInt32LittleEndian(buffer[offset..], value);

    public static void WriteLong(Span<byte> buffer, int offset, long value) => BinaryPrimitives.WriteInt64LittleEndian(buffer[offset..], value);

    public static void WriteFloat(Span<byte> buffer, int offset, float value) => BinaryPrimitives.WriteSingleLittleEndian(buffer[offset..], value);

    public static void WriteUuid(Span<byte> buffer, int offset, Guid? value)
    {
        if (value is not { } guid)
        {
            buffer.Slice(offset, FixedSize.Uuid).Clear();
            buffer[offset] = 1;
            return;
        }
        UuidConverter.ToLongs(guid, out var msb, out var lsb);
        buffer[offset] = 0;
        BinaryPrimitives.WriteInt64LittleEndian(buffer[(offset + 1)..], msb);
        BinaryPrimitives.WriteInt64LittleEndian(buffer[(offset + 9)..], lsb);
    }

    private static void Check(ReadOnlySpan<byte> content, int offset, int size, string field)
    {
        if (content.Length < offset + size)
            ThrowHelper.FixedFieldOutOfFrame(field, size, offset, content.Length);
    }
}

/// <summary>
/// Converts between <see cref="Guid"/> and Java's UUID halves. The halves follow the canonical text order
/// (<c>aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee</c>: msb = aaaaaaaabbbbcccc); <see cref="Guid.ToByteArray()"/> is mixed-endian
/// and must not be used for this.
/// </summary>
internal static class UuidConverter
{
    public static void ToLongs(Guid guid, out long msb, out long lsb)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        msb = BinaryPrimitives.ReadInt64BigEndian(bytes);
        lsb = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
    }

    public static Guid ToGuid(long msb, long lsb)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, msb);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], lsb);
        return new Guid(bytes, bigEndian: true);
    }
}
