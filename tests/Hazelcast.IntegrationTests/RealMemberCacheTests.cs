using Hazelcast.Caching;
using Hazelcast.Caching.Tests;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace Hazelcast.IntegrationTests;

/// <summary>The IDistributedCache contract against a real Hazelcast member (Testcontainers), in real time.</summary>
public sealed class RealMemberCacheTests : DistributedCacheContractTests, IClassFixture<HazelcastContainerFixture>, IAsyncLifetime
{
    private readonly HazelcastContainerFixture _member;
    private IHazelcastClient? _client;
    private HazelcastCache? _cache;

    public RealMemberCacheTests(HazelcastContainerFixture member) => _member = member;

    public async ValueTask InitializeAsync()
    {
        _member.SkipIfUnavailable();
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(_member.Address);
        _client = await HazelcastClientFactory.StartNewClientAsync(options);
        _cache = new HazelcastCache(_client, Options.Create(new HazelcastCacheOptions()));
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
    }

    protected override IBufferDistributedCache Cache => _cache!;

    protected override TimeSpan Unit => TimeSpan.FromSeconds(3);

    protected override DateTimeOffset Now => DateTimeOffset.UtcNow;

    protected override Task AdvanceAsync(TimeSpan time) => Task.Delay(time);
}
