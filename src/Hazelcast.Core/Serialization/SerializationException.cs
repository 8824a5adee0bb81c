namespace Hazelcast.Serialization;

/// <summary>A value could not be serialized or deserialized (an unsupported type, corrupt bytes, a type mismatch).</summary>
public class SerializationException : HazelcastException
{
    /// <summary>Creates the exception with a message that names the type or type id involved.</summary>
    public SerializationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public SerializationException(string message, Exception innerException) : base(message, innerException) { }
}
