namespace Hazelcast.Invocations;

/// <summary>
/// The invocations awaiting a response, by correlation id: a dictionary under a lock. Unlike a ConcurrentDictionary
/// it allocates nothing per entry (a ConcurrentDictionary allocates a node per add, so one object per operation);
/// the critical sections are a few instructions. Enumeration walks a snapshot, so callers may remove as they go.
/// </summary>
internal sealed class PendingInvocations
{
    private readonly Dictionary<long, Invocation> _entries = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    public Invocation this[long correlationId]
    {
        set
        {
            lock (_lock) _entries[correlationId] = value;
        }
    }

    public bool TryGetValue(long correlationId, out Invocation invocation)
    {
        lock (_lock) return _entries.TryGetValue(correlationId, out invocation!);
    }

    /// <summary>Removes the entry only if it still holds <paramref name="entry"/>'s invocation (not a later attempt's).</summary>
    public bool TryRemove(KeyValuePair<long, Invocation> entry)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(entry.Key, out var current) || !ReferenceEquals(current, entry.Value)) return false;
            return _entries.Remove(entry.Key);
        }
    }

    public bool TryRemove(long correlationId, out Invocation invocation)
    {
        lock (_lock) return _entries.Remove(correlationId, out invocation!);
    }

    public IEnumerator<KeyValuePair<long, Invocation>> GetEnumerator()
    {
        KeyValuePair<long, Invocation>[] snapshot;
        lock (_lock) snapshot = [.. _entries];
        return ((IEnumerable<KeyValuePair<long, Invocation>>)snapshot).GetEnumerator();
    }
}
