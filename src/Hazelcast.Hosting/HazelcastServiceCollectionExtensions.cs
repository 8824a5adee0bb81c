using Hazelcast;
using Hazelcast.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a Hazelcast client whose lifecycle the generic host drives.</summary>
public static class HazelcastServiceCollectionExtensions
{
    /// <summary>The configuration section the options are bound from by default.</summary>
    public const string DefaultSectionName = "Hazelcast";

    /// <summary>
    /// Registers <see cref="IHazelcastClient"/> as a singleton, with <see cref="HazelcastOptions"/> bound from the
    /// <c>Hazelcast</c> section of the app's configuration and validated when the host starts; a hosted service
    /// connects it on start and shuts it down on stop; <see cref="Hazelcast.Sql.HazelcastConnection"/> (ADO.NET, for
    /// Dapper) is registered as transient, over that client. Calling it again registers nothing more.
    /// </summary>
    public static IServiceCollection AddHazelcast(this IServiceCollection services)
        => AddHazelcastCore(services, null, DefaultSectionName, null, null);

    /// <summary>As <see cref="AddHazelcast(IServiceCollection)"/>, then applies <paramref name="configure"/> over the configuration.</summary>
    public static IServiceCollection AddHazelcast(this IServiceCollection services, Action<HazelcastOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return AddHazelcastCore(services, null, DefaultSectionName, null, configure);
    }

    /// <summary>As <see cref="AddHazelcast(IServiceCollection)"/>, with options bound from <paramref name="section"/>.</summary>
    public static IServiceCollection AddHazelcast(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return AddHazelcastCore(services, null, section.Path, section, null);
    }

    /// <summary>
    /// Registers a keyed client, for apps that talk to several clusters: resolve it with
    /// <c>[FromKeyedServices("orders")] IHazelcastClient</c>. Its options are bound from <c>Hazelcast:{key}</c>.
    /// </summary>
    public static IServiceCollection AddKeyedHazelcast(this IServiceCollection services, string key, Action<HazelcastOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return AddHazelcastCore(services, key, $"{DefaultSectionName}:{key}", null, configure);
    }

    /// <summary>Registers a keyed client with options bound from <paramref name="section"/>.</summary>
    public static IServiceCollection AddKeyedHazelcast(this IServiceCollection services, string key, IConfigurationSection section)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(section);
        return AddHazelcastCore(services, key, section.Path, section, null);
    }

    private sealed record Registration(string? Key);

    private static IServiceCollection AddHazelcastCore(IServiceCollection services, string? key, string sectionPath, IConfigurationSection? section, Action<HazelcastOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var name = key ?? Options.Options.DefaultName;
        var first = !services.Any(d => d.ServiceType == typeof(Registration) && d.ImplementationInstance is Registration r && r.Key == key);
        if (configure is not null) services.Configure(name, configure);
        if (!first) return services;
        services.AddSingleton(new Registration(key));

        var options = services.AddOptions<HazelcastOptions>(name);
        if (section is not null) options.Bind(section);
        else options.Configure<IConfiguration>((o, configuration) => configuration.GetSection(sectionPath).Bind(o));
        // Configure runs after the binding above for every AddHazelcast call that passed a delegate.
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<HazelcastOptions>>(new HazelcastOptionsValidator(name, sectionPath));

        var hosting = services.AddOptions<HazelcastHostingOptions>(name);
        if (section is not null) hosting.Bind(section.GetSection("Hosting"));
        else hosting.Configure<IConfiguration>((o, configuration) => configuration.GetSection($"{sectionPath}:Hosting").Bind(o));

        services.TryAddSingleton(TimeProvider.System);
        if (key is null)
        {
            services.TryAddSingleton(sp => CreateClient(sp, name));
            services.TryAddSingleton<IHazelcastClient>(sp => sp.GetRequiredService<HazelcastClient>());
            // ADO.NET (Dapper): a connection per resolution, over the hosted client (which it does not own).
            services.TryAddTransient(sp => new Hazelcast.Sql.HazelcastConnection(sp.GetRequiredService<IHazelcastClient>()));
            services.AddSingleton<IHostedService>(sp => new HazelcastClientHostedService(sp.GetRequiredService<HazelcastClient>(),
                sp.GetRequiredService<IOptionsMonitor<HazelcastHostingOptions>>().Get(name), sp.GetRequiredService<TimeProvider>(), Logger(sp)));
        }
        else
        {
            services.TryAddKeyedSingleton(key, (sp, _) => CreateClient(sp, name));
            services.TryAddKeyedSingleton<IHazelcastClient>(key, (sp, k) => sp.GetRequiredKeyedService<HazelcastClient>(k));
            services.TryAddKeyedTransient(key, (sp, k) => new Hazelcast.Sql.HazelcastConnection(sp.GetRequiredKeyedService<IHazelcastClient>(k)));
            services.AddSingleton<IHostedService>(sp => new HazelcastClientHostedService(sp.GetRequiredKeyedService<HazelcastClient>(key),
                sp.GetRequiredService<IOptionsMonitor<HazelcastHostingOptions>>().Get(name), sp.GetRequiredService<TimeProvider>(), Logger(sp)));
        }
        return services;
    }

    /// <summary>The client, with the options, the logger factory, the <see cref="TimeProvider"/> and the <see cref="System.Diagnostics.Metrics.IMeterFactory"/> of the container.</summary>
    private static HazelcastClient CreateClient(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<HazelcastOptions>>().Get(name);
        var loggerFactory = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        return HazelcastClientFactory.CreateClient(options, loggerFactory, services.GetService<TimeProvider>(), services.GetService<System.Diagnostics.Metrics.IMeterFactory>());
    }

    private static ILogger<HazelcastClientHostedService> Logger(IServiceProvider services)
        => services.GetService<ILogger<HazelcastClientHostedService>>() ?? NullLogger<HazelcastClientHostedService>.Instance;
}
