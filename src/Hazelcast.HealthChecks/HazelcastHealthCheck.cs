using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hazelcast.HealthChecks;

/// <summary>What a Hazelcast health check reports on.</summary>
public enum HazelcastHealthCheckKind
{
    /// <summary>
    /// Can the app serve traffic? Healthy when connected and a ping round trip succeeds within the timeout;
    /// Degraded when connected to fewer members than the cluster has (smart routing); Unhealthy otherwise.
    /// </summary>
    Readiness,

    /// <summary>Should the app be restarted? Unhealthy only once the client has reached a terminal state (shut down).</summary>
    Liveness,
}

/// <summary>
/// A health check on the client registered by <c>AddHazelcast()</c>. It uses that client and never opens a connection
/// of its own.
/// </summary>
public sealed class HazelcastHealthCheck : IHealthCheck
{
    private readonly IHazelcastClient _client;
    private readonly HazelcastHealthCheckKind _kind;
    private readonly TimeSpan _timeout;
    private readonly bool _smartRouting;

    /// <summary>Creates the check.</summary>
    public HazelcastHealthCheck(IHazelcastClient client, HazelcastHealthCheckKind kind, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive.");
        _client = client;
        _smartRouting = client.Options.Networking.SmartRouting;
        _kind = kind;
        _timeout = timeout;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = _client.State;
        var data = new Dictionary<string, object>
        {
            ["cluster"] = _client.ClusterName,
            ["state"] = state.ToString(),
            ["members"] = _client.Members.Count,
            ["connections"] = _client.ConnectionCount,
        };

        if (_kind == HazelcastHealthCheckKind.Liveness)
        {
            return state is ClientState.Shutdown or ClientState.ShuttingDown
                ? new HealthCheckResult(context.Registration.FailureStatus, $"The Hazelcast client is {state}.", data: data)
                : HealthCheckResult.Healthy($"The Hazelcast client is {state}.", data);
        }

        if (state != ClientState.Connected)
            return new HealthCheckResult(context.Registration.FailureStatus, $"The Hazelcast client is {state}, not connected to cluster '{_client.ClusterName}'.", data: data);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await _client.PingAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"No answer to a ping from cluster '{_client.ClusterName}' within {_timeout.TotalMilliseconds:0} ms.", data: data);
        }
        catch (HazelcastException e)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"A ping to cluster '{_client.ClusterName}' failed: {e.Message}", e, data);
        }

        var members = _client.Members.Count;
        var connections = _client.ConnectionCount;
        if (connections < members && _smartRouting)
            return HealthCheckResult.Degraded($"Connected to {connections} of {members} members of cluster '{_client.ClusterName}'.", data: data);
        return HealthCheckResult.Healthy($"Connected to cluster '{_client.ClusterName}' ({members} member(s)).", data);
    }

}
