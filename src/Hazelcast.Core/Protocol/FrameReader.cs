using System.Buffers.Binary;
using System.Text;
using Hazelcast.Serialization;

namespace Hazelcast.Protocol;

/// <summary>One frame of a message: its flags and a view of its content (no copy).</summary>
internal readonly struct Frame
{
    private readonly byte[] _buffer;
    private readonly int _offset;

    public Frame(byte[] buffer, int offset, int length, FrameFlags flags)
    {
        _buffer = buffer;
        _offset = offset;
        Length = length;
        Flags = flags;
    }

    public int Length { get; }

    public FrameFlags Flags { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_offset, Length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(_offset, Length);

    public bool IsNull => (Flags & FrameFlags.IsNull) != 0;

    public bool IsBegin => (Flags & FrameFlags.BeginDataStructure) != 0;

    public bool IsEnd => (Flags & FrameFlags.EndDataStructure) != 0;
}

/// <summary>
/// Walks the frames of a message after its initial frame, in place. Every read checks the bytes it consumes,
/// so a truncated or malformed message fails with a <see cref="ProtocolException"/> that names the field.
/// </summary>
internal struct FrameReader
{
    private readonly byte[] _buffer;
    private readonly int _end;
    private readonly ClientMessage? _message;
    private int _position;

    public FrameReader(byte[] buffer, int position, int end, ClientMessage? message = null)
    {
        _buffer = buffer;
        _position = position;
        _end = end;
        _message = message;
    }

    public readonly bool HasNext => _position < _end;

    public readonly bool NextIsNull => HasNext && (PeekFlags() & FrameFlags.IsNull) != 0;

    public readonly bool NextIsEnd => HasNext && (PeekFlags() & FrameFlags.EndDataStructure) != 0;

    public readonly bool NextIsBegin => HasNext && (PeekFlags() & FrameFlags.BeginDataStructure) != 0;

    private readonly FrameFlags PeekFlags()
    {
        if (_end - _position < ClientMessage.FrameHeaderSize)
            throw Truncated("a frame header");
        return (FrameFlags)BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(_position + 4));
    }

    public Frame Next(string field)
    {
        if (!HasNext) throw Truncated(field);
        if (_end - _position < ClientMessage.FrameHeaderSize) throw Truncated(field);
        var length = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_position));
        if (length < ClientMessage.FrameHeaderSize || length > _end - _position)
            ThrowHelper.FrameOverrun(Context, field, length, _end - _position);
        var flags = (FrameFlags)BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(_position + 4));
        var frame = new Frame(_buffer, _position + ClientMessage.FrameHeaderSize, length - ClientMessage.FrameHeaderSize, flags);
        _position += length;
        return frame;
    }

    /// <summary>Consumes a NULL frame if one is next.</summary>
    public bool TryReadNull()
    {
        if (!NextIsNull) return false;
        Next("null");
        return true;
    }

    public void ReadBegin(string field)
    {
        var frame = Next(field);
        if (!frame.IsBegin) ThrowHelper.UnexpectedFrame(Context, "BEGIN", field, frame.Flags);
    }

    public void ReadEnd(string field)
    {
        var frame = Next(field);
        if (!frame.IsEnd) ThrowHelper.UnexpectedFrame(Context, "END", field, frame.Flags);
    }

    /// <summary>
    /// Skips the remaining frames of the current data structure, nested ones included, and consumes its END frame:
    /// newer peers may append fields that this reader does not know.
    /// </summary>
    public void SkipToEnd(string field)
    {
        var depth = 1;
        while (true)
        {
            var frame = Next(field);
            if (frame.IsEnd) depth--;
            else if (frame.IsBegin) depth++;
            if (depth == 0) return;
        }
    }

    public string ReadString(string field) => Encoding.UTF8.GetString(Next(field).Span);

    public string? ReadNullableString(string field) => TryReadNull() ? null : ReadString(field);

    public Data ReadData(string field)
    {
        var frame = Next(field);
        if (frame.IsNull) ThrowHelper.NullNotAllowed(Context, field);
        if (frame.Length != 0 && frame.Length < Data.HeaderSize)
            ThrowHelper.DataTooShort(Context, field, frame.Length, Data.HeaderSize);
        return new Data(frame.Memory);
    }

    public Data ReadNullableData(string field) => TryReadNull() ? default : ReadData(field);

    public byte[] ReadByteArray(string field) => Next(field).Span.ToArray();

    public int[] ReadIntList(string field)
    {
        var span = Next(field).Span;
        if (span.Length % 4 != 0) throw BadListSize(field, span.Length, 4);
        var result = new int[span.Length / 4];
        for (var i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadInt32LittleEndian(span[(i * 4)..]);
        return result;
    }

    public long[] ReadLongList(string field)
    {
        var span = Next(field).Span;
        if (span.Length % 8 != 0) throw BadListSize(field, span.Length, 8);
        var result = new long[span.Length / 8];
        for (var i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadInt64LittleEndian(span[(i * 8)..]);
        return result;
    }

    public Guid[] ReadUuidList(string field)
    {
        var span = Next(field).Span;
        if (span.Length % FixedSize.Uuid != 0) throw BadListSize(field, span.Length, FixedSize.Uuid);
        var result = new Guid[span.Length / FixedSize.Uuid];
        for (var i = 0; i < result.Length; i++) result[i] = Fixed.ReadUuid(span, i * FixedSize.Uuid, field) ?? Guid.Empty;
        return result;
    }

    private ProtocolException BadListSize(string field, int length, int itemSize)
        => new($"{Context}: the list '{field}' holds {length} bytes, not a multiple of its item size {itemSize}.");

    private readonly ProtocolException Truncated(string field)
        => new($"{Context}: the message ends before '{field}'.");

    private readonly string Context => _message is null ? "message" : $"message 0x{_message.MessageType:X6}";
}
