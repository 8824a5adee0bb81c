namespace Hazelcast;

/// <summary>Monotonic milliseconds from a <see cref="TimeProvider"/> (the client's clock: a test can substitute a fake one).</summary>
internal static class TimeProviderExtensions
{
    /// <summary>Milliseconds of the provider's monotonic timestamp (not wall-clock time: it never jumps).</summary>
    public static long NowMs(this TimeProvider time)
    {
        var ticks = time.GetTimestamp();
        var frequency = time.TimestampFrequency;
        return ticks / frequency * 1000 + ticks % frequency * 1000 / frequency;
    }
}
