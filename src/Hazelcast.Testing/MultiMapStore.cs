using Hazelcast.DistributedObjects;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>
/// One multimap: per key a set of values (Hazelcast's default value collection, SET), in the key's partition, with the
/// map's key locks (<see cref="KeyLockTable"/>: writes wait while another owner holds a key's lock) and entry listeners.
/// Events are sent under the store's lock, so they arrive in the order of the changes.
/// </summary>
internal sealed class MultiMapStore
{
    private readonly ClusterState _cluster;
    private readonly Dictionary<Data, List<Data>> _values = [];
    private readonly List<EntryListener> _listeners = [];
    private readonly object _mutex = new();

    public MultiMapStore(string name, ClusterState cluster)
    {
        Name = name;
        _cluster = cluster;
        Locks = new KeyLockTable(_mutex, cluster);
    }

    public string Name { get; }

    public KeyLockTable Locks { get; }

    private int PartitionOf(Data key) => MurmurHash3.PartitionId(key.PartitionHash, _cluster.Options.PartitionCount);

    // ------------------------------------------------------------------ writes (run by KeyLockTable.WriteAsync, under the lock)

    public bool Put(Data key, Data value)
    {
        if (!_values.TryGetValue(key, out var values)) _values[key] = values = [];
        if (values.Contains(value)) return false;
        values.Add(value);
        Publish(MapEventTypes.Added, key, value, default);
        return true;
    }

    public List<Data> RemoveAll(Data key)
    {
        if (!_values.Remove(key, out var values)) return [];
        foreach (var value in values) Publish(MapEventTypes.Removed, key, default, value);
        return values;
    }

    public bool Remove(Data key, Data value)
    {
        if (!_values.TryGetValue(key, out var values) || !values.Remove(value)) return false;
        if (values.Count == 0) _values.Remove(key);
        Publish(MapEventTypes.Removed, key, default, value);
        return true;
    }

    // ------------------------------------------------------------------ reads

    public List<Data> Get(Data key)
    {
        lock (_mutex) return _values.TryGetValue(key, out var values) ? [.. values] : [];
    }

    public bool ContainsKey(Data key)
    {
        lock (_mutex) return _values.ContainsKey(key);
    }

    public bool ContainsValue(Data value)
    {
        lock (_mutex) return _values.Values.Any(v => v.Contains(value));
    }

    public bool ContainsEntry(Data key, Data value)
    {
        lock (_mutex) return _values.TryGetValue(key, out var values) && values.Contains(value);
    }

    public int Size()
    {
        lock (_mutex) return _values.Values.Sum(v => v.Count);
    }

    public List<KeyValuePair<Data, Data>> Entries()
    {
        lock (_mutex) return _values.SelectMany(e => e.Value.Select(v => KeyValuePair.Create(e.Key, v))).ToList();
    }

    public List<Data> Keys()
    {
        lock (_mutex) return [.. _values.Keys];
    }

    /// <summary>Adds values to keys, without waiting for key locks (as a real member's multimap PutAll).</summary>
    public void PutAll(IEnumerable<KeyValuePair<Data, IReadOnlyList<Data>>> entries)
    {
        lock (_mutex)
            foreach (var (key, values) in entries)
                foreach (var value in values) Put(key, value);
    }

    /// <summary>
    /// Removes every key that is not locked (as a real member's MultiMapContainer.clear): one map-wide CLEARED event
    /// with the number of keys removed, from one member (the owner of the name's partition).
    /// </summary>
    public void Clear()
    {
        lock (_mutex)
        {
            var removed = _values.Keys.Where(k => !Locks.IsHeld(k)).ToList();
            foreach (var key in removed) _values.Remove(key);
            var count = removed.Count;
            EntryEvents.PublishMapWide(_listeners, MapEventTypes.Cleared, count, _cluster.OwnerOf(_cluster.NamePartition(Name)));
        }
    }

    // ------------------------------------------------------------------ listeners and lifecycle

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
        Action? release;
        lock (_mutex)
        {
            _listeners.RemoveAll(l => l.Session == session);
            release = Locks.OnSessionClosed(session);
        }
        release?.Invoke();
    }

    /// <summary>An entry event, reported by the owner of the key's partition.</summary>
    private void Publish(MapEventTypes type, Data key, Data value, Data oldValue)
        => EntryEvents.Publish(_listeners, _cluster, type, key, value, oldValue, PartitionOf(key));

    /// <summary>The partitions' replicas are all gone (members killed): their keys are lost, as on a real cluster.</summary>
    public void DropPartitions(HashSet<int> partitions)
    {
        lock (_mutex)
        {
            foreach (var key in _values.Keys.Where(k => partitions.Contains(PartitionOf(k))).ToList()) _values.Remove(key);
            Locks.ReleaseWhere(key => partitions.Contains(PartitionOf(key)));
        }
    }

    public void Destroy()
    {
        lock (_mutex)
        {
            _values.Clear();
            _listeners.Clear();
            Locks.ReleaseWhere();
        }
    }
}
