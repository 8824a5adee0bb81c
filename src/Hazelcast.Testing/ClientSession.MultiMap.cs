using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

// Multimaps: writes wait while another owner holds the key's lock, as the map's.
internal sealed partial class ClientSession
{
    private MultiMapStore MultiMap(string name) => _state.MultiMap(name);

    /// <summary>A write that waits while another owner holds the key's lock.</summary>
    private ValueTask<ClientMessage?> MultiMapWrite(string name, Data key, long threadId, Func<MultiMapStore, ClientMessage> write)
    {
        var map = MultiMap(name);
        return Later(map.Locks.WriteAsync(key, Owner(threadId), () => write(map), null!, -1, _closed.Token));
    }

    internal ValueTask<ClientMessage?> MultiMapPut(ClientMessage request)
    {
        var p = MultiMapPutCodec.DecodeRequest(request);
        return MultiMapWrite(p.Name, p.Key, p.ThreadId, m => MultiMapPutCodec.EncodeResponse(m.Put(p.Key, p.Value)));
    }

    internal ValueTask<ClientMessage?> MultiMapRemove(ClientMessage request)
    {
        var p = MultiMapRemoveCodec.DecodeRequest(request);
        return MultiMapWrite(p.Name, p.Key, p.ThreadId, m => MultiMapRemoveCodec.EncodeResponse(m.RemoveAll(p.Key)));
    }

    internal ValueTask<ClientMessage?> MultiMapRemoveEntry(ClientMessage request)
    {
        var p = MultiMapRemoveEntryCodec.DecodeRequest(request);
        return MultiMapWrite(p.Name, p.Key, p.ThreadId, m => MultiMapRemoveEntryCodec.EncodeResponse(m.Remove(p.Key, p.Value)));
    }

    internal ValueTask<ClientMessage?> MultiMapDelete(ClientMessage request)
    {
        var p = MultiMapDeleteCodec.DecodeRequest(request);
        return MultiMapWrite(p.Name, p.Key, p.ThreadId, m =>
        {
            m.RemoveAll(p.Key);
            return MultiMapDeleteCodec.EncodeResponse();
        });
    }

    internal ValueTask<ClientMessage?> MultiMapPutAll(ClientMessage request)
    {
        var p = MultiMapPutAllCodec.DecodeRequest(request);
        MultiMap(p.Name).PutAll(p.Entries);
        return Done(MultiMapPutAllCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> MultiMapGet(ClientMessage request)
    {
        var p = MultiMapGetCodec.DecodeRequest(request);
        return Done(MultiMapGetCodec.EncodeResponse(MultiMap(p.Name).Get(p.Key)));
    }

    internal ValueTask<ClientMessage?> MultiMapKeySet(ClientMessage request)
        => Done(MultiMapKeySetCodec.EncodeResponse(MultiMap(MultiMapKeySetCodec.DecodeRequest(request).Name).Keys()));

    internal ValueTask<ClientMessage?> MultiMapValues(ClientMessage request)
        => Done(MultiMapValuesCodec.EncodeResponse(MultiMap(MultiMapValuesCodec.DecodeRequest(request).Name).Entries().Select(e => e.Value).ToList()));

    internal ValueTask<ClientMessage?> MultiMapEntrySet(ClientMessage request)
        => Done(MultiMapEntrySetCodec.EncodeResponse(MultiMap(MultiMapEntrySetCodec.DecodeRequest(request).Name).Entries()));

    internal ValueTask<ClientMessage?> MultiMapContainsKey(ClientMessage request)
    {
        var p = MultiMapContainsKeyCodec.DecodeRequest(request);
        return Done(MultiMapContainsKeyCodec.EncodeResponse(MultiMap(p.Name).ContainsKey(p.Key)));
    }

    internal ValueTask<ClientMessage?> MultiMapContainsValue(ClientMessage request)
    {
        var p = MultiMapContainsValueCodec.DecodeRequest(request);
        return Done(MultiMapContainsValueCodec.EncodeResponse(MultiMap(p.Name).ContainsValue(p.Value)));
    }

    internal ValueTask<ClientMessage?> MultiMapContainsEntry(ClientMessage request)
    {
        var p = MultiMapContainsEntryCodec.DecodeRequest(request);
        return Done(MultiMapContainsEntryCodec.EncodeResponse(MultiMap(p.Name).ContainsEntry(p.Key, p.Value)));
    }

    internal ValueTask<ClientMessage?> MultiMapSize(ClientMessage request)
        => Done(MultiMapSizeCodec.EncodeResponse(MultiMap(MultiMapSizeCodec.DecodeRequest(request).Name).Size()));

    internal ValueTask<ClientMessage?> MultiMapValueCount(ClientMessage request)
    {
        var p = MultiMapValueCountCodec.DecodeRequest(request);
        return Done(MultiMapValueCountCodec.EncodeResponse(MultiMap(p.Name).Get(p.Key).Count));
    }

    internal ValueTask<ClientMessage?> MultiMapClear(ClientMessage request)
    {
        MultiMap(MultiMapClearCodec.DecodeRequest(request).Name).Clear();
        return Done(MultiMapClearCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> MultiMapAddEntryListener(ClientMessage request)
    {
        var p = MultiMapAddEntryListenerCodec.DecodeRequest(request);
        return Done(MultiMapAddEntryListenerCodec.EncodeResponse(AddMultiMapListener(request, p.Name, default, p.IncludeValue, p.LocalOnly, MultiMapAddEntryListenerCodec.EntryEventMessageType)));
    }

    internal ValueTask<ClientMessage?> MultiMapAddEntryListenerToKey(ClientMessage request)
    {
        var p = MultiMapAddEntryListenerToKeyCodec.DecodeRequest(request);
        return Done(MultiMapAddEntryListenerToKeyCodec.EncodeResponse(AddMultiMapListener(request, p.Name, p.Key, p.IncludeValue, p.LocalOnly, MultiMapAddEntryListenerToKeyCodec.EntryEventMessageType)));
    }

    private Guid AddMultiMapListener(ClientMessage request, string name, Data key, bool includeValue, bool localOnly, int eventMessageType)
    {
        var id = Guid.NewGuid();
        MultiMap(name).AddListener(new EntryListener(id, this, request.CorrelationId, -1, includeValue, localOnly, key, eventMessageType));
        return id;
    }

    internal ValueTask<ClientMessage?> MultiMapRemoveEntryListener(ClientMessage request)
    {
        var p = MultiMapRemoveEntryListenerCodec.DecodeRequest(request);
        return Done(MultiMapRemoveEntryListenerCodec.EncodeResponse(MultiMap(p.Name).RemoveListener(p.RegistrationId)));
    }

    internal ValueTask<ClientMessage?> MultiMapLock(ClientMessage request)
    {
        var p = MultiMapLockCodec.DecodeRequest(request);
        return Later(MultiMap(p.Name).Locks.LockAsync(p.Key, Owner(p.ThreadId), p.Ttl, -1, _closed.Token), _ => MultiMapLockCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> MultiMapTryLock(ClientMessage request)
    {
        var p = MultiMapTryLockCodec.DecodeRequest(request);
        return Later(MultiMap(p.Name).Locks.LockAsync(p.Key, Owner(p.ThreadId), p.Lease, p.Timeout, _closed.Token), MultiMapTryLockCodec.EncodeResponse);
    }

    internal ValueTask<ClientMessage?> MultiMapUnlock(ClientMessage request)
    {
        var p = MultiMapUnlockCodec.DecodeRequest(request);
        MultiMap(p.Name).Locks.Unlock(p.Key, Owner(p.ThreadId));
        return Done(MultiMapUnlockCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> MultiMapIsLocked(ClientMessage request)
    {
        var p = MultiMapIsLockedCodec.DecodeRequest(request);
        return Done(MultiMapIsLockedCodec.EncodeResponse(MultiMap(p.Name).Locks.IsLocked(p.Key)));
    }

    internal ValueTask<ClientMessage?> MultiMapForceUnlock(ClientMessage request)
    {
        var p = MultiMapForceUnlockCodec.DecodeRequest(request);
        MultiMap(p.Name).Locks.ForceUnlock(p.Key);
        return Done(MultiMapForceUnlockCodec.EncodeResponse());
    }
}
