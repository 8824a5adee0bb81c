using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Query;

/// <summary>
/// A query that returns its results a page at a time: <c>Predicates.Page(10, Predicates.GreaterThan("age", 18))</c>,
/// then <see cref="NextPage"/>. Pages are ordered by the comparator when there is one (the members run it: a Java class
/// on a real member's classpath), else as Hazelcast orders them: by key for keys and entries, by value for values
/// (natural order: numbers numerically, strings ordinally); ties by key hash.
/// </summary>
/// <remarks>
/// The predicate keeps the anchors the cluster returns (the last entry of each page seen), so that page N+1
/// continues where page N ended even when entries were added or removed before it. Not thread-safe: use one
/// paging predicate per iteration.
/// </remarks>
public interface IPagingPredicate : IPredicate
{
    /// <summary>The number of entries per page.</summary>
    int PageSize { get; }

    /// <summary>The page the next query returns, from 0.</summary>
    int Page { get; set; }

    /// <summary>The filter, or null for every entry.</summary>
    IPredicate? Predicate { get; }

    /// <summary>The comparator the members order entries with, or null for Hazelcast's natural order.</summary>
    object? Comparator { get; }

    /// <summary>Moves to the next page.</summary>
    void NextPage();

    /// <summary>Moves to the previous page (not below 0).</summary>
    void PreviousPage();

    /// <summary>Back to page 0, forgetting the anchors.</summary>
    void Reset();
}

internal sealed class PagingPredicate : PredicateBase, IPagingPredicate
{
    public const int Id = 15;

    public PagingPredicate(int pageSize, IPredicate? predicate, object? comparator = null)
    {
        if (pageSize <= 0) throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be positive.");
        if (predicate is IPagingPredicate) throw new ArgumentException("A paging predicate cannot be nested in another one.", nameof(predicate));
        PageSize = pageSize;
        Predicate = predicate;
        Comparator = comparator;
    }

    public int PageSize { get; }

    public int Page { get; set; }

    public IPredicate? Predicate { get; }

    public object? Comparator { get; }

    public override int ClassId => Id;

    /// <summary>For each page seen, its last entry (serialized).</summary>
    internal List<(int Page, Data Key, Data Value)> Anchors { get; } = [];

    public void NextPage() => Page++;

    public void PreviousPage() => Page = Math.Max(0, Page - 1);

    public void Reset()
    {
        Page = 0;
        Anchors.Clear();
    }

    /// <summary>What is sent: the holder with page, size, anchors and the serialized filter (PROTOCOL.md §4.3).</summary>
    internal PagingPredicateHolder ToHolder(SerializationService serialization, Protocol.IterationType iterationType)
    {
        if (Page < 0) throw new InvalidOperationException($"The page must not be negative (it is {Page}).");
        var anchors = new AnchorDataListHolder(Anchors.Select(a => a.Page).ToArray(), Anchors.Select(a => new KeyValuePair<Data, Data>(a.Key, a.Value)).ToList());
        // As the official Node.js client does, a missing filter or comparator is a serialized null, not a NULL frame.
        return new PagingPredicateHolder(PageSize, Page, (byte)iterationType, anchors, serialization.ToData(Predicate), serialization.ToData(Comparator), default);
    }

    internal void UpdateAnchors(AnchorDataListHolder holder)
    {
        Anchors.Clear();
        for (var i = 0; i < holder.AnchorPageList.Length && i < holder.AnchorDataList.Count; i++)
            Anchors.Add((holder.AnchorPageList[i], new Data(holder.AnchorDataList[i].Key.ToArray()), new Data(holder.AnchorDataList[i].Value.ToArray())));
    }

    public override void WriteData(IObjectDataOutput output)
        => throw new InvalidOperationException("A paging predicate is sent as a paging query, not nested in another predicate.");

    public override void ReadData(IObjectDataInput input)
        => throw new InvalidOperationException("A paging predicate is received as a paging query.");
}
