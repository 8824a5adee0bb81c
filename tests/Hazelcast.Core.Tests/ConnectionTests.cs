using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>What the client does when the network or the member misbehaves: it fails clearly and never hangs.</summary>
public sealed class ConnectionTests
{
    private static HazelcastOptions OptionsFor(string address, Action<HazelcastOptions>? configure = null)
    {
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(address);
        options.Networking.ClusterConnectTimeout = TimeSpan.FromSeconds(5);
        configure?.Invoke(options);
        return options;
    }

    private static byte[] Frames(params (ushort Flags, byte[] Content)[] frames)
    {
        var result = new List<byte>();
        foreach (var (flags, content) in frames)
        {
            var header = new byte[6];
            BinaryPrimitives.WriteInt32LittleEndian(header, 6 + content.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), flags);
            result.AddRange(header);
            result.AddRange(content);
        }
        return [.. result];
    }

    [Fact]
    public async Task An_unreachable_cluster_fails_within_the_cluster_connect_timeout_naming_the_addresses()
    {
        using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop(); // nothing listens there now
        var options = OptionsFor($"127.0.0.1:{port}", o => o.Networking.ClusterConnectTimeout = TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<HazelcastConnectionException>(async () => await HazelcastClientFactory.StartNewClientAsync(options));
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClusterConnectTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_cluster_name_is_rejected_at_once()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        var options = OptionsFor(cluster.Addresses[0], o => o.ClusterName = "prod");
        var error = await Assert.ThrowsAsync<AuthenticationException>(async () => await HazelcastClientFactory.StartNewClientAsync(options));
        Assert.Contains("'prod'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_are_checked_by_the_member()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { Username = "user", Password = "secret" });
        await Assert.ThrowsAsync<AuthenticationException>(async () => await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster.Addresses[0])));
        await Assert.ThrowsAsync<AuthenticationException>(async () => await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster.Addresses[0], o =>
        {
            o.Authentication.Username = "user";
            o.Authentication.Password = "wrong";
        })));
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster.Addresses[0], o =>
        {
            o.Authentication.Username = "user";
            o.Authentication.Password = "secret";
        }));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_frame_with_a_bad_length_closes_the_connection_and_fails_pending_invocations_at_once()
    {
        await using var member = new FakeMember(request => request.MessageType == MapPutCodec.RequestMessageType
            ? [.. MapPutCodec.EncodeResponse(default).Span[..19], .. new byte[] { 3, 0, 0, 0, 0, 0x20 }] // a frame that claims 3 bytes
            : null);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(member.Address));
        var map = await client.GetMapAsync<string, string>("m");
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<HazelcastConnectionException>(async () => await map.PutAsync("k", "v"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3));
        Assert.True(error.RequestSent);
        Assert.IsType<ProtocolException>(error.InnerException);
        Assert.Contains("3 bytes", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_response_fails_the_invocation_with_a_protocol_error()
    {
        // A well-framed Map.Get response without its value frame: the decoder names the missing field.
        await using var member = new FakeMember(request => request.MessageType == MapGetCodec.RequestMessageType
            ? Frames((0xE000, new byte[13].Also(c => BinaryPrimitives.WriteInt32LittleEndian(c, MapGetCodec.ResponseMessageType))))
            : null);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(member.Address));
        var map = await client.GetMapAsync<string, string>("m");
        var error = await Assert.ThrowsAsync<ProtocolException>(async () => await map.GetAsync("k"));
        Assert.Contains("'response'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A member that answers a Map.Get with a Map.Put response (a protocol error for the client) and nothing else.</summary>
    private static FakeMember MemberAnsweringGetsWithPutResponses() => new(request => request.MessageType == MapGetCodec.RequestMessageType
        ? MapPutCodec.EncodeResponse(default).Span.ToArray()
        : null);

    [Fact]
    public async Task A_response_of_another_type_fails_that_operation_and_the_connection_stays()
    {
        // The member answers a Map.Get with a Map.Put response (as Hazelcast 5.0 answers CountDownLatch.GetCount with
        // the GetRound response): responses are matched by correlation id, so only that operation fails.
        await using var member = MemberAnsweringGetsWithPutResponses();
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(member.Address));
        var map = await client.GetMapAsync<string, string>("m");
        var pending = map.SetAsync("other", "v").AsTask(); // never answered
        await Task.Delay(100);
        var error = await Assert.ThrowsAsync<ProtocolException>(async () => await map.GetAsync("k"));
        Assert.Contains("0x010101", error.Message, StringComparison.Ordinal);
        Assert.Contains("0x010200", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ProtocolException>(async () => await map.GetAsync("k2")); // again, on the same connection
        await client.PingAsync();
        Assert.Equal(1, client.ConnectionCount);
        Assert.Equal(ClientState.Connected, client.State);
        Assert.False(pending.IsCompleted); // what else was in flight on the connection is untouched
    }

    /// <summary>A member that answers a Map.Get with an error response whose error holders are missing (a malformed message).</summary>
    private static FakeMember MemberAnsweringGetsWithMalformedErrors() => new(request => request.MessageType == MapGetCodec.RequestMessageType
        ? Frames((0xE000, new byte[13]))
        : null);

    [Fact]
    public async Task A_malformed_message_closes_the_connection_and_fails_what_is_pending()
    {
        await using var member = MemberAnsweringGetsWithMalformedErrors();
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(member.Address));
        var map = await client.GetMapAsync<string, string>("m");
        var pending = map.SetAsync("other", "v").AsTask(); // never answered: fails when the connection closes
        await Task.Delay(100);
        await Assert.ThrowsAsync<ProtocolException>(async () => await map.GetAsync("k")); // its error response cannot be read
        var failed = await Assert.ThrowsAsync<HazelcastConnectionException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(failed.RequestSent);
    }

    [Fact]
    public async Task A_state_handler_that_waits_for_an_operation_failed_by_a_protocol_error_gets_its_outcome()
    {
        // The protocol error closes the connection from the read loop. The state handler runs on that thread and
        // blocks on an operation the close failed: that failure must already be on its way, not held until the read
        // loop finishes its read (which would never happen while the handler blocks it).
        await using var member = MemberAnsweringGetsWithMalformedErrors();
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(member.Address));
        var map = await client.GetMapAsync<string, string>("m");
        var pending = map.SetAsync("other", "v").AsTask(); // never answered: fails when the connection closes
        var sawOutcome = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, e) =>
        {
            if (e.State != ClientState.Disconnected) return;
            try
            {
                sawOutcome.TrySetResult(((IAsyncResult)pending).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(3)));
            }
            catch (Exception ex)
            {
                sawOutcome.TrySetException(ex);
            }
        };
        await Task.Delay(100);
        await Assert.ThrowsAsync<ProtocolException>(async () => await map.GetAsync("k"));
        Assert.True(await sawOutcome.Task.WaitAsync(TimeSpan.FromSeconds(10)), "the handler waited 3 s for an operation the close had failed");
        await Assert.ThrowsAsync<HazelcastConnectionException>(() => pending);
    }

    [Fact]
    public async Task A_member_that_never_answers_times_out_after_the_invocation_timeout()
    {
        await using var member = new FakeMember(_ => null);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(member.Address, o => o.InvocationTimeout = TimeSpan.FromMilliseconds(500)));
        var map = await client.GetMapAsync<string, string>("m");
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<HazelcastTimeoutException>(async () => await map.GetAsync("k"));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_fragmented_response_is_reassembled()
    {
        var value = new SerializationService().ToData(new string('x', 5000));
        await using var member = new FakeMember(request =>
        {
            if (request.MessageType != MapGetCodec.RequestMessageType) return null;
            var whole = MapGetCodec.EncodeResponse(value);
            whole.CorrelationId = request.CorrelationId;
            var bytes = whole.Span.ToArray();
            var initialLength = BinaryPrimitives.ReadInt32LittleEndian(bytes);
            // Fragment 1: the initial frame (IS_FINAL added); fragment 2: the value frame.
            var first = bytes[..initialLength];
            BinaryPrimitives.WriteUInt16LittleEndian(first.AsSpan(4), (ushort)(FrameFlags.Unfragmented | FrameFlags.IsFinal));
            var id = BitConverter.GetBytes(77L);
            return [.. Frames((0x8000, id)), .. first, .. Frames((0x4000, id)), .. bytes[initialLength..]];
        });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(member.Address));
        var map = await client.GetMapAsync<string, string>("m");
        Assert.Equal(new string('x', 5000), await map.GetAsync("k"));
    }

    [Fact]
    public async Task A_member_that_sends_part_of_a_frame_and_stalls_is_closed_after_the_heartbeat_timeout()
    {
        // The member answers a Map.Get with a frame header that declares 1,000 bytes, and nothing more: the ping
        // responses after it keep bytes coming, but no message completes. Progress, not bytes, keeps a connection alive.
        await using var member = new FakeMember(request => request.MessageType == MapGetCodec.RequestMessageType
            ? new byte[] { 0xE8, 0x03, 0, 0, 0x00, 0xC0 }
            : null);
        var options = OptionsFor(member.Address, o =>
        {
            o.Heartbeat.Interval = TimeSpan.FromMilliseconds(200);
            o.Heartbeat.Timeout = TimeSpan.FromSeconds(1);
            o.InvocationTimeout = TimeSpan.FromSeconds(30);
        });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var disconnected = Wait.DisconnectedAsync(client);
        var map = await client.GetMapAsync<string, string>("m");
        var watch = Stopwatch.StartNew();
        _ = map.GetAsync("k").AsTask();
        await disconnected.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_peer_that_opens_too_many_fragmented_messages_is_closed()
    {
        // 65 first fragments of different ids, none finished: memory taken from the network stays bounded.
        await using var member = new FakeMember(request =>
        {
            if (request.MessageType != MapGetCodec.RequestMessageType) return null;
            var bytes = new List<byte>();
            for (long id = 1; id <= MessageConnection.MaxOpenFragmentedMessages + 1; id++)
                bytes.AddRange(Frames((0x8000, BitConverter.GetBytes(id)), (0x2000, new byte[13])));
            return [.. bytes];
        });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(member.Address, o => o.InvocationTimeout = TimeSpan.FromSeconds(2)));
        var closed = Wait.DisconnectedAsync(client);
        var map = await client.GetMapAsync<string, string>("m");
        _ = map.GetAsync("k").AsTask();
        await closed.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_fragmented_message_larger_than_the_max_message_size_is_refused_as_it_arrives()
    {
        // Fragments of 40 KiB each under a 64 KiB limit: the second one already exceeds it, before any END fragment.
        await using var member = new FakeMember(request =>
        {
            if (request.MessageType != MapGetCodec.RequestMessageType) return null;
            var id = BitConverter.GetBytes(9L);
            return [.. Frames((0x8000, id), (0x2000, new byte[40 * 1024])), .. Frames((0x0000, id), (0x2000, new byte[40 * 1024]))];
        });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(member.Address, o =>
        {
            o.Messaging.MaxMessageSize = 64 * 1024;
            o.InvocationTimeout = TimeSpan.FromSeconds(2);
        }));
        var closed = Wait.DisconnectedAsync(client);
        var map = await client.GetMapAsync<string, string>("m");
        _ = map.GetAsync("k").AsTask();
        await closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Throws<ArgumentException>(() => new HazelcastOptions { Messaging = { MaxMessageSize = 1000 } }.Validate());
    }

    [Fact]
    public async Task Pending_operations_fail_when_the_client_shuts_down()
    {
        await using var member = new FakeMember(_ => null);
        var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(member.Address));
        var map = await client.GetMapAsync<string, string>("m");
        var pending = map.GetAsync("k").AsTask();
        await Task.Delay(100);
        await client.DisposeAsync();
        await Assert.ThrowsAsync<ClientNotActiveException>(() => pending.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(ClientState.Shutdown, client.State);
        await Assert.ThrowsAsync<ClientNotActiveException>(async () => await client.GetMapAsync<string, string>("m"));
    }

    [Fact]
    public async Task The_member_answers_a_request_before_authentication_with_an_error_and_closes()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(cluster.Members[0].EndPoint);
        var request = ClientPingCodec.EncodeRequest();
        request.CorrelationId = 9;
        await socket.SendAsync((byte[])[.. "CP2"u8.ToArray(), .. request.Span]);
        var buffer = new byte[4096];
        var total = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(total)).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            if (n == 0) break;
            total += n;
        }
        var response = new ClientMessage(buffer, total);
        Assert.True(response.IsError);
        Assert.Equal(9, response.CorrelationId);
        Assert.Equal((int)RemoteError.Authentication, ErrorCodec.Decode(response)[0].ErrorCode);
    }

    [Fact]
    public async Task The_member_closes_a_connection_that_sends_a_bad_preamble_or_frame()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        foreach (var bytes in new[] { "XYZ"u8.ToArray(), [.. "CP2"u8.ToArray(), 2, 0, 0, 0, 0, 0xE0] })
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(cluster.Members[0].EndPoint);
            await socket.SendAsync(bytes);
            var n = await socket.ReceiveAsync(new byte[16].AsMemory()).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(0, n);
        }
    }

    [Fact]
    public async Task Unisocket_mode_uses_one_connection()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3 });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster.Addresses[0], o => o.Networking.SmartRouting = false));
        var map = await client.GetMapAsync<int, int>("m");
        for (var i = 0; i < 50; i++) await map.SetAsync(i, i);
        Assert.Equal(50, await map.GetSizeAsync());
        Assert.Equal(1, client.ConnectionCount);
        Assert.Equal(3, client.Members.Count);
        Assert.Equal(0, cluster.Members[1].ConnectionCount + cluster.Members[2].ConnectionCount);
    }
}

internal static class TestExtensions
{
    /// <summary>Socket sends and messages written over the client's open connections (their diagnostic counters; a run in which a connection closes would undercount).</summary>
    public static (long SendCalls, long Messages) WriteCounters(Hazelcast.Clustering.Cluster cluster)
        => (cluster.Connections.Connections.Sum(c => c.SendCalls), cluster.Connections.Connections.Sum(c => c.MessagesWritten));

    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
