using System.Net;
using System.Net.Sockets;
using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Core.Tests;

/// <summary>The connection's own machinery, below any client or member logic.</summary>
public sealed class MessageConnectionTests
{
    private sealed class NullHandler : IMessageHandler
    {
        public void OnMessage(MessageConnection connection, ClientMessage message, IResponseTarget? target, ReadBatch batch) { }

        public void OnClosed(MessageConnection connection, Exception? reason) { }
    }

    [Fact]
    public async Task A_connection_closed_with_messages_still_queued_leaves_no_writer_running()
    {
        // A message queued just before the close finds the writer scheduled; the writer then runs on a closed
        // connection and must stand down, not go round the queue forever (a spinning pool thread per closed
        // connection starved the whole process during member kills).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var connections = new List<MessageConnection>();
        var peers = new List<Socket>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync((IPEndPoint)listener.LocalEndpoint, TestContext.Current.CancellationToken);
                peers.Add(await listener.AcceptSocketAsync(TestContext.Current.CancellationToken));
                var connection = new MessageConnection(socket, ConnectionRole.Member, new NullHandler());
                connection.Start();
                Assert.True(connection.TrySend(ClientPingCodec.EncodeRequest()));
                connection.Close(null);
                connections.Add(connection);
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
            var before = connections.Select(c => c.WriterPasses).ToArray();
            await Task.Delay(300, TestContext.Current.CancellationToken);
            var after = connections.Select(c => c.WriterPasses).ToArray();
            Assert.Equal(before, after);
            Assert.All(after, passes => Assert.InRange(passes, 0, 2));
        }
        finally
        {
            foreach (var peer in peers) peer.Dispose();
        }
    }

    private sealed class Observer(bool abandoned) : IWriteObserver
    {
        public int Written;

        public void OnWritten(long token) => Written++;

        public bool IsAbandoned(long token) => abandoned;
    }

    [Fact]
    public async Task A_request_abandoned_before_it_is_written_is_never_written()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync((IPEndPoint)listener.LocalEndpoint, TestContext.Current.CancellationToken);
        using var peer = await listener.AcceptSocketAsync(TestContext.Current.CancellationToken);
        var connection = new MessageConnection(socket, ConnectionRole.Member, new NullHandler());
        connection.Start();
        var abandoned = new Observer(abandoned: true);
        var live = new Observer(abandoned: false);
        var ping = ClientPingCodec.EncodeRequest();
        Assert.True(connection.TrySend(MapSizeCodec.EncodeRequest("not sent"), abandoned, 1));
        Assert.True(connection.TrySend(ping, live, 2));
        var received = new byte[ping.Length + 1];
        var count = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (count < ping.Length) count += await peer.ReceiveAsync(received.AsMemory(count), SocketFlags.None, timeout.Token);
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.Equal(0, peer.Available); // nothing but the ping arrived
        Assert.Equal(ping.Span.ToArray(), received[..count]);
        Assert.Equal((0, 1), (abandoned.Written, live.Written));
        connection.Close(null);
    }
}
