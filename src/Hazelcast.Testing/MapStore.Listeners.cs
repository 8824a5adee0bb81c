using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.DistributedObjects;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>A registered entry listener; its events have the type id of the message that registered it (one layout for all, <see cref="EntryEventCodec"/>).</summary>
internal sealed record EntryListener(
    Guid Id,
    ClientSession Session,
    long CorrelationId,
    int Flags,
    bool IncludeValue,
    bool LocalOnly,
    Data Key,
    int EventMessageType,
    Hazelcast.Query.IPredicate? Predicate = null);

// A map's entry listeners and the events they are sent.
internal sealed partial class MapStore
{
    private readonly List<EntryListener> _listeners = [];

    public int ListenerCount
    {
        get
        {
            lock (_mutex) return _listeners.Count;
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

    // Every change of an entry is published here: to the entry listeners, and as a near-cache invalidation.
    private void Publish(MapEventTypes eventType, Data key, Data value, Data oldValue, int partitionId)
    {
        EntryEvents.Publish(_listeners, _cluster, eventType, key, value, oldValue, partitionId);
        _cluster.NearCache.Invalidate(Name, key, PartitionOf(key));
    }

    private void PublishMapWide(MapEventTypes eventType, int count, Guid owner)
    {
        EntryEvents.PublishMapWide(_listeners, eventType, count, owner);
        _cluster.NearCache.Invalidate(Name, default, _cluster.NamePartition(Name));
    }
}

/// <summary>
/// Entry events to entry listeners, for a map, a multimap and a replicated map alike (one event layout): a listener
/// hears an event of a kind it asked for (its flags), of its key if it has one, matching its predicate if it has one,
/// with the values if it asked for them; a local-only registration (smart routing) hears the events of the member that
/// reports them only, so that a client hears each once.
/// </summary>
internal static class EntryEvents
{
    /// <summary>One entry's event, reported by the owner of its partition.</summary>
    public static void Publish(List<EntryListener> listeners, ClusterState cluster, MapEventTypes eventType, Data key, Data value, Data oldValue, int partitionId)
    {
        if (listeners.Count == 0) return;
        var owner = cluster.OwnerOf(partitionId);
        foreach (var l in listeners)
        {
            if ((l.Flags & (int)eventType) == 0) continue;
            if (!l.Key.IsNull && !l.Key.Equals(key)) continue;
            if (l.LocalOnly && l.Session.Member.Uuid != owner) continue;
            // A predicate listener sees the entries that match: the new value, or the old one for removals.
            if (l.Predicate is not null && !cluster.Query.Matches(l.Predicate, key, value.IsNull ? oldValue : value)) continue;
            Send(l, EntryEventCodec.Encode(l.EventMessageType, key, l.IncludeValue ? value : default, l.IncludeValue ? oldValue : default, default, (int)eventType, owner, 1, partitionId));
        }
    }

    /// <summary>A map-wide event (cleared, evicted) with the number of entries it affected, reported by <paramref name="source"/>.</summary>
    public static void PublishMapWide(List<EntryListener> listeners, MapEventTypes eventType, int count, Guid source)
    {
        foreach (var l in listeners)
        {
            if ((l.Flags & (int)eventType) == 0 || !l.Key.IsNull) continue;
            if (l.LocalOnly && l.Session.Member.Uuid != source) continue;
            Send(l, EntryEventCodec.Encode(l.EventMessageType, default, default, default, default, (int)eventType, source, count, -1));
        }
    }

    private static void Send(EntryListener listener, ClientMessage message)
    {
        message.CorrelationId = listener.CorrelationId;
        listener.Session.Send(message);
    }
}
