using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

// Replicated maps.
internal sealed partial class ClientSession
{
    private ReplicatedMapStore ReplicatedMap(string name) => _state.ReplicatedMap(name);

    internal ValueTask<ClientMessage?> ReplicatedMapPut(ClientMessage request)
    {
        var p = ReplicatedMapPutCodec.DecodeRequest(request);
        if (p.Ttl < 0) throw new RemoteErrorException(RemoteError.IllegalArgument, $"ttl must be zero or positive, not {p.Ttl}.");
        return Done(ReplicatedMapPutCodec.EncodeResponse(ReplicatedMap(p.Name).Put(p.Key, p.Value, p.Ttl)));
    }

    internal ValueTask<ClientMessage?> ReplicatedMapPutAll(ClientMessage request)
    {
        var p = ReplicatedMapPutAllCodec.DecodeRequest(request);
        var map = ReplicatedMap(p.Name);
        foreach (var (k, v) in p.Entries) map.Put(k, v, 0);
        return Done(ReplicatedMapPutAllCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> ReplicatedMapGet(ClientMessage request)
    {
        var p = ReplicatedMapGetCodec.DecodeRequest(request);
        return Done(ReplicatedMapGetCodec.EncodeResponse(ReplicatedMap(p.Name).Get(p.Key)));
    }

    internal ValueTask<ClientMessage?> ReplicatedMapRemove(ClientMessage request)
    {
        var p = ReplicatedMapRemoveCodec.DecodeRequest(request);
        return Done(ReplicatedMapRemoveCodec.EncodeResponse(ReplicatedMap(p.Name).Remove(p.Key)));
    }

    internal ValueTask<ClientMessage?> ReplicatedMapContainsKey(ClientMessage request)
    {
        var p = ReplicatedMapContainsKeyCodec.DecodeRequest(request);
        return Done(ReplicatedMapContainsKeyCodec.EncodeResponse(ReplicatedMap(p.Name).ContainsKey(p.Key)));
    }

    internal ValueTask<ClientMessage?> ReplicatedMapContainsValue(ClientMessage request)
    {
        var p = ReplicatedMapContainsValueCodec.DecodeRequest(request);
        return Done(ReplicatedMapContainsValueCodec.EncodeResponse(ReplicatedMap(p.Name).ContainsValue(p.Value)));
    }

    internal ValueTask<ClientMessage?> ReplicatedMapSize(ClientMessage request)
        => Done(ReplicatedMapSizeCodec.EncodeResponse(ReplicatedMap(ReplicatedMapSizeCodec.DecodeRequest(request).Name).Size()));

    internal ValueTask<ClientMessage?> ReplicatedMapIsEmpty(ClientMessage request)
        => Done(ReplicatedMapIsEmptyCodec.EncodeResponse(ReplicatedMap(ReplicatedMapIsEmptyCodec.DecodeRequest(request).Name).Size() == 0));

    internal ValueTask<ClientMessage?> ReplicatedMapClear(ClientMessage request)
    {
        ReplicatedMap(ReplicatedMapClearCodec.DecodeRequest(request).Name).Clear();
        return Done(ReplicatedMapClearCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> ReplicatedMapKeySet(ClientMessage request)
        => Done(ReplicatedMapKeySetCodec.EncodeResponse(ReplicatedMap(ReplicatedMapKeySetCodec.DecodeRequest(request).Name).Entries().Select(e => e.Key).ToList()));

    internal ValueTask<ClientMessage?> ReplicatedMapValues(ClientMessage request)
        => Done(ReplicatedMapValuesCodec.EncodeResponse(ReplicatedMap(ReplicatedMapValuesCodec.DecodeRequest(request).Name).Entries().Select(e => e.Value).ToList()));

    internal ValueTask<ClientMessage?> ReplicatedMapEntrySet(ClientMessage request)
        => Done(ReplicatedMapEntrySetCodec.EncodeResponse(ReplicatedMap(ReplicatedMapEntrySetCodec.DecodeRequest(request).Name).Entries()));

    /// <summary>A replicated map's listener hears every kind of event, with the values (its message has no flags, no includeValue).</summary>
    private Guid AddReplicatedMapListener(ClientMessage request, string name, Data key, bool localOnly, int eventMessageType, Query.IPredicate? predicate)
    {
        var id = Guid.NewGuid();
        ReplicatedMap(name).AddListener(new EntryListener(id, this, request.CorrelationId, -1, true, localOnly, key, eventMessageType, predicate));
        return id;
    }

    internal ValueTask<ClientMessage?> ReplicatedMapAddEntryListener(ClientMessage request)
    {
        var p = ReplicatedMapAddEntryListenerCodec.DecodeRequest(request);
        return Done(ReplicatedMapAddEntryListenerCodec.EncodeResponse(AddReplicatedMapListener(request, p.Name, default, p.LocalOnly, ReplicatedMapAddEntryListenerCodec.EntryEventMessageType, null)));
    }

    internal ValueTask<ClientMessage?> ReplicatedMapAddEntryListenerToKey(ClientMessage request)
    {
        var p = ReplicatedMapAddEntryListenerToKeyCodec.DecodeRequest(request);
        return Done(ReplicatedMapAddEntryListenerToKeyCodec.EncodeResponse(AddReplicatedMapListener(request, p.Name, p.Key, p.LocalOnly, ReplicatedMapAddEntryListenerToKeyCodec.EntryEventMessageType, null)));
    }

    internal ValueTask<ClientMessage?> ReplicatedMapAddEntryListenerWithPredicate(ClientMessage request)
    {
        var p = ReplicatedMapAddEntryListenerWithPredicateCodec.DecodeRequest(request);
        return Done(ReplicatedMapAddEntryListenerWithPredicateCodec.EncodeResponse(AddReplicatedMapListener(request, p.Name, default, p.LocalOnly, ReplicatedMapAddEntryListenerWithPredicateCodec.EntryEventMessageType, _state.Query.ReadPredicate(p.Predicate))));
    }

    internal ValueTask<ClientMessage?> ReplicatedMapAddEntryListenerToKeyWithPredicate(ClientMessage request)
    {
        var p = ReplicatedMapAddEntryListenerToKeyWithPredicateCodec.DecodeRequest(request);
        return Done(ReplicatedMapAddEntryListenerToKeyWithPredicateCodec.EncodeResponse(AddReplicatedMapListener(request, p.Name, p.Key, p.LocalOnly, ReplicatedMapAddEntryListenerToKeyWithPredicateCodec.EntryEventMessageType, _state.Query.ReadPredicate(p.Predicate))));
    }

    internal ValueTask<ClientMessage?> ReplicatedMapRemoveEntryListener(ClientMessage request)
    {
        var p = ReplicatedMapRemoveEntryListenerCodec.DecodeRequest(request);
        return Done(ReplicatedMapRemoveEntryListenerCodec.EncodeResponse(ReplicatedMap(p.Name).RemoveListener(p.RegistrationId)));
    }
}
