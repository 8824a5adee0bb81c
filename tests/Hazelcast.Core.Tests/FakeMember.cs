using Hazelcast.Testing;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Core.Tests;

/// <summary>
/// A scripted single member on raw sockets, for what the in-process member never does: misbehave. It
/// authenticates, sends a cluster view, answers pings, and hands every other request to <see cref="Respond"/>,
/// which returns the raw bytes to write back (or null to stay silent).
/// </summary>
internal sealed class FakeMember : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    public FakeMember(Func<ClientMessage, byte[]?> respond)
    {
        Respond = respond;
        _listener.Start();
        Handshake = new MemberHandshake.SingleMember(Guid.NewGuid(), Port);
        _ = AcceptLoopAsync();
    }

    private MemberHandshake.SingleMember Handshake { get; }

    public Func<ClientMessage, byte[]?> Respond { get; set; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Address => $"127.0.0.1:{Port}";

    public int Connections;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            lock (_sockets) _sockets.Add(socket);
            Interlocked.Increment(ref Connections);
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            await ReadExactly(socket, 3);
            while (true)
            {
                var message = await ReadMessageAsync(socket);
                var reply = Answer(message);
                if (reply is not null) await socket.SendAsync(reply);
            }
        }
        catch (Exception)
        {
            socket.Dispose();
        }
    }

    /// <summary>Answers a request before the built-in handshake does (null: let it); for faults during the handshake.</summary>
    public Func<ClientMessage, ClientMessage?>? Intercept { get; set; }

    private byte[]? Answer(ClientMessage request)
    {
        if (Intercept?.Invoke(request) is { } intercepted)
        {
            intercepted.CorrelationId = request.CorrelationId;
            return intercepted.Span.ToArray();
        }
        ClientMessage? response = request.MessageType switch
        {
            ClientAuthenticationCodec.RequestMessageType => Handshake.AuthenticationResponse(),
            ClientAddClusterViewListenerCodec.RequestMessageType => ClientAddClusterViewListenerCodec.EncodeResponse(),
            ClientPingCodec.RequestMessageType => ClientPingCodec.EncodeResponse(),
            ClientLocalBackupListenerCodec.RequestMessageType => ClientLocalBackupListenerCodec.EncodeResponse(Guid.NewGuid()), // as a real member's handshake
            ClientCreateProxyCodec.RequestMessageType => ClientCreateProxyCodec.EncodeResponse(),
            _ => null,
        };
        if (response is null)
        {
            var raw = Respond(request);
            // Patch the correlation id of a whole message; scripted fragments carry their own.
            if (raw is not null && raw.Length >= 18 && (BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(4)) & 0xC000) == 0xC000)
                BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(10), request.CorrelationId);
            return raw;
        }
        response.CorrelationId = request.CorrelationId;
        if (request.MessageType != ClientAddClusterViewListenerCodec.RequestMessageType) return response.Span.ToArray();

        var (members, partitions) = Handshake.ClusterViewEvents(request.CorrelationId);
        return [.. response.Span, .. members.Span, .. partitions.Span];
    }

    private static async Task<ClientMessage> ReadMessageAsync(Socket socket)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var header = await ReadExactly(socket, 6);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(4));
            bytes.AddRange(header);
            bytes.AddRange(await ReadExactly(socket, length - 6));
            if ((flags & (ushort)FrameFlags.IsFinal) != 0) break;
        }
        var array = bytes.ToArray();
        return new ClientMessage(array, array.Length);
    }

    private static async Task<byte[]> ReadExactly(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read));
            if (n == 0) throw new EndOfStreamException();
            read += n;
        }
        return buffer;
    }

    /// <summary>Closes every accepted connection (the listener stays open).</summary>
    public void DropConnections()
    {
        lock (_sockets)
        {
            foreach (var s in _sockets) s.Dispose();
            _sockets.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropConnections();
    }
}
