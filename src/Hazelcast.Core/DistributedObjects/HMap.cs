using System.Runtime.CompilerServices;
using Hazelcast.Clustering;
using Hazelcast.NearCaching;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.DistributedObjects;

/// <summary>The client-side proxy of a distributed map.</summary>
internal sealed class HMap<TKey, TValue> : DistributedObjectProxy, IHMap<TKey, TValue> where TKey : notnull
{
    private readonly Invoker _invoker;
    private readonly SerializationService _serialization;

    public HMap(string name, ProxyServices services) : base(ServiceNames.Map, name, services)
    {
        _invoker = services.Invoker;
        _serialization = services.Serialization;
        _locks = new KeyLocks(name, services.Invoker, KeyLockCodecs.Map);
        _nearCacheOptions = services.NearCacheOptionsOf(name); // once: GetMapAsync asks on every call
    }

    private readonly KeyLocks _locks;

    // ------------------------------------------------------------------ helpers

    private Data KeyData(TKey key) => ToData(key, nameof(key));

    private Data ValueData(TValue value, string paramName = "value") => ToData(value, paramName);

    /// <summary>
    /// The value of a write that is encoded at once (see <see cref="SerializationService.ToTransientData{T}"/>): nothing
    /// may be serialized between this call and the encoding of the request.
    /// </summary>
    private Data TransientValueData(TValue value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        return _serialization.ToTransientData(value);
    }

    private TValue? ToValue(in Data data) => _serialization.ToObject<TValue>(data);

    private TKey ToKey(in Data data) => _serialization.ToObject<TKey>(data)!;

    /// <summary>Deserializes with <paramref name="read"/>, fetching Compact schemas this client does not have yet.</summary>
    private ValueTask<T> ReadAsync<TState, T>(TState state, Func<HMap<TKey, TValue>, TState, T> read, CancellationToken cancellationToken)
        => _invoker.ReadAsync((Map: this, State: state, Read: read), static s => s.Read(s.Map, s.State), cancellationToken);

    private ValueTask<TValue?> ReadValueAsync(Data data, CancellationToken cancellationToken) => ReadAsync<TValue>(data, cancellationToken);

    private ValueTask<IReadOnlyDictionary<TKey, TValue>> ReadEntriesAsync(IEnumerable<KeyValuePair<Data, Data>> entries, CancellationToken cancellationToken)
        => ReadEntriesAsync<TKey, TValue>(entries, cancellationToken);

    /// <summary>What every write with a time to live and a max idle sends: key, value, both durations in ms, the thread id.</summary>
    private (Data Key, Data Value, long Ttl, long MaxIdle, long ThreadId) WriteArguments(TKey key, TValue value, TimeSpan? timeToLive, TimeSpan? maxIdle)
        => (KeyData(key), TransientValueData(value), ToMilliseconds(timeToLive, nameof(timeToLive)), ToMilliseconds(maxIdle, nameof(maxIdle)), LockContext.CurrentId);

    private static long ToMilliseconds(TimeSpan? time, string paramName)
    {
        if (time is not { } t) return -1;
        if (t < TimeSpan.Zero) throw new ArgumentOutOfRangeException(paramName, t, "A duration cannot be negative (use null for the map's default, TimeSpan.Zero for infinite).");
        if (t == TimeSpan.Zero) return 0;
        return Math.Max(1, (long)Math.Ceiling(t.TotalMilliseconds));
    }

    private Task<ClientMessage> Invoke(ClientMessage request, CancellationToken cancellationToken) => InvokeAsync(request, cancellationToken);

    // ------------------------------------------------------------------ the near cache

    private readonly NearCacheOptions? _nearCacheOptions;
    private NearCache<TKey, TValue>? _nearCache;
    private Task? _nearCacheStarting;
    private readonly object _nearCacheLock = new();
    private Guid _invalidationSubscription;

    /// <inheritdoc />
    public NearCacheStatistics? NearCacheStatistics => _nearCache?.Statistics;

    /// <summary>
    /// A write of one key: sent, then (whether it succeeded or not: it may have applied) the key's near-cache entry is
    /// invalidated, or with <see cref="NearCacheLocalUpdatePolicy.CacheOnUpdate"/> replaced by <paramref name="written"/>
    /// once the write succeeded. Invalidating after the write, not before, also voids a read of the old value that
    /// was in flight meanwhile (its reservation goes).
    /// </summary>
    private Task<ClientMessage> WriteAsync(TKey key, ClientMessage request, CancellationToken cancellationToken, bool cacheWritten = false, TValue? written = default)
        => _nearCache is { } cache ? WriteThroughAsync(cache, key, request, cacheWritten, written, cancellationToken) : Invoke(request, cancellationToken);

    private async Task<ClientMessage> WriteThroughAsync(NearCache<TKey, TValue> cache, TKey key, ClientMessage request, bool cacheWritten, TValue? written, CancellationToken cancellationToken)
    {
        var succeeded = false;
        try
        {
            var response = await Invoke(request, cancellationToken).ConfigureAwait(false);
            succeeded = true;
            return response;
        }
        finally
        {
            if (succeeded && cacheWritten && cache.Options.LocalUpdatePolicy == NearCacheLocalUpdatePolicy.CacheOnUpdate && written is not null)
                cache.Update(key, _invoker.PartitionIdOf(KeyData(key)), _serialization.ToData(written));
            else cache.Invalidate(key);
        }
    }

    /// <summary>A write of any number of entries (a clear, a predicate, an entry processor on all keys): the near cache is emptied after it.</summary>
    private async Task<ClientMessage> WriteManyAsync(Task<ClientMessage> write)
    {
        try
        {
            return await write.ConfigureAwait(false);
        }
        finally
        {
            _nearCache?.Clear();
        }
    }

    /// <summary>Starts the map's near cache, once, if one is configured for it: its invalidation listener is registered and its metadata fetched before it serves reads.</summary>
    internal Task StartNearCacheAsync(CancellationToken cancellationToken)
    {
        if (_nearCache is not null || _nearCacheOptions is not { } options) return Task.CompletedTask;
        Task starting;
        lock (_nearCacheLock) starting = _nearCacheStarting ??= StartNearCacheCoreAsync(options);
        return starting.WaitAsync(cancellationToken);
    }

    private async Task StartNearCacheCoreAsync(NearCacheOptions options)
    {
        try
        {
            var cache = new NearCache<TKey, TValue>(Name, options, _serialization, Services.Time, _invoker.PartitionCount);
            if (options.InvalidateOnChange)
            {
                _invalidationSubscription = await SubscribeAsync(
                    localOnly => MapAddNearCacheInvalidationListenerCodec.EncodeRequest(Name, (int)MapEventTypes.Invalidated, localOnly),
                    MapAddNearCacheInvalidationListenerCodec.DecodeResponse, id => MapRemoveEntryListenerCodec.EncodeRequest(Name, id),
                    message =>
                    {
                        OnInvalidation(cache, message);
                        return ValueTask.CompletedTask;
                    }, CancellationToken.None).ConfigureAwait(false);
            }
            await Services.NearCaches.AddAsync(cache, CancellationToken.None).ConfigureAwait(false);
            _nearCache = cache;
        }
        catch
        {
            lock (_nearCacheLock) _nearCacheStarting = null; // the next GetMapAsync tries again
            throw;
        }
    }

    private void OnInvalidation(NearCache<TKey, TValue> cache, ClientMessage message)
    {
        if (message.MessageType == MapAddNearCacheInvalidationListenerCodec.IMapInvalidationEventMessageType)
        {
            var e = MapAddNearCacheInvalidationListenerCodec.DecodeIMapInvalidationEvent(message);
            Invalidate(cache, e.Key, e.SourceUuid, e.PartitionUuid, e.Sequence);
            return;
        }
        var batch = MapAddNearCacheInvalidationListenerCodec.DecodeIMapBatchInvalidationEvent(message);
        var count = Math.Min(Math.Min(batch.Keys.Count, batch.SourceUuids.Length), Math.Min(batch.PartitionUuids.Length, batch.Sequences.Length));
        for (var i = 0; i < count; i++) Invalidate(cache, batch.Keys[i], batch.SourceUuids[i], batch.PartitionUuids[i], batch.Sequences[i]);
    }

    // One invalidation (Hazelcast's RepairingHandler.handle): a change this client made was applied to its cache when
    // it wrote; a null key means the whole map. Then the partition's uuid and sequence are checked for what was missed.
    private void Invalidate(NearCache<TKey, TValue> cache, in Data key, Guid source, Guid partitionUuid, long sequence)
    {
        if (source != Services.NearCaches.ClientId)
        {
            if (key.IsNull) cache.Clear();
            else
            {
                try
                {
                    cache.Invalidate(ToKey(key));
                }
                catch (SerializationException)
                {
                    cache.Clear(); // a key this client cannot read (a type it does not know): whatever it was, nothing stale stays
                }
            }
        }
        var partitionId = key.IsNull ? NamePartitionId : _invoker.PartitionIdOf(key);
        cache.Metadata.CheckUuid(partitionId, partitionUuid);
        cache.Metadata.CheckSequence(partitionId, sequence, fromMember: false);
    }

    /// <inheritdoc />
    public override async ValueTask DestroyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await base.DestroyAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_nearCache is { } cache)
            {
                cache.Clear();
                Services.NearCaches.Remove(cache);
                if (_invalidationSubscription != Guid.Empty) await UnsubscribeAsync(_invalidationSubscription, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    // ------------------------------------------------------------------ reads
    // The single-key operations pool their state machines (PoolingAsyncValueTaskMethodBuilder): one object less per
    // call. As with any ValueTask, await a result once (or call AsTask()).

    /// <summary>A Map.Get whose caller reads the response once, at once, then releases it (its buffer may be pooled).</summary>
    private ClientMessage GetRequest(in Data key)
    {
        var request = MapGetCodec.EncodeRequest(Name, key, LockContext.CurrentId);
        request.ResponseIsReleased = true;
        return request;
    }

    public ValueTask<TValue?> GetAsync(TKey key, CancellationToken cancellationToken = default)
    {
        if (_nearCache is not { } cache) return GetRemoteAsync(key, cancellationToken);
        if (key is null) throw new ArgumentNullException(nameof(key));
        return cache.TryGet(key, out var value, out _) ? new ValueTask<TValue?>(value) : GetThroughNearCacheAsync(cache, key, cancellationToken);
    }

    /// <summary>A miss: the key is reserved, fetched, and its value published to the near cache unless an invalidation came meanwhile.</summary>
    private async ValueTask<TValue?> GetThroughNearCacheAsync(NearCache<TKey, TValue> cache, TKey key, CancellationToken cancellationToken)
    {
        var k = KeyData(key);
        var reservation = cache.TryReserve(key, _invoker.PartitionIdOf(k));
        try
        {
            var response = await Invoke(GetRequest(k), cancellationToken).ConfigureAwait(false);
            try
            {
                var data = MapGetCodec.DecodeResponse(response);
                var value = await ReadValueAsync(data, cancellationToken).ConfigureAwait(false);
                cache.Publish(key, reservation, data, value);
                return value;
            }
            finally
            {
                response.Release();
            }
        }
        finally
        {
            cache.Release(key, reservation); // nothing if it was published
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TValue?> GetRemoteAsync(TKey key, CancellationToken cancellationToken)
    {
        var k = KeyData(key);
        var response = await Invoke(GetRequest(k), cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadValueAsync(MapGetCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            response.Release();
        }
    }

    public ValueTask<bool> ContainsKeyAsync(TKey key, CancellationToken cancellationToken = default)
        => _nearCache is { } cache && key is not null && cache.TryGet(key, out _, out var absent) ? new ValueTask<bool>(!absent) : ContainsKeyRemoteAsync(key!, cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ContainsKeyRemoteAsync(TKey key, CancellationToken cancellationToken)
    {
        var k = KeyData(key);
        var response = await Invoke(MapContainsKeyCodec.EncodeRequest(Name, k, LockContext.CurrentId), cancellationToken).ConfigureAwait(false);
        return MapContainsKeyCodec.DecodeResponse(response);
    }

    public async ValueTask<bool> ContainsValueAsync(TValue value, CancellationToken cancellationToken = default)
    {
        var v = ValueData(value);
        var response = await Invoke(MapContainsValueCodec.EncodeRequest(Name, v), cancellationToken).ConfigureAwait(false);
        return MapContainsValueCodec.DecodeResponse(response);
    }

    public async ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default)
    {
        var response = await Invoke(MapSizeCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false);
        return MapSizeCodec.DecodeResponse(response);
    }

    public async ValueTask<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
    {
        var response = await Invoke(MapIsEmptyCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false);
        return MapIsEmptyCodec.DecodeResponse(response);
    }

    public async ValueTask<IReadOnlyDictionary<TKey, TValue>> GetAllAsync(IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var cache = _nearCache;
        var cached = new List<KeyValuePair<TKey, TValue>>();
        var reserved = new Dictionary<Data, (TKey Key, long Reservation)>(); // the keys fetched through the near cache
        var byPartition = new Dictionary<int, List<Data>>();
        foreach (var key in keys)
        {
            if (cache is not null && key is not null && cache.TryGet(key, out var hit, out var absent))
            {
                if (!absent) cached.Add(new(key, hit!));
                continue;
            }
            var k = KeyData(key!); // throws for a null key
            var partitionId = _invoker.PartitionIdOf(k);
            if (cache is not null && !reserved.ContainsKey(k)) reserved[k] = (key!, cache.TryReserve(key!, partitionId));
            if (!byPartition.TryGetValue(partitionId, out var list)) byPartition[partitionId] = list = [];
            list.Add(k);
        }
        try
        {
            var tasks = byPartition.Select(p => _invoker.InvokeOnPartitionAsync(MapGetAllCodec.EncodeRequest(Name, p.Value), p.Key, cancellationToken)).ToList();
            var entries = new List<KeyValuePair<Data, Data>>();
            foreach (var task in tasks) entries.AddRange(MapGetAllCodec.DecodeResponse(await task.ConfigureAwait(false)));
            var fetched = await ReadEntriesAsync(entries, cancellationToken).ConfigureAwait(false);
            if (cache is null) return fetched;
            foreach (var (k, v) in entries)
                if (reserved.Remove(k, out var r)) cache.Publish(r.Key, r.Reservation, v, fetched.TryGetValue(r.Key, out var value) ? value : default);
            foreach (var (_, r) in reserved) cache.Publish(r.Key, r.Reservation, default, default); // no entry on the cluster
            reserved.Clear();
            if (cached.Count == 0) return fetched;
            var result = new OrderedDictionary<TKey, TValue>();
            foreach (var (key, value) in cached) result[key] = value;
            foreach (var (key, value) in fetched) result[key] = value;
            return result;
        }
        finally
        {
            foreach (var (_, r) in reserved) cache?.Release(r.Key, r.Reservation);
        }
    }

    public async ValueTask<IReadOnlyList<TKey>> GetKeysAsync(CancellationToken cancellationToken = default)
    {
        var response = await Invoke(MapKeySetCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false);
        return await ReadListAsync<TKey>(MapKeySetCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<TValue>> GetValuesAsync(CancellationToken cancellationToken = default)
    {
        var response = await Invoke(MapValuesCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false);
        return await ReadListAsync<TValue>(MapValuesCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyDictionary<TKey, TValue>> GetEntriesAsync(CancellationToken cancellationToken = default)
    {
        var response = await Invoke(MapEntrySetCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false);
        return await ReadEntriesAsync(MapEntrySetCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask AddIndexAsync(Query.IndexType type, IEnumerable<string> attributes, string? name = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var options = new Query.IndexOptions { Type = type, Name = name };
        foreach (var attribute in attributes) options.Attributes.Add(attribute);
        return AddIndexAsync(options, cancellationToken);
    }

    public async ValueTask AddIndexAsync(Query.IndexOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await Invoke(MapAddIndexCodec.EncodeRequest(Name, options.Normalize(Name)), cancellationToken).ConfigureAwait(false);
    }

    private (Data Predicate, int PartitionId) PredicateData(Query.IPredicate predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var partitionId = predicate is Query.PartitionPredicate p ? _invoker.PartitionIdOf(_serialization.ToData(p.PartitionKey)) : -1;
        return (_serialization.ToData(predicate), partitionId);
    }

    public async ValueTask<IReadOnlyList<TKey>> GetKeysAsync(Query.IPredicate predicate, CancellationToken cancellationToken = default)
    {
        if (predicate is Query.PagingPredicate paging)
        {
            var pageResponse = await Invoke(MapKeySetWithPagingPredicateCodec.EncodeRequest(Name, paging.ToHolder(_serialization, Protocol.IterationType.Key)), cancellationToken).ConfigureAwait(false);
            var page = MapKeySetWithPagingPredicateCodec.DecodeResponse(pageResponse);
            paging.UpdateAnchors(page.AnchorDataList);
            return await ReadListAsync<TKey>(page.Response, cancellationToken).ConfigureAwait(false);
        }
        var (p, partitionId) = PredicateData(predicate);
        var response = await _invoker.InvokeOnPartitionAsync(MapKeySetWithPredicateCodec.EncodeRequest(Name, p), partitionId, cancellationToken).ConfigureAwait(false);
        return await ReadListAsync<TKey>(MapKeySetWithPredicateCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<TValue>> GetValuesAsync(Query.IPredicate predicate, CancellationToken cancellationToken = default)
    {
        if (predicate is Query.PagingPredicate paging)
        {
            var pageResponse = await Invoke(MapValuesWithPagingPredicateCodec.EncodeRequest(Name, paging.ToHolder(_serialization, Protocol.IterationType.Value)), cancellationToken).ConfigureAwait(false);
            var page = MapValuesWithPagingPredicateCodec.DecodeResponse(pageResponse);
            paging.UpdateAnchors(page.AnchorDataList);
            return await ReadListAsync<TValue>(page.Response, cancellationToken).ConfigureAwait(false);
        }
        var (p, partitionId) = PredicateData(predicate);
        var response = await _invoker.InvokeOnPartitionAsync(MapValuesWithPredicateCodec.EncodeRequest(Name, p), partitionId, cancellationToken).ConfigureAwait(false);
        return await ReadListAsync<TValue>(MapValuesWithPredicateCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyDictionary<TKey, TValue>> GetEntriesAsync(Query.IPredicate predicate, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<KeyValuePair<Data, Data>> entries;
        if (predicate is Query.PagingPredicate paging)
        {
            var pageResponse = await Invoke(MapEntriesWithPagingPredicateCodec.EncodeRequest(Name, paging.ToHolder(_serialization, Protocol.IterationType.Entry)), cancellationToken).ConfigureAwait(false);
            var page = MapEntriesWithPagingPredicateCodec.DecodeResponse(pageResponse);
            paging.UpdateAnchors(page.AnchorDataList);
            entries = page.Response;
        }
        else
        {
            var (p, partitionId) = PredicateData(predicate);
            var response = await _invoker.InvokeOnPartitionAsync(MapEntriesWithPredicateCodec.EncodeRequest(Name, p), partitionId, cancellationToken).ConfigureAwait(false);
            entries = MapEntriesWithPredicateCodec.DecodeResponse(response);
        }
        return await ReadEntriesAsync(entries, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<MapEntryView<TKey, TValue>?> GetEntryViewAsync(TKey key, CancellationToken cancellationToken = default)
    {
        var k = KeyData(key);
        var response = await Invoke(MapGetEntryViewCodec.EncodeRequest(Name, k, LockContext.CurrentId), cancellationToken).ConfigureAwait(false);
        var r = MapGetEntryViewCodec.DecodeResponse(response);
        if (r.Response is not { } v) return null;
        return await ReadAsync(v, static (map, v) => new MapEntryView<TKey, TValue>(map.ToKey(v.Key), map.ToValue(v.Value)!, v.Cost, v.CreationTime, v.ExpirationTime,
            v.Hits, v.LastAccessTime, v.LastStoredTime, v.LastUpdateTime, v.Version, v.Ttl, v.MaxIdle), cancellationToken).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ writes

    public ValueTask<TValue?> PutAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
        => PutAsync(key, value, null, null, cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TValue?> PutAsync(TKey key, TValue value, TimeSpan? timeToLive, TimeSpan? maxIdle = null, CancellationToken cancellationToken = default)
    {
        var (k, v, ttl, idle, threadId) = WriteArguments(key, value, timeToLive, maxIdle);
        if (maxIdle is null)
        {
            var response = await WriteAsync(key, MapPutCodec.EncodeRequest(Name, k, v, threadId, ttl), cancellationToken, cacheWritten: true, value).ConfigureAwait(false);
            return await ReadValueAsync(MapPutCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
        }
        var r = await WriteAsync(key, MapPutWithMaxIdleCodec.EncodeRequest(Name, k, v, threadId, ttl, idle), cancellationToken, cacheWritten: true, value).ConfigureAwait(false);
        return await ReadValueAsync(MapPutWithMaxIdleCodec.DecodeResponse(r), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask SetAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
        => SetAsync(key, value, null, null, cancellationToken);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SetAsync(TKey key, TValue value, TimeSpan? timeToLive, TimeSpan? maxIdle = null, CancellationToken cancellationToken = default)
    {
        var (k, v, ttl, idle, threadId) = WriteArguments(key, value, timeToLive, maxIdle);
        var request = maxIdle is null
            ? MapSetCodec.EncodeRequest(Name, k, v, threadId, ttl)
            : MapSetWithMaxIdleCodec.EncodeRequest(Name, k, v, threadId, ttl, idle);
        await WriteAsync(key, request, cancellationToken, cacheWritten: true, value).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TValue?> PutIfAbsentAsync(TKey key, TValue value, TimeSpan? timeToLive = null, TimeSpan? maxIdle = null, CancellationToken cancellationToken = default)
    {
        var (k, v, ttl, idle, threadId) = WriteArguments(key, value, timeToLive, maxIdle);
        if (maxIdle is null)
        {
            var response = await WriteAsync(key, MapPutIfAbsentCodec.EncodeRequest(Name, k, v, threadId, ttl), cancellationToken).ConfigureAwait(false);
            return await ReadValueAsync(MapPutIfAbsentCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
        }
        var r = await WriteAsync(key, MapPutIfAbsentWithMaxIdleCodec.EncodeRequest(Name, k, v, threadId, ttl, idle), cancellationToken).ConfigureAwait(false);
        return await ReadValueAsync(MapPutIfAbsentWithMaxIdleCodec.DecodeResponse(r), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask PutTransientAsync(TKey key, TValue value, TimeSpan? timeToLive = null, TimeSpan? maxIdle = null, CancellationToken cancellationToken = default)
    {
        var (k, v, ttl, idle, threadId) = WriteArguments(key, value, timeToLive, maxIdle);
        var request = maxIdle is null
            ? MapPutTransientCodec.EncodeRequest(Name, k, v, threadId, ttl)
            : MapPutTransientWithMaxIdleCodec.EncodeRequest(Name, k, v, threadId, ttl, idle);
        await WriteAsync(key, request, cancellationToken, cacheWritten: true, value).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TValue?> ReplaceAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
    {
        var k = KeyData(key);
        var v = ValueData(value);
        var response = await WriteAsync(key, MapReplaceCodec.EncodeRequest(Name, k, v, LockContext.CurrentId), cancellationToken).ConfigureAwait(false);
        return await ReadValueAsync(MapReplaceCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> ReplaceAsync(TKey key, TValue expectedValue, TValue newValue, CancellationToken cancellationToken = default)
    {
        var k = KeyData(key);
        var expected = ValueData(expectedValue, nameof(expectedValue));
        var v = ValueData(newValue, nameof(newValue));
        var response = await WriteAsync(key, MapReplaceIfSameCodec.EncodeRequest(Name, k, expected, v, LockContext.CurrentId), cancellationToken).ConfigureAwait(false);
        return MapReplaceIfSameCodec.DecodeResponse(response);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TValue?> RemoveAsync(TKey key, CancellationToken cancellationToken = default)
    {
        var k = KeyData(key);
        var response = await WriteAsync(key, MapRemoveCodec.EncodeRequest(Name, k, LockContext.CurrentId), cancellationToken).ConfigureAwait(false);
        return await ReadValueAsync(MapRemoveCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> RemoveAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
    {
        var k = KeyData(key);
        var v = ValueData(value);
        var response = await WriteAsync(key, MapRemoveIfSameCodec.EncodeRequest(Name, k, v, LockContext.CurrentId), cancellationToken).ConfigureAwait(false);
        return MapRemoveIfSameCodec.DecodeResponse(response);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask DeleteAsync(TKey key, CancellationToken cancellationToken = default)
    {
        var k = KeyData(key);
        await WriteAsync(key, MapDeleteCodec.EncodeRequest(Name, k, LockContext.CurrentId), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<TResult?> ExecuteAsync<TResult>(Query.IEntryProcessor<TResult> processor, TKey key, CancellationToken cancellationToken = default)
    {
        var p = ProcessorData(processor);
        var response = await WriteAsync(key, MapExecuteOnKeyCodec.EncodeRequest(Name, p, KeyData(key), LockContext.CurrentId), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(MapExecuteOnKeyCodec.DecodeResponse(response), static (map, d) => map._serialization.ToObject<TResult>(d), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyDictionary<TKey, TResult>> ExecuteAsync<TResult>(Query.IEntryProcessor<TResult> processor, IEnumerable<TKey> keys, CancellationToken cancellationToken = default)
    {
        var p = ProcessorData(processor);
        ArgumentNullException.ThrowIfNull(keys);
        var keyList = keys.ToList();
        var k = keyList.Select(KeyData).ToList();
        ClientMessage response;
        try
        {
            response = await Invoke(MapExecuteOnKeysCodec.EncodeRequest(Name, p, k), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_nearCache is { } cache) foreach (var key in keyList) cache.Invalidate(key);
        }
        return await ReadResultsAsync<TResult>(MapExecuteOnKeysCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyDictionary<TKey, TResult>> ExecuteAsync<TResult>(Query.IEntryProcessor<TResult> processor, Query.IPredicate? predicate = null, CancellationToken cancellationToken = default)
    {
        var p = ProcessorData(processor);
        if (predicate is null)
            return await ReadResultsAsync<TResult>(MapExecuteOnAllKeysCodec.DecodeResponse(await WriteManyAsync(Invoke(MapExecuteOnAllKeysCodec.EncodeRequest(Name, p), cancellationToken)).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
        var (q, partitionId) = PredicateData(predicate);
        var response = await WriteManyAsync(_invoker.InvokeOnPartitionAsync(MapExecuteWithPredicateCodec.EncodeRequest(Name, p, q), partitionId, cancellationToken)).ConfigureAwait(false);
        return await ReadResultsAsync<TResult>(MapExecuteWithPredicateCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
    }

    private Data ProcessorData<TResult>(Query.IEntryProcessor<TResult> processor)
    {
        ArgumentNullException.ThrowIfNull(processor);
        return _serialization.ToData<object>(processor);
    }

    private ValueTask<IReadOnlyDictionary<TKey, TResult>> ReadResultsAsync<TResult>(IReadOnlyList<KeyValuePair<Data, Data>> results, CancellationToken cancellationToken)
        => ReadAsync(results, static (map, list) =>
        {
            var byKey = new Dictionary<TKey, TResult>();
            foreach (var (k, v) in list) byKey[map.ToKey(k)] = map._serialization.ToObject<TResult>(v)!;
            return (IReadOnlyDictionary<TKey, TResult>)byKey;
        }, cancellationToken);

    public async ValueTask LoadAllAsync(bool replaceExistingValues = true, IEnumerable<TKey>? keys = null, CancellationToken cancellationToken = default)
    {
        var request = keys is null
            ? MapLoadAllCodec.EncodeRequest(Name, replaceExistingValues)
            : MapLoadGivenKeysCodec.EncodeRequest(Name, ToDataList(keys, nameof(keys)), replaceExistingValues);
        await WriteManyAsync(Invoke(request, cancellationToken)).ConfigureAwait(false);
    }

    public async ValueTask<TResult> AggregateAsync<TResult>(Query.IAggregator<TResult> aggregator, Query.IPredicate? predicate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        var typed = aggregator as Query.Aggregator<TResult>
            ?? throw new ArgumentException("Use one of Hazelcast.Query.Aggregators: the members run Hazelcast's built-in aggregators.", nameof(aggregator));
        var a = _serialization.ToData(typed.Data);
        Data result;
        if (predicate is null)
        {
            result = MapAggregateCodec.DecodeResponse(await Invoke(MapAggregateCodec.EncodeRequest(Name, a), cancellationToken).ConfigureAwait(false));
        }
        else
        {
            var (p, partitionId) = PredicateData(predicate);
            result = MapAggregateWithPredicateCodec.DecodeResponse(await _invoker.InvokeOnPartitionAsync(MapAggregateWithPredicateCodec.EncodeRequest(Name, a, p), partitionId, cancellationToken).ConfigureAwait(false));
        }
        return typed.Result(await ReadAsync<object>(result, cancellationToken).ConfigureAwait(false));
    }

    public async ValueTask<IReadOnlyList<TResult>> ProjectAsync<TResult>(Query.IProjection<TResult> projection, Query.IPredicate? predicate = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var typed = projection as Query.Projection<TResult>
            ?? throw new ArgumentException("Use one of Hazelcast.Query.Projections: the members run Hazelcast's built-in projections.", nameof(projection));
        if (predicate is Query.PagingPredicate) throw new ArgumentException("A paging predicate cannot select the entries of a projection: Hazelcast does not page projections.", nameof(predicate));
        var p = _serialization.ToData(typed.Data);
        IReadOnlyList<Data> results;
        if (predicate is null)
        {
            results = MapProjectCodec.DecodeResponse(await Invoke(MapProjectCodec.EncodeRequest(Name, p), cancellationToken).ConfigureAwait(false));
        }
        else
        {
            var (filter, partitionId) = PredicateData(predicate);
            results = MapProjectWithPredicateCodec.DecodeResponse(await _invoker.InvokeOnPartitionAsync(MapProjectWithPredicateCodec.EncodeRequest(Name, p, filter), partitionId, cancellationToken).ConfigureAwait(false));
        }
        var values = await ReadListAsync<object>(results, cancellationToken).ConfigureAwait(false);
        return values.Select(typed.Result).ToList();
    }

    public async ValueTask RemoveAllAsync(Query.IPredicate predicate, CancellationToken cancellationToken = default)
    {
        if (predicate is Query.PagingPredicate) throw new ArgumentException("A paging predicate cannot select entries to remove: use its inner predicate.", nameof(predicate));
        var (p, partitionId) = PredicateData(predicate);
        await WriteManyAsync(_invoker.InvokeOnPartitionAsync(MapRemoveAllCodec.EncodeRequest(Name, p), partitionId, cancellationToken)).ConfigureAwait(false);
    }

    public async ValueTask ClearAsync(CancellationToken cancellationToken = default)
        => await WriteManyAsync(Invoke(MapClearCodec.EncodeRequest(Name), cancellationToken)).ConfigureAwait(false);

    public async ValueTask SetAllAsync(IEnumerable<KeyValuePair<TKey, TValue>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byPartition = new Dictionary<int, List<KeyValuePair<Data, Data>>>();
        var written = _nearCache is null ? null : new List<TKey>();
        foreach (var (key, value) in entries)
        {
            written?.Add(key);
            var k = KeyData(key);
            var partitionId = _invoker.PartitionIdOf(k);
            if (!byPartition.TryGetValue(partitionId, out var list)) byPartition[partitionId] = list = [];
            list.Add(new(k, ValueData(value)));
        }
        try
        {
            var tasks = byPartition.Select(p => _invoker.InvokeOnPartitionAsync(MapPutAllCodec.EncodeRequest(Name, p.Value, true), p.Key, cancellationToken)).ToList();
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        finally
        {
            if (written is not null) foreach (var key in written) _nearCache!.Invalidate(key);
        }
    }

    public async ValueTask<bool> UpdateTimeToLiveAsync(TKey key, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        var k = KeyData(key);
        var ttl = ToMilliseconds(timeToLive, nameof(timeToLive));
        var response = await WriteAsync(key, MapSetTtlCodec.EncodeRequest(Name, k, ttl), cancellationToken).ConfigureAwait(false);
        return MapSetTtlCodec.DecodeResponse(response);
    }

    public async ValueTask<bool> TryPutAsync(TKey key, TValue value, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var k = KeyData(key);
        var v = ValueData(value);
        var t = TimeoutMilliseconds(timeout, nameof(timeout));
        var response = await WriteAsync(key, MapTryPutCodec.EncodeRequest(Name, k, v, LockContext.CurrentId, t), cancellationToken).ConfigureAwait(false);
        return MapTryPutCodec.DecodeResponse(response);
    }

    public async ValueTask<bool> TryRemoveAsync(TKey key, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var k = KeyData(key);
        var t = TimeoutMilliseconds(timeout, nameof(timeout));
        var response = await WriteAsync(key, MapTryRemoveCodec.EncodeRequest(Name, k, LockContext.CurrentId, t), cancellationToken).ConfigureAwait(false);
        return MapTryRemoveCodec.DecodeResponse(response);
    }

    public async ValueTask<bool> EvictAsync(TKey key, CancellationToken cancellationToken = default)
    {
        var k = KeyData(key);
        var response = await WriteAsync(key, MapEvictCodec.EncodeRequest(Name, k, LockContext.CurrentId), cancellationToken).ConfigureAwait(false);
        return MapEvictCodec.DecodeResponse(response);
    }

    public async ValueTask EvictAllAsync(CancellationToken cancellationToken = default)
        => await WriteManyAsync(Invoke(MapEvictAllCodec.EncodeRequest(Name), cancellationToken)).ConfigureAwait(false);

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
        => await Invoke(MapFlushCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false);

    // ------------------------------------------------------------------ locks

    public ValueTask LockAsync(TKey key, CancellationToken cancellationToken = default) => _locks.LockAsync(KeyData(key), null, cancellationToken);

    public ValueTask LockAsync(TKey key, TimeSpan leaseTime, CancellationToken cancellationToken = default) => _locks.LockAsync(KeyData(key), leaseTime, cancellationToken);

    public ValueTask<bool> TryLockAsync(TKey key, TimeSpan timeout, TimeSpan? leaseTime = null, CancellationToken cancellationToken = default)
        => _locks.TryLockAsync(KeyData(key), TimeoutMilliseconds(timeout, nameof(timeout)), leaseTime, cancellationToken);

    public ValueTask UnlockAsync(TKey key, CancellationToken cancellationToken = default) => _locks.UnlockAsync(KeyData(key), cancellationToken);

    public ValueTask<bool> IsLockedAsync(TKey key, CancellationToken cancellationToken = default) => _locks.IsLockedAsync(KeyData(key), cancellationToken);

    public ValueTask ForceUnlockAsync(TKey key, CancellationToken cancellationToken = default) => _locks.ForceUnlockAsync(KeyData(key), cancellationToken);

    // ------------------------------------------------------------------ events

    public ValueTask<Guid> SubscribeAsync(Action<MapEntryEventHandlers<TKey, TValue>> configure, bool includeValues = true, CancellationToken cancellationToken = default)
    {
        var handlers = MapEntryEventHandlers<TKey, TValue>.Create(configure);
        return SubscribeCoreAsync(handlers, localOnly => MapAddEntryListenerCodec.EncodeRequest(Name, includeValues, handlers.Flags, localOnly),
            MapAddEntryListenerCodec.DecodeResponse, cancellationToken);
    }

    public ValueTask<Guid> SubscribeAsync(TKey key, Action<MapEntryEventHandlers<TKey, TValue>> configure, bool includeValues = true, CancellationToken cancellationToken = default)
    {
        var k = KeyData(key);
        var handlers = MapEntryEventHandlers<TKey, TValue>.Create(configure);
        return SubscribeCoreAsync(handlers, localOnly => MapAddEntryListenerToKeyCodec.EncodeRequest(Name, k, includeValues, handlers.Flags, localOnly),
            MapAddEntryListenerToKeyCodec.DecodeResponse, cancellationToken);
    }

    public ValueTask<Guid> SubscribeAsync(Query.IPredicate predicate, Action<MapEntryEventHandlers<TKey, TValue>> configure, bool includeValues = true, CancellationToken cancellationToken = default)
    {
        var (p, _) = PredicateData(predicate);
        var handlers = MapEntryEventHandlers<TKey, TValue>.Create(configure);
        return SubscribeCoreAsync(handlers, localOnly => MapAddEntryListenerWithPredicateCodec.EncodeRequest(Name, p, includeValues, handlers.Flags, localOnly),
            MapAddEntryListenerWithPredicateCodec.DecodeResponse, cancellationToken);
    }

    /// <summary>
    /// Registers an entry listener. The entry event has the same layout whichever listener message registered it
    /// (PROTOCOL.md §4.1), so one decoder serves them all.
    /// </summary>
    private ValueTask<Guid> SubscribeCoreAsync(MapEntryEventHandlers<TKey, TValue> handlers, Func<bool, ClientMessage> createRequest,
        Func<ClientMessage, Guid> decodeResponse, CancellationToken cancellationToken)
        => SubscribeAsync(createRequest, decodeResponse, id => MapRemoveEntryListenerCodec.EncodeRequest(Name, id),
            message => handlers.DispatchAsync(EntryEventCodec.Decode(message), _invoker, _serialization), cancellationToken);

    // ------------------------------------------------------------------ raw byte[] values (the distributed cache)

    /// <summary>
    /// Gets a <c>byte[]</c> value and copies its bytes straight from the response into <paramref name="destination"/>
    /// (no intermediate array); false when there is no entry.
    /// </summary>
    internal async ValueTask<bool> TryGetBytesAsync(TKey key, System.Buffers.IBufferWriter<byte> destination, CancellationToken cancellationToken)
    {
        var k = KeyData(key);
        var response = await Invoke(GetRequest(k), cancellationToken).ConfigureAwait(false);
        try
        {
            var value = MapGetCodec.DecodeResponse(response);
            if (value.IsNull || value.TypeId == SerializationConstants.Null) return false;
            if (value.TypeId != SerializationConstants.ByteArray)
                throw new SerializationException($"The value of this key has serializer type id {value.TypeId}, not a byte array (-12).");
            var bytes = SerializationService.ByteArrayPayload(value);
            bytes.CopyTo(destination.GetSpan(bytes.Length));
            destination.Advance(bytes.Length);
            return true;
        }
        finally
        {
            response.Release();
        }
    }

    /// <summary>Sets a <c>byte[]</c> value from a sequence, serialized without an intermediate array.</summary>
    internal async ValueTask SetBytesAsync(TKey key, System.Buffers.ReadOnlySequence<byte> value, TimeSpan? timeToLive, TimeSpan? maxIdle, CancellationToken cancellationToken)
    {
        var k = KeyData(key);
        var ttl = ToMilliseconds(timeToLive, nameof(timeToLive));
        var idle = ToMilliseconds(maxIdle, nameof(maxIdle));
        var v = SerializationService.ToTransientByteArrayData(value); // encoded at once, below
        await WriteAsync(key, MapSetWithMaxIdleCodec.EncodeRequest(Name, k, v, LockContext.CurrentId, ttl, idle), cancellationToken).ConfigureAwait(false);
    }
}
