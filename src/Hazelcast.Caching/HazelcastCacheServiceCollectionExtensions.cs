using Hazelcast;
using Hazelcast.Caching;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Hazelcast distributed cache.</summary>
public static class HazelcastCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDistributedCache"/> and <see cref="IBufferDistributedCache"/> on a Hazelcast map, through
    /// the client registered by <c>AddHazelcast()</c> (it opens no client of its own). Options are bound from the
    /// <c>Hazelcast:Cache</c> section, then <paramref name="configure"/>; they are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddHazelcastCache(this IServiceCollection services, Action<HazelcastCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<HazelcastCacheOptions>()
            .Configure<IServiceProvider>((o, sp) =>
            {
                if (sp.GetService<IConfiguration>() is { } configuration) configuration.GetSection(HazelcastCacheOptions.SectionName).Bind(o);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HazelcastCacheOptions>, CacheOptionsValidator>());
        if (configure is not null) services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<HazelcastCacheOptions>>();
            var key = options.Value.ClientKey;
            var client = key is null ? sp.GetRequiredService<IHazelcastClient>() : sp.GetRequiredKeyedService<IHazelcastClient>(key);
            return new HazelcastCache(client, options, sp.GetService<TimeProvider>());
        });
        services.Replace(ServiceDescriptor.Singleton<IDistributedCache>(sp => sp.GetRequiredService<HazelcastCache>()));
        services.Replace(ServiceDescriptor.Singleton<IBufferDistributedCache>(sp => sp.GetRequiredService<HazelcastCache>()));
        return services;
    }

    private sealed class CacheOptionsValidator : IValidateOptions<HazelcastCacheOptions>
    {
        public ValidateOptionsResult Validate(string? name, HazelcastCacheOptions options)
        {
            var errors = options.Failures().ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
