namespace Hazelcast.DistributedObjects;

/// <summary>A distributed object that exists on the cluster.</summary>
/// <param name="ServiceName">The service that owns it, such as <c>hz:impl:mapService</c>.</param>
/// <param name="Name">The object's name.</param>
public sealed record DistributedObjectInfo(string ServiceName, string Name);

/// <summary>What happened to a distributed object.</summary>
public enum DistributedObjectEventType
{
    /// <summary>It was created (by any client or member).</summary>
    Created,

    /// <summary>It was destroyed.</summary>
    Destroyed,
}

/// <summary>A distributed object was created or destroyed on the cluster.</summary>
public sealed class DistributedObjectEventArgs : EventArgs
{
    internal DistributedObjectEventArgs(DistributedObjectEventType eventType, string serviceName, string name, Guid memberId)
    {
        EventType = eventType;
        ServiceName = serviceName;
        Name = name;
        MemberId = memberId;
    }

    /// <summary>Created or destroyed.</summary>
    public DistributedObjectEventType EventType { get; }

    /// <summary>The object's service, such as <c>hz:impl:queueService</c>.</summary>
    public string ServiceName { get; }

    /// <summary>The object's name.</summary>
    public string Name { get; }

    /// <summary>The member that reported it.</summary>
    public Guid MemberId { get; }
}
