using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>Three in-process members shared by the tests of a class.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public HazelcastCluster Cluster { get; private set; } = null!;

    /// <summary>Maps named <c>stats-*</c> keep per-entry statistics; the others do not, as by default on a real member.</summary>
    public async ValueTask InitializeAsync() => Cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3 }.Also(o => o.PerEntryStatsMaps.Add("stats-*")));

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    public HazelcastOptions Options(Action<HazelcastOptions>? configure = null)
    {
        var options = new HazelcastOptions();
        foreach (var address in Cluster.Addresses) options.Networking.Addresses.Add(address);
        options.Networking.ClusterConnectTimeout = TimeSpan.FromSeconds(10);
        configure?.Invoke(options);
        return options;
    }

    public async Task<IHazelcastClient> StartClientAsync(Action<HazelcastOptions>? configure = null)
        => await HazelcastClientFactory.StartNewClientAsync(Options(configure));
}
