namespace Hazelcast.CP;

/// <summary>CP object names: <c>name</c> (default group) or <c>name@group</c> (PROTOCOL.md §5.1).</summary>
internal static class CPGroupNames
{
    public const string Default = "default";
    public const string Metadata = "METADATA";

    /// <summary>Splits and validates a proxy name; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static (string ObjectName, string GroupName) Parse(string proxyName)
    {
        ArgumentNullException.ThrowIfNull(proxyName);
        var name = proxyName.Trim();
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            if (name.Length == 0) throw new ArgumentException("A CP object name cannot be empty.", nameof(proxyName));
            return (name, Default);
        }
        if (name.IndexOf('@', at + 1) >= 0) throw new ArgumentException($"The CP object name '{proxyName}' has more than one '@'.", nameof(proxyName));
        var obj = name[..at].Trim();
        var group = name[(at + 1)..].Trim();
        if (obj.Length == 0) throw new ArgumentException($"The CP object name '{proxyName}' has no object name before '@'.", nameof(proxyName));
        if (group.Length == 0) throw new ArgumentException($"The CP object name '{proxyName}' has no group name after '@'.", nameof(proxyName));
        if (string.Equals(group, Metadata, StringComparison.OrdinalIgnoreCase)) throw new ArgumentException("The CP group name METADATA is reserved.", nameof(proxyName));
        return (obj, string.Equals(group, Default, StringComparison.OrdinalIgnoreCase) ? Default : group);
    }
}
