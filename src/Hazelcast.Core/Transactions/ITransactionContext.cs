namespace Hazelcast.Transactions;

/// <summary>Where a transaction stands.</summary>
public enum TransactionState
{
    /// <summary>Begun: its operations run, and it can be committed or rolled back.</summary>
    Active,
    /// <summary>The commit was sent; its answer has not come yet.</summary>
    Committing,
    /// <summary>Committed: every change is applied, and visible to all.</summary>
    Committed,
    /// <summary>Rolled back (by the client, or by the member when the transaction's connection closed): none of its changes is applied.</summary>
    RolledBack,
    /// <summary>The commit was sent but its answer never came: it may or may not have committed (<see cref="TransactionOutcomeUnknownException"/>).</summary>
    OutcomeUnknown,
}

/// <summary>
/// A transaction: maps, queues, lists, sets and multimaps changed together, committed or rolled back as one.
/// Begin one with <see cref="IHazelcastClient.BeginTransactionAsync"/>; disposing it without a commit rolls it back.
/// </summary>
/// <remarks>
/// <para>
/// A transaction lives on the connection it began on (Hazelcast binds it to that connection): all its requests go
/// over it, and if that connection is lost the member rolls the transaction back, and its next operation fails with
/// <see cref="TransactionException"/>. Its writes are invisible to others until the commit; the map and multimap
/// keys it writes (and those it reads with <c>GetForUpdateAsync</c>) are locked until it ends, so others' writes to
/// them wait. Its operations run one after the other on the member, in the order they were sent.
/// </para>
/// <para>
/// An operation cancelled (or timed out) while in flight leaves the transaction in a state the client cannot know:
/// it can then only be rolled back.
/// </para>
/// </remarks>
public interface ITransactionContext : IAsyncDisposable
{
    /// <summary>The transaction's id, given by the member.</summary>
    Guid TransactionId { get; }

    /// <summary>Where the transaction stands.</summary>
    TransactionState State { get; }

    /// <summary>A copy of the options the transaction runs with.</summary>
    TransactionOptions Options { get; }

    /// <summary>The map of that name, as this transaction sees and changes it.</summary>
    /// <exception cref="ArgumentException">The name is null or empty.</exception>
    ITransactionalMap<TKey, TValue> GetMap<TKey, TValue>(string name) where TKey : notnull;

    /// <summary>The queue of that name, as this transaction sees and changes it.</summary>
    ITransactionalQueue<T> GetQueue<T>(string name);

    /// <summary>The list of that name, as this transaction sees and changes it.</summary>
    ITransactionalList<T> GetList<T>(string name);

    /// <summary>The set of that name, as this transaction sees and changes it.</summary>
    ITransactionalSet<T> GetSet<T>(string name);

    /// <summary>The multimap of that name, as this transaction sees and changes it.</summary>
    ITransactionalMultiMap<TKey, TValue> GetMultiMap<TKey, TValue>(string name) where TKey : notnull;

    /// <summary>
    /// Commits: every change becomes visible and the locks go. The token is honoured until the commit is sent; from
    /// then on the commit runs to its answer (bounded by the invocation timeout), so that its outcome is known.
    /// </summary>
    /// <exception cref="TransactionNotActiveException">The transaction is not active (committed, rolled back, or an operation was cancelled in flight).</exception>
    /// <exception cref="TransactionTimedOutException">The commit came after the transaction's timeout; the transaction was rolled back.</exception>
    /// <exception cref="TransactionException">The member refused the commit (a lock lapsed, ...); the transaction was rolled back.</exception>
    /// <exception cref="TransactionOutcomeUnknownException">The answer never came: it may or may not have committed.</exception>
    ValueTask CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Rolls back: none of the changes is applied, the locks go, and what the transaction's polls took goes back to
    /// its queue. Rolling back a transaction rolled back already does nothing.
    /// </summary>
    /// <exception cref="TransactionNotActiveException">The transaction was committed.</exception>
    ValueTask RollbackAsync(CancellationToken cancellationToken = default);
}
