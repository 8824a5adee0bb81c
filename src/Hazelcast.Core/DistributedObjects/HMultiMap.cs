using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.DistributedObjects;

/// <summary>The client-side proxy of a multimap.</summary>
internal sealed class HMultiMap<TKey, TValue> : DistributedObjectProxy, IHMultiMap<TKey, TValue> where TKey : notnull
{
    private readonly KeyLocks _locks;

    public HMultiMap(string name, ProxyServices services) : base(ServiceNames.MultiMap, name, services)
        => _locks = new KeyLocks(name, services.Invoker, KeyLockCodecs.MultiMap);

    private Data Key(TKey key) => ToData(key, nameof(key));

    private async ValueTask<IReadOnlyList<T>> ListAsync<T>(ClientMessage request, Func<ClientMessage, IReadOnlyList<Data>> decode, CancellationToken cancellationToken)
        => await ReadListAsync<T>(decode(await InvokeAsync(request, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> PutAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
        => MultiMapPutCodec.DecodeResponse(await InvokeAsync(MultiMapPutCodec.EncodeRequest(Name, Key(key), ToData(value, nameof(value)), LockContext.CurrentId), cancellationToken).ConfigureAwait(false));

    public async ValueTask PutAllAsync(IReadOnlyDictionary<TKey, IReadOnlyCollection<TValue>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byPartition = new Dictionary<int, List<KeyValuePair<Data, IReadOnlyList<Data>>>>();
        foreach (var (key, values) in entries)
        {
            var k = ToData(key, nameof(entries));
            var partitionId = Services.Invoker.PartitionIdOf(k);
            if (!byPartition.TryGetValue(partitionId, out var list)) byPartition[partitionId] = list = [];
            list.Add(KeyValuePair.Create(k, (IReadOnlyList<Data>)ToDataList(values, nameof(entries))));
        }
        await Task.WhenAll(byPartition.Select(p => Services.Invoker.InvokeOnPartitionAsync(MultiMapPutAllCodec.EncodeRequest(Name, p.Value), p.Key, cancellationToken))).ConfigureAwait(false);
    }

    public ValueTask<IReadOnlyList<TValue>> GetAsync(TKey key, CancellationToken cancellationToken = default)
        => ListAsync<TValue>(MultiMapGetCodec.EncodeRequest(Name, Key(key), LockContext.CurrentId), MultiMapGetCodec.DecodeResponse, cancellationToken);

    public ValueTask<IReadOnlyList<TValue>> RemoveAsync(TKey key, CancellationToken cancellationToken = default)
        => ListAsync<TValue>(MultiMapRemoveCodec.EncodeRequest(Name, Key(key), LockContext.CurrentId), MultiMapRemoveCodec.DecodeResponse, cancellationToken);

    public async ValueTask<bool> RemoveAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
        => MultiMapRemoveEntryCodec.DecodeResponse(await InvokeAsync(MultiMapRemoveEntryCodec.EncodeRequest(Name, Key(key), ToData(value, nameof(value)), LockContext.CurrentId), cancellationToken).ConfigureAwait(false));

    public async ValueTask DeleteAsync(TKey key, CancellationToken cancellationToken = default)
        => await InvokeAsync(MultiMapDeleteCodec.EncodeRequest(Name, Key(key), LockContext.CurrentId), cancellationToken).ConfigureAwait(false);

    public ValueTask<IReadOnlyList<TKey>> GetKeysAsync(CancellationToken cancellationToken = default)
        => ListAsync<TKey>(MultiMapKeySetCodec.EncodeRequest(Name), MultiMapKeySetCodec.DecodeResponse, cancellationToken);

    public ValueTask<IReadOnlyList<TValue>> GetValuesAsync(CancellationToken cancellationToken = default)
        => ListAsync<TValue>(MultiMapValuesCodec.EncodeRequest(Name), MultiMapValuesCodec.DecodeResponse, cancellationToken);

    public async ValueTask<IReadOnlyList<KeyValuePair<TKey, TValue>>> GetEntriesAsync(CancellationToken cancellationToken = default)
    {
        var entries = MultiMapEntrySetCodec.DecodeResponse(await InvokeAsync(MultiMapEntrySetCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false));
        return await Services.Invoker.ReadAsync((Serialization, entries), static s =>
            (IReadOnlyList<KeyValuePair<TKey, TValue>>)s.entries.Select(e => KeyValuePair.Create(s.Serialization.ToObject<TKey>(e.Key)!, s.Serialization.ToObject<TValue>(e.Value)!)).ToList(),
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> ContainsKeyAsync(TKey key, CancellationToken cancellationToken = default)
        => MultiMapContainsKeyCodec.DecodeResponse(await InvokeAsync(MultiMapContainsKeyCodec.EncodeRequest(Name, Key(key), LockContext.CurrentId), cancellationToken).ConfigureAwait(false));

    public async ValueTask<bool> ContainsValueAsync(TValue value, CancellationToken cancellationToken = default)
        => MultiMapContainsValueCodec.DecodeResponse(await InvokeAsync(MultiMapContainsValueCodec.EncodeRequest(Name, ToData(value, nameof(value))), cancellationToken).ConfigureAwait(false));

    public async ValueTask<bool> ContainsEntryAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
        => MultiMapContainsEntryCodec.DecodeResponse(await InvokeAsync(MultiMapContainsEntryCodec.EncodeRequest(Name, Key(key), ToData(value, nameof(value)), LockContext.CurrentId), cancellationToken).ConfigureAwait(false));

    public async ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default)
        => MultiMapSizeCodec.DecodeResponse(await InvokeAsync(MultiMapSizeCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false));

    public async ValueTask<int> GetValueCountAsync(TKey key, CancellationToken cancellationToken = default)
        => MultiMapValueCountCodec.DecodeResponse(await InvokeAsync(MultiMapValueCountCodec.EncodeRequest(Name, Key(key), LockContext.CurrentId), cancellationToken).ConfigureAwait(false));

    public async ValueTask ClearAsync(CancellationToken cancellationToken = default)
        => await InvokeAsync(MultiMapClearCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false);

    public ValueTask<Guid> SubscribeAsync(Action<MapEntryEventHandlers<TKey, TValue>> configure, bool includeValues = true, CancellationToken cancellationToken = default)
        => SubscribeCoreAsync(configure, localOnly => MultiMapAddEntryListenerCodec.EncodeRequest(Name, includeValues, localOnly), MultiMapAddEntryListenerCodec.DecodeResponse, cancellationToken);

    public ValueTask<Guid> SubscribeAsync(TKey key, Action<MapEntryEventHandlers<TKey, TValue>> configure, bool includeValues = true, CancellationToken cancellationToken = default)
    {
        var k = Key(key);
        return SubscribeCoreAsync(configure, localOnly => MultiMapAddEntryListenerToKeyCodec.EncodeRequest(Name, k, includeValues, localOnly), MultiMapAddEntryListenerToKeyCodec.DecodeResponse, cancellationToken);
    }

    private ValueTask<Guid> SubscribeCoreAsync(Action<MapEntryEventHandlers<TKey, TValue>> configure, Func<bool, ClientMessage> createRequest, Func<ClientMessage, Guid> decodeResponse, CancellationToken cancellationToken)
    {
        var handlers = MapEntryEventHandlers<TKey, TValue>.Create(configure);
        return SubscribeAsync(createRequest, decodeResponse, id => MultiMapRemoveEntryListenerCodec.EncodeRequest(Name, id),
            message => handlers.DispatchAsync(EntryEventCodec.Decode(message), Services.Invoker, Serialization), cancellationToken);
    }

    public ValueTask LockAsync(TKey key, CancellationToken cancellationToken = default) => _locks.LockAsync(Key(key), null, cancellationToken);

    public ValueTask LockAsync(TKey key, TimeSpan leaseTime, CancellationToken cancellationToken = default) => _locks.LockAsync(Key(key), leaseTime, cancellationToken);

    public ValueTask<bool> TryLockAsync(TKey key, TimeSpan timeout, TimeSpan? leaseTime = null, CancellationToken cancellationToken = default)
        => _locks.TryLockAsync(Key(key), TimeoutMilliseconds(timeout, nameof(timeout)), leaseTime, cancellationToken);

    public ValueTask UnlockAsync(TKey key, CancellationToken cancellationToken = default) => _locks.UnlockAsync(Key(key), cancellationToken);

    public ValueTask<bool> IsLockedAsync(TKey key, CancellationToken cancellationToken = default) => _locks.IsLockedAsync(Key(key), cancellationToken);

    public ValueTask ForceUnlockAsync(TKey key, CancellationToken cancellationToken = default) => _locks.ForceUnlockAsync(Key(key), cancellationToken);
}
