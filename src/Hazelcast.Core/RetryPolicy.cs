namespace Hazelcast;

/// <summary>
/// The one retry and backoff policy of the client: how long to pause before each attempt of something that failed
/// for a transient reason (an invocation, a connection to the cluster, a listener registration, a schema
/// replication, the hosting package's background start). The first <see cref="ImmediateAttempts"/> retries go at
/// once; then the pause starts at <see cref="InitialDelay"/>, grows by <see cref="Multiplier"/> up to
/// <see cref="MaxDelay"/>, and is spread by ±<see cref="Jitter"/>.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>Creates a policy; the arguments are checked as the options validator checks <see cref="ReconnectOptions"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A delay is negative, the maximum is below the initial delay, the multiplier is below 1 or the jitter outside 0..1.</exception>
    public RetryPolicy(TimeSpan initialDelay, TimeSpan maxDelay, double multiplier = 2.0, double jitter = 0.0, int immediateAttempts = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, initialDelay);
        if (!(multiplier >= 1.0)) throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, "The multiplier must be at least 1.");
        if (!(jitter is >= 0.0 and <= 1.0)) throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "The jitter must be between 0 and 1.");
        ArgumentOutOfRangeException.ThrowIfNegative(immediateAttempts);
        InitialDelay = initialDelay;
        MaxDelay = maxDelay;
        Multiplier = multiplier;
        Jitter = jitter;
        ImmediateAttempts = immediateAttempts;
    }

    /// <summary>The policy of reconnection to the cluster, from its options.</summary>
    public static RetryPolicy FromOptions(ReconnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RetryPolicy(options.InitialBackoff, options.MaxBackoff, options.Multiplier, options.Jitter);
    }

    /// <summary>
    /// The policy of invocations, as the official clients retry: the first three retries at once (a partition moved,
    /// a member left), then 20 ms doubling up to 1 s.
    /// </summary>
    public static RetryPolicy Invocation { get; } = new(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1), 2.0, 0.0, immediateAttempts: 3);

    /// <summary>A fixed pause between attempts.</summary>
    public static RetryPolicy Fixed(TimeSpan delay) => new(delay, delay);

    /// <summary>The pause before the first delayed retry.</summary>
    public TimeSpan InitialDelay { get; }

    /// <summary>The longest pause.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>The factor by which the pause grows from one retry to the next.</summary>
    public double Multiplier { get; }

    /// <summary>The random part of each pause, from 0 (none) to 1 (±100%).</summary>
    public double Jitter { get; }

    /// <summary>How many retries go without a pause before the delays start.</summary>
    public int ImmediateAttempts { get; }

    /// <summary>The pause before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var delayed = retry - ImmediateAttempts;
        if (delayed <= 0) return TimeSpan.Zero;
        var ms = InitialDelay.TotalMilliseconds * Math.Pow(Multiplier, Math.Min(delayed - 1, 64));
        ms = Math.Min(ms, MaxDelay.TotalMilliseconds);
        if (Jitter > 0) ms *= 1 + Jitter * (Random.Shared.NextDouble() * 2 - 1);
        return TimeSpan.FromMilliseconds(Math.Max(0, ms));
    }
}
