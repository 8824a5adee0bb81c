namespace Hazelcast;

/// <summary>
/// A JSON document stored as a JSON value on the cluster (serializer type −130), so that members can query its
/// attributes. The text is not parsed or validated by the client.
/// </summary>
public sealed class HazelcastJsonValue : IEquatable<HazelcastJsonValue>
{
    /// <summary>Wraps a JSON text.</summary>
    public HazelcastJsonValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    /// <summary>The JSON text.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public bool Equals(HazelcastJsonValue? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as HazelcastJsonValue);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The JSON text.</summary>
    public override string ToString() => Value;
}
