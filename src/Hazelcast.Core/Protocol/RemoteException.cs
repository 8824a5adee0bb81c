using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Protocol;

/// <summary>Error codes a member sends in an error response (Java's <c>ClientProtocolErrorCodes</c>, PROTOCOL.md §2.2).</summary>
#pragma warning disable CA1028, CA1008 // the values are the protocol's
public enum RemoteError
{
    /// <summary>An error code this client does not know.</summary>
    Undefined = 0,
    /// <summary>java.lang.ArrayIndexOutOfBoundsException</summary>
    ArrayIndexOutOfBounds = 1,
    /// <summary>java.lang.ArrayStoreException</summary>
    ArrayStore = 2,
    /// <summary>Authentication failed.</summary>
    Authentication = 3,
    /// <summary>A JCache error.</summary>
    Cache = 4,
    /// <summary>A JCache loader error.</summary>
    CacheLoader = 5,
    /// <summary>The cache does not exist.</summary>
    CacheNotExists = 6,
    /// <summary>A JCache writer error.</summary>
    CacheWriter = 7,
    /// <summary>The caller is not a member.</summary>
    CallerNotMember = 8,
    /// <summary>The operation was cancelled.</summary>
    Cancellation = 9,
    /// <summary>java.lang.ClassCastException</summary>
    ClassCast = 10,
    /// <summary>java.lang.ClassNotFoundException</summary>
    ClassNotFound = 11,
    /// <summary>java.util.ConcurrentModificationException</summary>
    ConcurrentModification = 12,
    /// <summary>Configuration mismatch.</summary>
    ConfigMismatch = 13,
    /// <summary>The distributed object was destroyed.</summary>
    DistributedObjectDestroyed = 14,
    /// <summary>java.io.EOFException</summary>
    Eof = 15,
    /// <summary>An entry processor failed.</summary>
    EntryProcessor = 16,
    /// <summary>java.util.concurrent.ExecutionException</summary>
    Execution = 17,
    /// <summary>A generic Hazelcast error.</summary>
    Hazelcast = 18,
    /// <summary>The member is not active (shutting down or starting).</summary>
    HazelcastInstanceNotActive = 19,
    /// <summary>The member is overloaded.</summary>
    HazelcastOverload = 20,
    /// <summary>Serialization failed on the member.</summary>
    HazelcastSerialization = 21,
    /// <summary>java.io.IOException</summary>
    IO = 22,
    /// <summary>java.lang.IllegalArgumentException</summary>
    IllegalArgument = 23,
    /// <summary>java.lang.IllegalAccessException</summary>
    IllegalAccessException = 24,
    /// <summary>java.lang.IllegalAccessError</summary>
    IllegalAccessError = 25,
    /// <summary>java.lang.IllegalMonitorStateException (for example unlocking a lock one does not own).</summary>
    IllegalMonitorState = 26,
    /// <summary>java.lang.IllegalStateException</summary>
    IllegalState = 27,
    /// <summary>java.lang.IllegalThreadStateException</summary>
    IllegalThreadState = 28,
    /// <summary>java.lang.IndexOutOfBoundsException</summary>
    IndexOutOfBounds = 29,
    /// <summary>java.lang.InterruptedException</summary>
    Interrupted = 30,
    /// <summary>An invalid address.</summary>
    InvalidAddress = 31,
    /// <summary>An invalid configuration.</summary>
    InvalidConfiguration = 32,
    /// <summary>A member left during the operation.</summary>
    MemberLeft = 33,
    /// <summary>java.lang.NegativeArraySizeException</summary>
    NegativeArraySize = 34,
    /// <summary>java.util.NoSuchElementException</summary>
    NoSuchElement = 35,
    /// <summary>java.io.NotSerializableException</summary>
    NotSerializable = 36,
    /// <summary>java.lang.NullPointerException</summary>
    NullPointer = 37,
    /// <summary>The operation timed out on the member.</summary>
    OperationTimeout = 38,
    /// <summary>The partition is migrating.</summary>
    PartitionMigrating = 39,
    /// <summary>A query failed.</summary>
    Query = 40,
    /// <summary>A query result exceeded its size limit.</summary>
    QueryResultSizeExceeded = 41,
    /// <summary>Split-brain protection rejected the operation.</summary>
    SplitBrainProtection = 42,
    /// <summary>A maximum size was reached.</summary>
    ReachedMaxSize = 43,
    /// <summary>java.util.concurrent.RejectedExecutionException</summary>
    RejectedExecution = 44,
    /// <summary>A response was already sent.</summary>
    ResponseAlreadySent = 45,
    /// <summary>A retryable Hazelcast error.</summary>
    RetryableHazelcast = 46,
    /// <summary>A retryable I/O error.</summary>
    RetryableIO = 47,
    /// <summary>java.lang.RuntimeException</summary>
    Runtime = 48,
    /// <summary>A security error.</summary>
    Security = 49,
    /// <summary>java.net.SocketException</summary>
    Socket = 50,
    /// <summary>A stale sequence.</summary>
    StaleSequence = 51,
    /// <summary>The target member disconnected.</summary>
    TargetDisconnected = 52,
    /// <summary>The target is not a member.</summary>
    TargetNotMember = 53,
    /// <summary>java.util.concurrent.TimeoutException</summary>
    Timeout = 54,
    /// <summary>A topic is overloaded.</summary>
    TopicOverload = 55,
    /// <summary>A transaction error.</summary>
    Transaction = 56,
    /// <summary>The transaction is not active.</summary>
    TransactionNotActive = 57,
    /// <summary>The transaction timed out.</summary>
    TransactionTimedOut = 58,
    /// <summary>A URI syntax error.</summary>
    UriSyntax = 59,
    /// <summary>A UTF data format error.</summary>
    UtfDataFormat = 60,
    /// <summary>java.lang.UnsupportedOperationException (also the answer to an unknown message type).</summary>
    UnsupportedOperation = 61,
    /// <summary>The operation reached the wrong member.</summary>
    WrongTarget = 62,
    /// <summary>An XA error.</summary>
    Xa = 63,
    /// <summary>Access control denied the operation.</summary>
    AccessControl = 64,
    /// <summary>Login failed.</summary>
    Login = 65,
    /// <summary>Unsupported callback.</summary>
    UnsupportedCallback = 66,
    /// <summary>No data member in the cluster.</summary>
    NoDataMember = 67,
    /// <summary>A replicated map cannot be created.</summary>
    ReplicatedMapCantBeCreated = 68,
    /// <summary>The maximum message size was exceeded.</summary>
    MaxMessageSizeExceeded = 69,
    /// <summary>The WAN replication queue is full.</summary>
    WanReplicationQueueFull = 70,
    /// <summary>java.lang.AssertionError</summary>
    AssertionError = 71,
    /// <summary>java.lang.OutOfMemoryError</summary>
    OutOfMemoryError = 72,
    /// <summary>java.lang.StackOverflowError</summary>
    StackOverflowError = 73,
    /// <summary>Native memory exhausted.</summary>
    NativeOutOfMemoryError = 74,
    /// <summary>The service was not found.</summary>
    ServiceNotFound = 75,
    /// <summary>A stale task id.</summary>
    StaleTaskId = 76,
    /// <summary>A duplicate task.</summary>
    DuplicateTask = 77,
    /// <summary>A stale task.</summary>
    StaleTask = 78,
    /// <summary>The local member was reset.</summary>
    LocalMemberReset = 79,
    /// <summary>The operation's outcome is indeterminate.</summary>
    IndeterminateOperationState = 80,
    /// <summary>Flake id node id out of range.</summary>
    FlakeIdNodeIdOutOfRange = 81,
    /// <summary>The target is not a replica.</summary>
    TargetNotReplica = 82,
    /// <summary>A mutation is not allowed.</summary>
    MutationDisallowed = 83,
    /// <summary>Consistency was lost.</summary>
    ConsistencyLost = 84,
    /// <summary>The CP session expired.</summary>
    SessionExpired = 85,
    /// <summary>A CP wait key was cancelled.</summary>
    WaitKeyCancelled = 86,
    /// <summary>A FencedLock reached its reentrancy limit.</summary>
    LockAcquireLimitReached = 87,
    /// <summary>A FencedLock's ownership was lost.</summary>
    LockOwnershipLost = 88,
    /// <summary>The CP group was destroyed.</summary>
    CPGroupDestroyed = 89,
    /// <summary>The CP group cannot replicate now.</summary>
    CannotReplicate = 90,
    /// <summary>The CP leader was demoted.</summary>
    LeaderDemoted = 91,
    /// <summary>A stale append request.</summary>
    StaleAppendRequest = 92,
    /// <summary>The target is not the CP leader.</summary>
    NotLeader = 93,
    /// <summary>A version mismatch.</summary>
    VersionMismatch = 94,
}
#pragma warning restore CA1028, CA1008

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
    public bool IsRetryable => IsRetryableError(Error);

    /// <inheritdoc />
    public override bool IsTransient => IsRetryable || Error == RemoteError.TargetDisconnected;

    internal static bool IsRetryableError(RemoteError error) => error is RemoteError.CallerNotMember
        or RemoteError.HazelcastInstanceNotActive or RemoteError.MemberLeft or RemoteError.PartitionMigrating
        or RemoteError.RetryableHazelcast or RemoteError.RetryableIO or RemoteError.TargetNotMember
        or RemoteError.WrongTarget or RemoteError.TargetNotReplica or RemoteError.CannotReplicate;

    /// <summary>Builds the exception chain of an error response: the first holder is thrown, the next ones are its causes.</summary>
    internal static RemoteException FromErrorResponse(ClientMessage message)
    {
        var holders = ErrorCodec.Decode(message);
        if (holders.Count == 0) return new RemoteException(RemoteError.Undefined, 0, "unknown", "The member sent an empty error response.", "", null);
        RemoteException? cause = null;
        for (var i = holders.Count - 1; i >= 0; i--)
        {
            var h = holders[i];
            var error = Enum.IsDefined(typeof(RemoteError), h.ErrorCode) ? (RemoteError)h.ErrorCode : RemoteError.Undefined;
            var trace = string.Join(Environment.NewLine, h.StackTraceElements.Select(e => $"   at {e.ClassName}.{e.MethodName}({e.FileName}:{e.LineNumber})"));
            cause = new RemoteException(error, h.ErrorCode, h.ClassName, h.Message, trace, cause);
        }
        return cause!;
    }
}
