namespace Hazelcast;

/// <summary>
/// Hazelcast's way to configure structures by name: a name, or a pattern with one <c>*</c> wildcard
/// (<c>orders-*</c>); a name's own entry wins, then the most specific (longest) pattern that matches it.
/// </summary>
internal static class ConfigurationPatterns
{
    /// <summary>Whether <paramref name="pattern"/> (a name, or a pattern with one <c>*</c>) matches <paramref name="name"/>.</summary>
    public static bool Matches(string pattern, string name)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0) return string.Equals(pattern, name, StringComparison.Ordinal);
        var (prefix, suffix) = (pattern[..star], pattern[(star + 1)..]);
        return name.Length >= prefix.Length + suffix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal);
    }

    /// <summary>The entry for a name: its own, or the longest pattern's that matches it; <paramref name="found"/> false when none does.</summary>
    public static T? Find<T>(IDictionary<string, T> entries, string name, out bool found)
    {
        if (entries.TryGetValue(name, out var own))
        {
            found = true;
            return own;
        }
        T? best = default;
        var bestLength = -1;
        foreach (var (pattern, entry) in entries)
        {
            if (pattern.Length <= bestLength || !pattern.Contains('*', StringComparison.Ordinal) || !Matches(pattern, name)) continue;
            (best, bestLength) = (entry, pattern.Length);
        }
        found = bestLength >= 0;
        return best;
    }
}
