using Hazelcast;
using Hazelcast.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers a Hazelcast client on an <see cref="IHostApplicationBuilder"/> (ASP.NET Core and worker apps).</summary>
public static class HazelcastHostApplicationBuilderExtensions
{
    /// <summary>
    /// Registers the client with options bound from the builder's configuration section <paramref name="sectionName"/>
    /// (default <c>Hazelcast</c>), then <paramref name="configure"/>.
    /// </summary>
    public static IHazelcastBuilder AddHazelcast(this IHostApplicationBuilder builder, string sectionName = HazelcastServiceCollectionExtensions.DefaultSectionName, Action<HazelcastOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var result = builder.Services.AddHazelcast(builder.Configuration.GetSection(sectionName));
        if (configure is not null) builder.Services.Configure(configure);
        return result;
    }
}
