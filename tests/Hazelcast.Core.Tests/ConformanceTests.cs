using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Hazelcast.Core.Tests;

/// <summary>
/// The referee: the official Hazelcast Node.js client (hazelcast-client 5.7.0) runs the suite in
/// tests/conformance/test against our member console (3 members). One test here per suite file.
/// </summary>
public sealed partial class ConformanceTests
{
    private static readonly string Directory = typeof(ConformanceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ConformanceDirectory").Value!;

    public static TheoryData<string> SuiteFiles() => new(System.IO.Directory.GetFiles(Path.Combine(Directory, "test"), "*.test.js").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(SuiteFiles))]
    public async Task The_official_nodejs_client_passes(string file)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("--test");
        info.ArgumentList.Add("--test-reporter=tap");
        info.ArgumentList.Add(Path.Combine("test", file));
        info.Environment["HZ_MEMBER_DLL"] = Path.Combine(AppContext.BaseDirectory, "Hazelcast.Member.dll");
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        output.Append(await stdout).Append(await stderr);
        var text = output.ToString();
        var passed = int.Parse(Count("pass").Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var failed = int.Parse(Count("fail").Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        TestContext.Current.SendDiagnosticMessage($"{file}: {passed} passed, {failed} failed");
        Assert.True(process.ExitCode == 0 && failed == 0, $"The official client failed {failed} test(s) of {file} (exit code {process.ExitCode}):\n{text}");
        Assert.True(passed > 0, $"{file} ran no test:\n{text}");
    }

    private static Regex Count(string what) => new($@"^# {what} (\d+)", RegexOptions.Multiline);
}
