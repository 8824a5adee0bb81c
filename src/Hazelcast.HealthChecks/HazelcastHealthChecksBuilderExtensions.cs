using Hazelcast;
using Hazelcast.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Hazelcast readiness and liveness checks to <c>AddHealthChecks()</c>.</summary>
public static class HazelcastHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a readiness check on the client registered by <c>AddHazelcast()</c> (or the keyed client
    /// <paramref name="clientKey"/>): Healthy when connected and a ping round trip succeeds within
    /// <paramref name="timeout"/> (default 2 s), Degraded when connected to fewer members than the cluster has,
    /// <paramref name="failureStatus"/> (default Unhealthy) otherwise.
    /// </summary>
    public static IHealthChecksBuilder AddHazelcast(this IHealthChecksBuilder builder, string name = "hazelcast", HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null, TimeSpan? timeout = null, string? clientKey = null)
        => Add(builder, HazelcastHealthCheckKind.Readiness, name, failureStatus, tags, timeout, clientKey);

    /// <summary>
    /// Adds a liveness check: Healthy while the client is alive (connected or reconnecting), <paramref name="failureStatus"/>
    /// (default Unhealthy) once it has shut down and cannot recover.
    /// </summary>
    public static IHealthChecksBuilder AddHazelcastLiveness(this IHealthChecksBuilder builder, string name = "hazelcast-live", HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null, string? clientKey = null)
        => Add(builder, HazelcastHealthCheckKind.Liveness, name, failureStatus, tags, null, clientKey);

    private static IHealthChecksBuilder Add(IHealthChecksBuilder builder, HazelcastHealthCheckKind kind, string name, HealthStatus? failureStatus,
        IEnumerable<string>? tags, TimeSpan? timeout, string? clientKey)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var checkTimeout = timeout ?? TimeSpan.FromSeconds(2);
        return builder.Add(new HealthCheckRegistration(name,
            sp => new HazelcastHealthCheck(clientKey is null ? sp.GetRequiredService<IHazelcastClient>() : sp.GetRequiredKeyedService<IHazelcastClient>(clientKey), kind, checkTimeout),
            failureStatus, tags, timeout));
    }
}
