using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.DistributedObjects;

/// <summary>The client-side proxy of a replicated map: requests on a key go to its partition's owner, the others to the name's (as the official clients send them).</summary>
internal sealed class HReplicatedMap<TKey, TValue>(string name, ProxyServices services)
    : DistributedObjectProxy(ServiceNames.ReplicatedMap, name, services), IHReplicatedMap<TKey, TValue> where TKey : notnull
{
    private async ValueTask<TValue?> ValueAsync(ClientMessage request, Func<ClientMessage, Data> decode, CancellationToken cancellationToken)
        => await ReadAsync<TValue>(decode(await InvokeAsync(request, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public ValueTask<TValue?> PutAsync(TKey key, TValue value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var ttl = timeToLive is { } t
            ? t < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(timeToLive), t, "A time to live cannot be negative (null or zero: for ever).") : (long)Math.Ceiling(t.TotalMilliseconds)
            : 0;
        return ValueAsync(ReplicatedMapPutCodec.EncodeRequest(Name, ToData(key, nameof(key)), ToData(value, nameof(value)), ttl), static r => ReplicatedMapPutCodec.DecodeResponse(r), cancellationToken);
    }

    public async ValueTask PutAllAsync(IReadOnlyDictionary<TKey, TValue> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.Select(e => KeyValuePair.Create(ToData(e.Key, nameof(entries)), ToData(e.Value, nameof(entries)))).ToList();
        await InvokeAsync(ReplicatedMapPutAllCodec.EncodeRequest(Name, list), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<TValue?> GetAsync(TKey key, CancellationToken cancellationToken = default)
        => ValueAsync(ReplicatedMapGetCodec.EncodeRequest(Name, ToData(key, nameof(key))), static r => ReplicatedMapGetCodec.DecodeResponse(r), cancellationToken);

    public ValueTask<TValue?> RemoveAsync(TKey key, CancellationToken cancellationToken = default)
        => ValueAsync(ReplicatedMapRemoveCodec.EncodeRequest(Name, ToData(key, nameof(key))), static r => ReplicatedMapRemoveCodec.DecodeResponse(r), cancellationToken);

    public async ValueTask<bool> ContainsKeyAsync(TKey key, CancellationToken cancellationToken = default)
        => ReplicatedMapContainsKeyCodec.DecodeResponse(await InvokeAsync(ReplicatedMapContainsKeyCodec.EncodeRequest(Name, ToData(key, nameof(key))), cancellationToken).ConfigureAwait(false));

    public async ValueTask<bool> ContainsValueAsync(TValue value, CancellationToken cancellationToken = default)
        => ReplicatedMapContainsValueCodec.DecodeResponse(await InvokeAsync(ReplicatedMapContainsValueCodec.EncodeRequest(Name, ToData(value, nameof(value))), cancellationToken).ConfigureAwait(false));

    public async ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default)
        => ReplicatedMapSizeCodec.DecodeResponse(await InvokeAsync(ReplicatedMapSizeCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false));

    public async ValueTask<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
        => ReplicatedMapIsEmptyCodec.DecodeResponse(await InvokeAsync(ReplicatedMapIsEmptyCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false));

    public async ValueTask ClearAsync(CancellationToken cancellationToken = default)
        => await InvokeAsync(ReplicatedMapClearCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<TKey>> GetKeysAsync(CancellationToken cancellationToken = default)
        => await ReadListAsync<TKey>(ReplicatedMapKeySetCodec.DecodeResponse(await InvokeAsync(ReplicatedMapKeySetCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<TValue>> GetValuesAsync(CancellationToken cancellationToken = default)
        => await ReadListAsync<TValue>(ReplicatedMapValuesCodec.DecodeResponse(await InvokeAsync(ReplicatedMapValuesCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyDictionary<TKey, TValue>> GetEntriesAsync(CancellationToken cancellationToken = default)
        => await ReadEntriesAsync<TKey, TValue>(ReplicatedMapEntrySetCodec.DecodeResponse(await InvokeAsync(ReplicatedMapEntrySetCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public ValueTask<Guid> SubscribeAsync(Action<MapEntryEventHandlers<TKey, TValue>> configure, CancellationToken cancellationToken = default)
        => SubscribeCoreAsync(configure, localOnly => ReplicatedMapAddEntryListenerCodec.EncodeRequest(Name, localOnly), ReplicatedMapAddEntryListenerCodec.DecodeResponse, cancellationToken);

    public ValueTask<Guid> SubscribeAsync(TKey key, Action<MapEntryEventHandlers<TKey, TValue>> configure, CancellationToken cancellationToken = default)
    {
        var k = ToData(key, nameof(key));
        return SubscribeCoreAsync(configure, localOnly => ReplicatedMapAddEntryListenerToKeyCodec.EncodeRequest(Name, k, localOnly), ReplicatedMapAddEntryListenerToKeyCodec.DecodeResponse, cancellationToken);
    }

    public ValueTask<Guid> SubscribeAsync(Query.IPredicate predicate, Action<MapEntryEventHandlers<TKey, TValue>> configure, CancellationToken cancellationToken = default)
    {
        var p = ToData(predicate, nameof(predicate));
        return SubscribeCoreAsync(configure, localOnly => ReplicatedMapAddEntryListenerWithPredicateCodec.EncodeRequest(Name, p, localOnly), ReplicatedMapAddEntryListenerWithPredicateCodec.DecodeResponse, cancellationToken);
    }

    public ValueTask<Guid> SubscribeAsync(TKey key, Query.IPredicate predicate, Action<MapEntryEventHandlers<TKey, TValue>> configure, CancellationToken cancellationToken = default)
    {
        var k = ToData(key, nameof(key));
        var p = ToData(predicate, nameof(predicate));
        return SubscribeCoreAsync(configure, localOnly => ReplicatedMapAddEntryListenerToKeyWithPredicateCodec.EncodeRequest(Name, k, p, localOnly), ReplicatedMapAddEntryListenerToKeyWithPredicateCodec.DecodeResponse, cancellationToken);
    }

    private ValueTask<Guid> SubscribeCoreAsync(Action<MapEntryEventHandlers<TKey, TValue>> configure, Func<bool, ClientMessage> createRequest, Func<ClientMessage, Guid> decodeResponse, CancellationToken cancellationToken)
    {
        var handlers = MapEntryEventHandlers<TKey, TValue>.Create(configure);
        return SubscribeAsync(createRequest, decodeResponse, id => ReplicatedMapRemoveEntryListenerCodec.EncodeRequest(Name, id),
            message => handlers.DispatchAsync(EntryEventCodec.Decode(message), Services.Invoker, Serialization), cancellationToken);
    }
}
