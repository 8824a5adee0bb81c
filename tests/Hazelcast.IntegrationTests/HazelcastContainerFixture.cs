using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace Hazelcast.IntegrationTests;

/// <summary>
/// A real Hazelcast member in a container (image <c>hazelcast/hazelcast</c>, version from the
/// <c>HAZELCAST_VERSION</c> environment variable, default 5.5). Where no Docker engine is available the tests that
/// use it are reported as skipped, with the reason.
/// </summary>
public sealed class HazelcastContainerFixture : IAsyncLifetime
{
    public const int MemberPort = 5701;

    private IContainer? _container;

    public string? SkipReason { get; private set; }

    public string Address => $"{_container!.Hostname}:{_container.GetMappedPublicPort(MemberPort)}";

    public static string Image => $"hazelcast/hazelcast:{Environment.GetEnvironmentVariable("HAZELCAST_VERSION") ?? "5.5"}";

    public async ValueTask InitializeAsync()
    {
        try
        {
            _container = new ContainerBuilder(Image)
                .WithPortBinding(MemberPort, assignRandomHostPort: true)
                .WithEnvironment("HZ_CLUSTERNAME", "dev")
                .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("is STARTED"))
                .Build();
            await _container.StartAsync();
        }
        catch (Exception e) when (e.GetType().Name == "DockerUnavailableException")
        {
            SkipReason = $"No Docker engine is available to run {Image}: {e.Message}";
        }
    }

    public void SkipIfUnavailable()
    {
        if (SkipReason is not null) Assert.Skip(SkipReason);
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }
}
