using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Protocol;

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

    internal static bool IsRetryableError(RemoteError error) => RemoteErrors.IsRetryable(error);

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
