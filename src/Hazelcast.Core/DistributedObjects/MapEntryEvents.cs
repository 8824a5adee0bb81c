namespace Hazelcast.DistributedObjects;

/// <summary>The kinds of map entry events; a subscription asks for the kinds it has handlers for.</summary>
[Flags]
public enum MapEventTypes
{
    /// <summary>No event.</summary>
    None = 0,
    /// <summary>An entry was added.</summary>
    Added = 1,
    /// <summary>An entry was removed.</summary>
    Removed = 2,
    /// <summary>An entry's value changed.</summary>
    Updated = 4,
    /// <summary>An entry was evicted.</summary>
    Evicted = 8,
    /// <summary>An entry expired (time to live or max idle).</summary>
    Expired = 16,
    /// <summary>The whole map was evicted.</summary>
    AllEvicted = 32,
    /// <summary>The whole map was cleared.</summary>
    Cleared = 64,
    /// <summary>An entry was merged after a split-brain.</summary>
    Merged = 128,
    /// <summary>A near-cache invalidation.</summary>
    Invalidated = 256,
    /// <summary>An entry was loaded from a map store.</summary>
    Loaded = 512,
}

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

    /// <summary>Handles the whole map being cleared.</summary>
    public MapEntryEventHandlers<TKey, TValue> MapCleared(Action<MapEntryEventArgs<TKey, TValue>> handler) => On(MapEventTypes.Cleared, handler);
}
