using System.Text.RegularExpressions;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>The rules of docs/design.md that a machine can check: layers, namespaces, the member's dispatch table.</summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Hazelcast.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Hazelcast.sln above {AppContext.BaseDirectory}.");
    }

    private static IEnumerable<string> SourceFiles(string project)
        => Directory.EnumerateFiles(Path.Combine(Root, "src", project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    // Core's layers, lowest first; a folder may use its own layer and those below (Serialization sits beside all).
    private static readonly string[][] Layers =
    [
        ["Serialization", "Protocol"],
        ["Networking"],
        ["Invocations"],
        ["Clustering"],
        ["DistributedObjects", "CP", "Query", "NearCaching", "Transactions", "Sql"],
    ];

    [Fact]
    public void No_layer_of_core_refers_to_a_layer_above_it()
    {
        var violations = new List<string>();
        foreach (var file in SourceFiles("Hazelcast.Core"))
        {
            var relative = Path.GetRelativePath(Path.Combine(Root, "src", "Hazelcast.Core"), file);
            var folder = relative.Split(Path.DirectorySeparatorChar)[0];
            var level = Array.FindIndex(Layers, l => l.Contains(folder));
            if (level < 0) continue; // the root namespace: the public entry points, options and exceptions
            var above = Layers.Skip(level + 1).SelectMany(l => l).ToArray();
            // Names in strings and comments ("Sql.Execute", the message a codec encodes) refer to nothing.
            var text = Regex.Replace(Regex.Replace(File.ReadAllText(file), "\"[^\"\n]*\"", "\"\""), "//[^\n]*", "");
            foreach (var name in above)
            {
                // "using Hazelcast.X;" or a qualified "Hazelcast.X.Type" / "X.Type" reference
                var pattern = $@"(using\s+Hazelcast\.{name}\b)|((?<![\w.])(Hazelcast\.)?{name}\.[A-Z])";
                foreach (Match m in Regex.Matches(text, pattern))
                    violations.Add($"{relative}: '{m.Value}' ({folder} is below {name})");
            }
        }
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Theory]
    [InlineData("Hazelcast.Core", "Hazelcast")]
    [InlineData("Hazelcast.Testing", "Hazelcast.Testing")]
    [InlineData("Hazelcast.Caching", "Hazelcast.Caching")]
    [InlineData("Hazelcast.Hosting", "Hazelcast.Hosting")]
    [InlineData("Hazelcast.HealthChecks", "Hazelcast.HealthChecks")]
    public void Namespaces_follow_folders(string project, string rootNamespace)
    {
        var mismatches = new List<string>();
        foreach (var file in SourceFiles(project))
        {
            var relative = Path.GetRelativePath(Path.Combine(Root, "src", project), Path.GetDirectoryName(file)!);
            var expected = relative == "." ? rootNamespace : $"{rootNamespace}.{relative.Replace(Path.DirectorySeparatorChar, '.')}";
            var declared = NamespaceDeclaration().Match(File.ReadAllText(file)).Groups[1].Value;
            // DI registration extensions live in Microsoft.Extensions.* by the .NET convention, so that they need no using.
            if (declared.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)) continue;
            if (declared != expected) mismatches.Add($"{Path.GetRelativePath(Root, file)}: namespace {declared}, folder says {expected}");
        }
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [Fact]
    public void Every_request_of_the_protocol_table_has_a_member_handler_or_is_listed_as_unsupported()
    {
        var missing = MessageTable.Requests
            .Where(d => !MessageHandlers.Table.ContainsKey(d.MessageType) && !MessageHandlers.Unsupported.Contains(d.MessageType))
            .Select(d => d.ToString()).ToList();
        Assert.True(missing.Count == 0, "No member handler for: " + string.Join(", ", missing));
        var known = MessageTable.Requests.Select(d => d.MessageType).ToHashSet();
        Assert.All(MessageHandlers.Table.Keys, t => Assert.Contains(t, known));
        Assert.All(MessageHandlers.Unsupported, t => Assert.DoesNotContain(t, MessageHandlers.Table.Keys));
    }

    [Fact]
    public void The_protocol_table_describes_retryability_and_routing_of_every_request()
    {
        Assert.Equal(MessageTable.Requests.Count, MessageTable.Requests.Select(d => d.MessageType).Distinct().Count());
        Assert.True(MapGetCodec.Descriptor.Retryable);
        Assert.False(MapPutCodec.Descriptor.Retryable);
        Assert.Equal(Hazelcast.Protocol.PartitionRouting.Key, MapGetCodec.Descriptor.Routing);
        Assert.Equal(Hazelcast.Protocol.PartitionRouting.Given, MapGetAllCodec.Descriptor.Routing);
        Assert.Equal(Hazelcast.Protocol.PartitionRouting.None, MapSizeCodec.Descriptor.Routing);
        // A key-routed request records its key's partition hash as it is encoded.
        var key = new Hazelcast.Serialization.SerializationService(new()).ToData("k");
        Assert.Equal(key.PartitionHash, MapGetCodec.EncodeRequest("m", key, 1).PartitionHash);
        Assert.Null(MapSizeCodec.EncodeRequest("m").PartitionHash);
    }

    [Fact]
    public void No_call_site_says_by_hand_whether_a_request_is_retryable()
    {
        var offenders = SourceFiles("Hazelcast.Core").Concat(SourceFiles("Hazelcast.Caching"))
            .Where(f => !f.EndsWith(".g.cs", StringComparison.Ordinal))
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"retryable:\s*(true|false)|Codec\.Retryable\b"))
            .Select(f => Path.GetRelativePath(Root, f)).ToList();
        Assert.Empty(offenders);
    }
}
