namespace Hazelcast;

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

/// <summary>The cluster rejected the client's credentials or cluster name.</summary>
public sealed class AuthenticationException : HazelcastException
{
    /// <summary>Creates the exception.</summary>
    public AuthenticationException(string message) : base(message) { }
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
