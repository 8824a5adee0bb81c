using System.Buffers.Binary;
using System.Net.Sockets;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Query;
using Hazelcast.Serialization;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>
/// Hostile input to the in-process member (which the WebApi sample hosts in Development): each gets an error response
/// or a closed connection, and the member goes on serving other clients.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private HazelcastCluster _cluster = null!;
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions
        {
            MaxConnectionsPerMember = 4,
            AuthenticationTimeout = TimeSpan.FromMilliseconds(500),
        });
        _client = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(_cluster.Addresses[0]));
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    /// <summary>The member still answers a query from a well-behaved client.</summary>
    private async Task StillServingAsync()
    {
        var map = await _client.GetMapAsync<int, int>($"alive-{Guid.NewGuid():N}");
        await map.SetAsync(1, 5);
        Assert.Equal([5], await map.GetValuesAsync(Predicates.GreaterThan("this", 1)));
    }

    [Fact]
    public async Task A_predicate_nested_a_hundred_thousand_levels_deep_is_refused_not_a_stack_overflow()
    {
        // NOT(NOT(...NOT(TRUE)...)), 100,000 levels, written by hand: no serializer would write it.
        var data = new List<byte>(capacity: 100_000 * 13 + 32);
        void Int(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32BigEndian(b, v); data.AddRange(b); }
        Int(0);
        Int(-2);
        for (var i = 0; i < 100_000; i++)
        {
            data.Add(1);
            Int(Predicates.FactoryId);
            Int(10); // NotPredicate
            Int(-2); // its inner predicate, an IdentifiedDataSerializable
        }
        data.Add(1);
        Int(Predicates.FactoryId);
        Int(14); // TruePredicate
        var cluster = ((HazelcastClient)_client).Cluster;
        var error = await Assert.ThrowsAsync<RemoteException>(async () =>
            await cluster.Invocations.InvokeAsync(MapValuesWithPredicateCodec.EncodeRequest("deep", new Data(data.ToArray())), -1, default));
        Assert.Contains("levels deep", error.Message);
        await StillServingAsync();
    }

    [Fact]
    public async Task SQL_predicates_nested_too_deep_are_a_query_error_and_long_chains_are_evaluated()
    {
        var map = await _client.GetMapAsync<int, int>($"sql-{Guid.NewGuid():N}");
        await map.SetAsync(1, 1);
        foreach (var sql in new[] { new string('(', 100_000) + "this = 1" + new string(')', 100_000), string.Concat(Enumerable.Repeat("NOT ", 100_000)) + "this = 1" })
        {
            var error = await Assert.ThrowsAsync<RemoteException>(async () => await map.GetKeysAsync(Predicates.Sql(sql)));
            Assert.Equal(Hazelcast.Protocol.RemoteError.Query, error.Error);
            Assert.Contains("nest more than", error.Message);
            Assert.True(error.Message.Length < 1000, "the error does not echo the whole input");
        }
        // 50,000 ORs: one predicate over a list, not a tree 50,000 deep.
        var chain = string.Join(" OR ", Enumerable.Range(2, 50_000).Select(i => $"this = {i}")) + " OR this = 1";
        Assert.Equal([1], await map.GetKeysAsync(Predicates.Sql(chain)));
        await StillServingAsync();
    }

    private async Task<Socket> ConnectRawAsync()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(_cluster.Members[0].EndPoint);
        return socket;
    }

    private static async Task<bool> ClosedWithinAsync(Socket socket, TimeSpan within)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(within);
                if (n == 0) return true;
            }
        }
        catch (SocketException)
        {
            return true; // reset: closed too
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Before_authentication_a_large_message_closes_the_connection()
    {
        using var socket = await ConnectRawAsync();
        // A frame that declares 1 MiB: past the 64 KiB allowed before authentication.
        var header = new byte[6];
        BinaryPrimitives.WriteInt32LittleEndian(header, 1024 * 1024);
        await socket.SendAsync((byte[])[.. "CP2"u8.ToArray(), .. header, .. new byte[4096]]);
        Assert.True(await ClosedWithinAsync(socket, TimeSpan.FromSeconds(5)), "the connection was closed");
        await StillServingAsync();
    }

    [Fact]
    public async Task A_connection_that_does_not_authenticate_in_time_is_closed()
    {
        var before = _cluster.Members[0].AuthenticationTimeouts;
        using var socket = await ConnectRawAsync();
        await socket.SendAsync("CP2"u8.ToArray());
        Assert.True(await ClosedWithinAsync(socket, TimeSpan.FromSeconds(5)), "closed at the authentication timeout");
        Assert.True(_cluster.Members[0].AuthenticationTimeouts > before);
        await StillServingAsync();
    }

    [Fact]
    public async Task Connections_past_the_limit_are_closed_at_once()
    {
        var sockets = new List<Socket>();
        try
        {
            // One connection is the client's; four more fill and pass the limit of four.
            for (var i = 0; i < 4; i++) sockets.Add(await ConnectRawAsync());
            await Wait.UntilAsync(() => _cluster.Members[0].RefusedConnections >= 1, TimeSpan.FromSeconds(5), "a connection past the limit was refused");
            Assert.True(await ClosedWithinAsync(sockets[^1], TimeSpan.FromSeconds(5)));
        }
        finally
        {
            foreach (var s in sockets) s.Dispose();
        }
        // The raw ones close at the authentication timeout; then the member takes connections again.
        await Wait.UntilAsync(() => _cluster.Members[0].ConnectionCount <= 1, TimeSpan.FromSeconds(5), "the raw connections are gone");
        await using var other = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(_cluster.Addresses[0]));
        await StillServingAsync();
    }
}
