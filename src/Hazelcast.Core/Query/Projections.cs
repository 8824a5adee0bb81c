using Hazelcast.Serialization;

namespace Hazelcast.Query;

/// <summary>
/// A projection the members apply to each of a map's entries (or those a predicate selects), so that only the
/// projected parts cross the network. Build one with <see cref="Projections"/>.
/// </summary>
/// <typeparam name="TResult">What each entry is projected to.</typeparam>
public interface IProjection<TResult>
{
    /// <summary>The attribute paths the projection reads (empty for the identity projection).</summary>
    IReadOnlyList<string> Attributes { get; }
}

/// <summary>
/// Hazelcast's built-in projections (IdentifiedDataSerializable, factory −30), which any member runs. Attribute paths
/// are read as predicates read them (<c>this</c>, <c>__key</c>, <c>address.city</c>, <c>tags[0]</c>), except that
/// <c>[any]</c> is not allowed: a projection gives one value per path.
/// </summary>
public static class Projections
{
    /// <summary>The value of one attribute of each entry (null where the entry has none).</summary>
    public static IProjection<TResult?> SingleAttribute<TResult>(string attributePath)
        => new Projection<TResult?>(ProjectionData.SingleAttribute, [Check(attributePath, nameof(attributePath))], r => r is null ? default : (TResult)r);

    /// <summary>The values of several attributes of each entry, in the order of the paths.</summary>
    public static IProjection<object?[]> MultiAttribute(params string[] attributePaths)
    {
        ArgumentNullException.ThrowIfNull(attributePaths);
        if (attributePaths.Length == 0) throw new ArgumentException("A multi-attribute projection needs at least one attribute path.", nameof(attributePaths));
        return new Projection<object?[]>(ProjectionData.MultiAttribute, attributePaths.Select(p => Check(p, nameof(attributePaths))).ToArray(),
            r => r as object?[] ?? throw new SerializationException($"The member answered a multi-attribute projection with a {r?.GetType().Name ?? "null"}, not an object array."));
    }

    /// <summary>Each entry itself, key and value.</summary>
    public static IProjection<KeyValuePair<TKey, TValue>> Identity<TKey, TValue>()
        => new Projection<KeyValuePair<TKey, TValue>>(ProjectionData.Identity, [], r => r is MapEntryData e
            ? e.ToPair<TKey, TValue>()
            : throw new SerializationException($"The member answered an identity projection with a {r?.GetType().Name ?? "null"}, not a map entry."));

    private static string Check(string path, string paramName)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("An attribute path cannot be null or empty.", paramName);
        if (path.Contains("[any]", StringComparison.Ordinal)) throw new ArgumentException($"The attribute path '{path}' contains [any]: a projection gives one value per path.", paramName);
        return path;
    }
}

/// <summary>A built-in projection and how to turn each value the member sends into its result.</summary>
internal sealed class Projection<TResult>(int classId, string[] attributes, Func<object?, TResult> result) : IProjection<TResult>
{
    public IReadOnlyList<string> Attributes => attributes;

    /// <summary>What is sent: the projection as Hazelcast serializes it.</summary>
    public ProjectionData Data { get; } = new(classId) { Attributes = attributes };

    public TResult Result(object? answer) => result(answer);
}
