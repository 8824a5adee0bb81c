namespace Hazelcast.Caching;

/// <summary>Options of the Hazelcast distributed cache. Bound from the <c>Hazelcast:Cache</c> configuration section.</summary>
public sealed class HazelcastCacheOptions
{
    /// <summary>The map that holds the cache entries.</summary>
    /// <value>Default <c>distributed_cache</c>.</value>
    public string MapName { get; set; } = "distributed_cache";

    /// <summary>A prefix for every key, so that several apps can share one map without clashing (as Redis's InstanceName).</summary>
    /// <value>Default none.</value>
    public string? InstanceName { get; set; }

    /// <summary>The service key of the client to use, when the app registered keyed clients (<c>AddKeyedHazelcast</c>).</summary>
    /// <value>Default none: the client registered by <c>AddHazelcast()</c>.</value>
    public string? ClientKey { get; set; }

    internal IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(MapName)) yield return $"Hazelcast:Cache:MapName: a map name is required (value: '{MapName}').";
        else if (MapName.Trim() != MapName) yield return $"Hazelcast:Cache:MapName: '{MapName}' has leading or trailing white space.";
        if (ClientKey is { Length: 0 }) yield return "Hazelcast:Cache:ClientKey: cannot be empty (leave it unset for the default client).";
    }
}
