using System.Diagnostics;
using System.Reflection;

namespace Hazelcast.Core.Tests;

/// <summary>Runs a script of tests/conformance (the official Node.js client's side of a test) and fails the test when it fails.</summary>
internal static class NodeScript
{
    public static readonly string ConformanceDirectory = typeof(NodeScript).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ConformanceDirectory").Value!;

    /// <summary>Runs <c>node script args...</c> in tests/conformance; its output is in the failure message.</summary>
    public static async Task RunAsync(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = ConformanceDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var node = Process.Start(info)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        try
        {
            await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(node.ExitCode == 0, $"node {script} {string.Join(' ', arguments)} failed (exit code {node.ExitCode}):\n{await output}\n{await error}");
    }
}
