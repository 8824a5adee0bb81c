using Hazelcast.Protocol;

namespace Hazelcast.Testing;

/// <summary>Thrown by the member's handlers to answer with an error response of a given code and Java class.</summary>
internal sealed class RemoteErrorException(RemoteError error, string className, string message) : Exception(message)
{
    public RemoteError Error { get; } = error;

    public string ClassName { get; } = className;
}
