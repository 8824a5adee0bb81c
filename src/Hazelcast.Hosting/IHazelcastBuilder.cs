using Microsoft.Extensions.DependencyInjection;

namespace Hazelcast.Hosting;

/// <summary>Returned by <c>AddHazelcast</c>, to chain further registrations (the cache, health checks, ...).</summary>
public interface IHazelcastBuilder
{
    /// <summary>The service collection the client was registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>The service key of a keyed client, or null for the default client.</summary>
    string? Name { get; }
}

internal sealed record HazelcastBuilder(IServiceCollection Services, string? Name) : IHazelcastBuilder;
