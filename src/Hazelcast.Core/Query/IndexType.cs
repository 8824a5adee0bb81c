namespace Hazelcast.Query;

/// <summary>The kinds of map index (Java's <c>IndexType</c>).</summary>
public enum IndexType
{
    /// <summary>An ordered index: equality and range queries.</summary>
    Sorted = 0,

    /// <summary>A hash index: equality queries.</summary>
    Hashed = 1,

    /// <summary>A bitmap index: equality queries on low-cardinality attributes.</summary>
    Bitmap = 2,
}
