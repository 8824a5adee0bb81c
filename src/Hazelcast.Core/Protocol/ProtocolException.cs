namespace Hazelcast.Protocol;

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
