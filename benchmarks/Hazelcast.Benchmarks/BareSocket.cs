using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hazelcast.Benchmarks;

/// <summary>
/// The ceiling: requests and responses of the protocol's sizes over one loopback TCP connection, kept
/// <c>inflight</c> deep, with no protocol logic at all. Each read of k responses is answered by one send of k requests.
/// </summary>
internal static class BareSocket
{
    public static async Task<int> ServeAsync(LoadArgs a)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, a.Port));
        listener.Listen(16);
        Console.WriteLine($"ready: bare-socket server on 127.0.0.1:{a.Port}");
        while (true)
        {
            var socket = await listener.AcceptAsync();
            socket.NoDelay = true;
            _ = Task.Run(() => EchoAsync(socket));
        }
    }

    private static async Task EchoAsync(Socket socket)
    {
        using var _ = socket;
        var header = new byte[8];
        if (!await ReadExactlyAsync(socket, header)) return;
        var requestSize = BinaryPrimitives.ReadInt32LittleEndian(header);
        var responseSize = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
        var input = new byte[1 << 20];
        var output = new byte[responseSize * 4096];
        var pending = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(input.AsMemory(), SocketFlags.None);
            if (n == 0) return;
            pending += n;
            var complete = pending / requestSize;
            pending %= requestSize;
            while (complete > 0)
            {
                var batch = Math.Min(complete, 4096);
                await socket.SendAsync(output.AsMemory(0, batch * responseSize), SocketFlags.None);
                complete -= batch;
            }
        }
    }

    public static async Task<int> RunAsync(LoadArgs a)
    {
        var (requestSize, responseSize) = Workload.FrameSizes(a.Op, a.Size);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var address = Networking.NetworkAddress.Parse(a.Address);
        await socket.ConnectAsync(IPAddress.Parse(address.Host), address.Port);
        var header = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(header, requestSize);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), responseSize);
        await socket.SendAsync(header, SocketFlags.None);

        var requests = new byte[requestSize * a.InFlight];
        var input = new byte[1 << 20];
        var sent = new Queue<long>(a.InFlight);
        var latency = new Histogram();
        long ops = 0, sends = 0;
        var warmupEnd = Stopwatch.GetTimestamp() + (long)(a.Warmup * Stopwatch.Frequency);
        var end = warmupEnd + (long)(a.Seconds * Stopwatch.Frequency);
        for (var i = 0; i < a.InFlight; i++) sent.Enqueue(Stopwatch.GetTimestamp());
        await socket.SendAsync(requests.AsMemory(), SocketFlags.None);
        var pending = 0;
        long measuredStart = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(input.AsMemory(), SocketFlags.None);
            var now = Stopwatch.GetTimestamp();
            pending += n;
            var complete = pending / responseSize;
            pending %= responseSize;
            var measuring = now >= warmupEnd;
            if (measuring && measuredStart == 0) measuredStart = now;
            for (var i = 0; i < complete; i++)
            {
                var started = sent.Dequeue();
                if (measuring)
                {
                    latency.Record((long)Stopwatch.GetElapsedTime(started, now).TotalMicroseconds);
                    ops++;
                }
            }
            if (now >= end) break;
            for (var i = 0; i < complete; i++) sent.Enqueue(now);
            if (complete > 0)
            {
                await socket.SendAsync(requests.AsMemory(0, complete * requestSize), SocketFlags.None);
                if (measuring) sends++;
            }
        }
        var elapsed = Stopwatch.GetElapsedTime(measuredStart);
        Workload.PrintResult($"bare-socket (request {requestSize} B, response {responseSize} B)", a, ops, elapsed, latency, 0, "n/a", (double)sends / Math.Max(1, ops));
        return 0;
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None);
            if (n == 0) return false;
            read += n;
        }
        return true;
    }
}
