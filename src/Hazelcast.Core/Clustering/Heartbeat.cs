using Hazelcast.Invocations;
using Hazelcast.Networking;
using Hazelcast.Protocol.Codecs;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Clustering;

/// <summary>Keeps idle connections alive (a ping when nothing was written for a while) and closes dead ones (nothing read for too long).</summary>
internal sealed class Heartbeat(HeartbeatOptions options, ConnectionManager connections, InvocationService invocations, ILogger logger, TimeProvider time, CancellationToken shutdown)
{
    private Task? _loop;

    /// <summary>How often the loop looks at the connections: half the shorter of interval and timeout (at least 10 ms).</summary>
    public TimeSpan Period => TimeSpan.FromMilliseconds(Math.Max(10, Math.Min(options.Interval.TotalMilliseconds, options.Timeout.TotalMilliseconds) / 2));

    public void Start() => _loop ??= Task.Run(LoopAsync, CancellationToken.None);

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(shutdown).ConfigureAwait(false))
                Check(time.NowMs());
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Check(long nowMs)
    {
        foreach (var connection in connections.Connections)
        {
            if (!connection.IsActive) continue;
            // Progress, not bytes: a peer that sent part of a frame and then trickles (or stalls) keeps bytes coming but
            // completes no message; pings are answered by whole messages, so a live peer always makes progress.
            if (nowMs - connection.LastMessageMs > (long)options.Timeout.TotalMilliseconds)
            {
                ClusterLog.HeartbeatTimeout(logger, connection.RemoteEndPoint?.ToString() ?? "?", options.Timeout.TotalSeconds);
                connection.Close(new HazelcastConnectionException($"No complete message was read from {connection.RemoteEndPoint} for {options.Timeout.TotalSeconds:0.###} s (Heartbeat:Timeout)."));
            }
            else if (nowMs - connection.LastWriteMs > (long)options.Interval.TotalMilliseconds)
            {
                _ = PingAsync(connection);
            }
        }
    }

    private async Task PingAsync(MessageConnection connection)
    {
        try
        {
            await invocations.InvokeAsync(ClientPingCodec.EncodeRequest(), -1, shutdown, connection).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failed ping needs no handling: the heartbeat timeout closes a connection that stays silent.
        }
    }

    public Task StopAsync() => _loop ?? Task.CompletedTask;
}
