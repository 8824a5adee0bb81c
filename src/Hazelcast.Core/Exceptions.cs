using Hazelcast.Protocol;

namespace Hazelcast;

// Every public exception of the client, in one place. Each is a HazelcastException: one catch serves all.

/// <summary>The base of every exception this client throws for Hazelcast-specific failures.</summary>
public class HazelcastException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HazelcastException() { }

    /// <summary>Creates the exception with a message.</summary>
    public HazelcastException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public HazelcastException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Whether retrying the same operation later may succeed (a connection dropped, a member left, ...).</summary>
    public virtual bool IsTransient => false;
}

/// <summary>
/// An operation did not complete within its timeout. A <see cref="HazelcastException"/> like every failure of the
/// client (one catch serves all, as Npgsql does it); its inner exception is the last failure seen before the timeout,
/// or a <see cref="TimeoutException"/>.
/// </summary>
public sealed class HazelcastTimeoutException : HazelcastException
{
    /// <summary>Creates the exception with a message.</summary>
    public HazelcastTimeoutException(string message) : base(message, new TimeoutException(message)) { }

    /// <summary>Creates the exception with a message and the last failure seen before the timeout.</summary>
    public HazelcastTimeoutException(string message, Exception? innerException) : base(message, innerException ?? new TimeoutException(message)) { }

    /// <inheritdoc />
    public override bool IsTransient => true;
}

/// <summary>
/// The client is reconnecting to the cluster and fails operations at once meanwhile
/// (<see cref="ReconnectMode.ReconnectAsync"/>): retry later, or read <see cref="IHazelcastClient.State"/>.
/// </summary>
public sealed class ClientOfflineException : HazelcastException
{
    /// <summary>Creates the exception with a message.</summary>
    public ClientOfflineException(string message) : base(message) { }

    /// <inheritdoc />
    public override bool IsTransient => true;
}

/// <summary>The client is not connected, or the connection carrying an operation was lost.</summary>
public sealed class HazelcastConnectionException : HazelcastException
{
    /// <summary>Creates the exception.</summary>
    public HazelcastConnectionException(string message, bool requestSent = false, Exception? innerException = null)
        : base(message, innerException!)
    {
        RequestSent = requestSent;
    }

    /// <summary>Whether the request had been written to the socket before the connection failed (it may have been applied).</summary>
    public bool RequestSent { get; }

    /// <inheritdoc />
    public override bool IsTransient => true;
}

/// <summary>The client was shut down (or is shutting down) and cannot run operations.</summary>
public sealed class ClientNotActiveException : HazelcastException
{
    /// <summary>Creates the exception.</summary>
    public ClientNotActiveException(string message) : base(message) { }
}

/// <summary>The cluster rejected the client's credentials or cluster name, or the TLS handshake refused the server (or the server the client).</summary>
public sealed class AuthenticationException : HazelcastException
{
    /// <summary>Creates the exception.</summary>
    public AuthenticationException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause (a TLS handshake's error).</summary>
    public AuthenticationException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>Too many operations are in flight (see <see cref="MessagingOptions.MaxConcurrentInvocations"/>).</summary>
public sealed class HazelcastOverloadException : HazelcastException
{
    /// <summary>Creates the exception.</summary>
    public HazelcastOverloadException(string message) : base(message) { }

    /// <inheritdoc />
    public override bool IsTransient => true;
}

/// <summary>
/// A write was applied by its primary replica but not every backup acknowledged it in time: whether it would
/// survive the loss of the primary is unknown. Raised only when <see cref="MessagingOptions.FailOnIndeterminateOperationState"/> is set.
/// </summary>
public sealed class IndeterminateOperationStateException : HazelcastException
{
    /// <summary>Creates the exception.</summary>
    public IndeterminateOperationStateException(string message) : base(message) { }
}

/// <summary>
/// Thrown when bytes received from the network do not form a valid protocol message
/// (a bad frame length, a truncated message, a missing field). The connection that produced them is closed.
/// </summary>
public sealed class ProtocolException : HazelcastException
{
    /// <summary>Creates the exception with a message that says what is wrong.</summary>
    public ProtocolException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public ProtocolException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>An error returned by a member: the Java exception's class, message and code.</summary>
public sealed class RemoteException : HazelcastException
{
    internal RemoteException(RemoteError error, int code, string className, string? message, string serverStackTrace, Exception? cause)
        : base(message is null ? $"{className} (code {code})" : $"{className}: {message}", cause!)
    {
        Error = error;
        ErrorCode = code;
        ClassName = className;
        ServerStackTrace = serverStackTrace;
    }

    /// <summary>The error, or <see cref="RemoteError.Undefined"/> for a code this client does not know (see <see cref="ErrorCode"/>).</summary>
    public RemoteError Error { get; }

    /// <summary>The raw error code sent by the member.</summary>
    public int ErrorCode { get; }

    /// <summary>The Java class name of the exception thrown on the member.</summary>
    public string ClassName { get; }

    /// <summary>The member's stack trace, one frame a line.</summary>
    public string ServerStackTrace { get; }

    /// <summary>Whether the official clients retry an operation that failed with this error.</summary>
    public bool IsRetryable => RemoteErrors.IsRetryable(Error);

    /// <inheritdoc />
    public override bool IsTransient => IsRetryable || Error == RemoteError.TargetDisconnected;
}

/// <summary>A value could not be serialized or deserialized (an unsupported type, corrupt bytes, a type mismatch).</summary>
public class SerializationException : HazelcastException
{
    /// <summary>Creates the exception with a message that names the type or type id involved.</summary>
    public SerializationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public SerializationException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>The CP session that held a lock or permits expired or closed: the lock is no longer owned.</summary>
public sealed class LockOwnershipLostException : HazelcastException
{
    /// <summary>Creates the exception.</summary>
    public LockOwnershipLostException(string message) : base(message) { }
}

/// <summary>A <see cref="CP.IFencedLock"/> could not be acquired again by its owner: its reentrancy limit is reached.</summary>
public sealed class LockAcquireLimitReachedException : HazelcastException
{
    /// <summary>Creates the exception.</summary>
    public LockAcquireLimitReachedException(string message) : base(message) { }
}

/// <summary>
/// A ringbuffer read asked for a sequence the ringbuffer no longer holds (older than its head: overwritten, or expired
/// by its time to live). Read from <see cref="DistributedObjects.IHRingBuffer{T}.GetHeadSequenceAsync"/> on.
/// </summary>
public sealed class StaleSequenceException : HazelcastException
{
    /// <summary>Creates the exception with a message and the member's error.</summary>
    public StaleSequenceException(string message, Exception? innerException) : base(message, innerException!) { }
}

/// <summary>
/// A reliable topic refused a message: its ringbuffer is full of messages still within their time to live and the
/// topic's overload policy is <see cref="DistributedObjects.TopicOverloadPolicy.Error"/>.
/// </summary>
public sealed class TopicOverloadException : HazelcastException
{
    /// <summary>Creates the exception with a message.</summary>
    public TopicOverloadException(string message) : base(message) { }
}

/// <summary>
/// A CRDT (a PN counter) cannot give its session guarantees: no replica the client can reach has seen the writes the
/// client saw (the replicas that had were lost). Call <see cref="DistributedObjects.IPNCounter.ResetAsync"/> to begin a
/// new session, knowing that the counter's value may have gone back.
/// </summary>
public sealed class ConsistencyLostException : HazelcastException
{
    /// <summary>Creates the exception with a message and the member's error.</summary>
    public ConsistencyLostException(string message, Exception? innerException = null) : base(message, innerException!) { }
}

/// <summary>
/// A transaction failed: the member refused it (its message says why), or the connection it lives on was lost
/// (then the member rolled it back). <see cref="Transactions.ITransactionContext.State"/> says where it stands.
/// </summary>
public class TransactionException : HazelcastException
{
    /// <summary>Creates the exception with a message.</summary>
    public TransactionException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause (the member's error, a lost connection).</summary>
    public TransactionException(string message, Exception? innerException) : base(message, innerException!) { }
}

/// <summary>An operation on a transaction that is no longer active: committed, rolled back, or failed.</summary>
public sealed class TransactionNotActiveException : TransactionException
{
    /// <summary>Creates the exception with a message.</summary>
    public TransactionNotActiveException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>
/// A transaction ran out of time: a key it wanted to lock stayed locked by another owner for the whole transaction
/// timeout, or it was committed after its timeout (it was then rolled back).
/// </summary>
public sealed class TransactionTimedOutException : TransactionException
{
    /// <summary>Creates the exception with a message and the member's error.</summary>
    public TransactionTimedOutException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>
/// The commit was sent but its answer never came (the connection was lost, or the invocation timed out): the
/// transaction may or may not have committed. Read back what it wrote to know; writing it again must be idempotent
/// (for example, remove the source entry in the retried transaction and skip it if it is gone).
/// </summary>
public sealed class TransactionOutcomeUnknownException : TransactionException
{
    /// <summary>Creates the exception with a message and the failure that hid the outcome.</summary>
    public TransactionOutcomeUnknownException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>An SQL statement failed: Hazelcast's SQL error code, the member that raised it, and its suggestion if any.</summary>
public sealed class HazelcastSqlException : HazelcastException
{
    internal HazelcastSqlException(SqlErrorCode code, string message, Guid memberId, string? suggestion = null, Exception? cause = null)
        : base(message, cause!)
    {
        Code = code;
        MemberId = memberId;
        Suggestion = suggestion;
    }

    /// <summary>The SQL error code (an undefined value for a code this client does not know).</summary>
    public SqlErrorCode Code { get; }

    /// <summary>The member where the error happened (the client's own id for errors it raised itself).</summary>
    public Guid MemberId { get; }

    /// <summary>What the member suggests to do, such as the <c>CREATE MAPPING</c> a missing mapping needs.</summary>
    public string? Suggestion { get; }

    /// <inheritdoc />
    public override bool IsTransient => Code is SqlErrorCode.ConnectionProblem or SqlErrorCode.PartitionDistribution or SqlErrorCode.TopologyChange or SqlErrorCode.RestartableError;
}
