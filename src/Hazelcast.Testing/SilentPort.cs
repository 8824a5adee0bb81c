using System.Net;
using System.Net.Sockets;

namespace Hazelcast.Testing;

/// <summary>
/// Fault injection: an address where nothing answers a connection attempt, as where a pod was until it died, or
/// behind a firewall that drops packets: a client's connect neither succeeds nor is refused, it hangs until the
/// client's own timeout. (A closed port answers at once with a reset; this one does not answer at all.)
/// </summary>
/// <remarks>
/// The port is held by a listener whose accept queue is full and never drained, so that the kernel drops every SYN
/// that arrives (Linux does so when a listener's accept queue overflows). Dispose it to free the port, for example
/// to start a member there again: connections whose SYN is retransmitted after that reach the new listener.
/// </remarks>
public sealed class SilentPort : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = [];

    private SilentPort(Socket listener) => _listener = listener;

    /// <summary>The address held silent.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Holds <paramref name="endPoint"/> (a port no socket listens on, but established connections may use) silent until disposed.</summary>
    public static SilentPort Hold(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        var port = new SilentPort(listener);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endPoint);
            listener.Listen(0);
            // Fill the accept queue: once a connect does not complete, the queue is full and SYNs are dropped.
            for (var i = 0; i < 16; i++)
            {
                var filler = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                port._fillers.Add(filler);
                using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                try
                {
                    filler.ConnectAsync(port.EndPoint, timeout.Token).AsTask().GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    return port;
                }
            }
            throw new InvalidOperationException($"Could not make {endPoint} silent: its accept queue took 16 connections and did not fill (this needs Linux's behaviour of dropping SYNs past a full queue).");
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    /// <summary>Frees the port.</summary>
    public void Dispose()
    {
        foreach (var filler in _fillers) filler.Dispose();
        _listener.Dispose();
    }
}
