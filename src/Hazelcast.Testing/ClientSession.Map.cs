using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

internal sealed partial class ClientSession
{
    private int PartitionOf(Data key) => MurmurHash3.PartitionId(key.PartitionHash, _state.Options.PartitionCount);

    private LockOwner Owner(long threadId) => new(ClientUuid!.Value, threadId);

    private static ValueTask<ClientMessage?> Later(Task<ClientMessage> task) => new(task!);

    /// <summary>A write that waits while another owner holds the key's lock.</summary>
    private ValueTask<ClientMessage?> Write(string name, Data key, long threadId, Func<MapStore, int, ClientMessage> write)
    {
        var map = _state.Map(name);
        var partitionId = PartitionOf(key);
        return Later(map.WriteAsync(key, Owner(threadId), () => write(map, partitionId), null!, -1, _closed.Token));
    }

    /// <summary>
    /// The partition whose backups a request changed, or null: key-based writes that changed something are backed
    /// up; reads, map-wide operations and conditional writes whose condition failed are not.
    /// </summary>
    private int? BackupPartition(ClientMessage request, ClientMessage response)
    {
        bool changed;
        switch (request.MessageType)
        {
            case MapPutCodec.RequestMessageType or MapSetCodec.RequestMessageType or MapPutTransientCodec.RequestMessageType
                or MapPutWithMaxIdleCodec.RequestMessageType or MapSetWithMaxIdleCodec.RequestMessageType or MapPutTransientWithMaxIdleCodec.RequestMessageType
                or MapLockCodec.RequestMessageType or MapUnlockCodec.RequestMessageType or MapForceUnlockCodec.RequestMessageType:
                changed = true;
                break;
            case MapPutAllCodec.RequestMessageType:
                var entries = MapPutAllCodec.DecodeRequest(request).Entries;
                return entries.Count == 0 ? null : PartitionOf(entries[0].Key);
            case MapRemoveCodec.RequestMessageType: changed = !MapRemoveCodec.DecodeResponse(response).IsNull; break;
            case MapReplaceCodec.RequestMessageType: changed = !MapReplaceCodec.DecodeResponse(response).IsNull; break;
            case MapPutIfAbsentCodec.RequestMessageType: changed = MapPutIfAbsentCodec.DecodeResponse(response).IsNull; break;
            case MapPutIfAbsentWithMaxIdleCodec.RequestMessageType: changed = MapPutIfAbsentWithMaxIdleCodec.DecodeResponse(response).IsNull; break;
            case MapDeleteCodec.RequestMessageType: changed = MapDeleteCodec.DecodeResponse(response); break;
            case MapReplaceIfSameCodec.RequestMessageType: changed = MapReplaceIfSameCodec.DecodeResponse(response); break;
            case MapRemoveIfSameCodec.RequestMessageType: changed = MapRemoveIfSameCodec.DecodeResponse(response); break;
            case MapTryPutCodec.RequestMessageType: changed = MapTryPutCodec.DecodeResponse(response); break;
            case MapTryRemoveCodec.RequestMessageType: changed = MapTryRemoveCodec.DecodeResponse(response); break;
            case MapTryLockCodec.RequestMessageType: changed = MapTryLockCodec.DecodeResponse(response); break;
            case MapEvictCodec.RequestMessageType: changed = MapEvictCodec.DecodeResponse(response); break;
            case MapSetTtlCodec.RequestMessageType: changed = MapSetTtlCodec.DecodeResponse(response); break;
            default: return null;
        }
        // Every keyed map request carries the map name first and the key second.
        if (!changed) return null;
        var r = request.GetReader();
        r.ReadString("name");
        return PartitionOf(r.ReadData("key"));
    }

    private ValueTask<ClientMessage?> HandleMap(ClientMessage request)
    {
        switch (request.MessageType)
        {
            case MapPutCodec.RequestMessageType:
            {
                var p = MapPutCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapPutCodec.EncodeResponse(m.Put(p.Key, p.Value, p.Ttl, -1, pid)));
            }
            case MapSetCodec.RequestMessageType:
            {
                var p = MapSetCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) =>
                {
                    m.Put(p.Key, p.Value, p.Ttl, -1, pid);
                    return MapSetCodec.EncodeResponse();
                });
            }
            case MapPutTransientCodec.RequestMessageType:
            {
                var p = MapPutTransientCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) =>
                {
                    m.Put(p.Key, p.Value, p.Ttl, -1, pid);
                    return MapPutTransientCodec.EncodeResponse();
                });
            }
            case MapPutWithMaxIdleCodec.RequestMessageType:
            {
                var p = MapPutWithMaxIdleCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapPutWithMaxIdleCodec.EncodeResponse(m.Put(p.Key, p.Value, p.Ttl, p.MaxIdle, pid)));
            }
            case MapSetWithMaxIdleCodec.RequestMessageType:
            {
                var p = MapSetWithMaxIdleCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) =>
                {
                    m.Put(p.Key, p.Value, p.Ttl, p.MaxIdle, pid);
                    return MapSetWithMaxIdleCodec.EncodeResponse(default);
                });
            }
            case MapPutTransientWithMaxIdleCodec.RequestMessageType:
            {
                var p = MapPutTransientWithMaxIdleCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapPutTransientWithMaxIdleCodec.EncodeResponse(m.Put(p.Key, p.Value, p.Ttl, p.MaxIdle, pid)));
            }
            case MapPutIfAbsentCodec.RequestMessageType:
            {
                var p = MapPutIfAbsentCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapPutIfAbsentCodec.EncodeResponse(m.PutIfAbsent(p.Key, p.Value, p.Ttl, -1, pid)));
            }
            case MapPutIfAbsentWithMaxIdleCodec.RequestMessageType:
            {
                var p = MapPutIfAbsentWithMaxIdleCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapPutIfAbsentWithMaxIdleCodec.EncodeResponse(m.PutIfAbsent(p.Key, p.Value, p.Ttl, p.MaxIdle, pid)));
            }
            case MapTryPutCodec.RequestMessageType:
            {
                var p = MapTryPutCodec.DecodeRequest(request);
                var map = _state.Map(p.Name);
                var pid = PartitionOf(p.Key);
                return Later(map.WriteAsync(p.Key, Owner(p.ThreadId), () =>
                {
                    map.Put(p.Key, p.Value, -1, -1, pid);
                    return MapTryPutCodec.EncodeResponse(true);
                }, MapTryPutCodec.EncodeResponse(false), p.Timeout, _closed.Token));
            }
            case MapReplaceCodec.RequestMessageType:
            {
                var p = MapReplaceCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapReplaceCodec.EncodeResponse(m.Replace(p.Key, p.Value, pid)));
            }
            case MapReplaceIfSameCodec.RequestMessageType:
            {
                var p = MapReplaceIfSameCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapReplaceIfSameCodec.EncodeResponse(m.ReplaceIfSame(p.Key, p.TestValue, p.Value, pid)));
            }
            case MapRemoveCodec.RequestMessageType:
            {
                var p = MapRemoveCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapRemoveCodec.EncodeResponse(m.Remove(p.Key, pid)));
            }
            case MapDeleteCodec.RequestMessageType:
            {
                var p = MapDeleteCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapDeleteCodec.EncodeResponse(!m.Remove(p.Key, pid).IsNull));
            }
            case MapRemoveIfSameCodec.RequestMessageType:
            {
                var p = MapRemoveIfSameCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapRemoveIfSameCodec.EncodeResponse(m.RemoveIfSame(p.Key, p.Value, pid)));
            }
            case MapTryRemoveCodec.RequestMessageType:
            {
                var p = MapTryRemoveCodec.DecodeRequest(request);
                var map = _state.Map(p.Name);
                var pid = PartitionOf(p.Key);
                return Later(map.WriteAsync(p.Key, Owner(p.ThreadId), () => MapTryRemoveCodec.EncodeResponse(!map.Remove(p.Key, pid).IsNull),
                    MapTryRemoveCodec.EncodeResponse(false), p.Timeout, _closed.Token));
            }
            case MapEvictCodec.RequestMessageType:
            {
                var p = MapEvictCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapEvictCodec.EncodeResponse(m.Evict(p.Key, pid)));
            }
            case MapSetTtlCodec.RequestMessageType:
            {
                // SetTtl carries no thread id: any lock holder but an unowned caller blocks it, as in Java.
                var p = MapSetTtlCodec.DecodeRequest(request);
                return Write(p.Name, p.Key, 0, (m, _) => MapSetTtlCodec.EncodeResponse(m.SetTtl(p.Key, p.Ttl)));
            }
            case MapGetCodec.RequestMessageType:
            {
                var p = MapGetCodec.DecodeRequest(request);
                return Done(MapGetCodec.EncodeResponse(_state.Map(p.Name).Get(p.Key)));
            }
            case MapContainsKeyCodec.RequestMessageType:
            {
                var p = MapContainsKeyCodec.DecodeRequest(request);
                return Done(MapContainsKeyCodec.EncodeResponse(_state.Map(p.Name).ContainsKey(p.Key)));
            }
            case MapContainsValueCodec.RequestMessageType:
            {
                var p = MapContainsValueCodec.DecodeRequest(request);
                return Done(MapContainsValueCodec.EncodeResponse(_state.Map(p.Name).ContainsValue(p.Value)));
            }
            case MapGetEntryViewCodec.RequestMessageType:
            {
                var p = MapGetEntryViewCodec.DecodeRequest(request);
                var view = _state.Map(p.Name).GetEntryView(p.Key);
                return Done(MapGetEntryViewCodec.EncodeResponse(view, view?.MaxIdle ?? 0));
            }
            case MapSizeCodec.RequestMessageType:
                return Done(MapSizeCodec.EncodeResponse(_state.Map(MapSizeCodec.DecodeRequest(request).Name).Size()));
            case MapIsEmptyCodec.RequestMessageType:
                return Done(MapIsEmptyCodec.EncodeResponse(_state.Map(MapIsEmptyCodec.DecodeRequest(request).Name).Size() == 0));
            case MapKeySetCodec.RequestMessageType:
                return Done(MapKeySetCodec.EncodeResponse(_state.Map(MapKeySetCodec.DecodeRequest(request).Name).Keys()));
            case MapValuesCodec.RequestMessageType:
                return Done(MapValuesCodec.EncodeResponse(_state.Map(MapValuesCodec.DecodeRequest(request).Name).Values()));
            case MapEntrySetCodec.RequestMessageType:
                return Done(MapEntrySetCodec.EncodeResponse(_state.Map(MapEntrySetCodec.DecodeRequest(request).Name).Entries()));
            case MapGetAllCodec.RequestMessageType:
            {
                var p = MapGetAllCodec.DecodeRequest(request);
                return Done(MapGetAllCodec.EncodeResponse(_state.Map(p.Name).GetAll(p.Keys)));
            }
            case MapPutAllCodec.RequestMessageType:
                return PutAllAsync(MapPutAllCodec.DecodeRequest(request));
            case MapClearCodec.RequestMessageType:
                _state.Map(MapClearCodec.DecodeRequest(request).Name).RemoveAll(evict: false, Member.Uuid);
                return Done(MapClearCodec.EncodeResponse());
            case MapEvictAllCodec.RequestMessageType:
                _state.Map(MapEvictAllCodec.DecodeRequest(request).Name).RemoveAll(evict: true, Member.Uuid);
                return Done(MapEvictAllCodec.EncodeResponse());
            case MapFlushCodec.RequestMessageType:
                _state.Map(MapFlushCodec.DecodeRequest(request).Name);
                return Done(MapFlushCodec.EncodeResponse());
            case MapLockCodec.RequestMessageType:
            {
                var p = MapLockCodec.DecodeRequest(request);
                return Later(LockAsync(p.Name, p.Key, p.ThreadId, p.Ttl, -1, _ => MapLockCodec.EncodeResponse()));
            }
            case MapTryLockCodec.RequestMessageType:
            {
                var p = MapTryLockCodec.DecodeRequest(request);
                return Later(LockAsync(p.Name, p.Key, p.ThreadId, p.Lease, p.Timeout, MapTryLockCodec.EncodeResponse));
            }
            case MapUnlockCodec.RequestMessageType:
            {
                var p = MapUnlockCodec.DecodeRequest(request);
                _state.Map(p.Name).Unlock(p.Key, Owner(p.ThreadId));
                return Done(MapUnlockCodec.EncodeResponse());
            }
            case MapIsLockedCodec.RequestMessageType:
            {
                var p = MapIsLockedCodec.DecodeRequest(request);
                return Done(MapIsLockedCodec.EncodeResponse(_state.Map(p.Name).IsLocked(p.Key)));
            }
            case MapForceUnlockCodec.RequestMessageType:
            {
                var p = MapForceUnlockCodec.DecodeRequest(request);
                _state.Map(p.Name).ForceUnlock(p.Key);
                return Done(MapForceUnlockCodec.EncodeResponse());
            }
            case MapAddEntryListenerCodec.RequestMessageType:
            {
                var p = MapAddEntryListenerCodec.DecodeRequest(request);
                return Done(MapAddEntryListenerCodec.EncodeResponse(AddListener(request, p.Name, default, p.ListenerFlags, p.IncludeValue, p.LocalOnly, MapAddEntryListenerCodec.EntryEventMessageType)));
            }
            case MapAddEntryListenerToKeyCodec.RequestMessageType:
            {
                var p = MapAddEntryListenerToKeyCodec.DecodeRequest(request);
                return Done(MapAddEntryListenerToKeyCodec.EncodeResponse(AddListener(request, p.Name, p.Key, p.ListenerFlags, p.IncludeValue, p.LocalOnly, MapAddEntryListenerToKeyCodec.EntryEventMessageType)));
            }
            case MapKeySetWithPredicateCodec.RequestMessageType:
            {
                var p = MapKeySetWithPredicateCodec.DecodeRequest(request);
                return Done(MapKeySetWithPredicateCodec.EncodeResponse(_state.Map(p.Name).Query(_state.Query.ReadPredicate(p.Predicate)).Select(e => e.Key).ToList()));
            }
            case MapValuesWithPredicateCodec.RequestMessageType:
            {
                var p = MapValuesWithPredicateCodec.DecodeRequest(request);
                return Done(MapValuesWithPredicateCodec.EncodeResponse(_state.Map(p.Name).Query(_state.Query.ReadPredicate(p.Predicate)).Select(e => e.Value).ToList()));
            }
            case MapEntriesWithPredicateCodec.RequestMessageType:
            {
                var p = MapEntriesWithPredicateCodec.DecodeRequest(request);
                return Done(MapEntriesWithPredicateCodec.EncodeResponse(_state.Map(p.Name).Query(_state.Query.ReadPredicate(p.Predicate))));
            }
            case MapAddIndexCodec.RequestMessageType:
            {
                var p = MapAddIndexCodec.DecodeRequest(request);
                _state.Map(p.Name).AddIndex(p.IndexConfig);
                return Done(MapAddIndexCodec.EncodeResponse());
            }
            case MapKeySetWithPagingPredicateCodec.RequestMessageType:
            {
                var p = MapKeySetWithPagingPredicateCodec.DecodeRequest(request);
                var (page, anchors) = Page(p.Name, p.Predicate);
                return Done(MapKeySetWithPagingPredicateCodec.EncodeResponse(page.Select(e => e.Key).ToList(), anchors));
            }
            case MapValuesWithPagingPredicateCodec.RequestMessageType:
            {
                var p = MapValuesWithPagingPredicateCodec.DecodeRequest(request);
                var (page, anchors) = Page(p.Name, p.Predicate);
                return Done(MapValuesWithPagingPredicateCodec.EncodeResponse(page.Select(e => e.Value).ToList(), anchors));
            }
            case MapEntriesWithPagingPredicateCodec.RequestMessageType:
            {
                var p = MapEntriesWithPagingPredicateCodec.DecodeRequest(request);
                var (page, anchors) = Page(p.Name, p.Predicate);
                return Done(MapEntriesWithPagingPredicateCodec.EncodeResponse(page, anchors));
            }
            case MapAddEntryListenerWithPredicateCodec.RequestMessageType:
            {
                var p = MapAddEntryListenerWithPredicateCodec.DecodeRequest(request);
                return Done(MapAddEntryListenerWithPredicateCodec.EncodeResponse(AddListener(request, p.Name, default, p.ListenerFlags, p.IncludeValue, p.LocalOnly, MapAddEntryListenerWithPredicateCodec.EntryEventMessageType, _state.Query.ReadPredicate(p.Predicate))));
            }
            case MapAddEntryListenerToKeyWithPredicateCodec.RequestMessageType:
            {
                var p = MapAddEntryListenerToKeyWithPredicateCodec.DecodeRequest(request);
                return Done(MapAddEntryListenerToKeyWithPredicateCodec.EncodeResponse(AddListener(request, p.Name, p.Key, p.ListenerFlags, p.IncludeValue, p.LocalOnly, MapAddEntryListenerToKeyWithPredicateCodec.EntryEventMessageType, _state.Query.ReadPredicate(p.Predicate))));
            }
            case MapRemoveEntryListenerCodec.RequestMessageType:
            {
                var p = MapRemoveEntryListenerCodec.DecodeRequest(request);
                return Done(MapRemoveEntryListenerCodec.EncodeResponse(_state.Map(p.Name).RemoveListener(p.RegistrationId)));
            }
            default:
                return HandleCP(request) ?? Done(Error(RemoteError.UnsupportedOperation, $"The in-process member does not implement message type 0x{request.MessageType:X6}."));
        }
    }

    private (List<KeyValuePair<Data, Data>> Page, AnchorDataListHolder Anchors) Page(string name, PagingPredicateHolder holder)
    {
        if (!holder.ComparatorData.IsNull && holder.ComparatorData.TypeId != 0)
            throw new RemoteErrorException(RemoteError.UnsupportedOperation, "The in-process member cannot run comparators (a comparator is a Java class on a real member's classpath).");
        var matching = _state.Map(name).Query(_state.Query.ReadPredicate(holder.PredicateData));
        var anchors = holder.AnchorDataListHolder.AnchorPageList.Zip(holder.AnchorDataListHolder.AnchorDataList).Select(a => (a.First, a.Second)).ToList();
        var (page, updated) = _state.Query.Page(matching, holder.PageSize, holder.Page, byValue: holder.IterationTypeId == (byte)IterationType.Value, anchors);
        return (page, new AnchorDataListHolder(updated.Select(a => a.Page).ToArray(), updated.Select(a => a.Entry).ToList()));
    }

    private async ValueTask<ClientMessage?> PutAllAsync(MapPutAllCodec.RequestParameters p)
    {
        var map = _state.Map(p.Name);
        foreach (var (key, value) in p.Entries)
        {
            var pid = PartitionOf(key);
            await map.WriteAsync(key, Owner(0), () => map.Put(key, value, -1, -1, pid), default, -1, _closed.Token).ConfigureAwait(false);
        }
        return MapPutAllCodec.EncodeResponse();
    }

    private async Task<ClientMessage> LockAsync(string name, Data key, long threadId, long lease, long timeout, Func<bool, ClientMessage> respond)
    {
        var locked = await _state.Map(name).LockAsync(key, Owner(threadId), lease, timeout, _closed.Token).ConfigureAwait(false);
        return respond(locked);
    }

    private Guid AddListener(ClientMessage request, string name, Data key, int flags, bool includeValue, bool localOnly,
        int eventMessageType, Hazelcast.Query.IPredicate? predicate = null)
    {
        var id = Guid.NewGuid();
        _state.Map(name).AddListener(new EntryListener(id, this, request.CorrelationId, flags, includeValue, localOnly, key, eventMessageType, predicate));
        return id;
    }
}
