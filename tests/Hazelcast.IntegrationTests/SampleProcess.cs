using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Hazelcast.IntegrationTests;

/// <summary>The WebApi sample started as a process on 127.0.0.1 with an ephemeral port, as a user would run it.</summary>
internal sealed partial class SampleProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SampleProcess(Dictionary<string, string> environment)
    {
        var dll = typeof(SampleProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SampleAssembly").Value!;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (k, v) in environment) info.Environment[k] = v;
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"The sample exited with code {_process.ExitCode}:\n{Output}"));
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public Uri BaseAddress => _listening.Task.Result;

    public Process Process => _process;

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        var match = ListeningRegex().Match(line);
        if (match.Success) _listening.TrySetResult(new Uri(match.Groups[1].Value));
    }

    public static async Task<SampleProcess> StartAsync(Dictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var sample = new SampleProcess(environment ?? []);
        sample._process.Start();
        sample._process.BeginOutputReadLine();
        sample._process.BeginErrorReadLine();
        await sample._listening.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        return sample;
    }

    /// <summary>Starts the sample expecting it to fail: returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToFailureAsync(Dictionary<string, string> environment)
    {
        var sample = new SampleProcess(environment);
        sample._process.Start();
        sample._process.BeginOutputReadLine();
        sample._process.BeginErrorReadLine();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await sample._process.WaitForExitAsync(cts.Token);
        sample._process.WaitForExit();
        return (sample._process.ExitCode, sample.Output);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningRegex();
}
