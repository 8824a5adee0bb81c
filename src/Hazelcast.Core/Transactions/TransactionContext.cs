using Hazelcast.DistributedObjects;
using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Transactions;

/// <summary>
/// A transaction on the member, over the one connection it was created on (Transaction.Create): every request of
/// the transaction and of its proxies goes over that connection, with the transaction's own thread id, so that the
/// keys it locks are its own and not its caller's.
/// </summary>
internal sealed partial class TransactionContext : ITransactionContext
{
    private readonly ProxyServices _services;
    private readonly MessageConnection _connection;
    private readonly TransactionOptions _options;
    private int _state; // a TransactionState
    private volatile string? _onlyRollback; // why the transaction can only be rolled back

    private TransactionContext(ProxyServices services, MessageConnection connection, TransactionOptions options, Guid id, long threadId)
    {
        _services = services;
        _connection = connection;
        _options = options;
        TransactionId = id;
        ThreadId = threadId;
    }

    public Guid TransactionId { get; }

    /// <summary>The thread id the transaction's requests carry: a new lock owner, the transaction's own.</summary>
    public long ThreadId { get; }

    public TransactionState State => (TransactionState)Volatile.Read(ref _state);

    public TransactionOptions Options => _options.Clone();

    private long TimeoutMs => (long)_options.Timeout.TotalMilliseconds;

    /// <summary>
    /// Creates the transaction on a connection of the client's (waiting for one as any operation does). A connection
    /// that closes before the answer takes with it any transaction the member made on it: another one is tried,
    /// within the invocation timeout.
    /// </summary>
    public static async Task<TransactionContext> BeginAsync(ProxyServices services, TransactionOptions options, CancellationToken cancellationToken)
    {
        var invoker = services.Invoker;
        var threadId = LockContext.NewId();
        var started = services.Time.GetTimestamp();
        while (true)
        {
            var connection = await invoker.GetAnyConnectionAsync(cancellationToken).ConfigureAwait(false);
            var request = TransactionCreateCodec.EncodeRequest((long)options.Timeout.TotalMilliseconds, options.Durability, (int)options.Type, threadId);
            try
            {
                var response = await invoker.InvokeOnConnectionAsync(request, connection, cancellationToken).ConfigureAwait(false);
                return new TransactionContext(services, connection, options, TransactionCreateCodec.DecodeResponse(response), threadId);
            }
            catch (HazelcastConnectionException e) when (invoker.InvocationTimeout == Timeout.InfiniteTimeSpan || services.Time.GetElapsedTime(started) < invoker.InvocationTimeout)
            {
                Log.BeginRetried(services.Logger, connection.ToString(), e.Message);
            }
        }
    }

    public ITransactionalMap<TKey, TValue> GetMap<TKey, TValue>(string name) where TKey : notnull
        => new TransactionalMap<TKey, TValue>(Named(name), this, _services);

    public ITransactionalQueue<T> GetQueue<T>(string name) => new TransactionalQueue<T>(Named(name), this, _services);

    public ITransactionalList<T> GetList<T>(string name) => new TransactionalList<T>(Named(name), this, _services);

    public ITransactionalSet<T> GetSet<T>(string name) => new TransactionalSet<T>(Named(name), this, _services);

    public ITransactionalMultiMap<TKey, TValue> GetMultiMap<TKey, TValue>(string name) where TKey : notnull
        => new TransactionalMultiMap<TKey, TValue>(Named(name), this, _services);

    private static string Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return name;
    }

    /// <summary>How long an operation that may wait on the member for a key lock (the transaction's timeout at most) may take.</summary>
    public TimeSpan LockingInvocationTimeout => _services.Invoker.WaitingInvocationTimeout(TimeoutMs);

    /// <summary>
    /// Sends an operation of the transaction over its connection. The connection lost: the member rolled the
    /// transaction back. Cancelled or timed out in flight: what it did on the member is unknown, so the transaction
    /// can then only be rolled back. The member's transaction errors come as this client's transaction exceptions.
    /// </summary>
    public async Task<ClientMessage> InvokeAsync(ClientMessage request, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        if (State != TransactionState.Active) throw NotActive("run an operation");
        try
        {
            return await _services.Invoker.InvokeOnConnectionAsync(request, _connection, cancellationToken, timeout).ConfigureAwait(false);
        }
        catch (HazelcastConnectionException e) when (!_connection.IsActive)
        {
            Volatile.Write(ref _state, (int)TransactionState.RolledBack);
            throw new TransactionException($"The connection {_connection} that transaction {TransactionId} lives on was lost: the member rolled the transaction back, and nothing it wrote is visible.", e);
        }
        catch (RemoteException e) when (ToTransactionException(e, $"The member refused an operation of transaction {TransactionId}") is { } translated)
        {
            throw translated;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _onlyRollback = $"an operation ({request}) was cancelled while in flight, and what it did on the member is unknown";
            throw;
        }
        catch (HazelcastTimeoutException)
        {
            _onlyRollback = $"an operation ({request}) timed out in flight, and what it did on the member is unknown";
            throw;
        }
    }

    private static TransactionException? ToTransactionException(RemoteException e, string what) => e.Error switch
    {
        RemoteError.TransactionTimedOut => new TransactionTimedOutException($"{what}: {e.Message}", e),
        RemoteError.TransactionNotActive => new TransactionNotActiveException($"{what}: {e.Message}", e),
        RemoteError.Transaction => new TransactionException($"{what}: {e.Message}", e),
        _ => null,
    };

    private TransactionNotActiveException NotActive(string action)
        => new($"Cannot {action}: transaction {TransactionId} is {State}{(_onlyRollback is { } why && State == TransactionState.Active ? $" but can only be rolled back: {why}" : "")}.");

    public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_onlyRollback is not null || Interlocked.CompareExchange(ref _state, (int)TransactionState.Committing, (int)TransactionState.Active) != (int)TransactionState.Active)
            throw NotActive("commit");
        try
        {
            // Not cancellable once sent: the outcome must be known (the invocation timeout bounds the wait).
            await _services.Invoker.InvokeOnConnectionAsync(TransactionCommitCodec.EncodeRequest(TransactionId, ThreadId), _connection, CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref _state, (int)TransactionState.Committed);
        }
        catch (RemoteException e)
        {
            // The member refused the commit and keeps the transaction: roll it back, so that its locks and taken items go
            // now. Should that fail too, nothing was committed all the same: the member rolls it back when its connection closes.
            try
            {
                await RollbackOnMemberAsync().ConfigureAwait(false);
            }
            catch (HazelcastException)
            {
                Volatile.Write(ref _state, (int)TransactionState.RolledBack);
            }
            var partly = _options.Type == TransactionType.OnePhase ? " (a ONE_PHASE commit that fails part way keeps the writes it applied before it failed)" : "";
            throw e.Error == RemoteError.TransactionTimedOut
                ? new TransactionTimedOutException($"Transaction {TransactionId} was committed after its timeout ({_options.Timeout}): it was rolled back.", e)
                : ToTransactionException(e, $"The member refused to commit transaction {TransactionId}; it was rolled back{partly}")
                  ?? new TransactionException($"The member refused to commit transaction {TransactionId} ({e.Message}); it was rolled back{partly}.", e);
        }
        catch (HazelcastConnectionException e) when (!e.RequestSent)
        {
            Volatile.Write(ref _state, (int)TransactionState.RolledBack);
            throw new TransactionException($"The connection {_connection} that transaction {TransactionId} lives on was lost before the commit was sent: the member rolled the transaction back.", e);
        }
        catch (Exception e) when (e is HazelcastConnectionException or HazelcastTimeoutException)
        {
            Volatile.Write(ref _state, (int)TransactionState.OutcomeUnknown);
            throw new TransactionOutcomeUnknownException($"The commit of transaction {TransactionId} was sent over {_connection}, but its answer never came ({e.Message}): it may or may not have committed.", e);
        }
    }

    public async ValueTask RollbackAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (State)
        {
            case TransactionState.RolledBack:
                return;
            case TransactionState.Active:
                await RollbackOnMemberAsync().ConfigureAwait(false);
                return;
            default:
                throw NotActive("roll back");
        }
    }

    /// <summary>
    /// Rolls back on the member; not cancellable once sent. A lost connection, or a member that no longer knows the
    /// transaction, means it was rolled back already (a member rolls back the transactions of a connection that closes).
    /// </summary>
    private async Task RollbackOnMemberAsync()
    {
        try
        {
            await _services.Invoker.InvokeOnConnectionAsync(TransactionRollbackCodec.EncodeRequest(TransactionId, ThreadId), _connection, CancellationToken.None).ConfigureAwait(false);
        }
        catch (HazelcastConnectionException)
        {
        }
        catch (RemoteException e) when (e.Error == RemoteError.Transaction)
        {
        }
        Volatile.Write(ref _state, (int)TransactionState.RolledBack);
    }

    /// <summary>Rolls back a transaction that was neither committed nor rolled back; a failure is logged, not thrown.</summary>
    public async ValueTask DisposeAsync()
    {
        if (State != TransactionState.Active) return;
        try
        {
            await RollbackOnMemberAsync().ConfigureAwait(false);
        }
        catch (HazelcastException e)
        {
            Log.RollbackFailed(_services.Logger, e, TransactionId, _connection.ToString());
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = HazelcastEventIds.InvocationRetry, Level = LogLevel.Debug, Message = "A transaction could not begin over {Connection} ({Reason}): trying another connection")]
        public static partial void BeginRetried(ILogger logger, string connection, string reason);

        [LoggerMessage(EventId = HazelcastEventIds.TransactionRollbackFailed, Level = LogLevel.Warning, Message = "Transaction {TransactionId}, disposed of without a commit, could not be rolled back over {Connection}; the member rolls it back when that connection closes, and its locks lapse after its timeout")]
        public static partial void RollbackFailed(ILogger logger, Exception exception, Guid transactionId, string connection);
    }
}
