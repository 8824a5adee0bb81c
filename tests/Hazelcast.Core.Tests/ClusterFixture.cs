using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>Three in-process members shared by the tests of a class.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public HazelcastCluster Cluster { get; private set; } = null!;

    /// <summary>
    /// Maps named <c>stats-*</c> keep per-entry statistics; the others do not, as by default on a real member. Queues
    /// named <c>bounded-*</c> hold 2 items; ringbuffers named <c>small-*</c> (and reliable topics <c>small-*</c>) hold 3.
    /// </summary>
    public async ValueTask InitializeAsync() => Cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3 }.Also(o =>
    {
        o.PerEntryStatsMaps.Add("stats-*");
        o.QueueMaxSizes["bounded-*"] = 2;
        o.Ringbuffers["small-*"] = new RingbufferOptions { Capacity = 3 };
        o.Ringbuffers["_hz_rb_small-*"] = new RingbufferOptions { Capacity = 3 };
    }));

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
