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

    private void Publish(MapEventTypes eventType, Data key, Data value, Data oldValue, int partitionId)
    {
        if (_listeners.Count == 0) return;
        var owner = _cluster.OwnerOf(partitionId);
        foreach (var l in _listeners)
        {
            if ((l.Flags & (int)eventType) == 0) continue;
            if (!l.Key.IsNull && !l.Key.Equals(key)) continue;
            if (l.LocalOnly && l.Session.Member.Uuid != owner) continue;
            // A predicate listener sees the entries that match: the new value, or the old one for removals.
            if (l.Predicate is not null && !_cluster.Query.Matches(l.Predicate, key, value.IsNull ? oldValue : value)) continue;
            var message = EntryEventCodec.Encode(l.EventMessageType, key, l.IncludeValue ? value : default, l.IncludeValue ? oldValue : default, default, (int)eventType, owner, 1, partitionId);
            message.CorrelationId = l.CorrelationId;
            l.Session.Send(message);
        }
    }

    private void PublishMapWide(MapEventTypes eventType, int count, Guid owner)
    {
        foreach (var l in _listeners)
        {
            if ((l.Flags & (int)eventType) == 0 || !l.Key.IsNull) continue;
            if (l.LocalOnly && l.Session.Member.Uuid != owner) continue;
            var message = EntryEventCodec.Encode(l.EventMessageType, default, default, default, default, (int)eventType, owner, count, -1);
            message.CorrelationId = l.CorrelationId;
            l.Session.Send(message);
        }
    }
}
