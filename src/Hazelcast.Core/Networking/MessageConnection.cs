using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Hazelcast.Protocol;

namespace Hazelcast.Networking;

/// <summary>Receives what a <see cref="MessageConnection"/> reads, and learns when it closes.</summary>
internal interface IMessageHandler
{
    /// <summary>Called on the read loop for each complete message; must not block.</summary>
    void OnMessage(MessageConnection connection, ClientMessage message);

    /// <summary>Called once when the connection closes, with the reason (null for a local, orderly close).</summary>
    void OnClosed(MessageConnection connection, Exception? reason);
}

/// <summary>Told when a queued message has been handed to the socket (it may then have reached the peer).</summary>
internal interface IWriteObserver
{
    void OnWritten();
}

/// <summary>Which end of the protocol a connection is: clients send the CP2 preamble, members expect it.</summary>
internal enum ConnectionRole
{
    Client,
    Member,
}

/// <summary>
/// One TCP connection speaking the client protocol, used by the client and by the in-process member alike:
/// one read loop that parses frames in place and one write loop that drains every queued message into as few
/// socket sends as possible.
/// </summary>
internal sealed class MessageConnection
{
    /// <summary>The preamble a client writes right after connecting (ASCII "CP2").</summary>
    public static ReadOnlySpan<byte> Preamble => "CP2"u8;

    private const int SendBufferSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly ConnectionRole _role;
    private readonly IMessageHandler _handler;
    private readonly int _maxMessageSize;
    private readonly Channel<(ClientMessage Message, IWriteObserver? Observer)> _queue;
    private readonly Dictionary<long, List<byte[]>> _fragments = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closing;
    private long _sendCalls;
    private long _messagesWritten;

    public MessageConnection(Socket socket, ConnectionRole role, IMessageHandler handler, int maxMessageSize = 256 * 1024 * 1024)
    {
        _socket = socket;
        _role = role;
        _handler = handler;
        _maxMessageSize = maxMessageSize;
        _queue = Channel.CreateUnbounded<(ClientMessage, IWriteObserver?)>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
        socket.NoDelay = true;
        RemoteEndPoint = socket.RemoteEndPoint;
        LocalEndPoint = socket.LocalEndPoint;
        LastReadTicks = LastWriteTicks = Environment.TickCount64;
    }

    public EndPoint? RemoteEndPoint { get; }

    public EndPoint? LocalEndPoint { get; }

    /// <summary>Milliseconds tick (<see cref="Environment.TickCount64"/>) of the last bytes read.</summary>
    public long LastReadTicks { get; private set; }

    /// <summary>Milliseconds tick of the last socket send.</summary>
    public long LastWriteTicks { get; private set; }

    /// <summary>Socket send calls made so far (write coalescing makes this much smaller than <see cref="MessagesWritten"/>).</summary>
    public long SendCalls => Interlocked.Read(ref _sendCalls);

    public long MessagesWritten => Interlocked.Read(ref _messagesWritten);

    public bool IsActive => Volatile.Read(ref _closing) == 0;

    /// <summary>Completes when the connection is closed and both loops have ended.</summary>
    public Task Closed => _closed.Task;

    /// <summary>The reason the connection closed, once it has.</summary>
    public Exception? CloseReason { get; private set; }

    public void Start()
    {
        _ = Task.Run(ReadLoopAsync);
        _ = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues a message for the write loop; false if the connection is closed.</summary>
    public bool TrySend(ClientMessage message, IWriteObserver? observer = null)
        => IsActive && _queue.Writer.TryWrite((message, observer));

    /// <summary>Lets the write loop send what is queued, then closes the connection (a member's last word to a client).</summary>
    public void CloseAfterWrites() => _queue.Writer.TryComplete();

    public void Close(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0) return;
        CloseReason = reason;
        _queue.Writer.TryComplete();
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        _socket.Dispose();
        try { _handler.OnClosed(this, reason); }
        finally { _closed.TrySetResult(); }
    }

    private async Task ReadLoopAsync()
    {
        Exception? reason = null;
        var reader = PipeReader.Create(new NetworkStream(_socket, ownsSocket: false), new StreamPipeReaderOptions(bufferSize: SendBufferSize, minimumReadSize: 4096, leaveOpen: true));
        try
        {
            var expectPreamble = _role == ConnectionRole.Member;
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                LastReadTicks = Environment.TickCount64;
                if (expectPreamble)
                {
                    if (buffer.Length < 3)
                    {
                        if (result.IsCompleted) break;
                        reader.AdvanceTo(buffer.Start, buffer.End);
                        continue;
                    }
                    var preamble = buffer.Slice(0, 3).ToArray();
                    if (!preamble.AsSpan().SequenceEqual(Preamble))
                        throw new ProtocolException($"Expected the protocol preamble 'CP2', received 0x{Convert.ToHexString(preamble)}.");
                    buffer = buffer.Slice(3);
                    expectPreamble = false;
                }

                while (TryReadMessage(ref buffer, out var message))
                {
                    if (message is not null) _handler.OnMessage(this, message);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty) reason = new ProtocolException($"The connection closed in the middle of a message ({buffer.Length} bytes left unread).");
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            reason = IsActive ? new HazelcastConnectionException($"The connection to {RemoteEndPoint} failed: {e.Message}", innerException: e) : null;
        }
        catch (Exception e)
        {
            reason = e;
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
        Close(reason ?? (IsActive ? new HazelcastConnectionException($"The connection to {RemoteEndPoint} was closed by the peer.") : null));
    }

    /// <summary>
    /// Finds one whole message (frames up to IS_FINAL) at the start of <paramref name="buffer"/> without copying,
    /// then copies it once into its own array. Returns false when more bytes are needed. A fragment that does not
    /// complete its message yields a null message.
    /// </summary>
    private bool TryReadMessage(ref ReadOnlySequence<byte> buffer, out ClientMessage? message)
    {
        message = null;
        var reader = new SequenceReader<byte>(buffer);
        FrameFlags firstFlags = 0;
        var first = true;
        while (true)
        {
            if (!reader.TryReadLittleEndian(out int length)) return false;
            if (!reader.TryReadLittleEndian(out short rawFlags)) return false;
            if (length < ClientMessage.FrameHeaderSize)
                throw new ProtocolException($"Received a frame that declares {length} bytes; a frame has at least its {ClientMessage.FrameHeaderSize}-byte header.");
            if (reader.Consumed - 6 + length > _maxMessageSize)
                throw new ProtocolException($"Received a message of more than {_maxMessageSize} bytes (a frame declares {length} bytes).");
            if (reader.Remaining < length - ClientMessage.FrameHeaderSize) return false;
            reader.Advance(length - ClientMessage.FrameHeaderSize);
            var flags = (FrameFlags)(ushort)rawFlags;
            if (first)
            {
                firstFlags = flags;
                first = false;
            }
            if ((flags & FrameFlags.IsFinal) != 0) break;
        }

        var total = (int)reader.Consumed;
        var bytes = new byte[total];
        buffer.Slice(0, total).CopyTo(bytes);
        buffer = buffer.Slice(total);

        if ((firstFlags & FrameFlags.Unfragmented) == FrameFlags.Unfragmented)
        {
            message = new ClientMessage(bytes, total);
            return true;
        }
        message = Reassemble(bytes, firstFlags);
        return true;
    }

    /// <summary>Collects the fragments of a message by fragment id (PROTOCOL.md §1.12).</summary>
    private ClientMessage? Reassemble(byte[] fragment, FrameFlags flags)
    {
        var frameLength = BinaryPrimitives.ReadInt32LittleEndian(fragment);
        if (frameLength != ClientMessage.FrameHeaderSize + 8)
            throw new ProtocolException($"A fragmentation frame must hold an 8-byte fragment id; it declares {frameLength} bytes.");
        var id = BinaryPrimitives.ReadInt64LittleEndian(fragment.AsSpan(ClientMessage.FrameHeaderSize));
        var frames = fragment[frameLength..];
        if ((flags & FrameFlags.BeginFragment) != 0)
        {
            if (!_fragments.TryAdd(id, [frames]))
                throw new ProtocolException($"Received a second first fragment for fragment id {id}.");
            return null;
        }
        if (!_fragments.TryGetValue(id, out var parts))
            throw new ProtocolException($"Received a fragment for unknown fragment id {id}.");
        parts.Add(frames);
        if ((flags & FrameFlags.EndFragment) == 0) return null;

        _fragments.Remove(id);
        var size = parts.Sum(p => p.Length);
        if (size > _maxMessageSize) throw new ProtocolException($"A fragmented message exceeds {_maxMessageSize} bytes.");
        var whole = new byte[size];
        var offset = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            part.CopyTo(whole, offset);
            if (i < parts.Count - 1) ClearLastFinalFlag(whole.AsSpan(offset, part.Length));
            offset += part.Length;
        }
        return new ClientMessage(whole, size);
    }

    // Each fragment ends with IS_FINAL; inside the reassembled message only the very last frame keeps it.
    private static void ClearLastFinalFlag(Span<byte> frames)
    {
        var position = 0;
        while (position < frames.Length)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(frames[position..]);
            if (position + length >= frames.Length)
            {
                var flags = BinaryPrimitives.ReadUInt16LittleEndian(frames[(position + 4)..]);
                BinaryPrimitives.WriteUInt16LittleEndian(frames[(position + 4)..], (ushort)(flags & ~(ushort)FrameFlags.IsFinal));
                return;
            }
            position += length;
        }
    }

    private async Task WriteLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(SendBufferSize);
        var count = 0;
        Exception? reason = null;
        try
        {
            if (_role == ConnectionRole.Client)
            {
                Preamble.CopyTo(buffer);
                count = Preamble.Length;
            }
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    var message = item.Message;
                    if (count + message.Length > buffer.Length)
                    {
                        if (count > 0)
                        {
                            await SendAsync(buffer.AsMemory(0, count)).ConfigureAwait(false);
                            count = 0;
                        }
                        if (message.Length > buffer.Length)
                        {
                            item.Observer?.OnWritten();
                            await SendAsync(message.Memory).ConfigureAwait(false);
                            Interlocked.Increment(ref _messagesWritten);
                            continue;
                        }
                    }
                    message.Span.CopyTo(buffer.AsSpan(count));
                    count += message.Length;
                    item.Observer?.OnWritten();
                    Interlocked.Increment(ref _messagesWritten);
                }
                if (count > 0)
                {
                    await SendAsync(buffer.AsMemory(0, count)).ConfigureAwait(false);
                    count = 0;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            reason = IsActive ? new HazelcastConnectionException($"Writing to {RemoteEndPoint} failed: {e.Message}", requestSent: true, innerException: e) : null;
        }
        catch (Exception e)
        {
            reason = e;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        // The queue completes on Close (then this is a no-op) or on CloseAfterWrites, once everything queued was sent.
        Close(reason);
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None).ConfigureAwait(false);
            Interlocked.Increment(ref _sendCalls);
            bytes = bytes[sent..];
        }
        LastWriteTicks = Environment.TickCount64;
    }

    public override string ToString() => $"Connection({LocalEndPoint} -> {RemoteEndPoint})";
}
