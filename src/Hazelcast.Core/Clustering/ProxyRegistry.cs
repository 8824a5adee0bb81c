using System.Collections.Concurrent;
using Hazelcast.Invocations;
using Hazelcast.Protocol.Codecs;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Clustering;

/// <summary>
/// The distributed objects this client created: created on the cluster once per name (Client.CreateProxy), again on a
/// new cluster (after a restart), and one proxy object per name and type, shared by every caller.
/// </summary>
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

    private readonly ConcurrentDictionary<(string Service, string Name, Type Proxy), object> _instances = new();

    /// <summary>The proxy of an object, one per service, name and proxy type (a map's key and value types): every caller gets the same.</summary>
    public T GetOrAdd<T>(string service, string name, Func<T> create) where T : class
        => (T)_instances.GetOrAdd((service, name, typeof(T)), static (_, create) => create(), create);

    /// <summary>Forgets a destroyed object (its proxies too: the next call creates it, and a new proxy, again).</summary>
    public void Remove(string service, string name)
    {
        _proxies.TryRemove((service, name), out _);
        foreach (var key in _instances.Keys)
            if (key.Service == service && key.Name == name) _instances.TryRemove(key, out _);
    }

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
