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

    internal ValueTask<ClientMessage?> MapPut(ClientMessage request)
    {
        var p = MapPutCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapPutCodec.EncodeResponse(m.Put(p.Key, p.Value, p.Ttl, -1, pid)));
    }

    internal ValueTask<ClientMessage?> MapSet(ClientMessage request)
    {
        var p = MapSetCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) =>
        {
            m.Put(p.Key, p.Value, p.Ttl, -1, pid);
            return MapSetCodec.EncodeResponse();
        });
    }

    internal ValueTask<ClientMessage?> MapPutTransient(ClientMessage request)
    {
        var p = MapPutTransientCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) =>
        {
            m.Put(p.Key, p.Value, p.Ttl, -1, pid);
            return MapPutTransientCodec.EncodeResponse();
        });
    }

    internal ValueTask<ClientMessage?> MapPutWithMaxIdle(ClientMessage request)
    {
        var p = MapPutWithMaxIdleCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapPutWithMaxIdleCodec.EncodeResponse(m.Put(p.Key, p.Value, p.Ttl, p.MaxIdle, pid)));
    }

    internal ValueTask<ClientMessage?> MapSetWithMaxIdle(ClientMessage request)
    {
        var p = MapSetWithMaxIdleCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) =>
        {
            m.Put(p.Key, p.Value, p.Ttl, p.MaxIdle, pid);
            return MapSetWithMaxIdleCodec.EncodeResponse(default);
        });
    }

    internal ValueTask<ClientMessage?> MapPutTransientWithMaxIdle(ClientMessage request)
    {
        var p = MapPutTransientWithMaxIdleCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapPutTransientWithMaxIdleCodec.EncodeResponse(m.Put(p.Key, p.Value, p.Ttl, p.MaxIdle, pid)));
    }

    internal ValueTask<ClientMessage?> MapPutIfAbsent(ClientMessage request)
    {
        var p = MapPutIfAbsentCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapPutIfAbsentCodec.EncodeResponse(m.PutIfAbsent(p.Key, p.Value, p.Ttl, -1, pid)));
    }

    internal ValueTask<ClientMessage?> MapPutIfAbsentWithMaxIdle(ClientMessage request)
    {
        var p = MapPutIfAbsentWithMaxIdleCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapPutIfAbsentWithMaxIdleCodec.EncodeResponse(m.PutIfAbsent(p.Key, p.Value, p.Ttl, p.MaxIdle, pid)));
    }

    internal ValueTask<ClientMessage?> MapTryPut(ClientMessage request)
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

    internal ValueTask<ClientMessage?> MapReplace(ClientMessage request)
    {
        var p = MapReplaceCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapReplaceCodec.EncodeResponse(m.Replace(p.Key, p.Value, pid)));
    }

    internal ValueTask<ClientMessage?> MapReplaceIfSame(ClientMessage request)
    {
        var p = MapReplaceIfSameCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapReplaceIfSameCodec.EncodeResponse(m.ReplaceIfSame(p.Key, p.TestValue, p.Value, pid)));
    }

    internal ValueTask<ClientMessage?> MapRemove(ClientMessage request)
    {
        var p = MapRemoveCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapRemoveCodec.EncodeResponse(m.Remove(p.Key, pid)));
    }

    internal ValueTask<ClientMessage?> MapDelete(ClientMessage request)
    {
        var p = MapDeleteCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapDeleteCodec.EncodeResponse(!m.Remove(p.Key, pid).IsNull));
    }

    internal ValueTask<ClientMessage?> MapRemoveIfSame(ClientMessage request)
    {
        var p = MapRemoveIfSameCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapRemoveIfSameCodec.EncodeResponse(m.RemoveIfSame(p.Key, p.Value, pid)));
    }

    internal ValueTask<ClientMessage?> MapTryRemove(ClientMessage request)
    {
        var p = MapTryRemoveCodec.DecodeRequest(request);
        var map = _state.Map(p.Name);
        var pid = PartitionOf(p.Key);
        return Later(map.WriteAsync(p.Key, Owner(p.ThreadId), () => MapTryRemoveCodec.EncodeResponse(!map.Remove(p.Key, pid).IsNull),
            MapTryRemoveCodec.EncodeResponse(false), p.Timeout, _closed.Token));
    }

    internal ValueTask<ClientMessage?> MapEvict(ClientMessage request)
    {
        var p = MapEvictCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapEvictCodec.EncodeResponse(m.Evict(p.Key, pid)));
    }

    internal ValueTask<ClientMessage?> MapSetTtl(ClientMessage request)
    {
        // SetTtl carries no thread id: any lock holder but an unowned caller blocks it, as in Java.
        var p = MapSetTtlCodec.DecodeRequest(request);
        return Write(p.Name, p.Key, 0, (m, _) => MapSetTtlCodec.EncodeResponse(m.SetTtl(p.Key, p.Ttl)));
    }

    internal ValueTask<ClientMessage?> MapGet(ClientMessage request)
    {
        var p = MapGetCodec.DecodeRequest(request);
        var map = _state.Map(p.Name);
        return map.Locks.BlocksReads(p.Key, Owner(p.ThreadId)) is null
            ? Done(MapGetCodec.EncodeResponse(map.Get(p.Key)))
            : Later(GetWhenReadableAsync(map, p.Key, p.ThreadId));
    }

    /// <summary>
    /// A read of a key a ONE_PHASE transaction of another owner locked waits for the lock to go, up to the member's
    /// operation call timeout (60 s by default), then fails as a real member's GetOperation does.
    /// </summary>
    private async Task<ClientMessage> GetWhenReadableAsync(MapStore map, Data key, long threadId)
    {
        if (!await map.Locks.WaitReadableAsync(key, Owner(threadId), (long)_state.Options.OperationCallTimeout.TotalMilliseconds, _closed.Token).ConfigureAwait(false))
            throw new RemoteErrorException(RemoteError.OperationTimeout, "Cannot read transactionally locked entry!");
        return MapGetCodec.EncodeResponse(map.Get(key));
    }

    internal ValueTask<ClientMessage?> MapContainsKey(ClientMessage request)
    {
        var p = MapContainsKeyCodec.DecodeRequest(request);
        return Done(MapContainsKeyCodec.EncodeResponse(_state.Map(p.Name).ContainsKey(p.Key)));
    }

    internal ValueTask<ClientMessage?> MapContainsValue(ClientMessage request)
    {
        var p = MapContainsValueCodec.DecodeRequest(request);
        return Done(MapContainsValueCodec.EncodeResponse(_state.Map(p.Name).ContainsValue(p.Value)));
    }

    internal ValueTask<ClientMessage?> MapGetEntryView(ClientMessage request)
    {
        var p = MapGetEntryViewCodec.DecodeRequest(request);
        var view = _state.Map(p.Name).GetEntryView(p.Key);
        return Done(MapGetEntryViewCodec.EncodeResponse(view, view?.MaxIdle ?? 0));
    }

    internal ValueTask<ClientMessage?> MapSize(ClientMessage request)
    {
        return Done(MapSizeCodec.EncodeResponse(_state.Map(MapSizeCodec.DecodeRequest(request).Name).Size()));
    }

    internal ValueTask<ClientMessage?> MapIsEmpty(ClientMessage request)
    {
        return Done(MapIsEmptyCodec.EncodeResponse(_state.Map(MapIsEmptyCodec.DecodeRequest(request).Name).Size() == 0));
    }

    internal ValueTask<ClientMessage?> MapKeySet(ClientMessage request)
    {
        return Done(MapKeySetCodec.EncodeResponse(_state.Map(MapKeySetCodec.DecodeRequest(request).Name).Keys()));
    }

    internal ValueTask<ClientMessage?> MapValues(ClientMessage request)
    {
        return Done(MapValuesCodec.EncodeResponse(_state.Map(MapValuesCodec.DecodeRequest(request).Name).Values()));
    }

    internal ValueTask<ClientMessage?> MapEntrySet(ClientMessage request)
    {
        return Done(MapEntrySetCodec.EncodeResponse(_state.Map(MapEntrySetCodec.DecodeRequest(request).Name).Entries()));
    }

    internal ValueTask<ClientMessage?> MapGetAll(ClientMessage request)
    {
        var p = MapGetAllCodec.DecodeRequest(request);
        return Done(MapGetAllCodec.EncodeResponse(_state.Map(p.Name).GetAll(p.Keys)));
    }

    internal ValueTask<ClientMessage?> MapPutAll(ClientMessage request)
    {
        return PutAllAsync(MapPutAllCodec.DecodeRequest(request));
    }

    internal ValueTask<ClientMessage?> MapClear(ClientMessage request)
    {
        _state.Map(MapClearCodec.DecodeRequest(request).Name).RemoveAll(evict: false, Member.Uuid);
        return Done(MapClearCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> MapEvictAll(ClientMessage request)
    {
        _state.Map(MapEvictAllCodec.DecodeRequest(request).Name).RemoveAll(evict: true, Member.Uuid);
        return Done(MapEvictAllCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> MapFlush(ClientMessage request)
    {
        _state.Map(MapFlushCodec.DecodeRequest(request).Name);
        return Done(MapFlushCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> MapLock(ClientMessage request)
    {
        var p = MapLockCodec.DecodeRequest(request);
        return Later(LockAsync(p.Name, p.Key, p.ThreadId, p.Ttl, -1, _ => MapLockCodec.EncodeResponse()));
    }

    internal ValueTask<ClientMessage?> MapTryLock(ClientMessage request)
    {
        var p = MapTryLockCodec.DecodeRequest(request);
        return Later(LockAsync(p.Name, p.Key, p.ThreadId, p.Lease, p.Timeout, MapTryLockCodec.EncodeResponse));
    }

    internal ValueTask<ClientMessage?> MapUnlock(ClientMessage request)
    {
        var p = MapUnlockCodec.DecodeRequest(request);
        _state.Map(p.Name).Unlock(p.Key, Owner(p.ThreadId));
        return Done(MapUnlockCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> MapIsLocked(ClientMessage request)
    {
        var p = MapIsLockedCodec.DecodeRequest(request);
        return Done(MapIsLockedCodec.EncodeResponse(_state.Map(p.Name).IsLocked(p.Key)));
    }

    internal ValueTask<ClientMessage?> MapForceUnlock(ClientMessage request)
    {
        var p = MapForceUnlockCodec.DecodeRequest(request);
        _state.Map(p.Name).ForceUnlock(p.Key);
        return Done(MapForceUnlockCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> MapAddEntryListener(ClientMessage request)
    {
        var p = MapAddEntryListenerCodec.DecodeRequest(request);
        return Done(MapAddEntryListenerCodec.EncodeResponse(AddListener(request, p.Name, default, p.ListenerFlags, p.IncludeValue, p.LocalOnly, MapAddEntryListenerCodec.EntryEventMessageType)));
    }

    internal ValueTask<ClientMessage?> MapAddEntryListenerToKey(ClientMessage request)
    {
        var p = MapAddEntryListenerToKeyCodec.DecodeRequest(request);
        return Done(MapAddEntryListenerToKeyCodec.EncodeResponse(AddListener(request, p.Name, p.Key, p.ListenerFlags, p.IncludeValue, p.LocalOnly, MapAddEntryListenerToKeyCodec.EntryEventMessageType)));
    }

    internal ValueTask<ClientMessage?> MapKeySetWithPredicate(ClientMessage request)
    {
        var p = MapKeySetWithPredicateCodec.DecodeRequest(request);
        return Done(MapKeySetWithPredicateCodec.EncodeResponse(_state.Map(p.Name).Query(_state.Query.ReadPredicate(p.Predicate), request.PartitionId).Select(e => e.Key).ToList()));
    }

    internal ValueTask<ClientMessage?> MapValuesWithPredicate(ClientMessage request)
    {
        var p = MapValuesWithPredicateCodec.DecodeRequest(request);
        return Done(MapValuesWithPredicateCodec.EncodeResponse(_state.Map(p.Name).Query(_state.Query.ReadPredicate(p.Predicate), request.PartitionId).Select(e => e.Value).ToList()));
    }

    internal ValueTask<ClientMessage?> MapEntriesWithPredicate(ClientMessage request)
    {
        var p = MapEntriesWithPredicateCodec.DecodeRequest(request);
        return Done(MapEntriesWithPredicateCodec.EncodeResponse(_state.Map(p.Name).Query(_state.Query.ReadPredicate(p.Predicate), request.PartitionId)));
    }

    // ------------------------------------------------------------------ entry processors

    /// <summary>The processor a request carries, and its registered .NET implementation; one the member does not know is refused as a real member refuses it.</summary>
    private (object Processor, ProcessEntry Process) ReadProcessor(Data data)
        => _state.Options.UserClasses.Resolve<ProcessEntry>(data, _state.Query.Serialization, "entry processor", nameof(HazelcastClusterOptions.AddEntryProcessor));

    /// <summary>Runs a processor on one entry (under the map's lock) and writes its change back, with the events a put or a remove raises.</summary>
    private Data Process(MapStore map, (object Processor, ProcessEntry Process) p, Data key, int partitionId)
    {
        var serialization = _state.Query.Serialization;
        var value = map.Get(key);
        var entry = new MutableEntry(serialization.ToObject(key), value.IsNull ? null : serialization.ToObject(value));
        var result = p.Process(p.Processor, entry);
        if (entry.Changed)
        {
            if (entry.Value is null) map.Remove(key, partitionId);
            else map.Put(key, serialization.ToData(entry.Value), -1, -1, partitionId);
        }
        return serialization.ToData(result);
    }

    internal ValueTask<ClientMessage?> MapExecuteOnKey(ClientMessage request)
    {
        var p = MapExecuteOnKeyCodec.DecodeRequest(request);
        var processor = ReadProcessor(p.EntryProcessor);
        return Write(p.Name, p.Key, p.ThreadId, (m, pid) => MapExecuteOnKeyCodec.EncodeResponse(Process(m, processor, p.Key, pid)));
    }

    /// <summary>Runs a processor on entries, one at a time; a bulk processor does not wait for key locks, as on a real member (hazelcast/hazelcast#10065).</summary>
    private List<KeyValuePair<Data, Data>> ProcessAll(string name, Data processorData, IEnumerable<Data> keys)
    {
        var processor = ReadProcessor(processorData);
        var map = _state.Map(name);
        return keys.Select(k => KeyValuePair.Create(k, Process(map, processor, k, PartitionOf(k)))).ToList();
    }

    internal ValueTask<ClientMessage?> MapExecuteOnKeys(ClientMessage request)
    {
        var p = MapExecuteOnKeysCodec.DecodeRequest(request);
        return Done(MapExecuteOnKeysCodec.EncodeResponse(ProcessAll(p.Name, p.EntryProcessor, p.Keys.Distinct())));
    }

    internal ValueTask<ClientMessage?> MapExecuteOnAllKeys(ClientMessage request)
    {
        var p = MapExecuteOnAllKeysCodec.DecodeRequest(request);
        return Done(MapExecuteOnAllKeysCodec.EncodeResponse(ProcessAll(p.Name, p.EntryProcessor, _state.Map(p.Name).Keys())));
    }

    internal ValueTask<ClientMessage?> MapExecuteWithPredicate(ClientMessage request)
    {
        var p = MapExecuteWithPredicateCodec.DecodeRequest(request);
        var keys = _state.Map(p.Name).Query(_state.Query.ReadPredicate(p.Predicate), request.PartitionId).Select(e => e.Key);
        return Done(MapExecuteWithPredicateCodec.EncodeResponse(ProcessAll(p.Name, p.EntryProcessor, keys)));
    }

    /// <summary>This member's maps have no MapStore: there is nothing to load, as on a real member without one.</summary>
    internal ValueTask<ClientMessage?> MapLoadAll(ClientMessage request)
    {
        _state.Map(MapLoadAllCodec.DecodeRequest(request).Name);
        return Done(MapLoadAllCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> MapLoadGivenKeys(ClientMessage request)
    {
        _state.Map(MapLoadGivenKeysCodec.DecodeRequest(request).Name);
        return Done(MapLoadGivenKeysCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> MapAggregate(ClientMessage request)
    {
        var p = MapAggregateCodec.DecodeRequest(request);
        return Done(MapAggregateCodec.EncodeResponse(Aggregate(p.Name, p.Aggregator, null, -1)));
    }

    internal ValueTask<ClientMessage?> MapAggregateWithPredicate(ClientMessage request)
    {
        var p = MapAggregateWithPredicateCodec.DecodeRequest(request);
        return Done(MapAggregateWithPredicateCodec.EncodeResponse(Aggregate(p.Name, p.Aggregator, _state.Query.ReadPredicate(p.Predicate), request.PartitionId)));
    }

    private Data Aggregate(string name, Data aggregator, Hazelcast.Query.IPredicate? predicate, int requestPartition)
    {
        var a = _state.Query.Serialization.ToObject(aggregator) as AggregatorData
            ?? throw new RemoteErrorException(RemoteError.HazelcastSerialization, $"The aggregator (serializer type {aggregator.TypeId}) is not one of Hazelcast's built-in aggregators.");
        return _state.Query.Serialization.ToData(Aggregations.Aggregate(a, _state.Map(name).Query(predicate, requestPartition), _state.Query));
    }

    internal ValueTask<ClientMessage?> MapProject(ClientMessage request)
    {
        var p = MapProjectCodec.DecodeRequest(request);
        return Done(MapProjectCodec.EncodeResponse(Project(p.Name, p.Projection, null, -1)));
    }

    internal ValueTask<ClientMessage?> MapProjectWithPredicate(ClientMessage request)
    {
        var p = MapProjectWithPredicateCodec.DecodeRequest(request);
        return Done(MapProjectWithPredicateCodec.EncodeResponse(Project(p.Name, p.Projection, _state.Query.ReadPredicate(p.Predicate), request.PartitionId)));
    }

    private List<Data> Project(string name, Data projection, Hazelcast.Query.IPredicate? predicate, int requestPartition)
    {
        var q = _state.Query;
        var pr = q.Serialization.ToObject(projection) as ProjectionData
            ?? throw new RemoteErrorException(RemoteError.HazelcastSerialization, $"The projection (serializer type {projection.TypeId}) is not one of Hazelcast's built-in projections.");
        return _state.Map(name).Query(predicate, requestPartition).Select(e => q.Serialization.ToData(Aggregations.Project(pr, e, q))).ToList();
    }

    internal ValueTask<ClientMessage?> MapRemoveAll(ClientMessage request)
    {
        var p = MapRemoveAllCodec.DecodeRequest(request);
        _state.Map(p.Name).RemoveMatching(_state.Query.ReadPredicate(p.Predicate) ?? throw new RemoteErrorException(RemoteError.IllegalArgument, "Map.RemoveAll needs a predicate."), request.PartitionId);
        return Done(MapRemoveAllCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> MapAddIndex(ClientMessage request)
    {
        var p = MapAddIndexCodec.DecodeRequest(request);
        _state.Map(p.Name).AddIndex(p.IndexConfig);
        return Done(MapAddIndexCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> MapKeySetWithPagingPredicate(ClientMessage request)
    {
        var p = MapKeySetWithPagingPredicateCodec.DecodeRequest(request);
        var (page, anchors) = Page(p.Name, p.Predicate);
        return Done(MapKeySetWithPagingPredicateCodec.EncodeResponse(page.Select(e => e.Key).ToList(), anchors));
    }

    internal ValueTask<ClientMessage?> MapValuesWithPagingPredicate(ClientMessage request)
    {
        var p = MapValuesWithPagingPredicateCodec.DecodeRequest(request);
        var (page, anchors) = Page(p.Name, p.Predicate);
        return Done(MapValuesWithPagingPredicateCodec.EncodeResponse(page.Select(e => e.Value).ToList(), anchors));
    }

    internal ValueTask<ClientMessage?> MapEntriesWithPagingPredicate(ClientMessage request)
    {
        var p = MapEntriesWithPagingPredicateCodec.DecodeRequest(request);
        var (page, anchors) = Page(p.Name, p.Predicate);
        return Done(MapEntriesWithPagingPredicateCodec.EncodeResponse(page, anchors));
    }

    internal ValueTask<ClientMessage?> MapAddEntryListenerWithPredicate(ClientMessage request)
    {
        var p = MapAddEntryListenerWithPredicateCodec.DecodeRequest(request);
        return Done(MapAddEntryListenerWithPredicateCodec.EncodeResponse(AddListener(request, p.Name, default, p.ListenerFlags, p.IncludeValue, p.LocalOnly, MapAddEntryListenerWithPredicateCodec.EntryEventMessageType, _state.Query.ReadPredicate(p.Predicate))));
    }

    internal ValueTask<ClientMessage?> MapAddEntryListenerToKeyWithPredicate(ClientMessage request)
    {
        var p = MapAddEntryListenerToKeyWithPredicateCodec.DecodeRequest(request);
        return Done(MapAddEntryListenerToKeyWithPredicateCodec.EncodeResponse(AddListener(request, p.Name, p.Key, p.ListenerFlags, p.IncludeValue, p.LocalOnly, MapAddEntryListenerToKeyWithPredicateCodec.EntryEventMessageType, _state.Query.ReadPredicate(p.Predicate))));
    }

    internal ValueTask<ClientMessage?> MapRemoveEntryListener(ClientMessage request)
    {
        var p = MapRemoveEntryListenerCodec.DecodeRequest(request);
        // Near-cache invalidation listeners are removed with the same message, as on a real member.
        return Done(MapRemoveEntryListenerCodec.EncodeResponse(_state.Map(p.Name).RemoveListener(p.RegistrationId) || _state.NearCache.RemoveListener(p.RegistrationId)));
    }

    internal ValueTask<ClientMessage?> MapAddNearCacheInvalidationListener(ClientMessage request)
    {
        var p = MapAddNearCacheInvalidationListenerCodec.DecodeRequest(request);
        _state.Map(p.Name); // the map exists once something listens to it
        return Done(MapAddNearCacheInvalidationListenerCodec.EncodeResponse(_state.NearCache.AddListener(this, request.CorrelationId, p.Name, p.LocalOnly)));
    }

    internal ValueTask<ClientMessage?> MapFetchNearCacheInvalidationMetadata(ClientMessage request)
    {
        var p = MapFetchNearCacheInvalidationMetadataCodec.DecodeRequest(request);
        var (sequences, uuids) = _state.NearCache.Metadata(p.Names, p.Uuid);
        return Done(MapFetchNearCacheInvalidationMetadataCodec.EncodeResponse(sequences, uuids));
    }

    private (List<KeyValuePair<Data, Data>> Page, AnchorDataListHolder Anchors) Page(string name, PagingPredicateHolder holder)
    {
        Func<KeyValuePair<object?, object?>, KeyValuePair<object?, object?>, int>? comparator = null;
        if (!holder.ComparatorData.IsNull && holder.ComparatorData.TypeId != 0)
        {
            var (instance, compare) = _state.Options.UserClasses.Resolve<CompareEntries>(holder.ComparatorData, _state.Query.Serialization, "paging comparator", nameof(HazelcastClusterOptions.AddComparator));
            comparator = (x, y) => compare(instance, x, y);
        }
        var matching = _state.Map(name).Query(_state.Query.ReadPredicate(holder.PredicateData));
        var anchors = holder.AnchorDataListHolder.AnchorPageList.Zip(holder.AnchorDataListHolder.AnchorDataList).Select(a => (a.First, a.Second)).ToList();
        var (page, updated) = _state.Query.Page(matching, holder.PageSize, holder.Page, byValue: holder.IterationTypeId == (byte)IterationType.Value, anchors, comparator);
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
