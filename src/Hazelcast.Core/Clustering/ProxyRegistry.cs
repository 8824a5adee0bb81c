using System.Collections.Concurrent;
using Hazelcast.Invocations;
using Hazelcast.Protocol.Codecs;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Clustering;

/// <summary>The distributed objects this client created: created on the cluster once per name, and again on a new cluster (after a restart).</summary>
internal sealed class ProxyRegistry(InvocationService invocations, ILogger logger)
{
    private readonly ConcurrentDictionary<(string Service, string Name), Lazy<Task>> _proxies = new();

    /// <summary>Creates the object on the cluster, once per service and name (a failed creation is tried again by the next caller).</summary>
    public async Task EnsureCreatedAsync(string service, string name, CancellationToken cancellationToken)
    {
        var created = _proxies.GetOrAdd((service, name), key => new Lazy<Task>(() => CreateAsync(key.Service, key.Name, CancellationToken.None)));
        try
        {
            await created.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (created.Value.IsFaulted || created.Value.IsCanceled)
        {
            _proxies.TryRemove(KeyValuePair.Create((service, name), created));
            throw;
        }
    }

    private Task CreateAsync(string service, string name, CancellationToken cancellationToken)
        => invocations.InvokeAsync(ClientCreateProxyCodec.EncodeRequest(name, service), -1, cancellationToken);

    /// <summary>Forgets a destroyed object.</summary>
    public void Remove(string service, string name) => _proxies.TryRemove((service, name), out _);

    /// <summary>Creates every object again on a new cluster.</summary>
    public async Task RecreateAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (service, name) in _proxies.Keys)
        {
            try
            {
                await CreateAsync(service, name, cancellationToken).ConfigureAwait(false);
            }
            catch (HazelcastException e)
            {
                // Not created on the new cluster: the next GetXxxAsync of that name creates it.
                _proxies.TryRemove((service, name), out _);
                ClusterLog.ConnectionAttemptFailed(logger, $"proxy {service}/{name}", e.Message);
            }
        }
    }
}
