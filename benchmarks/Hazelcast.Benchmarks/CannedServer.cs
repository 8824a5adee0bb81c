using Hazelcast.Testing;
using System.Net;
using System.Net.Sockets;
using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Benchmarks;

/// <summary>
/// A member double with no map logic: it authenticates, announces itself as the only member, and answers each map
/// request with a pre-encoded response of the right type and size. It measures the client's own cost.
/// </summary>
internal sealed class CannedServer : IMessageHandler
{
    private readonly MemberHandshake.SingleMember _handshake;
    private readonly byte[] _getResponse;
    private readonly byte[] _setResponse;
    private readonly byte[] _putResponse;

    private CannedServer(int port, int size)
    {
        _handshake = new MemberHandshake.SingleMember(Guid.NewGuid(), port);
        var value = new SerializationService().ToData(Workload.Value(size));
        _getResponse = MapGetCodec.EncodeResponse(value).Span.ToArray();
        _setResponse = MapSetCodec.EncodeResponse().Span.ToArray();
        _putResponse = MapPutCodec.EncodeResponse(default).Span.ToArray();
    }

    public static async Task<int> RunAsync(LoadArgs a)
    {
        var server = new CannedServer(a.Port, a.Size);
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, a.Port));
        listener.Listen(16);
        Console.WriteLine($"ready: canned-response member on 127.0.0.1:{a.Port}, values of {a.Size} bytes");
        while (true)
        {
            var socket = await listener.AcceptAsync();
            var connection = new MessageConnection(socket, ConnectionRole.Member, server);
            connection.Start();
        }
    }

    public void OnMessage(MessageConnection connection, ClientMessage request, IResponseTarget? target, ReadBatch batch)
    {
        ClientMessage response;
        switch (request.MessageType)
        {
            case MapGetCodec.RequestMessageType: response = Canned(_getResponse); break;
            case MapSetCodec.RequestMessageType: response = Canned(_setResponse); break;
            case MapPutAllCodec.RequestMessageType: response = MapPutAllCodec.EncodeResponse(); break;
            case MapPutCodec.RequestMessageType: response = Canned(_putResponse); break;
            case ClientAuthenticationCodec.RequestMessageType:
                response = _handshake.AuthenticationResponse();
                break;
            case ClientAddClusterViewListenerCodec.RequestMessageType:
                Reply(connection, request, ClientAddClusterViewListenerCodec.EncodeResponse());
                var (members, partitions) = _handshake.ClusterViewEvents(request.CorrelationId);
                connection.TrySend(members);
                connection.TrySend(partitions);
                return;
            case ClientLocalBackupListenerCodec.RequestMessageType: response = ClientLocalBackupListenerCodec.EncodeResponse(Guid.NewGuid()); break;
            case ClientCreateProxyCodec.RequestMessageType: response = ClientCreateProxyCodec.EncodeResponse(); break;
            case ClientPingCodec.RequestMessageType: response = ClientPingCodec.EncodeResponse(); break;
            default:
                response = ClientSession.Error(RemoteError.UnsupportedOperation, "canned member");
                break;
        }
        Reply(connection, request, response);
    }

    private static ClientMessage Canned(byte[] template) => new((byte[])template.Clone(), template.Length);

    private static void Reply(MessageConnection connection, ClientMessage request, ClientMessage response)
    {
        response.CorrelationId = request.CorrelationId;
        connection.TrySend(response);
    }

    public void OnClosed(MessageConnection connection, Exception? reason) { }
}
