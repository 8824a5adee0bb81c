using Hazelcast;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers a Hazelcast client on an <see cref="IHostApplicationBuilder"/> (ASP.NET Core and worker apps).</summary>
public static class HazelcastHostApplicationBuilderExtensions
{
    /// <summary>
    /// Registers the client with options bound from the builder's configuration section <paramref name="sectionName"/>
    /// (default <c>Hazelcast</c>), then <paramref name="configure"/>. Returns the builder, to chain further
    /// registrations (the cache and the health checks register on <c>builder.Services</c>, through the client's public
    /// API only, so they need no type of this package).
    /// </summary>
    public static IHostApplicationBuilder AddHazelcast(this IHostApplicationBuilder builder, string sectionName = HazelcastServiceCollectionExtensions.DefaultSectionName, Action<HazelcastOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHazelcast(builder.Configuration.GetSection(sectionName));
        if (configure is not null) builder.Services.Configure(configure);
        return builder;
    }
}
