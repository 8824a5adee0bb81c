using Hazelcast.Clustering;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.DistributedObjects;

/// <summary>The clustering services a proxy uses: one invoker for every request, the listeners, the proxy registry, serialization.</summary>
internal sealed record ProxyServices(Invoker Invoker, ListenerService Listeners, ProxyRegistry Proxies, SerializationService Serialization);

/// <summary>
/// The base of the client-side proxies of distributed objects (created with Client.CreateProxy, destroyed with
/// Client.DestroyProxy): its name and service, and the one way to send requests and read values.
/// </summary>
internal abstract class DistributedObjectProxy
{
    protected DistributedObjectProxy(string serviceName, string name, ProxyServices services)
    {
        ServiceName = serviceName;
        Name = name;
        Services = services;
    }

    public string Name { get; }

    public string ServiceName { get; }

    protected ProxyServices Services { get; }

    protected SerializationService Serialization => Services.Serialization;

    /// <summary>Sends a request, routed and retried as its descriptor says; <paramref name="timeout"/> replaces the invocation timeout.</summary>
    protected Task<ClientMessage> InvokeAsync(ClientMessage request, CancellationToken cancellationToken, TimeSpan? timeout = null)
        => Services.Invoker.InvokeAsync(request, cancellationToken, timeout);

    /// <summary>Destroys the object on the cluster (its data is gone) and forgets the proxy.</summary>
    public async ValueTask DestroyAsync(CancellationToken cancellationToken = default)
    {
        await InvokeAsync(ClientDestroyProxyCodec.EncodeRequest(Name, ServiceName), cancellationToken).ConfigureAwait(false);
        Services.Proxies.Remove(ServiceName, Name);
    }

    /// <summary>Releases nothing: a proxy holds no resources; the object lives on the cluster until destroyed.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
