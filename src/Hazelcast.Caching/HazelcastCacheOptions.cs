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

    /// <summary>
    /// Reads through a near cache on the map (configure it as any map's: <c>Hazelcast:NearCaches:distributed_cache</c>;
    /// <c>Object</c> format is best here, the cache copies each hit into the caller's array). A near-cache hit never
    /// reaches the member, so it cannot extend a sliding expiration: with this on, an entry set with a sliding
    /// expiration is refused (<see cref="NotSupportedException"/>), so ASP.NET Core session state (sliding) cannot use
    /// it; absolute expirations work. Off, a near cache configured on the map is refused at first use rather than
    /// silently breaking sliding expiration.
    /// </summary>
    /// <value>Default <c>false</c>.</value>
    public bool UseNearCache { get; set; }

    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Hazelcast:Cache";

    /// <summary>
    /// Every invalid option, as pairs of configuration key (relative to <see cref="SectionName"/>) and a message that
    /// quotes the value; empty when the options are valid (the same style as <see cref="HazelcastOptions.GetValidationErrors"/>).
    /// </summary>
    public IReadOnlyList<(string Key, string Message)> GetValidationErrors()
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(MapName)) errors.Add((nameof(MapName), $"a map name is required (value: '{MapName}')."));
        else if (MapName.Trim() != MapName) errors.Add((nameof(MapName), $"'{MapName}' has leading or trailing white space."));
        if (ClientKey is { Length: 0 }) errors.Add((nameof(ClientKey), "cannot be empty (leave it unset for the default client)."));
        return errors;
    }

    internal IEnumerable<string> Failures() => GetValidationErrors().Select(e => $"{SectionName}:{e.Key}: {e.Message}");
}
