using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using CsCheck;
using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Core.Tests;

/// <summary>
/// Bytes from the network, mutated at random (CsCheck, seeded and bounded): decoding ends in the value or in a
/// <see cref="ProtocolException"/> or <see cref="SerializationException"/>, never in another exception, a hang or an
/// unbounded allocation; a connection fed garbage closes and says why.
/// </summary>
public sealed class FuzzTests
{
    private static readonly JsonDocument Vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "golden", "vectors.json")));

    /// <summary>The official client's request bytes (golden vectors), with the generated decoder of each.</summary>
    private static readonly (byte[] Bytes, MethodInfo Decode)[] Requests = LoadRequests();

    private static (byte[] Bytes, MethodInfo Decode)[] LoadRequests()
    {
        var decoders = typeof(ClientMessage).Assembly.GetTypes()
            .Where(t => t.Namespace == "Hazelcast.Protocol.Codecs" && t.GetField("RequestMessageType") is not null && t.GetMethod("DecodeRequest") is not null)
            .ToDictionary(t => (int)t.GetField("RequestMessageType")!.GetValue(null)!, t => t.GetMethod("DecodeRequest")!);
        return Vectors.RootElement.GetProperty("requests").EnumerateArray()
            .Select(r => (Bytes: Convert.FromHexString(r.GetProperty("hex").GetString()!), Type: r.GetProperty("messageType").GetInt32()))
            .Where(r => decoders.ContainsKey(r.Type))
            .Select(r => (r.Bytes, decoders[r.Type]))
            .ToArray();
    }

    /// <summary>A mutation: flip a bit, truncate, write a hostile length or clear a flag at some offset.</summary>
    private static readonly Gen<(int Request, int Kind, int Offset, int Value)> Mutations =
        Gen.Select(Gen.Int[0, Requests.Length - 1], Gen.Int[0, 4], Gen.Int[0, 4096], Gen.Int);

    private static readonly int[] HostileLengths = [0, 1, 2, 3, 4, 5, -1, int.MaxValue, int.MinValue, 6];

    private static byte[] Mutate(byte[] original, int kind, int offset, int value)
    {
        var bytes = (byte[])original.Clone();
        var at = offset % bytes.Length;
        switch (kind)
        {
            case 0: bytes[at] ^= (byte)(1 << (value & 7)); break; // one bit
            case 1: return bytes[..Math.Max(1, at)]; // truncated
            case 2 when at + 4 <= bytes.Length: BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), HostileLengths[(value & int.MaxValue) % HostileLengths.Length]); break;
            case 3 when at + 6 <= bytes.Length: bytes[at + 5] &= 0x1F; break; // clear IS_FINAL / BEGIN / END-ish high flag bits
            default: bytes[at] = (byte)value; break;
        }
        return bytes;
    }

    private static bool Expected(Exception e) => e is ProtocolException or SerializationException;

    [Fact]
    public void Mutated_requests_decode_or_fail_with_a_protocol_error_only()
    {
        Assert.True(Requests.Length > 50, "the golden vectors should cover the request codecs");
        int decoded = 0, refused = 0;
        Mutations.Sample(m =>
        {
            var (original, decode) = Requests[m.Request];
            var bytes = Mutate(original, m.Kind, m.Offset, m.Value);
            try
            {
                var message = new ClientMessage(bytes, bytes.Length);
                decode.Invoke(null, [message]);
                Interlocked.Increment(ref decoded);
            }
            catch (TargetInvocationException e) when (e.InnerException is { } inner)
            {
                if (!Expected(inner)) throw new InvalidOperationException($"{decode.DeclaringType!.Name} threw {inner.GetType().Name}: {inner.Message} on {Convert.ToHexString(bytes)}", inner);
                Interlocked.Increment(ref refused);
            }
            catch (Exception e) when (Expected(e))
            {
                Interlocked.Increment(ref refused);
            }
        }, iter: 100_000);
        // Both outcomes happen: the mutations reach the decoders, and some are refused.
        Assert.True(decoded > 1000 && refused > 1000, $"{decoded} decoded, {refused} refused");
    }

    [Fact]
    public void Mutated_error_responses_decode_or_fail_with_a_protocol_error_only()
    {
        var error = ErrorCodec.Encode([new ErrorHolder((int)RemoteError.IllegalArgument, "java.lang.IllegalArgumentException", "bad",
            [new StackTraceElement(12, "com.hazelcast.Foo", "bar", "Foo.java")])]).Span.ToArray();
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 4096], Gen.Int).Sample(m =>
        {
            var bytes = Mutate(error, m.Item1, m.Item2, m.Item3);
            try
            {
                ErrorResponses.Decode(new ClientMessage(bytes, bytes.Length));
            }
            catch (Exception e) when (Expected(e))
            {
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Mutated_serialized_values_deserialize_or_fail_with_a_serialization_error_only()
    {
        // Built-in types (the official client's bytes) and Compact values of every field kind, nested objects and
        // 1-, 2- and 4-byte offset tables, read by a client that knows their schemas.
        var writer = new SerializationService();
        object[] compact = [AllKinds.Sample(), new AllKinds(), new Person { Name = "p", Address = new Place { City = "c", Zip = 1 } },
            new Student { Name = new string('x', 300), Age = 1 }, new Student { Name = new string('y', 70000), Age = 2 }];
        var samples = Vectors.RootElement.GetProperty("serialization").EnumerateArray()
            .Select(v => (Bytes: Convert.FromHexString(v.GetProperty("dataHex").GetString()!), Type: typeof(object)))
            .Concat(compact.Select(c => (Bytes: writer.ToData(c).Bytes.ToArray(), Type: c.GetType())))
            .Where(s => s.Bytes.Length >= Data.HeaderSize)
            .ToArray();
        var reader = new SerializationService();
        foreach (var schema in writer.Compact.Schemas.All) reader.Compact.Schemas.AddFromCluster(schema);
        int read = 0, refused = 0;
        Gen.Select(Gen.Int[0, samples.Length - 1], Gen.Int[0, 4], Gen.Int[0, 80_000], Gen.Int).Sample(m =>
        {
            var (original, type) = samples[m.Item1];
            var bytes = Mutate(original, m.Item2, m.Item3, m.Item4);
            try
            {
                reader.ToObject(new Data(bytes), type);
                Interlocked.Increment(ref read);
            }
            catch (SerializationException)
            {
                Interlocked.Increment(ref refused);
            }
        }, iter: 20_000);
        Assert.True(read > 100 && refused > 100, $"{read} read, {refused} refused");
    }

    private sealed class Recorder : IMessageHandler
    {
        public readonly TaskCompletionSource<Exception?> Closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnMessage(MessageConnection connection, ClientMessage message, IResponseTarget? target, ReadBatch batch) { }

        public void OnClosed(MessageConnection connection, Exception? reason) => Closed.TrySetResult(reason);
    }

    [Fact]
    public async Task A_connection_fed_random_bytes_closes_within_a_second_and_says_why()
    {
        var streams = Gen.Byte.Array[64, 4096].Array[8].Single();
        foreach (var garbage in streams)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync((IPEndPoint)listener.LocalEndpoint, TestContext.Current.CancellationToken);
            using var peer = await listener.AcceptSocketAsync(TestContext.Current.CancellationToken);
            var recorder = new Recorder();
            var connection = new MessageConnection(socket, ConnectionRole.Client, recorder, maxMessageSize: 64 * 1024);
            connection.Start();
            await peer.SendAsync(garbage, SocketFlags.None);
            peer.Shutdown(SocketShutdown.Send); // and then nothing: what was sent must be judged, not waited on
            var reason = await recorder.Closed.Task.WaitAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            Assert.True(reason is ProtocolException or HazelcastConnectionException, $"closed with {reason?.GetType().Name}: {reason?.Message}");
        }
    }
}
