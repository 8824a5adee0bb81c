using Hazelcast.DistributedObjects;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Query;
using Hazelcast.Serialization;

namespace Hazelcast.Transactions;

/// <summary>
/// The base of the transactional proxies: a distributed object's proxy (its name, service, serialization) whose
/// requests all go through its transaction, over the transaction's connection, with the transaction's id and thread id.
/// </summary>
internal abstract class TransactionalObjectProxy(string serviceName, string name, TransactionContext transaction, ProxyServices services)
    : DistributedObjectProxy(serviceName, name, services)
{
    protected Guid TxnId => transaction.TransactionId;

    protected long ThreadId => transaction.ThreadId;

    /// <summary>How long a request that may wait for a key lock (up to the transaction's timeout) may take.</summary>
    protected TimeSpan LockingTimeout => transaction.LockingInvocationTimeout;

    /// <summary>The one way a transactional proxy sends a request: through its transaction (never the base's routing).</summary>
    protected new Task<ClientMessage> InvokeAsync(ClientMessage request, CancellationToken cancellationToken, TimeSpan? timeout = null)
        => transaction.InvokeAsync(request, cancellationToken, timeout);
}

internal sealed class TransactionalMap<TKey, TValue>(string name, TransactionContext transaction, ProxyServices services)
    : TransactionalObjectProxy(ServiceNames.Map, name, transaction, services), ITransactionalMap<TKey, TValue> where TKey : notnull
{
    private Data Key(TKey key) => ToData(key, nameof(key));

    private async ValueTask<TValue?> ValueAsync(Task<ClientMessage> invocation, Func<ClientMessage, Data> decode, CancellationToken cancellationToken)
        => await ReadAsync<TValue>(decode(await invocation.ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public ValueTask<TValue?> GetAsync(TKey key, CancellationToken cancellationToken = default)
        => ValueAsync(InvokeAsync(TransactionalMapGetCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key)), cancellationToken), TransactionalMapGetCodec.DecodeResponse, cancellationToken);

    public ValueTask<TValue?> GetForUpdateAsync(TKey key, CancellationToken cancellationToken = default)
        => ValueAsync(InvokeAsync(TransactionalMapGetForUpdateCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key)), cancellationToken, LockingTimeout), TransactionalMapGetForUpdateCodec.DecodeResponse, cancellationToken);

    // The Java client sends −1 for a put without a time to live: the map's own.
    public ValueTask<TValue?> PutAsync(TKey key, TValue value, CancellationToken cancellationToken = default) => PutAsync(key, value, -1, cancellationToken);

    public ValueTask<TValue?> PutAsync(TKey key, TValue value, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        if (timeToLive < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeToLive), timeToLive, "A time to live cannot be negative (zero: the entry never expires).");
        return PutAsync(key, value, (long)timeToLive.TotalMilliseconds, cancellationToken);
    }

    private ValueTask<TValue?> PutAsync(TKey key, TValue value, long ttlMs, CancellationToken cancellationToken)
        => ValueAsync(InvokeAsync(TransactionalMapPutCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key), ToData(value, nameof(value)), ttlMs), cancellationToken, LockingTimeout), TransactionalMapPutCodec.DecodeResponse, cancellationToken);

    public async ValueTask SetAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
        => await InvokeAsync(TransactionalMapSetCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key), ToData(value, nameof(value))), cancellationToken, LockingTimeout).ConfigureAwait(false);

    public ValueTask<TValue?> PutIfAbsentAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
        => ValueAsync(InvokeAsync(TransactionalMapPutIfAbsentCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key), ToData(value, nameof(value))), cancellationToken, LockingTimeout), TransactionalMapPutIfAbsentCodec.DecodeResponse, cancellationToken);

    public ValueTask<TValue?> ReplaceAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
        => ValueAsync(InvokeAsync(TransactionalMapReplaceCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key), ToData(value, nameof(value))), cancellationToken, LockingTimeout), TransactionalMapReplaceCodec.DecodeResponse, cancellationToken);

    public async ValueTask<bool> ReplaceAsync(TKey key, TValue expectedValue, TValue newValue, CancellationToken cancellationToken = default)
        => TransactionalMapReplaceIfSameCodec.DecodeResponse(await InvokeAsync(TransactionalMapReplaceIfSameCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key),
            ToData(expectedValue, nameof(expectedValue)), ToData(newValue, nameof(newValue))), cancellationToken, LockingTimeout).ConfigureAwait(false));

    public ValueTask<TValue?> RemoveAsync(TKey key, CancellationToken cancellationToken = default)
        => ValueAsync(InvokeAsync(TransactionalMapRemoveCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key)), cancellationToken, LockingTimeout), TransactionalMapRemoveCodec.DecodeResponse, cancellationToken);

    public async ValueTask<bool> RemoveAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
        => TransactionalMapRemoveIfSameCodec.DecodeResponse(await InvokeAsync(TransactionalMapRemoveIfSameCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key), ToData(value, nameof(value))), cancellationToken, LockingTimeout).ConfigureAwait(false));

    public async ValueTask DeleteAsync(TKey key, CancellationToken cancellationToken = default)
        => await InvokeAsync(TransactionalMapDeleteCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key)), cancellationToken, LockingTimeout).ConfigureAwait(false);

    public async ValueTask<bool> ContainsKeyAsync(TKey key, CancellationToken cancellationToken = default)
        => TransactionalMapContainsKeyCodec.DecodeResponse(await InvokeAsync(TransactionalMapContainsKeyCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key)), cancellationToken).ConfigureAwait(false));

    public async ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default)
        => TransactionalMapSizeCodec.DecodeResponse(await InvokeAsync(TransactionalMapSizeCodec.EncodeRequest(Name, TxnId, ThreadId), cancellationToken).ConfigureAwait(false));

    public async ValueTask<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
        => TransactionalMapIsEmptyCodec.DecodeResponse(await InvokeAsync(TransactionalMapIsEmptyCodec.EncodeRequest(Name, TxnId, ThreadId), cancellationToken).ConfigureAwait(false));

    public async ValueTask<IReadOnlyList<TKey>> GetKeysAsync(CancellationToken cancellationToken = default)
        => await ReadListAsync<TKey>(TransactionalMapKeySetCodec.DecodeResponse(await InvokeAsync(TransactionalMapKeySetCodec.EncodeRequest(Name, TxnId, ThreadId), cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<TKey>> GetKeysAsync(IPredicate predicate, CancellationToken cancellationToken = default)
        => await ReadListAsync<TKey>(TransactionalMapKeySetWithPredicateCodec.DecodeResponse(await InvokeAsync(
            TransactionalMapKeySetWithPredicateCodec.EncodeRequest(Name, TxnId, ThreadId, Predicate(predicate)), cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<TValue>> GetValuesAsync(CancellationToken cancellationToken = default)
        => await ReadListAsync<TValue>(TransactionalMapValuesCodec.DecodeResponse(await InvokeAsync(TransactionalMapValuesCodec.EncodeRequest(Name, TxnId, ThreadId), cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<TValue>> GetValuesAsync(IPredicate predicate, CancellationToken cancellationToken = default)
        => await ReadListAsync<TValue>(TransactionalMapValuesWithPredicateCodec.DecodeResponse(await InvokeAsync(
            TransactionalMapValuesWithPredicateCodec.EncodeRequest(Name, TxnId, ThreadId, Predicate(predicate)), cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    private Data Predicate(IPredicate predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        if (predicate is IPagingPredicate)
            throw new ArgumentException("Hazelcast does not page transactional queries: use a predicate without paging.", nameof(predicate));
        return Serialization.ToData(predicate);
    }
}

internal sealed class TransactionalQueue<T>(string name, TransactionContext transaction, ProxyServices services)
    : TransactionalObjectProxy(ServiceNames.Queue, name, transaction, services), ITransactionalQueue<T>
{
    public async ValueTask<bool> OfferAsync(T item, TimeSpan timeout = default, CancellationToken cancellationToken = default)
    {
        var ms = TimeoutMilliseconds(timeout, nameof(timeout));
        return TransactionalQueueOfferCodec.DecodeResponse(await InvokeAsync(TransactionalQueueOfferCodec.EncodeRequest(Name, TxnId, ThreadId, ToData(item, nameof(item)), ms),
            cancellationToken, WaitingInvocationTimeout(ms)).ConfigureAwait(false));
    }

    public async ValueTask<T?> PollAsync(TimeSpan timeout = default, CancellationToken cancellationToken = default)
    {
        var ms = TimeoutMilliseconds(timeout, nameof(timeout));
        var response = await InvokeAsync(TransactionalQueuePollCodec.EncodeRequest(Name, TxnId, ThreadId, ms), cancellationToken, WaitingInvocationTimeout(ms)).ConfigureAwait(false);
        return await ReadAsync<T>(TransactionalQueuePollCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<T> TakeAsync(CancellationToken cancellationToken = default)
    {
        var response = await InvokeAsync(TransactionalQueueTakeCodec.EncodeRequest(Name, TxnId, ThreadId), cancellationToken, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        return (await ReadAsync<T>(TransactionalQueueTakeCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false))!;
    }

    public async ValueTask<T?> PeekAsync(CancellationToken cancellationToken = default)
    {
        var response = await InvokeAsync(TransactionalQueuePeekCodec.EncodeRequest(Name, TxnId, ThreadId, 0), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(TransactionalQueuePeekCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default)
        => TransactionalQueueSizeCodec.DecodeResponse(await InvokeAsync(TransactionalQueueSizeCodec.EncodeRequest(Name, TxnId, ThreadId), cancellationToken).ConfigureAwait(false));
}

internal sealed class TransactionalList<T>(string name, TransactionContext transaction, ProxyServices services)
    : TransactionalObjectProxy(ServiceNames.List, name, transaction, services), ITransactionalList<T>
{
    public async ValueTask<bool> AddAsync(T item, CancellationToken cancellationToken = default)
        => TransactionalListAddCodec.DecodeResponse(await InvokeAsync(TransactionalListAddCodec.EncodeRequest(Name, TxnId, ThreadId, ToData(item, nameof(item))), cancellationToken).ConfigureAwait(false));

    public async ValueTask<bool> RemoveAsync(T item, CancellationToken cancellationToken = default)
        => TransactionalListRemoveCodec.DecodeResponse(await InvokeAsync(TransactionalListRemoveCodec.EncodeRequest(Name, TxnId, ThreadId, ToData(item, nameof(item))), cancellationToken).ConfigureAwait(false));

    public async ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default)
        => TransactionalListSizeCodec.DecodeResponse(await InvokeAsync(TransactionalListSizeCodec.EncodeRequest(Name, TxnId, ThreadId), cancellationToken).ConfigureAwait(false));
}

internal sealed class TransactionalSet<T>(string name, TransactionContext transaction, ProxyServices services)
    : TransactionalObjectProxy(ServiceNames.Set, name, transaction, services), ITransactionalSet<T>
{
    public async ValueTask<bool> AddAsync(T item, CancellationToken cancellationToken = default)
        => TransactionalSetAddCodec.DecodeResponse(await InvokeAsync(TransactionalSetAddCodec.EncodeRequest(Name, TxnId, ThreadId, ToData(item, nameof(item))), cancellationToken).ConfigureAwait(false));

    public async ValueTask<bool> RemoveAsync(T item, CancellationToken cancellationToken = default)
        => TransactionalSetRemoveCodec.DecodeResponse(await InvokeAsync(TransactionalSetRemoveCodec.EncodeRequest(Name, TxnId, ThreadId, ToData(item, nameof(item))), cancellationToken).ConfigureAwait(false));

    public async ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default)
        => TransactionalSetSizeCodec.DecodeResponse(await InvokeAsync(TransactionalSetSizeCodec.EncodeRequest(Name, TxnId, ThreadId), cancellationToken).ConfigureAwait(false));
}

internal sealed class TransactionalMultiMap<TKey, TValue>(string name, TransactionContext transaction, ProxyServices services)
    : TransactionalObjectProxy(ServiceNames.MultiMap, name, transaction, services), ITransactionalMultiMap<TKey, TValue> where TKey : notnull
{
    private Data Key(TKey key) => ToData(key, nameof(key));

    public async ValueTask<bool> PutAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
        => TransactionalMultiMapPutCodec.DecodeResponse(await InvokeAsync(TransactionalMultiMapPutCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key), ToData(value, nameof(value))), cancellationToken, LockingTimeout).ConfigureAwait(false));

    public async ValueTask<IReadOnlyList<TValue>> GetAsync(TKey key, CancellationToken cancellationToken = default)
        => await ReadListAsync<TValue>(TransactionalMultiMapGetCodec.DecodeResponse(await InvokeAsync(TransactionalMultiMapGetCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key)), cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<TValue>> RemoveAsync(TKey key, CancellationToken cancellationToken = default)
        => await ReadListAsync<TValue>(TransactionalMultiMapRemoveCodec.DecodeResponse(await InvokeAsync(TransactionalMultiMapRemoveCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key)), cancellationToken, LockingTimeout).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> RemoveAsync(TKey key, TValue value, CancellationToken cancellationToken = default)
        => TransactionalMultiMapRemoveEntryCodec.DecodeResponse(await InvokeAsync(TransactionalMultiMapRemoveEntryCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key), ToData(value, nameof(value))), cancellationToken, LockingTimeout).ConfigureAwait(false));

    public async ValueTask<int> GetValueCountAsync(TKey key, CancellationToken cancellationToken = default)
        => TransactionalMultiMapValueCountCodec.DecodeResponse(await InvokeAsync(TransactionalMultiMapValueCountCodec.EncodeRequest(Name, TxnId, ThreadId, Key(key)), cancellationToken).ConfigureAwait(false));

    public async ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default)
        => TransactionalMultiMapSizeCodec.DecodeResponse(await InvokeAsync(TransactionalMultiMapSizeCodec.EncodeRequest(Name, TxnId, ThreadId), cancellationToken).ConfigureAwait(false));
}
