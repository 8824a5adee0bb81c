using Hazelcast.Protocol;

namespace Hazelcast.Testing;

/// <summary>
/// Thrown by the member's handlers to answer with an error response of a given code; the Java class the response
/// names is the protocol table's for that code (<see cref="RemoteErrors.JavaClassName"/>).
/// </summary>
internal sealed class RemoteErrorException(RemoteError error, string message) : Exception(message)
{
    public RemoteError Error { get; } = error;
}
