using Hazelcast.Clustering;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;
using Microsoft.Extensions.Logging;

namespace Hazelcast.DistributedObjects;

/// <summary>
/// The clustering services a proxy uses: one invoker for every request, the listeners, the proxy registry,
/// serialization, the client's clock, the log of the distributed objects, and the near caches (with the options of
/// the near cache of a map, if it has one).
/// </summary>
internal sealed record ProxyServices(Invoker Invoker, ListenerService Listeners, ProxyRegistry Proxies, SerializationService Serialization, TimeProvider Time, ILogger Logger,
    NearCaching.NearCacheManager NearCaches, Func<string, NearCacheOptions?> NearCacheOptionsOf);

/// <summary>
/// The base of the client-side proxies of distributed objects (created with Client.CreateProxy, destroyed with
/// Client.DestroyProxy): its name and service, and the one way to send requests, read values and subscribe to events.
/// </summary>
internal abstract class DistributedObjectProxy
{
    private int? _namePartitionHash;

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

    /// <summary>
    /// The hash of the object's partition key: its name, or what follows an <c>@</c> in it (<c>jobs@tenant1</c> lives
    /// with the other objects of <c>tenant1</c>), as Hazelcast's StringPartitioningStrategy reads names.
    /// </summary>
    protected int NamePartitionId => Services.Invoker.PartitionIdOf(NamePartitionHash);

    private int NamePartitionHash => _namePartitionHash ??= Serialization.ToData(Name[(Name.IndexOf('@', StringComparison.Ordinal) + 1)..]).PartitionHash;

    /// <summary>
    /// Sends a request, routed and retried as its descriptor says (a request to an object that lives in one partition
    /// goes to the owner of its name's partition); <paramref name="timeout"/> replaces the invocation timeout.
    /// </summary>
    protected Task<ClientMessage> InvokeAsync(ClientMessage request, CancellationToken cancellationToken, TimeSpan? timeout = null)
        => request.Routing == PartitionRouting.Name
            ? Services.Invoker.InvokeOnPartitionAsync(request, Services.Invoker.PartitionIdOf(NamePartitionHash), cancellationToken, timeout)
            : Services.Invoker.InvokeAsync(request, cancellationToken, timeout);

    /// <summary>Serializes an argument that cannot be null.</summary>
    protected Data ToData<T>(T value, string paramName)
    {
        if (value is null) throw new ArgumentNullException(paramName);
        return Serialization.ToData(value);
    }

    /// <summary>Serializes the items of an argument, none of which can be null.</summary>
    protected List<Data> ToDataList<T>(IEnumerable<T> values, string paramName)
    {
        ArgumentNullException.ThrowIfNull(values, paramName);
        var list = new List<Data>();
        foreach (var value in values)
        {
            if (value is null) throw new ArgumentNullException(paramName, $"The items of {paramName} cannot be null (item {list.Count} is).");
            list.Add(Serialization.ToData(value));
        }
        return list;
    }

    /// <summary>Deserializes a value, fetching the Compact schemas this client does not have yet.</summary>
    protected ValueTask<T?> ReadAsync<T>(Data data, CancellationToken cancellationToken)
        => Services.Invoker.ReadAsync((Serialization, data), static s => s.Serialization.ToObject<T>(s.data), cancellationToken);

    /// <summary>Deserializes values, fetching the Compact schemas this client does not have yet.</summary>
    protected ValueTask<IReadOnlyList<T>> ReadListAsync<T>(IReadOnlyList<Data> data, CancellationToken cancellationToken)
        => Services.Invoker.ReadAsync((Serialization, data), static s => (IReadOnlyList<T>)s.data.Select(d => s.Serialization.ToObject<T>(d)!).ToList(), cancellationToken);

    /// <summary>Deserializes entries, in the order they came (a page of entries is in the cluster's order), fetching the Compact schemas this client does not have yet.</summary>
    protected ValueTask<IReadOnlyDictionary<TKey, TValue>> ReadEntriesAsync<TKey, TValue>(IEnumerable<KeyValuePair<Data, Data>> entries, CancellationToken cancellationToken) where TKey : notnull
        => Services.Invoker.ReadAsync((Serialization, entries), static s =>
        {
            var result = new OrderedDictionary<TKey, TValue>();
            foreach (var (k, v) in s.entries) result[s.Serialization.ToObject<TKey>(k)!] = s.Serialization.ToObject<TValue>(v)!;
            return (IReadOnlyDictionary<TKey, TValue>)result;
        }, cancellationToken);

    /// <summary>A timeout in milliseconds as the protocol sends it: −1 for <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    protected static long TimeoutMilliseconds(TimeSpan timeout, string paramName)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(paramName, timeout, "A timeout cannot be negative (use Timeout.InfiniteTimeSpan to wait forever).");
        return timeout == Timeout.InfiniteTimeSpan ? -1 : (long)timeout.TotalMilliseconds;
    }

    /// <summary>How long the invocation of a request that waits <paramref name="waitMs"/> on the member may take (<see cref="Invoker.WaitingInvocationTimeout"/>).</summary>
    protected TimeSpan WaitingInvocationTimeout(long waitMs) => Services.Invoker.WaitingInvocationTimeout(waitMs);

    /// <summary>Registers a listener the client keeps registered (on every member under smart routing) and returns its id.</summary>
    protected async ValueTask<Guid> SubscribeAsync(Func<bool, ClientMessage> createRequest, Func<ClientMessage, Guid> decodeResponse,
        Func<Guid, ClientMessage> createRemoveRequest, Func<ClientMessage, ValueTask> handleEvent, CancellationToken cancellationToken)
        => await Services.Listeners.SubscribeAsync(new Subscription(createRequest, decodeResponse, createRemoveRequest, handleEvent), cancellationToken).ConfigureAwait(false);

    /// <summary>Removes a listener; false when this client has no listener of that id.</summary>
    public virtual async ValueTask<bool> UnsubscribeAsync(Guid subscriptionId, CancellationToken cancellationToken = default)
        => await Services.Listeners.UnsubscribeAsync(subscriptionId, cancellationToken).ConfigureAwait(false);

    /// <summary>Destroys the object on the cluster (its data is gone) and forgets the proxy.</summary>
    public virtual async ValueTask DestroyAsync(CancellationToken cancellationToken = default)
    {
        await Services.Invoker.InvokeAsync(ClientDestroyProxyCodec.EncodeRequest(Name, ServiceName), cancellationToken).ConfigureAwait(false);
        Services.Proxies.Remove(ServiceName, Name);
    }

    /// <summary>Releases nothing: a proxy holds no resources; the object lives on the cluster until destroyed.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
