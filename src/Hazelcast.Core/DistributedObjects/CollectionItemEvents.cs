namespace Hazelcast.DistributedObjects;

/// <summary>The kinds of item events of a queue, list or set (Hazelcast's ItemEventType).</summary>
public enum CollectionItemEventType
{
    /// <summary>An item was added.</summary>
    Added = 1,

    /// <summary>An item was removed.</summary>
    Removed = 2,
}

/// <summary>An item event of a queue, list or set.</summary>
public sealed class CollectionItemEventArgs<T> : EventArgs
{
    internal CollectionItemEventArgs(CollectionItemEventType eventType, Guid memberId, T? item)
    {
        EventType = eventType;
        MemberId = memberId;
        Item = item;
    }

    /// <summary>What happened.</summary>
    public CollectionItemEventType EventType { get; }

    /// <summary>The member that raised the event.</summary>
    public Guid MemberId { get; }

    /// <summary>The item, when the subscription includes items; default otherwise.</summary>
    public T? Item { get; }
}

/// <summary>The handlers of an item-event subscription: register one per kind of event you want.</summary>
public sealed class CollectionItemEventHandlers<T>
{
    internal Action<CollectionItemEventArgs<T>>? Added { get; private set; }

    internal Action<CollectionItemEventArgs<T>>? Removed { get; private set; }

    /// <summary>Handles added items.</summary>
    public CollectionItemEventHandlers<T> ItemAdded(Action<CollectionItemEventArgs<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Added += handler;
        return this;
    }

    /// <summary>Handles removed items.</summary>
    public CollectionItemEventHandlers<T> ItemRemoved(Action<CollectionItemEventArgs<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Removed += handler;
        return this;
    }
}
