using System.Diagnostics;

namespace Hazelcast.Benchmarks;

/// <summary>
/// The measured window of a load run: operations count, with their latency, only between the warm-up and the end;
/// the bytes the process allocated meanwhile are taken around it. One for every load tool.
/// </summary>
internal sealed class Measurement
{
    private long _ops;
    private bool _measuring;

    public Histogram Latency { get; } = new();

    public long Ops => Interlocked.Read(ref _ops);

    /// <summary>An operation that started at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) is done.</summary>
    public void Record(long startTimestamp)
    {
        if (!Volatile.Read(ref _measuring)) return;
        Latency.Record((long)Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds);
        Interlocked.Increment(ref _ops);
    }

    /// <summary>Waits for the warm-up, measures for the run's seconds (<paramref name="onStart"/> and <paramref name="onEnd"/> run at its edges) and returns its length and the bytes allocated in it.</summary>
    public async Task<(TimeSpan Elapsed, long AllocatedBytes)> RunAsync(LoadArgs a, Action? onStart = null, Action? onEnd = null)
    {
        await Task.Delay(TimeSpan.FromSeconds(a.Warmup));
        onStart?.Invoke();
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        Volatile.Write(ref _measuring, true);
        await Task.Delay(TimeSpan.FromSeconds(a.Seconds));
        Volatile.Write(ref _measuring, false);
        var elapsed = watch.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
        onEnd?.Invoke();
        return (elapsed, allocated);
    }
}
