namespace Hazelcast.Serialization.Compact;

/// <summary>
/// An explicit Compact serializer for <typeparamref name="T"/>, registered with
/// <see cref="CompactOptions.AddSerializer{T}"/>. Types without one are serialized by reflection (zero configuration).
/// </summary>
public interface ICompactSerializer<T>
{
    /// <summary>The Compact type name: the same in every client and language that shares these objects.</summary>
    string TypeName { get; }

    /// <summary>Writes the fields of a value (always the same fields, with the same kinds).</summary>
    void Write(ICompactWriter writer, T value);

    /// <summary>Reads a value.</summary>
    T Read(ICompactReader reader);
}

/// <summary>
/// Names a type's Compact type name, or a property's Compact field name, for zero-configuration Compact
/// serialization. Without it a type is named by its full .NET name and a field by its property name.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Property, Inherited = false)]
public sealed class CompactNameAttribute(string name) : Attribute
{
    /// <summary>The name.</summary>
    public string Name { get; } = name;
}

/// <summary>Compact serialization options: explicit serializers.</summary>
public sealed class CompactOptions
{
    internal Dictionary<Type, CompactRegistration> Serializers { get; } = [];

    /// <summary>Registers an explicit serializer for <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException">The type or the type name already has a serializer, or the type name is empty.</exception>
    public CompactOptions AddSerializer<T>(ICompactSerializer<T> serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        if (string.IsNullOrEmpty(serializer.TypeName)) throw new ArgumentException($"The Compact serializer of {typeof(T).FullName} has no type name.", nameof(serializer));
        if (Serializers.ContainsKey(typeof(T))) throw new ArgumentException($"A Compact serializer for {typeof(T).FullName} is already registered.", nameof(serializer));
        if (Serializers.Values.Any(r => r.TypeName == serializer.TypeName))
            throw new ArgumentException($"Another Compact serializer already has the type name '{serializer.TypeName}'.", nameof(serializer));
        Serializers[typeof(T)] = new CompactRegistration(typeof(T), serializer.TypeName, (w, v) => serializer.Write(w, (T)v), r => serializer.Read(r));
        return this;
    }
}

/// <summary>How one .NET type is written and read as Compact, and its schema once known.</summary>
internal sealed class CompactRegistration(Type type, string typeName, Action<ICompactWriter, object> write, Func<ICompactReader, object?> read)
{
    public Type Type { get; } = type;
    public string TypeName { get; } = typeName;
    public Action<ICompactWriter, object> Write { get; } = write;
    public Func<ICompactReader, object?> Read { get; } = read;

    /// <summary>The schema this client writes for the type: made from the first object written.</summary>
    public CompactSchema? Schema { get; set; }
}
