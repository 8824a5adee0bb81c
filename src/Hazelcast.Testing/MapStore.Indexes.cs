using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.DistributedObjects;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

// A map's indexes: which keys have each value of an indexed attribute, kept in step with every write under the map's lock.
internal sealed partial class MapStore
{
    /// <summary>An index on one attribute: its distinct values, and the keys of the entries that have each.</summary>
    private sealed class Index(IndexConfig config)
    {
        public IndexConfig Config { get; } = config;
        public string Attribute => Config.Attributes[0];
        public Dictionary<object, HashSet<Data>> Keys { get; } = [];
        public Dictionary<Data, List<object>> ValuesOf { get; } = [];
    }

    private readonly List<Index> _indexes = [];
    private long _indexedQueries;

    /// <summary>Queries that an index answered (for tests).</summary>
    public long IndexedQueries => Interlocked.Read(ref _indexedQueries);

    /// <summary>
    /// Adds an index. A single-attribute index narrows equality, IN and range queries on its attribute to the
    /// entries it lists, which are then checked against the whole predicate, so results equal a full scan.
    /// Composite indexes are accepted and recorded but queries scan.
    /// </summary>
    public void AddIndex(IndexConfig config)
    {
        if (config.Attributes.Count == 0) throw new ArgumentException("An index needs at least one attribute.");
        if (config.Type is < 0 or > 2) throw new ArgumentException($"Unknown index type {config.Type}.");
        if (config.Type == (int)Hazelcast.Query.IndexType.Bitmap)
        {
            // As a real member's IndexUtils validates them.
            if (config.Attributes.Count != 1) throw new ArgumentException($"Composite bitmap indexes are not supported: {string.Join(", ", config.Attributes)}");
            if (config.BitmapIndexOptions is { } bitmap && (bitmap.UniqueKeyTransformation is < 0 or > 2))
                throw new ArgumentException($"Unsupported unique key transformation id: {bitmap.UniqueKeyTransformation}");
            if (config.BitmapIndexOptions is { UniqueKey: var uniqueKey } && string.IsNullOrWhiteSpace(uniqueKey))
                throw new ArgumentException("Unique key cannot be empty.");
        }
        lock (_mutex)
        {
            if (_indexes.Any(i => i.Config.Attributes.SequenceEqual(config.Attributes) && i.Config.Type == config.Type)) return;
            var index = new Index(config);
            _indexes.Add(index);
            foreach (var (key, record) in _records) Indexed(index, key, record.Value);
        }
    }

    public IReadOnlyList<IndexConfig> Indexes
    {
        get { lock (_mutex) return _indexes.Select(i => i.Config).ToList(); }
    }

    private void Indexed(Index index, Data key, Data value)
    {
        if (index.Config.Attributes.Count != 1) return;
        var values = _cluster.Query.AttributeValues(index.Attribute, key, value).Select(QueryEngine.IndexKey).ToList();
        index.ValuesOf[key] = values;
        foreach (var v in values)
        {
            if (!index.Keys.TryGetValue(v, out var keys)) index.Keys[v] = keys = [];
            keys.Add(key);
        }
    }

    private void Unindexed(Data key)
    {
        foreach (var index in _indexes)
        {
            if (!index.ValuesOf.Remove(key, out var values)) continue;
            foreach (var v in values)
                if (index.Keys.TryGetValue(v, out var keys) && keys.Remove(key) && keys.Count == 0) index.Keys.Remove(v);
        }
    }

    private void Reindex(Data key, Data value)
    {
        if (_indexes.Count == 0) return;
        Unindexed(key);
        foreach (var index in _indexes) Indexed(index, key, value);
    }

    /// <summary>The live entries that match <paramref name="predicate"/>; an index narrows the candidates when it can.</summary>
    public List<KeyValuePair<Data, Data>> Query(Hazelcast.Query.IPredicate? predicate, int requestPartition = -1)
    {
        lock (_mutex)
        {
            IEnumerable<KeyValuePair<Data, Record>>? candidates = null;
            foreach (var index in _indexes.Where(i => i.Config.Attributes.Count == 1))
            {
                if (QueryEngine.IndexFilter(predicate, index.Attribute) is not { } filter) continue;
                Interlocked.Increment(ref _indexedQueries);
                // Only the entries listed under the matching values are looked at (expired ones drop out on the way).
                candidates = index.Keys.Where(k => filter(k.Key)).SelectMany(k => k.Value).Distinct().ToList()
                    .Select(k => (Key: k, Record: Live(k))).Where(r => r.Record is not null)
                    .Select(r => new KeyValuePair<Data, Record>(r.Key, r.Record!)).ToList();
                break;
            }
            candidates ??= LiveRecords();
            if (predicate is not null || requestPartition >= 0)
                candidates = candidates.Where(r => _cluster.Query.Matches(predicate, r.Key, r.Value.Value, requestPartition));
            return candidates
                .Select(r => new KeyValuePair<Data, Data>(r.Key, r.Value.Value)).ToList();
        }
    }
}
