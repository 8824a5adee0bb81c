namespace Hazelcast.DistributedObjects;

/// <summary>A distributed object that exists on the cluster.</summary>
/// <param name="ServiceName">The service that owns it, such as <c>hz:impl:mapService</c>.</param>
/// <param name="Name">The object's name.</param>
public sealed record DistributedObjectInfo(string ServiceName, string Name);
