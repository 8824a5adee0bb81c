using System.Collections.Concurrent;

namespace Hazelcast.Serialization.Compact;

/// <summary>
/// The schemas this client knows, and which of them the cluster does not have yet. A value is never sent before the
/// cluster has its schema: requests wait for <see cref="Unpublished"/> to be published first.
/// </summary>
internal sealed class CompactSchemaRegistry
{
    private readonly ConcurrentDictionary<long, CompactSchema> _schemas = new();
    private readonly ConcurrentDictionary<long, CompactSchema> _unpublished = new();
    private int _unpublishedCount;

    /// <summary>True while a schema this client made has not been acknowledged by the cluster (a cheap check).</summary>
    public bool HasUnpublished => Volatile.Read(ref _unpublishedCount) != 0;

    public bool TryGet(long id, out CompactSchema schema) => _schemas.TryGetValue(id, out schema!);

    /// <summary>A schema this client is about to write: remembered, and queued for the cluster when new.</summary>
    public CompactSchema AddLocal(CompactSchema schema)
    {
        var existing = _schemas.GetOrAdd(schema.Id, schema);
        if (ReferenceEquals(existing, schema))
        {
            if (_unpublished.TryAdd(schema.Id, schema)) Interlocked.Increment(ref _unpublishedCount);
            return schema;
        }
        return Same(existing, schema);
    }

    /// <summary>A schema the cluster sent: known, and published by definition.</summary>
    public void AddFromCluster(CompactSchema schema) => Same(_schemas.GetOrAdd(schema.Id, schema), schema);

    private static CompactSchema Same(CompactSchema existing, CompactSchema schema)
        => existing.Equals(schema) ? existing
            : throw new SerializationException($"Two different Compact schemas have the id {schema.Id}: {existing} and {schema}.");

    public IReadOnlyList<CompactSchema> Unpublished => [.. _unpublished.Values];

    public IReadOnlyList<CompactSchema> All => [.. _schemas.Values];

    public void MarkPublished(CompactSchema schema)
    {
        if (_unpublished.TryRemove(schema.Id, out _)) Interlocked.Decrement(ref _unpublishedCount);
    }

    /// <summary>Forgets every schema (the in-process member, when its cluster restarts).</summary>
    public void Clear()
    {
        _schemas.Clear();
        _unpublished.Clear();
        Volatile.Write(ref _unpublishedCount, 0);
    }

    /// <summary>A new cluster (after a restart) has none of our schemas: every one must be sent again.</summary>
    public void MarkAllUnpublished()
    {
        foreach (var schema in _schemas.Values)
            if (_unpublished.TryAdd(schema.Id, schema)) Interlocked.Increment(ref _unpublishedCount);
    }
}

/// <summary>A Compact value refers to a schema this client does not have; fetch it from the cluster and read again.</summary>
internal sealed class MissingCompactSchemaException(long schemaId)
    : SerializationException($"The Compact schema {schemaId} is not known to this client.")
{
    public long SchemaId { get; } = schemaId;
}
