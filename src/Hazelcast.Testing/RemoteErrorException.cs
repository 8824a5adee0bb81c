using Hazelcast.Protocol;

namespace Hazelcast.Testing;

/// <summary>
/// Thrown by the member's handlers to answer with an error response of a given code; the Java class the response
/// names is the protocol table's for that code (<see cref="RemoteErrors.JavaClassName"/>), or, for an exception the
/// protocol has no code for (a real member sends those as Undefined), <paramref name="className"/>.
/// </summary>
internal sealed class RemoteErrorException(RemoteError error, string message, string? className = null) : Exception(message)
{
    public RemoteError Error { get; } = error;

    public string ClassName { get; } = className ?? RemoteErrors.JavaClassName(error);
}
