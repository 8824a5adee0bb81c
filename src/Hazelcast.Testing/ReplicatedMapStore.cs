using Hazelcast.DistributedObjects;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>
/// One replicated map: every member holds all of it (here: one store the members share, so a write on one member is
/// seen at once on the others), entries with an optional time to live (an expired entry is evicted, with an EVICTED
/// event, by the expiry sweep or when next looked at), and entry listeners. Events are sent under the store's lock, so they arrive in the order of the changes.
/// </summary>
internal sealed class ReplicatedMapStore(string name, ClusterState cluster)
{
    private readonly Dictionary<Data, (Data Value, long ExpiresAt)> _entries = [];
    private readonly List<EntryListener> _listeners = [];
    private readonly object _mutex = new();

    public string Name { get; } = name;

    private long Now => cluster.NowMillis;

    /// <summary>The live entries, the expired ones removed first (under the lock).</summary>
    private IEnumerable<KeyValuePair<Data, Data>> Live()
    {
        Expire();
        return _entries.Select(e => KeyValuePair.Create(e.Key, e.Value.Value));
    }

    /// <summary>Removes the entries whose time to live is over, with an EVICTED event each, as a real member raises it.</summary>
    private void Expire()
    {
        var now = Now;
        foreach (var (key, entry) in _entries.Where(e => e.Value.ExpiresAt <= now).ToList())
        {
            _entries.Remove(key);
            Publish(MapEventTypes.Evicted, key, default, entry.Value);
        }
    }

    /// <summary>The expiry sweep (every <see cref="HazelcastClusterOptions.ExpirySweepInterval"/>): expired entries go even when nobody reads them.</summary>
    public void SweepExpired()
    {
        lock (_mutex) Expire();
    }

    private Data ValueOf(Data key)
    {
        if (!_entries.TryGetValue(key, out var entry)) return default;
        if (entry.ExpiresAt > Now) return entry.Value;
        _entries.Remove(key);
        Publish(MapEventTypes.Evicted, key, default, entry.Value);
        return default;
    }

    public Data Put(Data key, Data value, long ttlMs)
    {
        lock (_mutex)
        {
            var old = ValueOf(key);
            _entries[key] = (value, ttlMs > 0 ? Now + ttlMs : long.MaxValue);
            Publish(old.IsNull ? MapEventTypes.Added : MapEventTypes.Updated, key, value, old);
            return old;
        }
    }

    public Data Remove(Data key)
    {
        lock (_mutex)
        {
            var old = ValueOf(key);
            if (old.IsNull) return default;
            _entries.Remove(key);
            Publish(MapEventTypes.Removed, key, default, old);
            return old;
        }
    }

    public Data Get(Data key)
    {
        lock (_mutex) return ValueOf(key);
    }

    public bool ContainsKey(Data key)
    {
        lock (_mutex) return !ValueOf(key).IsNull;
    }

    public bool ContainsValue(Data value)
    {
        lock (_mutex) return Live().Any(e => e.Value.Equals(value));
    }

    public int Size()
    {
        lock (_mutex) return Live().Count();
    }

    public List<KeyValuePair<Data, Data>> Entries()
    {
        lock (_mutex) return Live().ToList();
    }

    /// <summary>Removes every entry: one map-wide CLEARED event, as a real member raises it.</summary>
    public void Clear()
    {
        lock (_mutex)
        {
            var count = Live().Count();
            _entries.Clear();
            EntryEvents.PublishMapWide(_listeners, MapEventTypes.Cleared, count, cluster.OwnerOf(cluster.NamePartition(Name)));
        }
    }

    public void AddListener(EntryListener listener)
    {
        lock (_mutex) _listeners.Add(listener);
    }

    public bool RemoveListener(Guid id)
    {
        lock (_mutex) return _listeners.RemoveAll(l => l.Id == id) > 0;
    }

    public void OnSessionClosed(ClientSession session)
    {
        lock (_mutex) _listeners.RemoveAll(l => l.Session == session);
    }

    /// <summary>An entry event, reported by the owner of its key's partition (every member holds the entry; that one reports it).</summary>
    private void Publish(MapEventTypes type, Data key, Data value, Data oldValue)
        => EntryEvents.Publish(_listeners, cluster, type, key, value, oldValue, MurmurHash3.PartitionId(key.PartitionHash, cluster.Options.PartitionCount));
}
