using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Protocol;

/// <summary>Reads error responses (PROTOCOL.md §2.1).</summary>
internal static class ErrorResponses
{
    /// <summary>Builds the exception chain of an error response: the first holder is thrown, the next ones are its causes.</summary>
    public static RemoteException Decode(ClientMessage message)
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
