using System.Text.Json;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Core.Tests;

/// <summary>
/// Our codecs and serializers against bytes produced by the official Node.js client 5.7.0
/// (tests/conformance/golden/generate.js writes vectors.json by calling its codecs and serializers).
/// </summary>
public sealed class GoldenVectorTests
{
    private static readonly JsonDocument Vectors = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "golden", "vectors.json")));

    private static IEnumerable<JsonElement> Section(string name) => Vectors.RootElement.GetProperty(name).EnumerateArray();

    public static TheoryData<string> RequestNames() => new(Section("requests").Select(r => r.GetProperty("name").GetString()!));

    public static TheoryData<string> SerializationNames() => new(Section("serialization").Select(r => r.GetProperty("name").GetString()!).Where(n => Values.ContainsKey(n)));

    public static TheoryData<string> MurmurNames() => new(Section("murmur").Select(r => r.GetProperty("name").GetString()!));

    private static readonly SerializationService Serialization = new();

    private static Data D(JsonElement p, string name) => new(Convert.FromHexString(p.GetProperty(name).GetString()!));

    private static string S(JsonElement p, string name) => p.GetProperty(name).GetString()!;

    private static string? NS(JsonElement p, string name) => p.GetProperty(name).ValueKind == JsonValueKind.Null ? null : p.GetProperty(name).GetString();

    private static long L(JsonElement p, string name) => p.GetProperty(name).GetInt64();

    private static int I(JsonElement p, string name) => p.GetProperty(name).GetInt32();

    private static bool B(JsonElement p, string name) => p.GetProperty(name).GetBoolean();

    private static Guid G(JsonElement p, string name) => Guid.Parse(S(p, name));

    private static PagingPredicateHolder Holder(JsonElement p) => new(I(p, "pageSize"), I(p, "page"), (byte)I(p, "iterationTypeId"),
        new AnchorDataListHolder(p.GetProperty("anchorPages").EnumerateArray().Select(e => e.GetInt32()).ToArray(), [new(D(p, "anchorKeyHex"), D(p, "anchorValueHex"))]),
        D(p, "predicateHex"), D(p, "comparatorHex"), default);

    /// <summary>The index a vector describes, as a user of our client writes it; our normalization must give the official client's bytes.</summary>
    private static Hazelcast.Query.IndexOptions IndexOptions(JsonElement config)
    {
        string? Optional(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
        var options = new Hazelcast.Query.IndexOptions
        {
            Type = Optional(config, "type") switch { "HASH" => Hazelcast.Query.IndexType.Hashed, "BITMAP" => Hazelcast.Query.IndexType.Bitmap, _ => Hazelcast.Query.IndexType.Sorted },
            Name = Optional(config, "name"),
        };
        foreach (var a in config.GetProperty("attributes").EnumerateArray()) options.Attributes.Add(a.GetString()!);
        if (config.TryGetProperty("bitmapIndexOptions", out var bitmap))
            options.BitmapIndexOptions = new() { UniqueKey = S(bitmap, "uniqueKey"), UniqueKeyTransformation = Enum.Parse<Hazelcast.Query.UniqueKeyTransformation>(S(bitmap, "uniqueKeyTransformation"), ignoreCase: true) };
        return options;
    }

    private static SqlQueryId QueryId(JsonElement p)
    {
        var q = p.GetProperty("queryId");
        long Part(string name) => long.Parse(q.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        return new SqlQueryId(Part("memberIdHigh"), Part("memberIdLow"), Part("localIdHigh"), Part("localIdLow"));
    }

    // Items may be null: the protocol null (a NULL frame).
    private static List<Data> NDL(JsonElement p) => p.GetProperty("valuesHex").EnumerateArray()
        .Select(e => e.ValueKind == JsonValueKind.Null ? default : new Data(Convert.FromHexString(e.GetString()!))).ToList();

    private static List<Data> DL(JsonElement p) => p.GetProperty("valuesHex").EnumerateArray().Select(e => new Data(Convert.FromHexString(e.GetString()!))).ToList();

    private static List<KeyValuePair<Guid, long>> Clock(JsonElement p)
        => p.GetProperty("replicaTimestamps").EnumerateArray().Select(e => KeyValuePair.Create(Guid.Parse(e[0].GetString()!), e[1].GetInt64())).ToList();

    private static RaftGroupId R(JsonElement p)
    {
        var g = p.GetProperty("groupId");
        return new RaftGroupId(g.GetProperty("seed").GetInt64(), g.GetProperty("id").GetInt64(), g.GetProperty("name").GetString()!);
    }

    /// <summary>How each golden request is encoded by our codecs, from the vector's own parameters.</summary>
    private static readonly Dictionary<string, Func<JsonElement, ClientMessage>> Encoders = new()
    {
        ["Client.Authentication"] = p => ClientAuthenticationCodec.EncodeRequest(G(p, "uuid"), (byte)I(p, "serializationVersion"), S(p, "clusterName"),
            NS(p, "username"), NS(p, "password"), S(p, "clientType"), S(p, "clientHazelcastVersion"), S(p, "clientName"),
            p.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList()),
        ["Client.AuthenticationCustom"] = p => ClientAuthenticationCustomCodec.EncodeRequest(G(p, "uuid"), (byte)I(p, "serializationVersion"), S(p, "clusterName"),
            Convert.FromHexString(S(p, "credentialsHex")), S(p, "clientType"), S(p, "clientHazelcastVersion"), S(p, "clientName"),
            p.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList()),
        ["Client.AddClusterViewListener"] = _ => ClientAddClusterViewListenerCodec.EncodeRequest(),
        ["Client.Ping"] = _ => ClientPingCodec.EncodeRequest(),
        ["Client.CreateProxy"] = p => ClientCreateProxyCodec.EncodeRequest(S(p, "name"), S(p, "serviceName")),
        ["Client.DestroyProxy"] = p => ClientDestroyProxyCodec.EncodeRequest(S(p, "name"), S(p, "serviceName")),
        ["Client.GetDistributedObjects"] = _ => ClientGetDistributedObjectsCodec.EncodeRequest(),
        ["Client.LocalBackupListener"] = _ => ClientLocalBackupListenerCodec.EncodeRequest(),
        ["Map.Put"] = p => MapPutCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId"), L(p, "ttl")),
        ["Map.Get"] = p => MapGetCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId")),
        ["Map.Set"] = p => MapSetCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId"), L(p, "ttl")),
        ["Map.Remove"] = p => MapRemoveCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId")),
        ["Map.Delete"] = p => MapDeleteCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId")),
        ["Map.ContainsKey"] = p => MapContainsKeyCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId")),
        ["Map.ContainsValue"] = p => MapContainsValueCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["Map.PutIfAbsent"] = p => MapPutIfAbsentCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId"), L(p, "ttl")),
        ["Map.Replace"] = p => MapReplaceCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId")),
        ["Map.ReplaceIfSame"] = p => MapReplaceIfSameCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "testValueHex"), D(p, "valueHex"), L(p, "threadId")),
        ["Map.RemoveIfSame"] = p => MapRemoveIfSameCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId")),
        ["Map.Size"] = p => MapSizeCodec.EncodeRequest(S(p, "name")),
        ["Map.IsEmpty"] = p => MapIsEmptyCodec.EncodeRequest(S(p, "name")),
        ["Map.Clear"] = p => MapClearCodec.EncodeRequest(S(p, "name")),
        ["Map.PutAll"] = p => MapPutAllCodec.EncodeRequest(S(p, "name"),
            p.GetProperty("entriesHex").EnumerateArray().Select(e => new KeyValuePair<Data, Data>(new(Convert.FromHexString(e[0].GetString()!)), new(Convert.FromHexString(e[1].GetString()!)))).ToList(),
            B(p, "triggerMapLoader")),
        ["Map.GetAll"] = p => MapGetAllCodec.EncodeRequest(S(p, "name"), p.GetProperty("keysHex").EnumerateArray().Select(k => new Data(Convert.FromHexString(k.GetString()!))).ToList()),
        ["Map.KeySet"] = p => MapKeySetCodec.EncodeRequest(S(p, "name")),
        ["Map.Values"] = p => MapValuesCodec.EncodeRequest(S(p, "name")),
        ["Sql.Execute"] = p => SqlExecuteCodec.EncodeRequest(S(p, "sql"), NDL(p), L(p, "timeoutMillis"), I(p, "cursorBufferSize"), NS(p, "schema"), (byte)I(p, "expectedResultType"), QueryId(p), B(p, "skipUpdateStatistics")),
        ["Sql.Fetch"] = p => SqlFetchCodec.EncodeRequest(QueryId(p), I(p, "cursorBufferSize")),
        ["Sql.Close"] = p => SqlCloseCodec.EncodeRequest(QueryId(p)),
        ["Map.EntrySet"] = p => MapEntrySetCodec.EncodeRequest(S(p, "name")),
        ["Map.SetTtl"] = p => MapSetTtlCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "ttl")),
        ["Map.PutWithMaxIdle"] = p => MapPutWithMaxIdleCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId"), L(p, "ttl"), L(p, "maxIdle")),
        ["Map.SetWithMaxIdle"] = p => MapSetWithMaxIdleCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId"), L(p, "ttl"), L(p, "maxIdle")),
        ["Map.PutIfAbsentWithMaxIdle"] = p => MapPutIfAbsentWithMaxIdleCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId"), L(p, "ttl"), L(p, "maxIdle")),
        ["Map.PutTransient"] = p => MapPutTransientCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId"), L(p, "ttl")),
        ["Map.PutTransientWithMaxIdle"] = p => MapPutTransientWithMaxIdleCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId"), L(p, "ttl"), L(p, "maxIdle")),
        ["Map.TryPut"] = p => MapTryPutCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId"), L(p, "timeout")),
        ["Map.TryRemove"] = p => MapTryRemoveCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId"), L(p, "timeout")),
        ["Map.Evict"] = p => MapEvictCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId")),
        ["Map.EvictAll"] = p => MapEvictAllCodec.EncodeRequest(S(p, "name")),
        ["Map.AddIndex"] = p => MapAddIndexCodec.EncodeRequest(S(p, "name"), IndexOptions(p.GetProperty("config")).Normalize(S(p, "name"))),
        ["Map.RemoveAll"] = p => MapRemoveAllCodec.EncodeRequest(S(p, "name"), D(p, "predicateHex")),
        ["Map.AddNearCacheInvalidationListener"] = p => MapAddNearCacheInvalidationListenerCodec.EncodeRequest(S(p, "name"), I(p, "listenerFlags"), B(p, "localOnly")),
        ["Map.FetchNearCacheInvalidationMetadata"] = p => MapFetchNearCacheInvalidationMetadataCodec.EncodeRequest(
            p.GetProperty("names").EnumerateArray().Select(n => n.GetString()!).ToList(), G(p, "uuid")),
        ["Map.Flush"] = p => MapFlushCodec.EncodeRequest(S(p, "name")),
        ["Map.GetEntryView"] = p => MapGetEntryViewCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId")),
        ["Map.Lock"] = p => MapLockCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId"), L(p, "ttl"), L(p, "referenceId")),
        ["Map.TryLock"] = p => MapTryLockCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId"), L(p, "lease"), L(p, "timeout"), L(p, "referenceId")),
        ["Map.Unlock"] = p => MapUnlockCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId"), L(p, "referenceId")),
        ["Map.IsLocked"] = p => MapIsLockedCodec.EncodeRequest(S(p, "name"), D(p, "keyHex")),
        ["Map.ForceUnlock"] = p => MapForceUnlockCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "referenceId")),
        ["Map.AddEntryListener"] = p => MapAddEntryListenerCodec.EncodeRequest(S(p, "name"), B(p, "includeValue"), I(p, "listenerFlags"), B(p, "localOnly")),
        ["Map.AddEntryListenerToKey"] = p => MapAddEntryListenerToKeyCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), B(p, "includeValue"), I(p, "listenerFlags"), B(p, "localOnly")),
        ["Map.RemoveEntryListener"] = p => MapRemoveEntryListenerCodec.EncodeRequest(S(p, "name"), G(p, "registrationId")),
        ["Map.KeySetWithPredicate"] = p => MapKeySetWithPredicateCodec.EncodeRequest(S(p, "name"), D(p, "predicateHex")),
        ["Map.ValuesWithPredicate"] = p => MapValuesWithPredicateCodec.EncodeRequest(S(p, "name"), D(p, "predicateHex")),
        ["Map.EntriesWithPredicate"] = p => MapEntriesWithPredicateCodec.EncodeRequest(S(p, "name"), D(p, "predicateHex")),
        ["Map.KeySetWithPagingPredicate"] = p => MapKeySetWithPagingPredicateCodec.EncodeRequest(S(p, "name"), Holder(p)),
        ["Map.ValuesWithPagingPredicate"] = p => MapValuesWithPagingPredicateCodec.EncodeRequest(S(p, "name"), Holder(p)),
        ["Map.EntriesWithPagingPredicate"] = p => MapEntriesWithPagingPredicateCodec.EncodeRequest(S(p, "name"), Holder(p)),
        ["CPGroup.CreateCPGroup"] = p => CPGroupCreateCPGroupCodec.EncodeRequest(S(p, "proxyName")),
        ["CPGroup.DestroyCPObject"] = p => CPGroupDestroyCPObjectCodec.EncodeRequest(R(p), S(p, "serviceName"), S(p, "objectName")),
        ["CPSession.CreateSession"] = p => CPSessionCreateSessionCodec.EncodeRequest(R(p), S(p, "endpointName")),
        ["CPSession.CloseSession"] = p => CPSessionCloseSessionCodec.EncodeRequest(R(p), L(p, "sessionId")),
        ["CPSession.HeartbeatSession"] = p => CPSessionHeartbeatSessionCodec.EncodeRequest(R(p), L(p, "sessionId")),
        ["CPSession.GenerateThreadId"] = p => CPSessionGenerateThreadIdCodec.EncodeRequest(R(p)),
        ["AtomicLong.AddAndGet"] = p => AtomicLongAddAndGetCodec.EncodeRequest(R(p), S(p, "name"), L(p, "delta")),
        ["AtomicLong.CompareAndSet"] = p => AtomicLongCompareAndSetCodec.EncodeRequest(R(p), S(p, "name"), L(p, "expected"), L(p, "updated")),
        ["AtomicLong.Get"] = p => AtomicLongGetCodec.EncodeRequest(R(p), S(p, "name")),
        ["AtomicLong.GetAndAdd"] = p => AtomicLongGetAndAddCodec.EncodeRequest(R(p), S(p, "name"), L(p, "delta")),
        ["AtomicLong.GetAndSet"] = p => AtomicLongGetAndSetCodec.EncodeRequest(R(p), S(p, "name"), L(p, "newValue")),
        ["AtomicRef.Get"] = p => AtomicRefGetCodec.EncodeRequest(R(p), S(p, "name")),
        ["AtomicRef.Set"] = p => AtomicRefSetCodec.EncodeRequest(R(p), S(p, "name"), D(p, "newValueHex"), B(p, "returnOldValue")),
        ["AtomicRef.CompareAndSet"] = p => AtomicRefCompareAndSetCodec.EncodeRequest(R(p), S(p, "name"), D(p, "oldValueHex"), D(p, "newValueHex")),
        ["AtomicRef.Contains"] = p => AtomicRefContainsCodec.EncodeRequest(R(p), S(p, "name"), D(p, "valueHex")),
        ["FencedLock.Lock"] = p => FencedLockLockCodec.EncodeRequest(R(p), S(p, "name"), L(p, "sessionId"), L(p, "threadId"), G(p, "invocationUid")),
        ["FencedLock.TryLock"] = p => FencedLockTryLockCodec.EncodeRequest(R(p), S(p, "name"), L(p, "sessionId"), L(p, "threadId"), G(p, "invocationUid"), L(p, "timeoutMs")),
        ["FencedLock.Unlock"] = p => FencedLockUnlockCodec.EncodeRequest(R(p), S(p, "name"), L(p, "sessionId"), L(p, "threadId"), G(p, "invocationUid")),
        ["FencedLock.GetLockOwnership"] = p => FencedLockGetLockOwnershipCodec.EncodeRequest(R(p), S(p, "name")),
        ["Semaphore.Init"] = p => SemaphoreInitCodec.EncodeRequest(R(p), S(p, "name"), I(p, "permits")),
        ["Semaphore.Acquire"] = p => SemaphoreAcquireCodec.EncodeRequest(R(p), S(p, "name"), L(p, "sessionId"), L(p, "threadId"), G(p, "invocationUid"), I(p, "permits"), L(p, "timeoutMs")),
        ["Semaphore.Release"] = p => SemaphoreReleaseCodec.EncodeRequest(R(p), S(p, "name"), L(p, "sessionId"), L(p, "threadId"), G(p, "invocationUid"), I(p, "permits")),
        ["Semaphore.Drain"] = p => SemaphoreDrainCodec.EncodeRequest(R(p), S(p, "name"), L(p, "sessionId"), L(p, "threadId"), G(p, "invocationUid")),
        ["Semaphore.Change"] = p => SemaphoreChangeCodec.EncodeRequest(R(p), S(p, "name"), L(p, "sessionId"), L(p, "threadId"), G(p, "invocationUid"), I(p, "permits")),
        ["Semaphore.AvailablePermits"] = p => SemaphoreAvailablePermitsCodec.EncodeRequest(R(p), S(p, "name")),
        ["Semaphore.GetSemaphoreType"] = p => SemaphoreGetSemaphoreTypeCodec.EncodeRequest(S(p, "proxyName")),
        ["CountDownLatch.TrySetCount"] = p => CountDownLatchTrySetCountCodec.EncodeRequest(R(p), S(p, "name"), I(p, "count")),
        ["CountDownLatch.Await"] = p => CountDownLatchAwaitCodec.EncodeRequest(R(p), S(p, "name"), G(p, "invocationUid"), L(p, "timeoutMs")),
        ["CountDownLatch.CountDown"] = p => CountDownLatchCountDownCodec.EncodeRequest(R(p), S(p, "name"), G(p, "invocationUid"), I(p, "expectedRound")),
        ["CountDownLatch.GetCount"] = p => CountDownLatchGetCountCodec.EncodeRequest(R(p), S(p, "name")),
        ["CountDownLatch.GetRound"] = p => CountDownLatchGetRoundCodec.EncodeRequest(R(p), S(p, "name")),
        ["Queue.Size"] = p => QueueSizeCodec.EncodeRequest(S(p, "name")),
        ["Queue.IsEmpty"] = p => QueueIsEmptyCodec.EncodeRequest(S(p, "name")),
        ["Queue.Clear"] = p => QueueClearCodec.EncodeRequest(S(p, "name")),
        ["Queue.Contains"] = p => QueueContainsCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["Queue.ContainsAll"] = p => QueueContainsAllCodec.EncodeRequest(S(p, "name"), DL(p)),
        ["Queue.Remove"] = p => QueueRemoveCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["Queue.AddAll"] = p => QueueAddAllCodec.EncodeRequest(S(p, "name"), DL(p)),
        ["Queue.CompareAndRemoveAll"] = p => QueueCompareAndRemoveAllCodec.EncodeRequest(S(p, "name"), DL(p)),
        ["Queue.CompareAndRetainAll"] = p => QueueCompareAndRetainAllCodec.EncodeRequest(S(p, "name"), DL(p)),
        ["Queue.AddListener"] = p => QueueAddListenerCodec.EncodeRequest(S(p, "name"), B(p, "includeValue"), B(p, "localOnly")),
        ["Queue.RemoveListener"] = p => QueueRemoveListenerCodec.EncodeRequest(S(p, "name"), G(p, "registrationId")),
        ["Queue.Offer"] = p => QueueOfferCodec.EncodeRequest(S(p, "name"), D(p, "valueHex"), L(p, "timeoutMillis")),
        ["Queue.Put"] = p => QueuePutCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["Queue.Poll"] = p => QueuePollCodec.EncodeRequest(S(p, "name"), L(p, "timeoutMillis")),
        ["Queue.Take"] = p => QueueTakeCodec.EncodeRequest(S(p, "name")),
        ["Queue.Peek"] = p => QueuePeekCodec.EncodeRequest(S(p, "name")),
        ["Queue.Iterator"] = p => QueueIteratorCodec.EncodeRequest(S(p, "name")),
        ["Queue.DrainTo"] = p => QueueDrainToCodec.EncodeRequest(S(p, "name")),
        ["Queue.RemainingCapacity"] = p => QueueRemainingCapacityCodec.EncodeRequest(S(p, "name")),
        ["Queue.DrainToMaxSize"] = p => QueueDrainToMaxSizeCodec.EncodeRequest(S(p, "name"), I(p, "maxSize")),
        ["List.Size"] = p => ListSizeCodec.EncodeRequest(S(p, "name")),
        ["List.IsEmpty"] = p => ListIsEmptyCodec.EncodeRequest(S(p, "name")),
        ["List.Clear"] = p => ListClearCodec.EncodeRequest(S(p, "name")),
        ["List.Contains"] = p => ListContainsCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["List.ContainsAll"] = p => ListContainsAllCodec.EncodeRequest(S(p, "name"), DL(p)),
        ["List.Remove"] = p => ListRemoveCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["List.AddAll"] = p => ListAddAllCodec.EncodeRequest(S(p, "name"), DL(p)),
        ["List.CompareAndRemoveAll"] = p => ListCompareAndRemoveAllCodec.EncodeRequest(S(p, "name"), DL(p)),
        ["List.CompareAndRetainAll"] = p => ListCompareAndRetainAllCodec.EncodeRequest(S(p, "name"), DL(p)),
        ["List.AddListener"] = p => ListAddListenerCodec.EncodeRequest(S(p, "name"), B(p, "includeValue"), B(p, "localOnly")),
        ["List.RemoveListener"] = p => ListRemoveListenerCodec.EncodeRequest(S(p, "name"), G(p, "registrationId")),
        ["List.Add"] = p => ListAddCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["List.GetAll"] = p => ListGetAllCodec.EncodeRequest(S(p, "name")),
        ["List.AddAllWithIndex"] = p => ListAddAllWithIndexCodec.EncodeRequest(S(p, "name"), I(p, "index"), DL(p)),
        ["List.Get"] = p => ListGetCodec.EncodeRequest(S(p, "name"), I(p, "index")),
        ["List.Set"] = p => ListSetCodec.EncodeRequest(S(p, "name"), I(p, "index"), D(p, "valueHex")),
        ["List.AddWithIndex"] = p => ListAddWithIndexCodec.EncodeRequest(S(p, "name"), I(p, "index"), D(p, "valueHex")),
        ["List.RemoveWithIndex"] = p => ListRemoveWithIndexCodec.EncodeRequest(S(p, "name"), I(p, "index")),
        ["List.IndexOf"] = p => ListIndexOfCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["List.LastIndexOf"] = p => ListLastIndexOfCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["List.Sub"] = p => ListSubCodec.EncodeRequest(S(p, "name"), I(p, "from"), I(p, "to")),
        ["Set.Size"] = p => SetSizeCodec.EncodeRequest(S(p, "name")),
        ["Set.IsEmpty"] = p => SetIsEmptyCodec.EncodeRequest(S(p, "name")),
        ["Set.Clear"] = p => SetClearCodec.EncodeRequest(S(p, "name")),
        ["Set.Contains"] = p => SetContainsCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["Set.ContainsAll"] = p => SetContainsAllCodec.EncodeRequest(S(p, "name"), DL(p)),
        ["Set.Remove"] = p => SetRemoveCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["Set.AddAll"] = p => SetAddAllCodec.EncodeRequest(S(p, "name"), DL(p)),
        ["Set.CompareAndRemoveAll"] = p => SetCompareAndRemoveAllCodec.EncodeRequest(S(p, "name"), DL(p)),
        ["Set.CompareAndRetainAll"] = p => SetCompareAndRetainAllCodec.EncodeRequest(S(p, "name"), DL(p)),
        ["Set.AddListener"] = p => SetAddListenerCodec.EncodeRequest(S(p, "name"), B(p, "includeValue"), B(p, "localOnly")),
        ["Set.RemoveListener"] = p => SetRemoveListenerCodec.EncodeRequest(S(p, "name"), G(p, "registrationId")),
        ["Set.Add"] = p => SetAddCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["Set.GetAll"] = p => SetGetAllCodec.EncodeRequest(S(p, "name")),
        ["Ringbuffer.Size"] = p => RingbufferSizeCodec.EncodeRequest(S(p, "name")),
        ["Ringbuffer.TailSequence"] = p => RingbufferTailSequenceCodec.EncodeRequest(S(p, "name")),
        ["Ringbuffer.HeadSequence"] = p => RingbufferHeadSequenceCodec.EncodeRequest(S(p, "name")),
        ["Ringbuffer.Capacity"] = p => RingbufferCapacityCodec.EncodeRequest(S(p, "name")),
        ["Ringbuffer.RemainingCapacity"] = p => RingbufferRemainingCapacityCodec.EncodeRequest(S(p, "name")),
        ["Ringbuffer.Add"] = p => RingbufferAddCodec.EncodeRequest(S(p, "name"), I(p, "overflowPolicy"), D(p, "valueHex")),
        ["Ringbuffer.AddAll"] = p => RingbufferAddAllCodec.EncodeRequest(S(p, "name"), DL(p), I(p, "overflowPolicy")),
        ["Ringbuffer.ReadOne"] = p => RingbufferReadOneCodec.EncodeRequest(S(p, "name"), L(p, "sequence")),
        ["Ringbuffer.ReadMany"] = p => RingbufferReadManyCodec.EncodeRequest(S(p, "name"), L(p, "startSequence"), I(p, "minCount"), I(p, "maxCount"), D(p, "filterHex")),
        ["FlakeIdGenerator.NewIdBatch"] = p => FlakeIdGeneratorNewIdBatchCodec.EncodeRequest(S(p, "name"), I(p, "batchSize")),
        ["PNCounter.Get"] = p => PNCounterGetCodec.EncodeRequest(S(p, "name"), Clock(p), G(p, "targetReplicaUUID")),
        ["PNCounter.Add"] = p => PNCounterAddCodec.EncodeRequest(S(p, "name"), L(p, "delta"), B(p, "getBeforeUpdate"), Clock(p), G(p, "targetReplicaUUID")),
        ["PNCounter.GetConfiguredReplicaCount"] = p => PNCounterGetConfiguredReplicaCountCodec.EncodeRequest(S(p, "name")),
        ["ReplicatedMap.Put"] = p => ReplicatedMapPutCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "ttl")),
        ["ReplicatedMap.Get"] = p => ReplicatedMapGetCodec.EncodeRequest(S(p, "name"), D(p, "keyHex")),
        ["ReplicatedMap.Remove"] = p => ReplicatedMapRemoveCodec.EncodeRequest(S(p, "name"), D(p, "keyHex")),
        ["ReplicatedMap.ContainsKey"] = p => ReplicatedMapContainsKeyCodec.EncodeRequest(S(p, "name"), D(p, "keyHex")),
        ["ReplicatedMap.ContainsValue"] = p => ReplicatedMapContainsValueCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["ReplicatedMap.Size"] = p => ReplicatedMapSizeCodec.EncodeRequest(S(p, "name")),
        ["ReplicatedMap.IsEmpty"] = p => ReplicatedMapIsEmptyCodec.EncodeRequest(S(p, "name")),
        ["ReplicatedMap.Clear"] = p => ReplicatedMapClearCodec.EncodeRequest(S(p, "name")),
        ["ReplicatedMap.KeySet"] = p => ReplicatedMapKeySetCodec.EncodeRequest(S(p, "name")),
        ["ReplicatedMap.Values"] = p => ReplicatedMapValuesCodec.EncodeRequest(S(p, "name")),
        ["ReplicatedMap.EntrySet"] = p => ReplicatedMapEntrySetCodec.EncodeRequest(S(p, "name")),
        ["ReplicatedMap.PutAll"] = p => ReplicatedMapPutAllCodec.EncodeRequest(S(p, "name"),
            p.GetProperty("entriesHex").EnumerateArray().Select(e => new KeyValuePair<Data, Data>(new(Convert.FromHexString(e[0].GetString()!)), new(Convert.FromHexString(e[1].GetString()!)))).ToList()),
        ["ReplicatedMap.AddEntryListener"] = p => ReplicatedMapAddEntryListenerCodec.EncodeRequest(S(p, "name"), B(p, "localOnly")),
        ["ReplicatedMap.AddEntryListenerToKey"] = p => ReplicatedMapAddEntryListenerToKeyCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), B(p, "localOnly")),
        ["ReplicatedMap.AddEntryListenerWithPredicate"] = p => ReplicatedMapAddEntryListenerWithPredicateCodec.EncodeRequest(S(p, "name"), D(p, "predicateHex"), B(p, "localOnly")),
        ["ReplicatedMap.AddEntryListenerToKeyWithPredicate"] = p => ReplicatedMapAddEntryListenerToKeyWithPredicateCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "predicateHex"), B(p, "localOnly")),
        ["ReplicatedMap.RemoveEntryListener"] = p => ReplicatedMapRemoveEntryListenerCodec.EncodeRequest(S(p, "name"), G(p, "registrationId")),
        ["MultiMap.Put"] = p => MultiMapPutCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId")),
        ["MultiMap.Get"] = p => MultiMapGetCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId")),
        ["MultiMap.Remove"] = p => MultiMapRemoveCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId")),
        ["MultiMap.RemoveEntry"] = p => MultiMapRemoveEntryCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId")),
        ["MultiMap.ContainsKey"] = p => MultiMapContainsKeyCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId")),
        ["MultiMap.ContainsEntry"] = p => MultiMapContainsEntryCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), D(p, "valueHex"), L(p, "threadId")),
        ["MultiMap.ContainsValue"] = p => MultiMapContainsValueCodec.EncodeRequest(S(p, "name"), D(p, "valueHex")),
        ["MultiMap.ValueCount"] = p => MultiMapValueCountCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId")),
        ["MultiMap.KeySet"] = p => MultiMapKeySetCodec.EncodeRequest(S(p, "name")),
        ["MultiMap.Values"] = p => MultiMapValuesCodec.EncodeRequest(S(p, "name")),
        ["MultiMap.EntrySet"] = p => MultiMapEntrySetCodec.EncodeRequest(S(p, "name")),
        ["MultiMap.Size"] = p => MultiMapSizeCodec.EncodeRequest(S(p, "name")),
        ["MultiMap.Clear"] = p => MultiMapClearCodec.EncodeRequest(S(p, "name")),
        ["MultiMap.PutAll"] = p => MultiMapPutAllCodec.EncodeRequest(S(p, "name"), [KeyValuePair.Create(D(p, "keyHex"), (IReadOnlyList<Data>)DL(p))]),
        ["MultiMap.AddEntryListener"] = p => MultiMapAddEntryListenerCodec.EncodeRequest(S(p, "name"), B(p, "includeValue"), B(p, "localOnly")),
        ["MultiMap.AddEntryListenerToKey"] = p => MultiMapAddEntryListenerToKeyCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), B(p, "includeValue"), B(p, "localOnly")),
        ["MultiMap.RemoveEntryListener"] = p => MultiMapRemoveEntryListenerCodec.EncodeRequest(S(p, "name"), G(p, "registrationId")),
        ["MultiMap.Lock"] = p => MultiMapLockCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId"), L(p, "ttl"), L(p, "referenceId")),
        ["MultiMap.TryLock"] = p => MultiMapTryLockCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId"), L(p, "lease"), L(p, "timeout"), L(p, "referenceId")),
        ["MultiMap.IsLocked"] = p => MultiMapIsLockedCodec.EncodeRequest(S(p, "name"), D(p, "keyHex")),
        ["MultiMap.Unlock"] = p => MultiMapUnlockCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "threadId"), L(p, "referenceId")),
        ["MultiMap.ForceUnlock"] = p => MultiMapForceUnlockCodec.EncodeRequest(S(p, "name"), D(p, "keyHex"), L(p, "referenceId")),
        // Our own aggregators, serialized by our serializer: the bytes must be the Node.js client's.
        ["Map.Aggregate"] = p => MapAggregateCodec.EncodeRequest(S(p, "name"), Serialization.ToData(((Hazelcast.Query.Aggregator<long>)Hazelcast.Query.Aggregators.LongSum("age")).Data)),
        ["Map.AggregateWithPredicate"] = p => MapAggregateWithPredicateCodec.EncodeRequest(S(p, "name"), Serialization.ToData(((Hazelcast.Query.Aggregator<long>)Hazelcast.Query.Aggregators.Count()).Data), D(p, "predicateHex")),
        ["Map.LoadAll"] = p => MapLoadAllCodec.EncodeRequest(S(p, "name"), B(p, "replaceExistingValues")),
        ["Map.LoadGivenKeys"] = p => MapLoadGivenKeysCodec.EncodeRequest(S(p, "name"), DL(p), B(p, "replaceExistingValues")),
        ["Map.ExecuteOnKey"] = p => MapExecuteOnKeyCodec.EncodeRequest(S(p, "name"), D(p, "processorHex"), D(p, "keyHex"), L(p, "threadId")),
        ["Map.ExecuteOnKeys"] = p => MapExecuteOnKeysCodec.EncodeRequest(S(p, "name"), D(p, "processorHex"), DL(p)),
        ["Map.ExecuteOnAllKeys"] = p => MapExecuteOnAllKeysCodec.EncodeRequest(S(p, "name"), D(p, "processorHex")),
        ["Map.ExecuteWithPredicate"] = p => MapExecuteWithPredicateCodec.EncodeRequest(S(p, "name"), D(p, "processorHex"), D(p, "predicateHex")),
        ["Client.AddDistributedObjectListener"] = p => ClientAddDistributedObjectListenerCodec.EncodeRequest(B(p, "localOnly")),
        ["Client.RemoveDistributedObjectListener"] = p => ClientRemoveDistributedObjectListenerCodec.EncodeRequest(G(p, "registrationId")),
        // Transactions: laid out by tests/conformance/golden/generate.js with the Node.js client's frame primitives (it has no transaction codecs).
        ["Client.AddPartitionLostListener"] = p => ClientAddPartitionLostListenerCodec.EncodeRequest(B(p, "localOnly")),
        ["Client.RemovePartitionLostListener"] = p => ClientRemovePartitionLostListenerCodec.EncodeRequest(G(p, "registrationId")),
        ["Transaction.Commit"] = p => TransactionCommitCodec.EncodeRequest(G(p, "transactionId"), L(p, "threadId")),
        ["Transaction.Create"] = p => TransactionCreateCodec.EncodeRequest(L(p, "timeout"), I(p, "durability"), I(p, "transactionType"), L(p, "threadId")),
        ["Transaction.Rollback"] = p => TransactionRollbackCodec.EncodeRequest(G(p, "transactionId"), L(p, "threadId")),
        ["TransactionalMap.ContainsKey"] = p => TransactionalMapContainsKeyCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex")),
        ["TransactionalMap.Get"] = p => TransactionalMapGetCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex")),
        ["TransactionalMap.GetForUpdate"] = p => TransactionalMapGetForUpdateCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex")),
        ["TransactionalMap.Size"] = p => TransactionalMapSizeCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId")),
        ["TransactionalMap.IsEmpty"] = p => TransactionalMapIsEmptyCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId")),
        ["TransactionalMap.Put"] = p => TransactionalMapPutCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex"), D(p, "valueHex"), L(p, "ttl")),
        ["TransactionalMap.Set"] = p => TransactionalMapSetCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex"), D(p, "valueHex")),
        ["TransactionalMap.PutIfAbsent"] = p => TransactionalMapPutIfAbsentCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex"), D(p, "valueHex")),
        ["TransactionalMap.Replace"] = p => TransactionalMapReplaceCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex"), D(p, "valueHex")),
        ["TransactionalMap.ReplaceIfSame"] = p => TransactionalMapReplaceIfSameCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex"), D(p, "oldValueHex"), D(p, "newValueHex")),
        ["TransactionalMap.Remove"] = p => TransactionalMapRemoveCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex")),
        ["TransactionalMap.Delete"] = p => TransactionalMapDeleteCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex")),
        ["TransactionalMap.RemoveIfSame"] = p => TransactionalMapRemoveIfSameCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex"), D(p, "valueHex")),
        ["TransactionalMap.KeySet"] = p => TransactionalMapKeySetCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId")),
        ["TransactionalMap.KeySetWithPredicate"] = p => TransactionalMapKeySetWithPredicateCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "predicateHex")),
        ["TransactionalMap.Values"] = p => TransactionalMapValuesCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId")),
        ["TransactionalMap.ValuesWithPredicate"] = p => TransactionalMapValuesWithPredicateCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "predicateHex")),
        ["TransactionalMultiMap.Put"] = p => TransactionalMultiMapPutCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex"), D(p, "valueHex")),
        ["TransactionalMultiMap.Get"] = p => TransactionalMultiMapGetCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex")),
        ["TransactionalMultiMap.Remove"] = p => TransactionalMultiMapRemoveCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex")),
        ["TransactionalMultiMap.RemoveEntry"] = p => TransactionalMultiMapRemoveEntryCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex"), D(p, "valueHex")),
        ["TransactionalMultiMap.ValueCount"] = p => TransactionalMultiMapValueCountCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "keyHex")),
        ["TransactionalMultiMap.Size"] = p => TransactionalMultiMapSizeCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId")),
        ["TransactionalSet.Add"] = p => TransactionalSetAddCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "itemHex")),
        ["TransactionalSet.Remove"] = p => TransactionalSetRemoveCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "itemHex")),
        ["TransactionalSet.Size"] = p => TransactionalSetSizeCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId")),
        ["TransactionalList.Add"] = p => TransactionalListAddCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "itemHex")),
        ["TransactionalList.Remove"] = p => TransactionalListRemoveCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "itemHex")),
        ["TransactionalList.Size"] = p => TransactionalListSizeCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId")),
        ["TransactionalQueue.Offer"] = p => TransactionalQueueOfferCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), D(p, "itemHex"), L(p, "timeout")),
        ["TransactionalQueue.Take"] = p => TransactionalQueueTakeCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId")),
        ["TransactionalQueue.Poll"] = p => TransactionalQueuePollCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), L(p, "timeout")),
        ["TransactionalQueue.Peek"] = p => TransactionalQueuePeekCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId"), L(p, "timeout")),
        ["TransactionalQueue.Size"] = p => TransactionalQueueSizeCodec.EncodeRequest(S(p, "name"), G(p, "txnId"), L(p, "threadId")),
    };

    [Theory]
    [MemberData(nameof(RequestNames))]
    public void Request_bytes_equal_the_official_client(string name)
    {
        var vector = Section("requests").Single(r => r.GetProperty("name").GetString() == name);
        var encoderName = name.Split('/')[0];
        Assert.True(Encoders.ContainsKey(encoderName), $"No encoder is mapped for golden vector {name}.");
        var message = Encoders[encoderName](vector.GetProperty("params"));
        message.CorrelationId = vector.GetProperty("correlationId").GetInt64();
        message.PartitionId = vector.GetProperty("partitionId").GetInt32();
        Assert.Equal(vector.GetProperty("messageType").GetInt32(), message.MessageType);
        Assert.Equal(vector.GetProperty("hex").GetString(), Convert.ToHexStringLower(message.Span));
    }

    [Theory]
    [MemberData(nameof(RequestNames))]
    public void The_member_decodes_the_official_request_bytes(string name)
    {
        // The member's side of each codec reads what the official client wrote, field by field.
        var vector = Section("requests").Single(r => r.GetProperty("name").GetString() == name);
        var bytes = Convert.FromHexString(vector.GetProperty("hex").GetString()!);
        var message = new ClientMessage(bytes, bytes.Length);
        var expected = Encoders[name.Split('/')[0]](vector.GetProperty("params"));
        expected.CorrelationId = message.CorrelationId;
        expected.PartitionId = message.PartitionId;
        var decodeRequest = typeof(ClientMessage).Assembly.GetType($"Hazelcast.Protocol.Codecs.{name.Split('/')[0].Replace(".", "", StringComparison.Ordinal)}Codec")!
            .GetMethod("DecodeRequest");
        if (decodeRequest is null) return; // a request without parameters: nothing to decode beyond the header
        var decoded = decodeRequest.Invoke(null, [message])!;
        var reEncoded = decoded.ToString();
        Assert.False(string.IsNullOrEmpty(reEncoded));
        Assert.Equal(vector.GetProperty("messageType").GetInt32(), message.MessageType);
        // Every string and number parameter of the vector appears with its value in the decoded parameters.
        foreach (var p in vector.GetProperty("params").EnumerateObject())
        {
            if (p.Value.ValueKind is JsonValueKind.String && !p.Name.EndsWith("Hex", StringComparison.Ordinal) && p.Name != "predicate")
                Assert.Contains(p.Value.GetString()!, reEncoded, StringComparison.OrdinalIgnoreCase);
            if (p.Value.ValueKind is JsonValueKind.Number)
                Assert.Contains($"= {p.Value.GetInt64()}", reEncoded, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_request_codec_of_the_protocol_core_has_a_golden_vector()
    {
        var names = Section("requests").Select(r => r.GetProperty("name").GetString()!.Split('/')[0]).ToHashSet();
        var required = Encoders.Keys;
        Assert.All(required, r => Assert.Contains(r, names));
    }

    private static readonly Dictionary<string, object?> Values = new()
    {
        ["null"] = null,
        ["boolean-true"] = true,
        ["boolean-false"] = false,
        ["string-empty"] = "",
        ["string-ascii"] = "key",
        ["string-latin1"] = "héllo",
        ["string-cjk"] = "你好世界",
        ["string-emoji"] = "😀🎉",
        ["string-combining"] = "e\u0301",
        ["string-ascii-300"] = string.Concat(Enumerable.Repeat("abcdefghijklmnopqrstuvwxyz0123456789", 9))[..300],
        ["string-value1"] = "value1",
        ["string-k2"] = "k2",
        ["string-nokey"] = "nokey",
        ["double-42.5"] = 42.5,
        ["double-42"] = 42.0,
        ["double-negative-zero"] = -0.0,
        ["double-nan"] = double.NaN,
        ["long-42"] = 42L,
        ["long-min"] = long.MinValue,
        ["int-42"] = 42,
        ["short-42"] = (short)42,
        ["byte-42"] = (byte)42,
        ["float-42.5"] = 42.5f,
        ["byte-array-123"] = new byte[] { 1, 2, 3 },
        ["byte-array-empty"] = Array.Empty<byte>(),
        ["json-value"] = new HazelcastJsonValue("{\"age\":18,\"name\":\"Ann\"}"),
        ["uuid"] = Guid.Parse("11111111-2222-3333-4444-555555555555"),
        ["array-string"] = new[] { "a", "b" },
        ["array-boolean"] = new[] { true, false },
        ["array-empty"] = Array.Empty<double>(),
        ["local-date"] = new DateOnly(2024, 2, 29),
        ["local-time"] = new TimeOnly(13, 45, 30).Add(TimeSpan.FromTicks(1_234_567)),
        ["local-datetime"] = new DateTime(2024, 2, 29, 13, 45, 30).AddTicks(1_234_567),
        ["offset-datetime"] = new DateTimeOffset(2024, 2, 29, 11, 15, 30, 120, TimeSpan.FromSeconds(9000)),
    };

    [Fact]
    public void Big_numbers_written_by_the_official_client_are_read_though_their_bytes_are_not_Java_s()
    {
        // The Node.js client prepends a 0x00 that Java's BigInteger.toByteArray() does not (and gets negatives wrong:
        // see the vectors' notes); we write Java's bytes, and read Node's to the same value.
        var serialization = new SerializationService();
        object? Read(string name) => serialization.ToObject(new Data(Convert.FromHexString(
            Section("serialization").Single(r => r.GetProperty("name").GetString() == name).GetProperty("dataHex").GetString()!)));
        Assert.Equal(System.Numerics.BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture), Read("biginteger-large"));
        Assert.Equal(12345.678m, Read("bigdecimal"));
    }

    [Fact]
    public void A_java_Date_written_by_the_official_client_is_read_as_a_UTC_DateTime()
    {
        var vector = Section("serialization").Single(r => r.GetProperty("name").GetString() == "java-date");
        var value = new SerializationService().ToObject<DateTime>(new Data(Convert.FromHexString(vector.GetProperty("dataHex").GetString()!)));
        Assert.Equal(new DateTime(2024, 2, 29, 13, 45, 30, 123, DateTimeKind.Utc), value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
    }

    [Theory]
    [MemberData(nameof(SerializationNames))]
    public void Serialized_bytes_and_partition_equal_the_official_client(string name)
    {
        var vector = Section("serialization").Single(r => r.GetProperty("name").GetString() == name);
        var serialization = new SerializationService();
        var data = serialization.ToData(Values[name]);
        Assert.Equal(vector.GetProperty("dataHex").GetString(), Convert.ToHexStringLower(data.Bytes.Span));
        if (vector.GetProperty("partitionId").ValueKind == JsonValueKind.Number)
        {
            Assert.Equal(vector.GetProperty("partitionHash").GetInt32(), data.PartitionHash);
            Assert.Equal(vector.GetProperty("partitionId").GetInt32(), MurmurHash3.PartitionId(data.PartitionHash, 271));
        }
        var back = serialization.ToObject(new Data(Convert.FromHexString(vector.GetProperty("dataHex").GetString()!)));
        Assert.Equal(Values[name], back);
    }

    [Fact]
    public void Arrays_written_by_the_official_client_are_read_as_dotnet_arrays()
    {
        var serialization = new SerializationService();
        foreach (var (name, expected) in new (string, object)[] { ("array-double", null!), ("array-int", null!), ("array-long", null!) })
        {
            var vector = Section("serialization").Single(r => r.GetProperty("name").GetString() == name);
            var value = serialization.ToObject(new Data(Convert.FromHexString(vector.GetProperty("dataHex").GetString()!)));
            Assert.NotNull(value);
            Assert.True(value is double[] or int[] or long[], $"{name} read as {value.GetType()}");
            var roundTrip = serialization.ToData(value);
            Assert.Equal(vector.GetProperty("dataHex").GetString(), Convert.ToHexStringLower(roundTrip.Bytes.Span));
        }
    }

    [Theory]
    [MemberData(nameof(MurmurNames))]
    public void Murmur_hash_equals_the_official_client(string name)
    {
        var vector = Section("murmur").Single(r => r.GetProperty("name").GetString() == name);
        var input = Convert.FromHexString(vector.GetProperty("inputHex").GetString()!);
        Assert.Equal(vector.GetProperty("hash").GetInt32(), MurmurHash3.Hash(input, vector.GetProperty("seed").GetUInt32()));
    }
}
