using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Query;
using Hazelcast.Serialization;
using Hazelcast.Transactions;

namespace Hazelcast.Testing;

// Transactions: each lives on the connection that created it (a real member keeps them in the connection's
// ClientEndpoint), and dies with it. The semantics are MemberTransaction's.
internal sealed partial class ClientSession
{
    /// <summary>A transaction's timeout when the client sends 0 (TransactionOptions.DEFAULT_TIMEOUT_MILLIS).</summary>
    private const long DefaultTransactionTimeoutMs = 120_000;

    private readonly Dictionary<Guid, MemberTransaction> _transactions = [];

    public int OpenTransactions
    {
        get { lock (_transactions) return _transactions.Count; }
    }

    /// <summary>The transaction of this connection with that id: one created over another connection, or ended, is unknown here.</summary>
    private MemberTransaction Transaction(Guid id)
    {
        lock (_transactions)
            return _transactions.TryGetValue(id, out var tx) ? tx
                : throw new RemoteErrorException(RemoteError.Transaction, $"No transaction context found for txnId: {id}");
    }

    private ValueTask<ClientMessage?> InTransaction(Guid txnId, Func<MemberTransaction, ClientMessage> operation)
        => Later(Transaction(txnId).RunAsync(tx => Task.FromResult(operation(tx)), _closed.Token));

    private ValueTask<ClientMessage?> InTransactionAsync(Guid txnId, Func<MemberTransaction, Task<ClientMessage>> operation)
        => Later(Transaction(txnId).RunAsync(operation, _closed.Token));

    /// <summary>The connection closed: its transactions roll back (ClientEndpointImpl.destroy), once the operations they run end.</summary>
    private void RollBackTransactions()
    {
        List<MemberTransaction> open;
        lock (_transactions)
        {
            open = [.. _transactions.Values];
            _transactions.Clear();
        }
        foreach (var tx in open) _ = RollBackQuietlyAsync(tx);
    }

    private static async Task RollBackQuietlyAsync(MemberTransaction tx)
    {
        try
        {
            await tx.RollbackAsync().ConfigureAwait(false);
        }
        catch (RemoteErrorException)
        {
            // committed or rolled back already
        }
    }

    internal ValueTask<ClientMessage?> TransactionCreate(ClientMessage request)
    {
        var p = TransactionCreateCodec.DecodeRequest(request);
        if (p.Timeout < 0) throw new RemoteErrorException(RemoteError.IllegalArgument, "Timeout can not be negative!");
        if (p.Durability < 0) throw new RemoteErrorException(RemoteError.IllegalArgument, "Durability cannot be negative!");
        if (p.TransactionType is not ((int)TransactionType.OnePhase or (int)TransactionType.TwoPhase))
            throw new RemoteErrorException(RemoteError.IllegalArgument, $"Unrecognized id: {p.TransactionType}");
        var tx = new MemberTransaction(Guid.NewGuid(), Owner(p.ThreadId), p.TransactionType == (int)TransactionType.OnePhase,
            p.Timeout == 0 ? DefaultTransactionTimeoutMs : p.Timeout, _state, _closed.Token);
        lock (_transactions) _transactions.Add(tx.Id, tx);
        if (_closed.IsCancellationRequested) RollBackTransactions(); // the connection closed meanwhile
        return Done(TransactionCreateCodec.EncodeResponse(tx.Id));
    }

    internal ValueTask<ClientMessage?> TransactionCommit(ClientMessage request)
    {
        var p = TransactionCommitCodec.DecodeRequest(request);
        var tx = Transaction(p.TransactionId);
        return Later(CommitAsync(tx));
    }

    // A commit that fails leaves the transaction registered: the client rolls it back (a real member does the same).
    private async Task<ClientMessage> CommitAsync(MemberTransaction tx)
    {
        await tx.CommitAsync(_closed.Token).ConfigureAwait(false);
        lock (_transactions) _transactions.Remove(tx.Id);
        return TransactionCommitCodec.EncodeResponse();
    }

    internal ValueTask<ClientMessage?> TransactionRollback(ClientMessage request)
    {
        var p = TransactionRollbackCodec.DecodeRequest(request);
        var tx = Transaction(p.TransactionId);
        lock (_transactions) _transactions.Remove(tx.Id);
        return Later(RollbackAsync(tx));
    }

    private static async Task<ClientMessage> RollbackAsync(MemberTransaction tx)
    {
        await tx.RollbackAsync().ConfigureAwait(false);
        return TransactionRollbackCodec.EncodeResponse();
    }

    // ------------------------------------------------------------------ TransactionalMap

    internal ValueTask<ClientMessage?> TransactionalMapContainsKey(ClientMessage request)
    {
        var p = TransactionalMapContainsKeyCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalMapContainsKeyCodec.EncodeResponse(!tx.MapGet(_state.Map(p.Name), p.Key).IsNull));
    }

    internal ValueTask<ClientMessage?> TransactionalMapGet(ClientMessage request)
    {
        var p = TransactionalMapGetCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalMapGetCodec.EncodeResponse(tx.MapGet(_state.Map(p.Name), p.Key)));
    }

    internal ValueTask<ClientMessage?> TransactionalMapGetForUpdate(ClientMessage request)
    {
        var p = TransactionalMapGetForUpdateCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx => TransactionalMapGetForUpdateCodec.EncodeResponse(
            await tx.MapGetForUpdateAsync(_state.Map(p.Name), p.Key, tx.Token).ConfigureAwait(false)));
    }

    internal ValueTask<ClientMessage?> TransactionalMapSize(ClientMessage request)
    {
        var p = TransactionalMapSizeCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalMapSizeCodec.EncodeResponse(tx.MapSize(_state.Map(p.Name))));
    }

    internal ValueTask<ClientMessage?> TransactionalMapIsEmpty(ClientMessage request)
    {
        var p = TransactionalMapIsEmptyCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalMapIsEmptyCodec.EncodeResponse(tx.MapSize(_state.Map(p.Name)) == 0));
    }

    internal ValueTask<ClientMessage?> TransactionalMapPut(ClientMessage request)
    {
        var p = TransactionalMapPutCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx => TransactionalMapPutCodec.EncodeResponse(
            await tx.MapWriteAsync(_state.Map(p.Name), p.Key, p.Value, p.Ttl, tx.Token).ConfigureAwait(false)));
    }

    internal ValueTask<ClientMessage?> TransactionalMapSet(ClientMessage request)
    {
        var p = TransactionalMapSetCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx =>
        {
            await tx.MapWriteAsync(_state.Map(p.Name), p.Key, p.Value, -1, tx.Token).ConfigureAwait(false);
            return TransactionalMapSetCodec.EncodeResponse();
        });
    }

    internal ValueTask<ClientMessage?> TransactionalMapPutIfAbsent(ClientMessage request)
    {
        var p = TransactionalMapPutIfAbsentCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx => TransactionalMapPutIfAbsentCodec.EncodeResponse(
            (await tx.MapWriteIfAsync(_state.Map(p.Name), p.Key, static seen => seen.IsNull, p.Value, tx.Token).ConfigureAwait(false)).Seen));
    }

    internal ValueTask<ClientMessage?> TransactionalMapReplace(ClientMessage request)
    {
        var p = TransactionalMapReplaceCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx =>
        {
            var (written, seen) = await tx.MapWriteIfAsync(_state.Map(p.Name), p.Key, static seen => !seen.IsNull, p.Value, tx.Token).ConfigureAwait(false);
            return TransactionalMapReplaceCodec.EncodeResponse(written ? seen : default);
        });
    }

    internal ValueTask<ClientMessage?> TransactionalMapReplaceIfSame(ClientMessage request)
    {
        var p = TransactionalMapReplaceIfSameCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx => TransactionalMapReplaceIfSameCodec.EncodeResponse(
            (await tx.MapWriteIfAsync(_state.Map(p.Name), p.Key, seen => seen.Equals(p.OldValue), p.NewValue, tx.Token).ConfigureAwait(false)).Written));
    }

    internal ValueTask<ClientMessage?> TransactionalMapRemove(ClientMessage request)
    {
        var p = TransactionalMapRemoveCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx => TransactionalMapRemoveCodec.EncodeResponse(
            await tx.MapWriteAsync(_state.Map(p.Name), p.Key, default, -1, tx.Token).ConfigureAwait(false)));
    }

    internal ValueTask<ClientMessage?> TransactionalMapDelete(ClientMessage request)
    {
        var p = TransactionalMapDeleteCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx =>
        {
            await tx.MapWriteAsync(_state.Map(p.Name), p.Key, default, -1, tx.Token).ConfigureAwait(false);
            return TransactionalMapDeleteCodec.EncodeResponse();
        });
    }

    internal ValueTask<ClientMessage?> TransactionalMapRemoveIfSame(ClientMessage request)
    {
        var p = TransactionalMapRemoveIfSameCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx => TransactionalMapRemoveIfSameCodec.EncodeResponse(
            (await tx.MapWriteIfAsync(_state.Map(p.Name), p.Key, seen => seen.Equals(p.Value), default, tx.Token).ConfigureAwait(false)).Written));
    }

    internal ValueTask<ClientMessage?> TransactionalMapKeySet(ClientMessage request)
    {
        var p = TransactionalMapKeySetCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalMapKeySetCodec.EncodeResponse([.. tx.MapEntries(_state.Map(p.Name)).Keys]));
    }

    internal ValueTask<ClientMessage?> TransactionalMapKeySetWithPredicate(ClientMessage request)
    {
        var p = TransactionalMapKeySetWithPredicateCodec.DecodeRequest(request);
        var predicate = TransactionalPredicate(p.Predicate);
        return InTransaction(p.TxnId, tx => TransactionalMapKeySetWithPredicateCodec.EncodeResponse(
            tx.MapEntries(_state.Map(p.Name)).Where(e => _state.Query.Matches(predicate, e.Key, e.Value)).Select(e => e.Key).ToList()));
    }

    internal ValueTask<ClientMessage?> TransactionalMapValues(ClientMessage request)
    {
        var p = TransactionalMapValuesCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalMapValuesCodec.EncodeResponse([.. tx.MapEntries(_state.Map(p.Name)).Values]));
    }

    internal ValueTask<ClientMessage?> TransactionalMapValuesWithPredicate(ClientMessage request)
    {
        var p = TransactionalMapValuesWithPredicateCodec.DecodeRequest(request);
        var predicate = TransactionalPredicate(p.Predicate);
        return InTransaction(p.TxnId, tx => TransactionalMapValuesWithPredicateCodec.EncodeResponse(
            tx.MapEntries(_state.Map(p.Name)).Where(e => _state.Query.Matches(predicate, e.Key, e.Value)).Select(e => e.Value).ToList()));
    }

    private IPredicate? TransactionalPredicate(Data data)
    {
        var predicate = _state.Query.ReadPredicate(data);
        return predicate is IPagingPredicate
            ? throw new RemoteErrorException(RemoteError.IllegalArgument, "Paging is not supported for Transactional queries")
            : predicate;
    }

    // ------------------------------------------------------------------ TransactionalMultiMap

    internal ValueTask<ClientMessage?> TransactionalMultiMapPut(ClientMessage request)
    {
        var p = TransactionalMultiMapPutCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx => TransactionalMultiMapPutCodec.EncodeResponse(
            await tx.MultiMapPutAsync(MultiMap(p.Name), p.Key, p.Value, tx.Token).ConfigureAwait(false)));
    }

    internal ValueTask<ClientMessage?> TransactionalMultiMapGet(ClientMessage request)
    {
        var p = TransactionalMultiMapGetCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalMultiMapGetCodec.EncodeResponse(tx.MultiMapGet(MultiMap(p.Name), p.Key)));
    }

    internal ValueTask<ClientMessage?> TransactionalMultiMapRemove(ClientMessage request)
    {
        var p = TransactionalMultiMapRemoveCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx => TransactionalMultiMapRemoveCodec.EncodeResponse(
            await tx.MultiMapRemoveAllAsync(MultiMap(p.Name), p.Key, tx.Token).ConfigureAwait(false)));
    }

    internal ValueTask<ClientMessage?> TransactionalMultiMapRemoveEntry(ClientMessage request)
    {
        var p = TransactionalMultiMapRemoveEntryCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx => TransactionalMultiMapRemoveEntryCodec.EncodeResponse(
            await tx.MultiMapRemoveAsync(MultiMap(p.Name), p.Key, p.Value, tx.Token).ConfigureAwait(false)));
    }

    internal ValueTask<ClientMessage?> TransactionalMultiMapValueCount(ClientMessage request)
    {
        var p = TransactionalMultiMapValueCountCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalMultiMapValueCountCodec.EncodeResponse(tx.MultiMapGet(MultiMap(p.Name), p.Key).Count));
    }

    internal ValueTask<ClientMessage?> TransactionalMultiMapSize(ClientMessage request)
    {
        var p = TransactionalMultiMapSizeCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalMultiMapSizeCodec.EncodeResponse(tx.MultiMapSize(MultiMap(p.Name))));
    }

    // ------------------------------------------------------------------ TransactionalQueue

    internal ValueTask<ClientMessage?> TransactionalQueueOffer(ClientMessage request)
    {
        var p = TransactionalQueueOfferCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx => TransactionalQueueOfferCodec.EncodeResponse(
            await tx.QueueOfferAsync(Queue(p.Name), p.Item, p.Timeout, tx.Token).ConfigureAwait(false)));
    }

    internal ValueTask<ClientMessage?> TransactionalQueueTake(ClientMessage request)
    {
        var p = TransactionalQueueTakeCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx => TransactionalQueueTakeCodec.EncodeResponse(
            await tx.QueuePollAsync(Queue(p.Name), -1, tx.Token).ConfigureAwait(false)));
    }

    internal ValueTask<ClientMessage?> TransactionalQueuePoll(ClientMessage request)
    {
        var p = TransactionalQueuePollCodec.DecodeRequest(request);
        return InTransactionAsync(p.TxnId, async tx => TransactionalQueuePollCodec.EncodeResponse(
            await tx.QueuePollAsync(Queue(p.Name), p.Timeout, tx.Token).ConfigureAwait(false)));
    }

    internal ValueTask<ClientMessage?> TransactionalQueuePeek(ClientMessage request)
    {
        var p = TransactionalQueuePeekCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalQueuePeekCodec.EncodeResponse(tx.QueuePeek(Queue(p.Name))));
    }

    internal ValueTask<ClientMessage?> TransactionalQueueSize(ClientMessage request)
    {
        var p = TransactionalQueueSizeCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalQueueSizeCodec.EncodeResponse(tx.CollectionSize(Queue(p.Name))));
    }

    // ------------------------------------------------------------------ TransactionalList, TransactionalSet

    internal ValueTask<ClientMessage?> TransactionalListAdd(ClientMessage request)
    {
        var p = TransactionalListAddCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalListAddCodec.EncodeResponse(tx.CollectionAdd(List(p.Name), p.Item)));
    }

    internal ValueTask<ClientMessage?> TransactionalListRemove(ClientMessage request)
    {
        var p = TransactionalListRemoveCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalListRemoveCodec.EncodeResponse(tx.CollectionRemove(List(p.Name), p.Item)));
    }

    internal ValueTask<ClientMessage?> TransactionalListSize(ClientMessage request)
    {
        var p = TransactionalListSizeCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalListSizeCodec.EncodeResponse(tx.CollectionSize(List(p.Name))));
    }

    internal ValueTask<ClientMessage?> TransactionalSetAdd(ClientMessage request)
    {
        var p = TransactionalSetAddCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalSetAddCodec.EncodeResponse(tx.CollectionAdd(Set(p.Name), p.Item)));
    }

    internal ValueTask<ClientMessage?> TransactionalSetRemove(ClientMessage request)
    {
        var p = TransactionalSetRemoveCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalSetRemoveCodec.EncodeResponse(tx.CollectionRemove(Set(p.Name), p.Item)));
    }

    internal ValueTask<ClientMessage?> TransactionalSetSize(ClientMessage request)
    {
        var p = TransactionalSetSizeCodec.DecodeRequest(request);
        return InTransaction(p.TxnId, tx => TransactionalSetSizeCodec.EncodeResponse(tx.CollectionSize(Set(p.Name))));
    }
}
