using System.Buffers;
using System.Buffers.Binary;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Protocol;

/// <summary>
/// A complete protocol message: its frames, headers included, laid out contiguously exactly as on the wire.
/// </summary>
/// <remarks>
/// One representation serves both directions: what the write loop copies to the socket is <see cref="Span"/>,
/// and what the read loop assembles from the socket is the same layout. Header fields are read and patched in
/// place (a retry gets a new correlation id without re-encoding).
/// </remarks>
internal sealed class ClientMessage
{
    public const int FrameHeaderSize = 6;

    // Offsets in the buffer (frame header included) of the initial frame's header fields.
    private const int FlagsOffset = 4;
    private const int TypeOffset = FrameHeaderSize;
    private const int CorrelationIdOffset = TypeOffset + 4;
    private const int PartitionIdOffset = CorrelationIdOffset + 8;
    private const int BackupAcksOffset = CorrelationIdOffset + 8;

    /// <summary>Content offset of the first fixed parameter of requests and events.</summary>
    public const int RequestHeaderSize = 16;

    /// <summary>Content offset of the first fixed parameter of responses.</summary>
    public const int ResponseHeaderSize = 13;

    public ClientMessage(byte[] buffer, int length)
    {
        if (length < FrameHeaderSize + ResponseHeaderSize)
            ThrowHelper.InitialFrameTooShort(FrameHeaderSize + ResponseHeaderSize, length);
        var first = BinaryPrimitives.ReadInt32LittleEndian(buffer);
        if (first < FrameHeaderSize + ResponseHeaderSize || first > length)
            ThrowHelper.InitialFrameDoesNotFit(first, length);
        Buffer = buffer;
        Length = length;
    }

    /// <summary>
    /// The pool of large responses' buffers. Not <see cref="ArrayPool{T}.Shared"/>: its per-thread and per-core caches
    /// hold a few arrays each, and responses are rented on the read loop and returned on other threads, up to one per
    /// operation in flight; with 128 in flight most rents then missed (measured: 1 KiB gets allocated as much as unpooled).
    /// </summary>
    internal static readonly ArrayPool<byte> ResponsePool = ArrayPool<byte>.Create(maxArrayLength: 1024 * 1024, maxArraysPerBucket: 512);

    /// <summary>A response in an array rented from <see cref="ResponsePool"/>, until <see cref="Release"/>.</summary>
    public ClientMessage(byte[] buffer, int length, bool rented) : this(buffer, length) => _rented = rented ? 1 : 0;

    private int _rented;

    // Client-side hints about a request, never sent: one byte, so that a message stays as small as it was before them
    // (the object is allocated once per request and once per response).
    private Hints _hints;
    private int _partitionHash;

    [Flags]
    private enum Hints : byte
    {
        None = 0,
        ResponseIsReleased = 1,
        MayCarryCompact = 2,
        HasPartitionHash = 4,
        Described = 8,
        Retryable = 16,
        RoutingShift = 5, // two bits: PartitionRouting
        RoutingMask = 3 << RoutingShift,
    }

    private bool Has(Hints hint) => (_hints & hint) != 0;

    private void Set(Hints hint, bool value) => _hints = value ? _hints | hint : _hints & ~hint;

    /// <summary>
    /// Set on a request whose caller reads the response once, at once, and then calls <see cref="Release"/> on it: the
    /// read loop may then put the response in a pooled array (a client-side hint, not sent).
    /// </summary>
    public bool ResponseIsReleased
    {
        get => Has(Hints.ResponseIsReleased);
        set => Set(Hints.ResponseIsReleased, value);
    }

    /// <summary>
    /// Set by the encoder on a request with a value that may hold Compact objects: only such a request waits for
    /// schemas to be published (a client-side hint, not sent).
    /// </summary>
    public bool MayCarryCompact
    {
        get => Has(Hints.MayCarryCompact);
        init => Set(Hints.MayCarryCompact, value);
    }

    /// <summary>
    /// What the generated encoder knows of the request (its <see cref="RequestDescriptor"/>): retryable and routing;
    /// null on a message read from the network.
    /// </summary>
    public RequestDescriptor? Descriptor
    {
        init
        {
            if (value is null) return;
            Set(Hints.Described, true);
            Set(Hints.Retryable, value.Retryable);
            _hints = (_hints & ~Hints.RoutingMask) | (Hints)((int)value.Routing << (int)Hints.RoutingShift);
        }
    }

    /// <summary>Whether the request was built by a generated encoder (so <see cref="Retryable"/> and <see cref="Routing"/> are known).</summary>
    public bool IsDescribed => Has(Hints.Described);

    /// <summary>Safe to resend after a connection failure (the descriptor's flag).</summary>
    public bool Retryable => Has(Hints.Retryable);

    /// <summary>How the request finds its member (the descriptor's routing).</summary>
    public PartitionRouting Routing => (PartitionRouting)(((int)_hints & (int)Hints.RoutingMask) >> (int)Hints.RoutingShift);

    /// <summary>The partition hash of the key of a <see cref="PartitionRouting.Key"/> request (a client-side hint, not sent).</summary>
    public int? PartitionHash
    {
        get => Has(Hints.HasPartitionHash) ? _partitionHash : null;
        init
        {
            Set(Hints.HasPartitionHash, value.HasValue);
            _partitionHash = value.GetValueOrDefault();
        }
    }

    /// <summary>Returns a rented buffer to the pool (once); the message must not be read afterwards.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 1) ResponsePool.Return(Buffer);
    }

    public byte[] Buffer { get; }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    public int InitialFrameLength => BinaryPrimitives.ReadInt32LittleEndian(Buffer);

    public int InitialContentLength => InitialFrameLength - FrameHeaderSize;

    public FrameFlags Flags
    {
        get => (FrameFlags)BinaryPrimitives.ReadUInt16LittleEndian(Buffer.AsSpan(FlagsOffset));
        set => BinaryPrimitives.WriteUInt16LittleEndian(Buffer.AsSpan(FlagsOffset), (ushort)value);
    }

    public int MessageType => BinaryPrimitives.ReadInt32LittleEndian(Buffer.AsSpan(TypeOffset));

    public long CorrelationId
    {
        get => BinaryPrimitives.ReadInt64LittleEndian(Buffer.AsSpan(CorrelationIdOffset));
        set => BinaryPrimitives.WriteInt64LittleEndian(Buffer.AsSpan(CorrelationIdOffset), value);
    }

    /// <summary>The partition id of a request or event (−1 when not bound to a partition).</summary>
    public int PartitionId
    {
        get => BinaryPrimitives.ReadInt32LittleEndian(Buffer.AsSpan(PartitionIdOffset));
        set => BinaryPrimitives.WriteInt32LittleEndian(Buffer.AsSpan(PartitionIdOffset), value);
    }

    /// <summary>The number of backup acks the client must wait for (responses only).</summary>
    public byte BackupAcks
    {
        get => Buffer[BackupAcksOffset];
        set => Buffer[BackupAcksOffset] = value;
    }

    public bool IsEvent => (Flags & FrameFlags.IsEvent) != 0;

    public bool IsBackupEvent => (Flags & FrameFlags.BackupEvent) != 0;

    public bool IsBackupAware
    {
        get => (Flags & FrameFlags.BackupAware) != 0;
        set => Flags = value ? Flags | FrameFlags.BackupAware : Flags & ~FrameFlags.BackupAware;
    }

    public bool IsError => MessageType == ErrorCodec.ResponseMessageType;

    /// <summary>The content of the initial frame (header fields and fixed parameters).</summary>
    public ReadOnlySpan<byte> InitialContent => Buffer.AsSpan(FrameHeaderSize, InitialContentLength);

    /// <summary>A reader positioned after the initial frame, on the first var-sized parameter.</summary>
    public FrameReader GetReader() => new(Buffer, InitialFrameLength, Length, this);

    public override string ToString() => $"ClientMessage(type=0x{MessageType:X6}, correlationId={CorrelationId}, length={Length})";
}
