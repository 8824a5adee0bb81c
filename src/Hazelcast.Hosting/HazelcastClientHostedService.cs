using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Hosting;

/// <summary>
/// Connects the client when the host starts and shuts it down gracefully when the host stops: operations in
/// flight may complete until the host's shutdown token fires, then what is left fails.
/// </summary>
internal sealed partial class HazelcastClientHostedService(HazelcastClient client, HazelcastHostingOptions hosting, TimeProvider time, ILogger<HazelcastClientHostedService> logger)
    : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _background;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (hosting.WaitForConnectionOnStart)
        {
            await client.StartAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        Log.ConnectingInBackground(logger, client.Name);
        _background = Task.Run(ConnectInBackgroundAsync, CancellationToken.None);
    }

    private async Task ConnectInBackgroundAsync()
    {
        // One policy for every retry of the client: 500 ms doubling up to 10 s between start attempts.
        var retry = new RetryPolicy(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));
        for (var attempt = 1; !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await client.StartAsync(_stopping.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HazelcastException e)
            {
                var delay = retry.DelayBefore(attempt);
                Log.BackgroundConnectFailed(logger, client.Name, e.Message, delay.TotalSeconds);
                try
                {
                    await Task.Delay(delay, time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_background is not null) await _background.ConfigureAwait(false);
        await client.ShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = HazelcastEventIds.ConnectingInBackground, Level = LogLevel.Information, Message = "Hazelcast client {ClientName} connects in the background (Hazelcast:Hosting:WaitForConnectionOnStart is false)")]
        public static partial void ConnectingInBackground(ILogger logger, string clientName);

        [LoggerMessage(EventId = HazelcastEventIds.BackgroundConnectFailed, Level = LogLevel.Warning, Message = "Hazelcast client {ClientName} could not connect yet: {Reason}; trying again in {DelaySeconds} s")]
        public static partial void BackgroundConnectFailed(ILogger logger, string clientName, string reason, double delaySeconds);
    }
}
