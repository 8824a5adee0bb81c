using System.Buffers.Binary;
using System.Text;
using Hazelcast.Serialization;

namespace Hazelcast.Protocol;

/// <summary>
/// Builds one message frame by frame into a single growing buffer; <see cref="Complete"/> marks the last frame
/// IS_FINAL and hands the bytes over as a <see cref="ClientMessage"/> without copying them.
/// </summary>
internal ref struct MessageWriter
{
    private byte[] _buffer;
    private int _position;
    private int _lastFrame;
    private bool _mayCarryCompact;
    private RequestDescriptor? _descriptor;
    private int _partitionHash;
    private bool _hasPartitionKey;

    private MessageWriter(int initialContentSize, int sizeHint)
    {
        // Not zeroed: every frame is written in full, and the initial frame is cleared by StartFrame (a large value
        // is then written once into the message, not cleared and written).
        _buffer = GC.AllocateUninitializedArray<byte>(Math.Max(sizeHint, ClientMessage.FrameHeaderSize + initialContentSize));
        _position = 0;
        _lastFrame = -1;
    }

    /// <summary>Starts a request: type, correlation id 0 (set when sent), partition id −1.</summary>
    public static MessageWriter Request(RequestDescriptor descriptor, int initialContentSize, int sizeHint = 128)
    {
        var w = new MessageWriter(initialContentSize, sizeHint);
        var content = w.StartFrame(initialContentSize, FrameFlags.Unfragmented);
        Fixed.WriteInt(w._buffer, content, descriptor.MessageType);
        Fixed.WriteInt(w._buffer, content + 12, -1);
        w._descriptor = descriptor;
        return w;
    }

    /// <summary>Records the key whose partition a <see cref="PartitionRouting.Key"/> request goes to.</summary>
    public void SetPartitionKey(in Data key)
    {
        _partitionHash = key.PartitionHash;
        _hasPartitionKey = true;
    }

    /// <summary>Starts a response (or an error response): type, correlation id 0, backup acks 0.</summary>
    public static MessageWriter Response(int messageType, int initialContentSize, int sizeHint = 128)
    {
        var w = new MessageWriter(initialContentSize, sizeHint);
        var content = w.StartFrame(initialContentSize, FrameFlags.Unfragmented);
        Fixed.WriteInt(w._buffer, content, messageType);
        return w;
    }

    /// <summary>Starts an event: type, correlation id of the registration (set by the sender), partition id −1.</summary>
    public static MessageWriter Event(int messageType, int initialContentSize, int sizeHint = 128)
    {
        var w = new MessageWriter(initialContentSize, sizeHint);
        var content = w.StartFrame(initialContentSize, FrameFlags.Unfragmented | FrameFlags.IsEvent);
        Fixed.WriteInt(w._buffer, content, messageType);
        Fixed.WriteInt(w._buffer, content + 12, -1);
        return w;
    }

    /// <summary>The bytes of the initial frame's content, for the fixed parameters (write them before any var frame).</summary>
    public readonly Span<byte> InitialContent => _buffer.AsSpan(ClientMessage.FrameHeaderSize);

    /// <summary>Adds a frame of <paramref name="contentSize"/> bytes and returns the buffer offset of its content.</summary>
    private int StartFrame(int contentSize, FrameFlags flags)
    {
        var total = ClientMessage.FrameHeaderSize + contentSize;
        Ensure(total);
        var start = _position;
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(start), total);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(start + 4), (ushort)flags);
        // The initial frame's header fields and fixed parameters start at zero (correlation id, backup acks, and
        // any fixed parameter a codec leaves at its default).
        if (start == 0) _buffer.AsSpan(ClientMessage.FrameHeaderSize, contentSize).Clear();
        _lastFrame = start;
        _position += total;
        return start + ClientMessage.FrameHeaderSize;
    }

    /// <summary>Adds a custom type's fixed-field frame (flags 0) and returns the span to write the fields into.</summary>
    public Span<byte> AddFixedFrame(int contentSize)
    {
        var offset = StartFrame(contentSize, FrameFlags.None);
        var span = _buffer.AsSpan(offset, contentSize);
        span.Clear();
        return span;
    }

    public void WriteBegin() => StartFrame(0, FrameFlags.BeginDataStructure);

    public void WriteEnd() => StartFrame(0, FrameFlags.EndDataStructure);

    public void WriteNull() => StartFrame(0, FrameFlags.IsNull);

    public void WriteFrame(ReadOnlySpan<byte> content)
    {
        var offset = StartFrame(content.Length, FrameFlags.None);
        content.CopyTo(_buffer.AsSpan(offset));
    }

    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Ensure(ClientMessage.FrameHeaderSize + Encoding.UTF8.GetMaxByteCount(value.Length));
        var start = _position;
        var count = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(start + ClientMessage.FrameHeaderSize));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(start), ClientMessage.FrameHeaderSize + count);
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(start + 4), 0);
        _lastFrame = start;
        _position += ClientMessage.FrameHeaderSize + count;
    }

    public void WriteNullableString(string? value)
    {
        if (value is null) WriteNull();
        else WriteString(value);
    }

    public void WriteData(in Data value)
    {
        if (value.IsNull) throw new ArgumentException("A non-nullable Data parameter was given no data.", nameof(value));
        _mayCarryCompact |= MayCarryCompact(value);
        WriteFrame(value.Bytes.Span);
    }

    public void WriteNullableData(in Data value)
    {
        if (value.IsNull) WriteNull();
        else WriteData(value);
    }

    /// <summary>
    /// Whether a value may hold a Compact object: this client serialized one into it (at its top or nested in a user
    /// type or a predicate), or it is a Compact value at its top (one read from the cluster and sent back).
    /// </summary>
    private static bool MayCarryCompact(in Data value) => value.CarriesCompact || value.TypeId == SerializationConstants.Compact;

    public void WriteByteArray(ReadOnlySpan<byte> value) => WriteFrame(value);

    public void WriteIntList(IReadOnlyList<int> values)
    {
        var offset = StartFrame(values.Count * FixedSize.Int, FrameFlags.None);
        for (var i = 0; i < values.Count; i++) Fixed.WriteInt(_buffer, offset + i * FixedSize.Int, values[i]);
    }

    public void WriteLongList(IReadOnlyList<long> values)
    {
        var offset = StartFrame(values.Count * FixedSize.Long, FrameFlags.None);
        for (var i = 0; i < values.Count; i++) Fixed.WriteLong(_buffer, offset + i * FixedSize.Long, values[i]);
    }

    public void WriteUuidList(IReadOnlyList<Guid> values)
    {
        var offset = StartFrame(values.Count * FixedSize.Uuid, FrameFlags.None);
        for (var i = 0; i < values.Count; i++) Fixed.WriteUuid(_buffer, offset + i * FixedSize.Uuid, values[i]);
    }

    /// <summary>Marks the last frame IS_FINAL and returns the message.</summary>
    public readonly ClientMessage Complete()
    {
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(_lastFrame + 4));
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(_lastFrame + 4), (ushort)(flags | (ushort)FrameFlags.IsFinal));
        return new ClientMessage(_buffer, _position)
        {
            MayCarryCompact = _mayCarryCompact,
            Descriptor = _descriptor,
            PartitionHash = _hasPartitionKey ? _partitionHash : null,
        };
    }

    private void Ensure(int bytes)
    {
        if (_buffer.Length - _position >= bytes) return;
        var size = Math.Max(_buffer.Length * 2, _position + bytes);
        Array.Resize(ref _buffer, size);
    }
}
