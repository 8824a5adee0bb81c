using System.Collections.Frozen;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>
/// The member's dispatch table: one entry per request message it serves, a handler and, for a keyed write, how to
/// tell the partition whose backups acknowledge it. A new message is one entry here and one handler on
/// <see cref="ClientSession"/>; a test checks that every request of <c>tools/codegen/messages.txt</c> has an entry
/// or is listed in <see cref="Unsupported"/>.
/// </summary>
internal static class MessageHandlers
{
    /// <summary>Serves a request: its response, or null when the handler answered itself.</summary>
    public delegate ValueTask<ClientMessage?> Handler(ClientSession session, ClientMessage request);

    /// <summary>
    /// A handler and, for a write whose backups acknowledge it to the client, its backup rule. A query (predicates,
    /// paging, aggregations, projections) runs off the connection's read loop, as a real member runs queries on its
    /// query threads: a long one does not hold up the connection's other requests.
    /// </summary>
    public sealed record Entry(Handler Handle, Backup? Backup = null, bool Query = false);

    /// <summary>
    /// Which partition's backups a write changed, if it changed anything: the partition of its key (every keyed map
    /// request carries the map name first and the key second), or of its first entry for a PutAll, when
    /// the write's <c>changed</c> test says the response reports a change (a conditional write whose condition failed
    /// changed nothing and is not backed up).
    /// </summary>
    public sealed record Backup(Func<ClientMessage, ClientMessage, int, int?> PartitionOf)
    {
        public static Backup OfKey(Func<ClientMessage, bool> changed) => new((request, response, count) =>
        {
            if (!changed(response)) return null;
            var r = request.GetReader();
            r.ReadString("name");
            return MurmurHash3.PartitionId(r.ReadData("key").PartitionHash, count);
        });

        /// <summary>
        /// A write to an object that lives in one partition (a queue, list, set or ringbuffer): the partition the
        /// request was sent to, which is its name's, as a real member runs the operation on the message's partition.
        /// </summary>
        public static Backup OfObject(Func<ClientMessage, bool> changed) => new((request, response, _) =>
            changed(response) && request.PartitionId >= 0 ? request.PartitionId : null);

        public static readonly Backup Always = OfObject(static _ => true);

        public static readonly Backup OfMultiMapPutAll = new((request, _, count) =>
        {
            var entries = MultiMapPutAllCodec.DecodeRequest(request).Entries;
            return entries.Count == 0 ? null : MurmurHash3.PartitionId(entries[0].Key.PartitionHash, count);
        });

        public static readonly Backup OfPutAll = new((request, _, count) =>
        {
            var entries = MapPutAllCodec.DecodeRequest(request).Entries;
            return entries.Count == 0 ? null : MurmurHash3.PartitionId(entries[0].Key.PartitionHash, count);
        });
    }

    public static readonly FrozenDictionary<int, Entry> Table = new Dictionary<int, Entry>
    {
        [ClientAuthenticationCodec.RequestMessageType] = new(static (s, r) => s.ClientAuthentication(r)),
        [ClientAuthenticationCustomCodec.RequestMessageType] = new(static (s, r) => s.ClientAuthenticationCustom(r)),
        [ClientAddClusterViewListenerCodec.RequestMessageType] = new(static (s, r) => s.ClientAddClusterViewListener(r)),
        [ClientPingCodec.RequestMessageType] = new(static (s, r) => s.ClientPing(r)),
        [ClientStatisticsCodec.RequestMessageType] = new(static (s, r) => s.ClientStatistics(r)),
        [ClientCreateProxyCodec.RequestMessageType] = new(static (s, r) => s.ClientCreateProxy(r)),
        [ClientDestroyProxyCodec.RequestMessageType] = new(static (s, r) => s.ClientDestroyProxy(r)),
        [ClientGetDistributedObjectsCodec.RequestMessageType] = new(static (s, r) => s.ClientGetDistributedObjects(r)),
        [ClientLocalBackupListenerCodec.RequestMessageType] = new(static (s, r) => s.ClientLocalBackupListener(r)),
        [ClientSendSchemaCodec.RequestMessageType] = new(static (s, r) => s.ClientSendSchema(r)),
        [ClientFetchSchemaCodec.RequestMessageType] = new(static (s, r) => s.ClientFetchSchema(r)),
        [ClientSendAllSchemasCodec.RequestMessageType] = new(static (s, r) => s.ClientSendAllSchemas(r)),
        [SqlExecuteCodec.RequestMessageType] = new(static (s, r) => s.SqlExecute(r)),
        [SqlFetchCodec.RequestMessageType] = new(static (s, r) => s.SqlFetch(r)),
        [SqlCloseCodec.RequestMessageType] = new(static (s, r) => s.SqlClose(r)),

        [MapPutCodec.RequestMessageType] = new(static (s, r) => s.MapPut(r), Backup.OfKey(static _ => true)),
        [MapSetCodec.RequestMessageType] = new(static (s, r) => s.MapSet(r), Backup.OfKey(static _ => true)),
        [MapPutTransientCodec.RequestMessageType] = new(static (s, r) => s.MapPutTransient(r), Backup.OfKey(static _ => true)),
        [MapPutWithMaxIdleCodec.RequestMessageType] = new(static (s, r) => s.MapPutWithMaxIdle(r), Backup.OfKey(static _ => true)),
        [MapSetWithMaxIdleCodec.RequestMessageType] = new(static (s, r) => s.MapSetWithMaxIdle(r), Backup.OfKey(static _ => true)),
        [MapPutTransientWithMaxIdleCodec.RequestMessageType] = new(static (s, r) => s.MapPutTransientWithMaxIdle(r), Backup.OfKey(static _ => true)),
        [MapPutIfAbsentCodec.RequestMessageType] = new(static (s, r) => s.MapPutIfAbsent(r), Backup.OfKey(static response => MapPutIfAbsentCodec.DecodeResponse(response).IsNull)),
        [MapPutIfAbsentWithMaxIdleCodec.RequestMessageType] = new(static (s, r) => s.MapPutIfAbsentWithMaxIdle(r), Backup.OfKey(static response => MapPutIfAbsentWithMaxIdleCodec.DecodeResponse(response).IsNull)),
        [MapTryPutCodec.RequestMessageType] = new(static (s, r) => s.MapTryPut(r), Backup.OfKey(static response => MapTryPutCodec.DecodeResponse(response))),
        [MapReplaceCodec.RequestMessageType] = new(static (s, r) => s.MapReplace(r), Backup.OfKey(static response => !MapReplaceCodec.DecodeResponse(response).IsNull)),
        [MapReplaceIfSameCodec.RequestMessageType] = new(static (s, r) => s.MapReplaceIfSame(r), Backup.OfKey(static response => MapReplaceIfSameCodec.DecodeResponse(response))),
        [MapRemoveCodec.RequestMessageType] = new(static (s, r) => s.MapRemove(r), Backup.OfKey(static response => !MapRemoveCodec.DecodeResponse(response).IsNull)),
        [MapDeleteCodec.RequestMessageType] = new(static (s, r) => s.MapDelete(r), Backup.OfKey(static response => MapDeleteCodec.DecodeResponse(response))),
        [MapRemoveIfSameCodec.RequestMessageType] = new(static (s, r) => s.MapRemoveIfSame(r), Backup.OfKey(static response => MapRemoveIfSameCodec.DecodeResponse(response))),
        [MapTryRemoveCodec.RequestMessageType] = new(static (s, r) => s.MapTryRemove(r), Backup.OfKey(static response => MapTryRemoveCodec.DecodeResponse(response))),
        [MapEvictCodec.RequestMessageType] = new(static (s, r) => s.MapEvict(r), Backup.OfKey(static response => MapEvictCodec.DecodeResponse(response))),
        [MapSetTtlCodec.RequestMessageType] = new(static (s, r) => s.MapSetTtl(r), Backup.OfKey(static response => MapSetTtlCodec.DecodeResponse(response))),
        [MapGetCodec.RequestMessageType] = new(static (s, r) => s.MapGet(r)),
        [MapContainsKeyCodec.RequestMessageType] = new(static (s, r) => s.MapContainsKey(r)),
        [MapContainsValueCodec.RequestMessageType] = new(static (s, r) => s.MapContainsValue(r)),
        [MapGetEntryViewCodec.RequestMessageType] = new(static (s, r) => s.MapGetEntryView(r)),
        [MapSizeCodec.RequestMessageType] = new(static (s, r) => s.MapSize(r)),
        [MapIsEmptyCodec.RequestMessageType] = new(static (s, r) => s.MapIsEmpty(r)),
        [MapKeySetCodec.RequestMessageType] = new(static (s, r) => s.MapKeySet(r)),
        [MapValuesCodec.RequestMessageType] = new(static (s, r) => s.MapValues(r)),
        [MapEntrySetCodec.RequestMessageType] = new(static (s, r) => s.MapEntrySet(r)),
        [MapGetAllCodec.RequestMessageType] = new(static (s, r) => s.MapGetAll(r)),
        [MapPutAllCodec.RequestMessageType] = new(static (s, r) => s.MapPutAll(r), Backup.OfPutAll),
        [MapClearCodec.RequestMessageType] = new(static (s, r) => s.MapClear(r)),
        [MapEvictAllCodec.RequestMessageType] = new(static (s, r) => s.MapEvictAll(r)),
        [MapFlushCodec.RequestMessageType] = new(static (s, r) => s.MapFlush(r)),
        [MapLockCodec.RequestMessageType] = new(static (s, r) => s.MapLock(r), Backup.OfKey(static _ => true)),
        [MapTryLockCodec.RequestMessageType] = new(static (s, r) => s.MapTryLock(r), Backup.OfKey(static response => MapTryLockCodec.DecodeResponse(response))),
        [MapUnlockCodec.RequestMessageType] = new(static (s, r) => s.MapUnlock(r), Backup.OfKey(static _ => true)),
        [MapIsLockedCodec.RequestMessageType] = new(static (s, r) => s.MapIsLocked(r)),
        [MapForceUnlockCodec.RequestMessageType] = new(static (s, r) => s.MapForceUnlock(r), Backup.OfKey(static _ => true)),
        [MapAddEntryListenerCodec.RequestMessageType] = new(static (s, r) => s.MapAddEntryListener(r)),
        [MapAddEntryListenerToKeyCodec.RequestMessageType] = new(static (s, r) => s.MapAddEntryListenerToKey(r)),
        [MapKeySetWithPredicateCodec.RequestMessageType] = new(static (s, r) => s.MapKeySetWithPredicate(r), Query: true),
        [MapValuesWithPredicateCodec.RequestMessageType] = new(static (s, r) => s.MapValuesWithPredicate(r), Query: true),
        [MapEntriesWithPredicateCodec.RequestMessageType] = new(static (s, r) => s.MapEntriesWithPredicate(r), Query: true),
        [MapAddIndexCodec.RequestMessageType] = new(static (s, r) => s.MapAddIndex(r)),
        [MapRemoveAllCodec.RequestMessageType] = new(static (s, r) => s.MapRemoveAll(r)),
        [MapAggregateCodec.RequestMessageType] = new(static (s, r) => s.MapAggregate(r), Query: true),
        [MapLoadAllCodec.RequestMessageType] = new(static (s, r) => s.MapLoadAll(r)),
        [MapExecuteOnKeyCodec.RequestMessageType] = new(static (s, r) => s.MapExecuteOnKey(r), Backup.OfKey(static _ => true)),
        [MapExecuteOnKeysCodec.RequestMessageType] = new(static (s, r) => s.MapExecuteOnKeys(r)),
        [MapExecuteOnAllKeysCodec.RequestMessageType] = new(static (s, r) => s.MapExecuteOnAllKeys(r)),
        [MapExecuteWithPredicateCodec.RequestMessageType] = new(static (s, r) => s.MapExecuteWithPredicate(r)),
        [MapLoadGivenKeysCodec.RequestMessageType] = new(static (s, r) => s.MapLoadGivenKeys(r)),
        [MapAggregateWithPredicateCodec.RequestMessageType] = new(static (s, r) => s.MapAggregateWithPredicate(r), Query: true),
        [MapProjectCodec.RequestMessageType] = new(static (s, r) => s.MapProject(r), Query: true),
        [MapProjectWithPredicateCodec.RequestMessageType] = new(static (s, r) => s.MapProjectWithPredicate(r), Query: true),
        [MapKeySetWithPagingPredicateCodec.RequestMessageType] = new(static (s, r) => s.MapKeySetWithPagingPredicate(r), Query: true),
        [MapValuesWithPagingPredicateCodec.RequestMessageType] = new(static (s, r) => s.MapValuesWithPagingPredicate(r), Query: true),
        [MapEntriesWithPagingPredicateCodec.RequestMessageType] = new(static (s, r) => s.MapEntriesWithPagingPredicate(r), Query: true),
        [MapAddEntryListenerWithPredicateCodec.RequestMessageType] = new(static (s, r) => s.MapAddEntryListenerWithPredicate(r)),
        [MapAddEntryListenerToKeyWithPredicateCodec.RequestMessageType] = new(static (s, r) => s.MapAddEntryListenerToKeyWithPredicate(r)),
        [MapRemoveEntryListenerCodec.RequestMessageType] = new(static (s, r) => s.MapRemoveEntryListener(r)),
        [MapAddNearCacheInvalidationListenerCodec.RequestMessageType] = new(static (s, r) => s.MapAddNearCacheInvalidationListener(r)),
        [MapFetchNearCacheInvalidationMetadataCodec.RequestMessageType] = new(static (s, r) => s.MapFetchNearCacheInvalidationMetadata(r)),

        [ClientAddDistributedObjectListenerCodec.RequestMessageType] = new(static (s, r) => s.ClientAddDistributedObjectListener(r)),
        [ClientRemoveDistributedObjectListenerCodec.RequestMessageType] = new(static (s, r) => s.ClientRemoveDistributedObjectListener(r)),
        [ClientAddPartitionLostListenerCodec.RequestMessageType] = new(static (s, r) => s.ClientAddPartitionLostListener(r)),
        [ClientRemovePartitionLostListenerCodec.RequestMessageType] = new(static (s, r) => s.ClientRemovePartitionLostListener(r)),

        [QueueOfferCodec.RequestMessageType] = new(static (s, r) => s.QueueOffer(r), Backup.OfObject(static response => QueueOfferCodec.DecodeResponse(response))),
        [QueuePutCodec.RequestMessageType] = new(static (s, r) => s.QueuePut(r), Backup.Always),
        [QueuePollCodec.RequestMessageType] = new(static (s, r) => s.QueuePoll(r), Backup.OfObject(static response => !QueuePollCodec.DecodeResponse(response).IsNull)),
        [QueueTakeCodec.RequestMessageType] = new(static (s, r) => s.QueueTake(r), Backup.Always),
        [QueuePeekCodec.RequestMessageType] = new(static (s, r) => s.QueuePeek(r)),
        [QueueSizeCodec.RequestMessageType] = new(static (s, r) => s.QueueSize(r)),
        [QueueIsEmptyCodec.RequestMessageType] = new(static (s, r) => s.QueueIsEmpty(r)),
        [QueueRemainingCapacityCodec.RequestMessageType] = new(static (s, r) => s.QueueRemainingCapacity(r)),
        [QueueRemoveCodec.RequestMessageType] = new(static (s, r) => s.QueueRemove(r), Backup.OfObject(static response => QueueRemoveCodec.DecodeResponse(response))),
        [QueueContainsCodec.RequestMessageType] = new(static (s, r) => s.QueueContains(r)),
        [QueueContainsAllCodec.RequestMessageType] = new(static (s, r) => s.QueueContainsAll(r)),
        [QueueAddAllCodec.RequestMessageType] = new(static (s, r) => s.QueueAddAll(r), Backup.OfObject(static response => QueueAddAllCodec.DecodeResponse(response))),
        [QueueCompareAndRemoveAllCodec.RequestMessageType] = new(static (s, r) => s.QueueCompareAndRemoveAll(r), Backup.OfObject(static response => QueueCompareAndRemoveAllCodec.DecodeResponse(response))),
        [QueueCompareAndRetainAllCodec.RequestMessageType] = new(static (s, r) => s.QueueCompareAndRetainAll(r), Backup.OfObject(static response => QueueCompareAndRetainAllCodec.DecodeResponse(response))),
        [QueueClearCodec.RequestMessageType] = new(static (s, r) => s.QueueClear(r), Backup.Always),
        [QueueIteratorCodec.RequestMessageType] = new(static (s, r) => s.QueueIterator(r)),
        [QueueDrainToCodec.RequestMessageType] = new(static (s, r) => s.QueueDrainTo(r), Backup.OfObject(static response => QueueDrainToCodec.DecodeResponse(response).Count > 0)),
        [QueueDrainToMaxSizeCodec.RequestMessageType] = new(static (s, r) => s.QueueDrainToMaxSize(r), Backup.OfObject(static response => QueueDrainToMaxSizeCodec.DecodeResponse(response).Count > 0)),
        [QueueAddListenerCodec.RequestMessageType] = new(static (s, r) => s.QueueAddListener(r)),
        [QueueRemoveListenerCodec.RequestMessageType] = new(static (s, r) => s.QueueRemoveListener(r)),

        [ListSizeCodec.RequestMessageType] = new(static (s, r) => s.ListSize(r)),
        [ListIsEmptyCodec.RequestMessageType] = new(static (s, r) => s.ListIsEmpty(r)),
        [ListContainsCodec.RequestMessageType] = new(static (s, r) => s.ListContains(r)),
        [ListContainsAllCodec.RequestMessageType] = new(static (s, r) => s.ListContainsAll(r)),
        [ListAddCodec.RequestMessageType] = new(static (s, r) => s.ListAdd(r), Backup.OfObject(static response => ListAddCodec.DecodeResponse(response))),
        [ListRemoveCodec.RequestMessageType] = new(static (s, r) => s.ListRemove(r), Backup.OfObject(static response => ListRemoveCodec.DecodeResponse(response))),
        [ListAddAllCodec.RequestMessageType] = new(static (s, r) => s.ListAddAll(r), Backup.OfObject(static response => ListAddAllCodec.DecodeResponse(response))),
        [ListAddAllWithIndexCodec.RequestMessageType] = new(static (s, r) => s.ListAddAllWithIndex(r), Backup.OfObject(static response => ListAddAllWithIndexCodec.DecodeResponse(response))),
        [ListCompareAndRemoveAllCodec.RequestMessageType] = new(static (s, r) => s.ListCompareAndRemoveAll(r), Backup.OfObject(static response => ListCompareAndRemoveAllCodec.DecodeResponse(response))),
        [ListCompareAndRetainAllCodec.RequestMessageType] = new(static (s, r) => s.ListCompareAndRetainAll(r), Backup.OfObject(static response => ListCompareAndRetainAllCodec.DecodeResponse(response))),
        [ListClearCodec.RequestMessageType] = new(static (s, r) => s.ListClear(r), Backup.Always),
        [ListGetAllCodec.RequestMessageType] = new(static (s, r) => s.ListGetAll(r)),
        [ListGetCodec.RequestMessageType] = new(static (s, r) => s.ListGet(r)),
        [ListSetCodec.RequestMessageType] = new(static (s, r) => s.ListSet(r), Backup.Always),
        [ListAddWithIndexCodec.RequestMessageType] = new(static (s, r) => s.ListAddWithIndex(r), Backup.Always),
        [ListRemoveWithIndexCodec.RequestMessageType] = new(static (s, r) => s.ListRemoveWithIndex(r), Backup.Always),
        [ListIndexOfCodec.RequestMessageType] = new(static (s, r) => s.ListIndexOf(r)),
        [ListLastIndexOfCodec.RequestMessageType] = new(static (s, r) => s.ListLastIndexOf(r)),
        [ListSubCodec.RequestMessageType] = new(static (s, r) => s.ListSub(r)),
        [ListAddListenerCodec.RequestMessageType] = new(static (s, r) => s.ListAddListener(r)),
        [ListRemoveListenerCodec.RequestMessageType] = new(static (s, r) => s.ListRemoveListener(r)),

        [SetSizeCodec.RequestMessageType] = new(static (s, r) => s.SetSize(r)),
        [SetIsEmptyCodec.RequestMessageType] = new(static (s, r) => s.SetIsEmpty(r)),
        [SetContainsCodec.RequestMessageType] = new(static (s, r) => s.SetContains(r)),
        [SetContainsAllCodec.RequestMessageType] = new(static (s, r) => s.SetContainsAll(r)),
        [SetAddCodec.RequestMessageType] = new(static (s, r) => s.SetAdd(r), Backup.OfObject(static response => SetAddCodec.DecodeResponse(response))),
        [SetRemoveCodec.RequestMessageType] = new(static (s, r) => s.SetRemove(r), Backup.OfObject(static response => SetRemoveCodec.DecodeResponse(response))),
        [SetAddAllCodec.RequestMessageType] = new(static (s, r) => s.SetAddAll(r), Backup.OfObject(static response => SetAddAllCodec.DecodeResponse(response))),
        [SetCompareAndRemoveAllCodec.RequestMessageType] = new(static (s, r) => s.SetCompareAndRemoveAll(r), Backup.OfObject(static response => SetCompareAndRemoveAllCodec.DecodeResponse(response))),
        [SetCompareAndRetainAllCodec.RequestMessageType] = new(static (s, r) => s.SetCompareAndRetainAll(r), Backup.OfObject(static response => SetCompareAndRetainAllCodec.DecodeResponse(response))),
        [SetClearCodec.RequestMessageType] = new(static (s, r) => s.SetClear(r), Backup.Always),
        [SetGetAllCodec.RequestMessageType] = new(static (s, r) => s.SetGetAll(r)),
        [SetAddListenerCodec.RequestMessageType] = new(static (s, r) => s.SetAddListener(r)),
        [SetRemoveListenerCodec.RequestMessageType] = new(static (s, r) => s.SetRemoveListener(r)),

        [TopicPublishCodec.RequestMessageType] = new(static (s, r) => s.TopicPublish(r)),
        [TopicPublishAllCodec.RequestMessageType] = new(static (s, r) => s.TopicPublishAll(r)),
        [TopicAddMessageListenerCodec.RequestMessageType] = new(static (s, r) => s.TopicAddMessageListener(r)),
        [TopicRemoveMessageListenerCodec.RequestMessageType] = new(static (s, r) => s.TopicRemoveMessageListener(r)),

        [RingbufferSizeCodec.RequestMessageType] = new(static (s, r) => s.RingbufferSize(r)),
        [RingbufferTailSequenceCodec.RequestMessageType] = new(static (s, r) => s.RingbufferTailSequence(r)),
        [RingbufferHeadSequenceCodec.RequestMessageType] = new(static (s, r) => s.RingbufferHeadSequence(r)),
        [RingbufferCapacityCodec.RequestMessageType] = new(static (s, r) => s.RingbufferCapacity(r)),
        [RingbufferRemainingCapacityCodec.RequestMessageType] = new(static (s, r) => s.RingbufferRemainingCapacity(r)),
        [RingbufferAddCodec.RequestMessageType] = new(static (s, r) => s.RingbufferAdd(r), Backup.OfObject(static response => RingbufferAddCodec.DecodeResponse(response) >= 0)),
        [RingbufferAddAllCodec.RequestMessageType] = new(static (s, r) => s.RingbufferAddAll(r), Backup.OfObject(static response => RingbufferAddAllCodec.DecodeResponse(response) >= 0)),
        [RingbufferReadOneCodec.RequestMessageType] = new(static (s, r) => s.RingbufferReadOne(r)),
        [RingbufferReadManyCodec.RequestMessageType] = new(static (s, r) => s.RingbufferReadMany(r)),

        [FlakeIdGeneratorNewIdBatchCodec.RequestMessageType] = new(static (s, r) => s.FlakeIdGeneratorNewIdBatch(r)),
        [PNCounterGetCodec.RequestMessageType] = new(static (s, r) => s.PNCounterGet(r)),
        [PNCounterAddCodec.RequestMessageType] = new(static (s, r) => s.PNCounterAdd(r)),
        [PNCounterGetConfiguredReplicaCountCodec.RequestMessageType] = new(static (s, r) => s.PNCounterGetConfiguredReplicaCount(r)),

        [ReplicatedMapPutCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapPut(r)),
        [ReplicatedMapPutAllCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapPutAll(r)),
        [ReplicatedMapGetCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapGet(r)),
        [ReplicatedMapRemoveCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapRemove(r)),
        [ReplicatedMapContainsKeyCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapContainsKey(r)),
        [ReplicatedMapContainsValueCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapContainsValue(r)),
        [ReplicatedMapSizeCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapSize(r)),
        [ReplicatedMapIsEmptyCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapIsEmpty(r)),
        [ReplicatedMapClearCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapClear(r)),
        [ReplicatedMapKeySetCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapKeySet(r)),
        [ReplicatedMapValuesCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapValues(r)),
        [ReplicatedMapEntrySetCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapEntrySet(r)),
        [ReplicatedMapAddEntryListenerCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapAddEntryListener(r)),
        [ReplicatedMapAddEntryListenerToKeyCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapAddEntryListenerToKey(r)),
        [ReplicatedMapAddEntryListenerWithPredicateCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapAddEntryListenerWithPredicate(r)),
        [ReplicatedMapAddEntryListenerToKeyWithPredicateCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapAddEntryListenerToKeyWithPredicate(r)),
        [ReplicatedMapRemoveEntryListenerCodec.RequestMessageType] = new(static (s, r) => s.ReplicatedMapRemoveEntryListener(r)),

        [MultiMapPutCodec.RequestMessageType] = new(static (s, r) => s.MultiMapPut(r), Backup.OfKey(static response => MultiMapPutCodec.DecodeResponse(response))),
        [MultiMapRemoveCodec.RequestMessageType] = new(static (s, r) => s.MultiMapRemove(r), Backup.OfKey(static response => MultiMapRemoveCodec.DecodeResponse(response).Count > 0)),
        [MultiMapRemoveEntryCodec.RequestMessageType] = new(static (s, r) => s.MultiMapRemoveEntry(r), Backup.OfKey(static response => MultiMapRemoveEntryCodec.DecodeResponse(response))),
        [MultiMapDeleteCodec.RequestMessageType] = new(static (s, r) => s.MultiMapDelete(r), Backup.OfKey(static _ => true)),
        [MultiMapPutAllCodec.RequestMessageType] = new(static (s, r) => s.MultiMapPutAll(r), Backup.OfMultiMapPutAll),
        [MultiMapGetCodec.RequestMessageType] = new(static (s, r) => s.MultiMapGet(r)),
        [MultiMapKeySetCodec.RequestMessageType] = new(static (s, r) => s.MultiMapKeySet(r)),
        [MultiMapValuesCodec.RequestMessageType] = new(static (s, r) => s.MultiMapValues(r)),
        [MultiMapEntrySetCodec.RequestMessageType] = new(static (s, r) => s.MultiMapEntrySet(r)),
        [MultiMapContainsKeyCodec.RequestMessageType] = new(static (s, r) => s.MultiMapContainsKey(r)),
        [MultiMapContainsValueCodec.RequestMessageType] = new(static (s, r) => s.MultiMapContainsValue(r)),
        [MultiMapContainsEntryCodec.RequestMessageType] = new(static (s, r) => s.MultiMapContainsEntry(r)),
        [MultiMapSizeCodec.RequestMessageType] = new(static (s, r) => s.MultiMapSize(r)),
        [MultiMapValueCountCodec.RequestMessageType] = new(static (s, r) => s.MultiMapValueCount(r)),
        [MultiMapClearCodec.RequestMessageType] = new(static (s, r) => s.MultiMapClear(r)),
        [MultiMapAddEntryListenerCodec.RequestMessageType] = new(static (s, r) => s.MultiMapAddEntryListener(r)),
        [MultiMapAddEntryListenerToKeyCodec.RequestMessageType] = new(static (s, r) => s.MultiMapAddEntryListenerToKey(r)),
        [MultiMapRemoveEntryListenerCodec.RequestMessageType] = new(static (s, r) => s.MultiMapRemoveEntryListener(r)),
        [MultiMapLockCodec.RequestMessageType] = new(static (s, r) => s.MultiMapLock(r), Backup.OfKey(static _ => true)),
        [MultiMapTryLockCodec.RequestMessageType] = new(static (s, r) => s.MultiMapTryLock(r), Backup.OfKey(static response => MultiMapTryLockCodec.DecodeResponse(response))),
        [MultiMapUnlockCodec.RequestMessageType] = new(static (s, r) => s.MultiMapUnlock(r), Backup.OfKey(static _ => true)),
        [MultiMapIsLockedCodec.RequestMessageType] = new(static (s, r) => s.MultiMapIsLocked(r)),
        [MultiMapForceUnlockCodec.RequestMessageType] = new(static (s, r) => s.MultiMapForceUnlock(r), Backup.OfKey(static _ => true)),

        [CPGroupCreateCPGroupCodec.RequestMessageType] = new(static (s, r) => s.CPGroupCreateCPGroup(r)),
        [CPGroupDestroyCPObjectCodec.RequestMessageType] = new(static (s, r) => s.CPGroupDestroyCPObject(r)),
        [CPSessionCreateSessionCodec.RequestMessageType] = new(static (s, r) => s.CPSessionCreateSession(r)),
        [CPSessionHeartbeatSessionCodec.RequestMessageType] = new(static (s, r) => s.CPSessionHeartbeatSession(r)),
        [CPSessionCloseSessionCodec.RequestMessageType] = new(static (s, r) => s.CPSessionCloseSession(r)),
        [CPSessionGenerateThreadIdCodec.RequestMessageType] = new(static (s, r) => s.CPSessionGenerateThreadId(r)),
        [AtomicLongAddAndGetCodec.RequestMessageType] = new(static (s, r) => s.AtomicLongAddAndGet(r)),
        [AtomicLongGetAndAddCodec.RequestMessageType] = new(static (s, r) => s.AtomicLongGetAndAdd(r)),
        [AtomicLongGetCodec.RequestMessageType] = new(static (s, r) => s.AtomicLongGet(r)),
        [AtomicLongGetAndSetCodec.RequestMessageType] = new(static (s, r) => s.AtomicLongGetAndSet(r)),
        [AtomicLongCompareAndSetCodec.RequestMessageType] = new(static (s, r) => s.AtomicLongCompareAndSet(r)),
        [AtomicRefGetCodec.RequestMessageType] = new(static (s, r) => s.AtomicRefGet(r)),
        [AtomicRefSetCodec.RequestMessageType] = new(static (s, r) => s.AtomicRefSet(r)),
        [AtomicRefCompareAndSetCodec.RequestMessageType] = new(static (s, r) => s.AtomicRefCompareAndSet(r)),
        [AtomicRefContainsCodec.RequestMessageType] = new(static (s, r) => s.AtomicRefContains(r)),
        [FencedLockLockCodec.RequestMessageType] = new(static (s, r) => s.FencedLockLock(r)),
        [FencedLockTryLockCodec.RequestMessageType] = new(static (s, r) => s.FencedLockTryLock(r)),
        [FencedLockUnlockCodec.RequestMessageType] = new(static (s, r) => s.FencedLockUnlock(r)),
        [FencedLockGetLockOwnershipCodec.RequestMessageType] = new(static (s, r) => s.FencedLockGetLockOwnership(r)),
        [SemaphoreGetSemaphoreTypeCodec.RequestMessageType] = new(static (s, r) => s.SemaphoreGetSemaphoreType(r)),
        [SemaphoreInitCodec.RequestMessageType] = new(static (s, r) => s.SemaphoreInit(r)),
        [SemaphoreAcquireCodec.RequestMessageType] = new(static (s, r) => s.SemaphoreAcquire(r)),
        [SemaphoreReleaseCodec.RequestMessageType] = new(static (s, r) => s.SemaphoreRelease(r)),
        [SemaphoreDrainCodec.RequestMessageType] = new(static (s, r) => s.SemaphoreDrain(r)),
        [SemaphoreChangeCodec.RequestMessageType] = new(static (s, r) => s.SemaphoreChange(r)),
        [SemaphoreAvailablePermitsCodec.RequestMessageType] = new(static (s, r) => s.SemaphoreAvailablePermits(r)),
        [CountDownLatchTrySetCountCodec.RequestMessageType] = new(static (s, r) => s.CountDownLatchTrySetCount(r)),
        [CountDownLatchCountDownCodec.RequestMessageType] = new(static (s, r) => s.CountDownLatchCountDown(r)),
        [CountDownLatchAwaitCodec.RequestMessageType] = new(static (s, r) => s.CountDownLatchAwait(r)),
        [CountDownLatchGetCountCodec.RequestMessageType] = new(static (s, r) => s.CountDownLatchGetCount(r)),
        [CountDownLatchGetRoundCodec.RequestMessageType] = new(static (s, r) => s.CountDownLatchGetRound(r)),

        [TransactionCreateCodec.RequestMessageType] = new(static (s, r) => s.TransactionCreate(r)),
        [TransactionCommitCodec.RequestMessageType] = new(static (s, r) => s.TransactionCommit(r)),
        [TransactionRollbackCodec.RequestMessageType] = new(static (s, r) => s.TransactionRollback(r)),
        [TransactionalMapContainsKeyCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapContainsKey(r)),
        [TransactionalMapGetCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapGet(r)),
        [TransactionalMapGetForUpdateCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapGetForUpdate(r)),
        [TransactionalMapSizeCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapSize(r)),
        [TransactionalMapIsEmptyCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapIsEmpty(r)),
        [TransactionalMapPutCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapPut(r)),
        [TransactionalMapSetCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapSet(r)),
        [TransactionalMapPutIfAbsentCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapPutIfAbsent(r)),
        [TransactionalMapReplaceCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapReplace(r)),
        [TransactionalMapReplaceIfSameCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapReplaceIfSame(r)),
        [TransactionalMapRemoveCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapRemove(r)),
        [TransactionalMapDeleteCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapDelete(r)),
        [TransactionalMapRemoveIfSameCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapRemoveIfSame(r)),
        [TransactionalMapKeySetCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapKeySet(r)),
        [TransactionalMapKeySetWithPredicateCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapKeySetWithPredicate(r)),
        [TransactionalMapValuesCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapValues(r)),
        [TransactionalMapValuesWithPredicateCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMapValuesWithPredicate(r)),
        [TransactionalMultiMapPutCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMultiMapPut(r)),
        [TransactionalMultiMapGetCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMultiMapGet(r)),
        [TransactionalMultiMapRemoveCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMultiMapRemove(r)),
        [TransactionalMultiMapRemoveEntryCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMultiMapRemoveEntry(r)),
        [TransactionalMultiMapValueCountCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMultiMapValueCount(r)),
        [TransactionalMultiMapSizeCodec.RequestMessageType] = new(static (s, r) => s.TransactionalMultiMapSize(r)),
        [TransactionalQueueOfferCodec.RequestMessageType] = new(static (s, r) => s.TransactionalQueueOffer(r)),
        [TransactionalQueueTakeCodec.RequestMessageType] = new(static (s, r) => s.TransactionalQueueTake(r)),
        [TransactionalQueuePollCodec.RequestMessageType] = new(static (s, r) => s.TransactionalQueuePoll(r)),
        [TransactionalQueuePeekCodec.RequestMessageType] = new(static (s, r) => s.TransactionalQueuePeek(r)),
        [TransactionalQueueSizeCodec.RequestMessageType] = new(static (s, r) => s.TransactionalQueueSize(r)),
        [TransactionalListAddCodec.RequestMessageType] = new(static (s, r) => s.TransactionalListAdd(r)),
        [TransactionalListRemoveCodec.RequestMessageType] = new(static (s, r) => s.TransactionalListRemove(r)),
        [TransactionalListSizeCodec.RequestMessageType] = new(static (s, r) => s.TransactionalListSize(r)),
        [TransactionalSetAddCodec.RequestMessageType] = new(static (s, r) => s.TransactionalSetAdd(r)),
        [TransactionalSetRemoveCodec.RequestMessageType] = new(static (s, r) => s.TransactionalSetRemove(r)),
        [TransactionalSetSizeCodec.RequestMessageType] = new(static (s, r) => s.TransactionalSetSize(r)),
    }.ToFrozenDictionary();

    /// <summary>
    /// Requests of the protocol table the member deliberately does not serve (they run Java code a real member has on
    /// its classpath); it answers them with UnsupportedOperation, as a real member answers a message it does not know.
    /// </summary>
    public static readonly FrozenSet<int> Unsupported = new[]
    {
        AtomicLongApplyCodec.RequestMessageType,
        AtomicLongAlterCodec.RequestMessageType,
        AtomicRefApplyCodec.RequestMessageType,
    }.ToFrozenSet();
}
