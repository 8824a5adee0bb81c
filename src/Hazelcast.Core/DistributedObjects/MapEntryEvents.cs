using Hazelcast.Clustering;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.DistributedObjects;

/// <summary>An entry event.</summary>
public sealed class MapEntryEventArgs<TKey, TValue> : EventArgs
{
    internal MapEntryEventArgs(MapEventTypes eventType, Guid memberId, TKey? key, TValue? value, TValue? oldValue, int affectedEntries)
    {
        EventType = eventType;
        MemberId = memberId;
        Key = key;
        Value = value;
        OldValue = oldValue;
        AffectedEntries = affectedEntries;
    }

    /// <summary>What happened.</summary>
    public MapEventTypes EventType { get; }

    /// <summary>The member that raised the event.</summary>
    public Guid MemberId { get; }

    /// <summary>The key (default for map-wide events).</summary>
    public TKey? Key { get; }

    /// <summary>The new value, when the subscription includes values.</summary>
    public TValue? Value { get; }

    /// <summary>The previous value, when the subscription includes values.</summary>
    public TValue? OldValue { get; }

    /// <summary>For map-wide events, how many entries were affected on the member that raised it.</summary>
    public int AffectedEntries { get; }
}

/// <summary>The handlers of an entry-event subscription: register one per kind of event you want.</summary>
public sealed class MapEntryEventHandlers<TKey, TValue>
{
    internal Dictionary<MapEventTypes, Action<MapEntryEventArgs<TKey, TValue>>> Handlers { get; } = [];

    internal int Flags => Handlers.Keys.Aggregate(0, (f, t) => f | (int)t);

    /// <summary>The handlers <paramref name="configure"/> registers; at least one.</summary>
    internal static MapEntryEventHandlers<TKey, TValue> Create(Action<MapEntryEventHandlers<TKey, TValue>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var handlers = new MapEntryEventHandlers<TKey, TValue>();
        configure(handlers);
        if (handlers.Flags == 0) throw new ArgumentException("Register at least one event handler.", nameof(configure));
        return handlers;
    }

    /// <summary>Hands an entry event (a map's or a replicated map's: one layout) to the handler of its kind, its key and values read first.</summary>
    internal async ValueTask DispatchAsync(EntryEvent e, Invoker invoker, SerializationService serialization)
    {
        var type = (MapEventTypes)e.EventType;
        if (!Handlers.TryGetValue(type, out var handler)) return;
        var args = await invoker.ReadAsync((Event: e, Type: type, Serialization: serialization), static s => new MapEntryEventArgs<TKey, TValue>(s.Type, s.Event.Uuid,
            s.Event.Key.IsNull ? default : s.Serialization.ToObject<TKey>(s.Event.Key), s.Serialization.ToObject<TValue>(s.Event.Value),
            s.Serialization.ToObject<TValue>(s.Event.OldValue), s.Event.NumberOfAffectedEntries), CancellationToken.None).ConfigureAwait(false);
        handler(args);
    }

    private MapEntryEventHandlers<TKey, TValue> On(MapEventTypes type, Action<MapEntryEventArgs<TKey, TValue>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Handlers[type] = Handlers.TryGetValue(type, out var existing) ? existing + handler : handler;
        return this;
    }

    /// <summary>Handles added entries.</summary>
    public MapEntryEventHandlers<TKey, TValue> EntryAdded(Action<MapEntryEventArgs<TKey, TValue>> handler) => On(MapEventTypes.Added, handler);

    /// <summary>Handles removed entries.</summary>
    public MapEntryEventHandlers<TKey, TValue> EntryRemoved(Action<MapEntryEventArgs<TKey, TValue>> handler) => On(MapEventTypes.Removed, handler);

    /// <summary>Handles updated entries.</summary>
    public MapEntryEventHandlers<TKey, TValue> EntryUpdated(Action<MapEntryEventArgs<TKey, TValue>> handler) => On(MapEventTypes.Updated, handler);

    /// <summary>Handles evicted entries.</summary>
    public MapEntryEventHandlers<TKey, TValue> EntryEvicted(Action<MapEntryEventArgs<TKey, TValue>> handler) => On(MapEventTypes.Evicted, handler);

    /// <summary>Handles expired entries.</summary>
    public MapEntryEventHandlers<TKey, TValue> EntryExpired(Action<MapEntryEventArgs<TKey, TValue>> handler) => On(MapEventTypes.Expired, handler);

    /// <summary>Handles the whole map being evicted.</summary>
    public MapEntryEventHandlers<TKey, TValue> MapEvicted(Action<MapEntryEventArgs<TKey, TValue>> handler) => On(MapEventTypes.AllEvicted, handler);

    /// <summary>Handles entries merged after a split-brain heals.</summary>
    public MapEntryEventHandlers<TKey, TValue> EntryMerged(Action<MapEntryEventArgs<TKey, TValue>> handler) => On(MapEventTypes.Merged, handler);

    /// <summary>Handles entries loaded from the map's MapStore.</summary>
    public MapEntryEventHandlers<TKey, TValue> EntryLoaded(Action<MapEntryEventArgs<TKey, TValue>> handler) => On(MapEventTypes.Loaded, handler);

    /// <summary>Handles the whole map being cleared.</summary>
    public MapEntryEventHandlers<TKey, TValue> MapCleared(Action<MapEntryEventArgs<TKey, TValue>> handler) => On(MapEventTypes.Cleared, handler);
}
