using System.Buffers;
using System.Collections.Concurrent;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Hazelcast.Protocol;

namespace Hazelcast.Networking;

/// <summary>Whoever awaits a response: found once per response, before its bytes are copied, and handed back with the message.</summary>
internal interface IResponseTarget
{
    /// <summary>Whether the response may be read into a pooled buffer (its reader releases it).</summary>
    bool PoolResponse { get; }
}

/// <summary>Receives what a <see cref="MessageConnection"/> reads, and learns when it closes.</summary>
internal interface IMessageHandler
{
    /// <summary>
    /// Called on the read loop once for each response (not for events), before the message is materialized: what
    /// awaits it, which the connection passes back to <see cref="OnMessage"/>. Must not block.
    /// </summary>
    IResponseTarget? FindTarget(long correlationId) => null;

    /// <summary>
    /// Called on the read loop for each complete message, with the response's target (null for events and requests)
    /// and the read's batch, to which completions are deferred; must not block. An exception closes the connection
    /// with it as the reason, after the read loop ends (so <see cref="OnClosed"/> never runs in the middle of a read).
    /// </summary>
    void OnMessage(MessageConnection connection, ClientMessage message, IResponseTarget? target, ReadBatch batch);

    /// <summary>Called once when the connection closes, with the reason (null for a local, orderly close).</summary>
    void OnClosed(MessageConnection connection, Exception? reason);
}

/// <summary>Told when a queued message has been handed to the socket (it may then have reached the peer), and asked first whether it still should be.</summary>
internal interface IWriteObserver
{
    /// <param name="token">What the sender passed with the message (an invocation's attempt), so that a late report
    /// about an earlier attempt is told apart.</param>
    void OnWritten(long token);

    /// <summary>
    /// Whether the message is not to be sent any more (its invocation was cancelled, timed out or completed, or this
    /// attempt was superseded by a retry): a request nobody waits for is never written.
    /// </summary>
    bool IsAbandoned(long token);
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
    private const int ReadBufferSize = 256 * 1024;

    /// <summary>Messages from this size on are not copied into the send buffer: they go out as their own segment of a gather send.</summary>
    private const int LargeMessageSize = 8 * 1024;
    private const int MaxSegments = 64;
    private const int MaxGatherBytes = 1024 * 1024;

    /// <summary>Responses from this size on may be read into pooled arrays (see <see cref="IResponseTarget.PoolResponse"/>).</summary>
    private const int PooledResponseMinSize = 1024;

    private readonly Socket _socket;
    private readonly Stream? _tls; // the TLS stream over the socket, when the connection is secured
    private readonly ConnectionRole _role;
    private readonly IMessageHandler _handler;
    private readonly TimeProvider _time;
    private volatile int _maxMessageSize;
    private ReadBatch _batch = new();
    private readonly ConcurrentQueue<(ClientMessage Message, IWriteObserver? Observer, long Token)> _outbox = new();
    private readonly Writer _writer;
    private readonly byte[] _sendBuffer = new byte[SendBufferSize];
    private int _sendBufferCount;
    private int _runStart; // where the small messages not yet in _segments start in _sendBuffer
    private readonly List<ArraySegment<byte>> _segments = [];
    private int _segmentBytes;
    private int _writerScheduled; // 1 while the writer is queued or running: one writer at a time
    private volatile bool _outboxCompleted;
    private readonly Dictionary<long, List<byte[]>> _fragments = [];
    private long _fragmentBytes; // the bytes of every fragmented message not complete yet: bounded by the max message size

    /// <summary>The most fragmented messages a peer may have open at once on one connection.</summary>
    public const int MaxOpenFragmentedMessages = 64;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closing;
    private long _sendCalls;
    private long _messagesWritten;
    private long _writerPasses;

    /// <summary>The largest message a connection takes by default (the client's is <c>Messaging:MaxMessageSize</c>).</summary>
    public const int DefaultMaxMessageSize = 64 * 1024 * 1024;

    /// <param name="socket">The connected socket.</param>
    /// <param name="role">Whether this end is the client (it writes the preamble) or the member (it expects one).</param>
    /// <param name="handler">What receives the messages and the close.</param>
    /// <param name="time">The clock of the heartbeat's timestamps.</param>
    /// <param name="maxMessageSize">The largest message taken from the peer.</param>
    /// <param name="tls">The TLS stream over <paramref name="socket"/>, handshake done, when the connection is secured: every byte then goes through it.</param>
    /// <param name="telemetry">Where the bytes read and written are counted (the client's; none on a member).</param>
    public MessageConnection(Socket socket, ConnectionRole role, IMessageHandler handler, TimeProvider? time = null, int maxMessageSize = DefaultMaxMessageSize, Stream? tls = null,
        ClientTelemetry? telemetry = null)
    {
        _telemetry = telemetry;
        _socket = socket;
        _tls = tls;
        _role = role;
        _handler = handler;
        _time = time ?? TimeProvider.System;
        _maxMessageSize = maxMessageSize;
        _writer = new Writer(this);
        if (role == ConnectionRole.Client)
        {
            Preamble.CopyTo(_sendBuffer);
            _sendBufferCount = Preamble.Length;
        }
        socket.NoDelay = true;
        RemoteEndPoint = socket.RemoteEndPoint;
        LocalEndPoint = socket.LocalEndPoint;
        (ServerAddress, ServerPort) = RemoteEndPoint is IPEndPoint ip ? (ip.Address.ToString(), (object)ip.Port) : (RemoteEndPoint?.ToString() ?? "?", 0);
        LastReadMs = LastWriteMs = LastMessageMs = _time.NowMs();
        OpenedAt = _time.GetUtcNow();
    }

    /// <summary>When the connection was opened (client statistics report it as the cluster connection's timestamp).</summary>
    public DateTimeOffset OpenedAt { get; }

    public EndPoint? RemoteEndPoint { get; }

    /// <summary>The peer's address and port as telemetry tags them (<c>server.address</c>, <c>server.port</c>, boxed once).</summary>
    public string ServerAddress { get; }

    /// <inheritdoc cref="ServerAddress"/>
    public object ServerPort { get; }

    private readonly ClientTelemetry? _telemetry;

    private void CountSent(long bytes)
    {
        if (_telemetry is { BytesSent.Enabled: true } t) t.BytesSent.Add(bytes);
    }

    /// <summary>
    /// The largest message taken from the peer, and the most bytes of fragmented messages being assembled; a member
    /// raises it once its client has authenticated (before, only an authentication request needs to fit).
    /// </summary>
    public int MaxMessageSize
    {
        get => _maxMessageSize;
        set => _maxMessageSize = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The largest message must be positive.");
    }

    public EndPoint? LocalEndPoint { get; }

    /// <summary>When the last bytes were read (milliseconds of the connection's <see cref="TimeProvider"/>, see <c>NowMs</c>).</summary>
    public long LastReadMs { get; private set; }

    /// <summary>
    /// When the last complete message (or fragment) was read: progress, not bytes. A peer that sends part of a frame
    /// and then trickles, or nothing, makes none (the heartbeat closes the connection on it).
    /// </summary>
    public long LastMessageMs { get; private set; }

    /// <summary>When the last socket send completed (milliseconds of the connection's <see cref="TimeProvider"/>).</summary>
    public long LastWriteMs { get; private set; }

    /// <summary>Socket send calls made so far, a diagnostic (write coalescing makes this much smaller than <see cref="MessagesWritten"/>).</summary>
    public long SendCalls => Interlocked.Read(ref _sendCalls);

    public long MessagesWritten => Interlocked.Read(ref _messagesWritten);

    /// <summary>Passes the writer made over the outbox (a diagnostic: it stops growing once the connection is idle or closed).</summary>
    internal long WriterPasses => Interlocked.Read(ref _writerPasses);

    public bool IsActive => Volatile.Read(ref _closing) == 0;

    /// <summary>Completes when the connection is closed and both loops have ended.</summary>
    public Task Closed => _closed.Task;

    /// <summary>The reason the connection closed, once it has.</summary>
    public Exception? CloseReason { get; private set; }

    public void Start()
    {
        _ = Task.Run(ReadLoopAsync);
        if (_sendBufferCount > 0) ScheduleWriter(); // the preamble
    }

    /// <summary>Queues a message for the writer; false if the connection is closed.</summary>
    public bool TrySend(ClientMessage message, IWriteObserver? observer = null, long observerToken = 0)
    {
        if (!IsActive || _outboxCompleted) return false;
        _outbox.Enqueue((message, observer, observerToken));
        ScheduleWriter();
        return true;
    }

    /// <summary>Lets the writer send what is queued, then closes the connection (a member's last word to a client).</summary>
    public void CloseAfterWrites()
    {
        _outboxCompleted = true;
        ScheduleWriter();
    }

    /// <summary>
    /// Starts the writer unless it is queued or running; what is queued meanwhile (typically by the continuations of
    /// one read, each sending a request) goes out in the same send. The writer goes to the global queue: queued to the
    /// sending thread's own queue, it would wait for that thread, which may block (sync over async) or stay busy.
    /// </summary>
    private void ScheduleWriter()
    {
        if (Interlocked.CompareExchange(ref _writerScheduled, 1, 0) == 0) ThreadPool.UnsafeQueueUserWorkItem(_writer, preferLocal: false);
    }

    private sealed class Writer(MessageConnection connection) : IThreadPoolWorkItem
    {
        public void Execute() => _ = connection.WriteAsync();
    }

    public void Close(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0) return;
        CloseReason = reason;
        _outboxCompleted = true;
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        _socket.Dispose();
        _tls?.Dispose();
        try { _handler.OnClosed(this, reason); }
        finally { _closed.TrySetResult(); }
    }

    private async Task ReadLoopAsync()
    {
        Exception? reason = null;
        var reader = PipeReader.Create(_tls ?? new NetworkStream(_socket, ownsSocket: false), new StreamPipeReaderOptions(bufferSize: ReadBufferSize, minimumReadSize: 4096, leaveOpen: true));
        try
        {
            var expectPreamble = _role == ConnectionRole.Member;
            long unread = 0; // what the last read left in the pipe: the next read's new bytes come after it
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                LastReadMs = _time.NowMs();
                if (_telemetry is { BytesReceived.Enabled: true } telemetry) telemetry.BytesReceived.Add(buffer.Length - unread);
                if (expectPreamble)
                {
                    if (buffer.Length < 3)
                    {
                        if (result.IsCompleted) break;
                        reader.AdvanceTo(buffer.Start, buffer.End);
                        unread = buffer.Length;
                        continue;
                    }
                    var preamble = buffer.Slice(0, 3).ToArray();
                    if (!preamble.AsSpan().SequenceEqual(Preamble))
                        throw new ProtocolException($"Expected the protocol preamble 'CP2', received 0x{Convert.ToHexString(preamble)}.");
                    buffer = buffer.Slice(3);
                    expectPreamble = false;
                }

                try
                {
                    while (TryReadMessage(ref buffer, out var message, out var target))
                    {
                        if (message is null) continue;
                        _handler.OnMessage(this, message, target, _batch);
                    }
                }
                finally
                {
                    _batch = _batch.Flush();
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                unread = buffer.Length;
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
    /// asks the handler once what awaits it (a response), then copies it once into its own array, a pooled one if
    /// the target says so. Returns false when more bytes are needed. A fragment that does not complete its message
    /// yields a null message.
    /// </summary>
    private bool TryReadMessage(ref ReadOnlySequence<byte> buffer, out ClientMessage? message, out IResponseTarget? target)
    {
        message = null;
        target = null;
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
        LastMessageMs = LastReadMs;
        var whole = (firstFlags & FrameFlags.Unfragmented) == FrameFlags.Unfragmented;
        if (whole && (firstFlags & FrameFlags.IsEvent) == 0) target = _handler.FindTarget(CorrelationIdOf(buffer));
        // Large responses whose reader releases them go in pooled arrays. Small ones do not: the pool's cross-thread
        // return costs more than a small array (measured: docs/benchmarks.md).
        if (total >= PooledResponseMinSize && whole && target is { PoolResponse: true })
        {
            var rented = ClientMessage.ResponsePool.Rent(total);
            buffer.Slice(0, total).CopyTo(rented);
            buffer = buffer.Slice(total);
            message = new ClientMessage(rented, total, rented: true);
            return true;
        }
        var bytes = GC.AllocateUninitializedArray<byte>(total); // filled below: not zeroed first
        buffer.Slice(0, total).CopyTo(bytes);
        buffer = buffer.Slice(total);

        if (whole)
        {
            message = new ClientMessage(bytes, total);
            return true;
        }
        message = Reassemble(bytes, firstFlags);
        if (message is { IsEvent: false }) target = _handler.FindTarget(message.CorrelationId);
        return true;
    }

    private static long CorrelationIdOf(in ReadOnlySequence<byte> message)
    {
        Span<byte> header = stackalloc byte[ClientMessage.FrameHeaderSize + 12];
        message.Slice(0, header.Length).CopyTo(header);
        return BinaryPrimitives.ReadInt64LittleEndian(header[(ClientMessage.FrameHeaderSize + 4)..]);
    }

    /// <summary>Collects the fragments of a message by fragment id (PROTOCOL.md §1.12).</summary>
    private ClientMessage? Reassemble(byte[] fragment, FrameFlags flags)
    {
        var frameLength = BinaryPrimitives.ReadInt32LittleEndian(fragment);
        if (frameLength != ClientMessage.FrameHeaderSize + 8)
            throw new ProtocolException($"A fragmentation frame must hold an 8-byte fragment id; it declares {frameLength} bytes.");
        var id = BinaryPrimitives.ReadInt64LittleEndian(fragment.AsSpan(ClientMessage.FrameHeaderSize));
        var frames = fragment[frameLength..];
        // Memory taken from the network stays bounded: the bytes of the messages still being assembled count as they
        // arrive (all of them together within the max message size), and only so many may be open at once.
        _fragmentBytes += frames.Length;
        if (_fragmentBytes > _maxMessageSize)
            throw new ProtocolException($"The fragmented messages being received hold more than {_maxMessageSize} bytes (Messaging:MaxMessageSize).");
        if ((flags & FrameFlags.BeginFragment) != 0)
        {
            if (_fragments.Count >= MaxOpenFragmentedMessages)
                throw new ProtocolException($"The peer has more than {MaxOpenFragmentedMessages} fragmented messages open at once.");
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
        _fragmentBytes -= size;
        var whole = GC.AllocateUninitializedArray<byte>(size);
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

    /// <summary>
    /// Sends what is queued, coalescing messages into one buffer (one send call for many messages), until the queue is
    /// empty; then stands down, unless a message arrived meanwhile.
    /// </summary>
    private async Task WriteAsync()
    {
        try
        {
            while (true)
            {
                Interlocked.Increment(ref _writerPasses);
                while (IsActive && _outbox.TryDequeue(out var item))
                {
                    // (Once closed, nothing more is sent nor reported written: those invocations fail over as unsent.)
                    if (item.Observer is { } observer && observer.IsAbandoned(item.Token)) continue;
                    var message = item.Message;
                    if (message.Length >= LargeMessageSize)
                    {
                        // Sent from its own array in a gather send: no copy.
                        CloseRun();
                        _segments.Add(new ArraySegment<byte>(message.Buffer, 0, message.Length));
                        _segmentBytes += message.Length;
                    }
                    else
                    {
                        if (_sendBufferCount + message.Length > _sendBuffer.Length) await FlushAsync().ConfigureAwait(false);
                        message.Span.CopyTo(_sendBuffer.AsSpan(_sendBufferCount));
                        _sendBufferCount += message.Length;
                    }
                    item.Observer?.OnWritten(item.Token);
                    Interlocked.Increment(ref _messagesWritten);
                    if (_segments.Count >= MaxSegments || _segmentBytes >= MaxGatherBytes) await FlushAsync().ConfigureAwait(false);
                }
                await FlushAsync().ConfigureAwait(false);
                if (!IsActive || (_outboxCompleted && _outbox.IsEmpty))
                {
                    // Closed (what is still queued is never sent: those invocations fail over as unsent), or
                    // CloseAfterWrites and everything queued is sent. Close is then a no-op if already closed.
                    Close(null);
                    return;
                }
                // Stand down. The exchange is a full fence: a sender that queued before it saw the flag up and left the
                // message to us, so look again after it; a sender after it schedules a new writer itself.
                Interlocked.Exchange(ref _writerScheduled, 0);
                if ((_outbox.IsEmpty && !_outboxCompleted) || Interlocked.CompareExchange(ref _writerScheduled, 1, 0) != 0) return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            Close(IsActive ? new HazelcastConnectionException($"Writing to {RemoteEndPoint} failed: {e.Message}", requestSent: true, innerException: e) : null);
        }
        catch (Exception e)
        {
            Close(e);
        }
    }

    /// <summary>Ends the current run of small messages in the send buffer as a segment of the next gather send.</summary>
    private void CloseRun()
    {
        if (_sendBufferCount == _runStart) return;
        _segments.Add(new ArraySegment<byte>(_sendBuffer, _runStart, _sendBufferCount - _runStart));
        _segmentBytes += _sendBufferCount - _runStart;
        _runStart = _sendBufferCount;
    }

    /// <summary>Sends what is gathered: the send buffer alone in one send, or every segment in one gather send.</summary>
    private async ValueTask FlushAsync()
    {
        if (_segments.Count == 0)
        {
            if (_sendBufferCount == 0) return;
            await SendAsync(_sendBuffer.AsMemory(0, _sendBufferCount)).ConfigureAwait(false);
        }
        else
        {
            CloseRun();
            await SendAsync(_segments).ConfigureAwait(false);
            _segments.Clear();
            _segmentBytes = 0;
        }
        _sendBufferCount = 0;
        _runStart = 0;
    }

    private async ValueTask SendAsync(List<ArraySegment<byte>> segments)
    {
        if (_tls is not null)
        {
            // A TLS stream has no gather write: each segment is a write of its own (a large message's, at least 8 KiB).
            foreach (var segment in segments)
            {
                await _tls.WriteAsync(segment).ConfigureAwait(false);
                Interlocked.Increment(ref _sendCalls);
                CountSent(segment.Count);
            }
            segments.Clear();
            LastWriteMs = _time.NowMs();
            return;
        }
        while (segments.Count > 0)
        {
            var sent = await _socket.SendAsync(segments, SocketFlags.None).ConfigureAwait(false);
            Interlocked.Increment(ref _sendCalls);
            CountSent(sent);
            // A partial send: drop what went, keep the rest of the first segment that did not.
            while (sent > 0 && segments.Count > 0)
            {
                var first = segments[0];
                if (sent >= first.Count)
                {
                    sent -= first.Count;
                    segments.RemoveAt(0);
                }
                else
                {
                    segments[0] = first.Slice(sent);
                    sent = 0;
                }
            }
        }
        LastWriteMs = _time.NowMs();
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> bytes)
    {
        if (_tls is not null)
        {
            await _tls.WriteAsync(bytes).ConfigureAwait(false);
            Interlocked.Increment(ref _sendCalls);
            CountSent(bytes.Length);
            LastWriteMs = _time.NowMs();
            return;
        }
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None).ConfigureAwait(false);
            Interlocked.Increment(ref _sendCalls);
            CountSent(sent);
            bytes = bytes[sent..];
        }
        LastWriteMs = _time.NowMs();
    }

    public override string ToString() => $"Connection({LocalEndPoint} -> {RemoteEndPoint})";
}
