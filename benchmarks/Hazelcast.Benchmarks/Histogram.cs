namespace Hazelcast.Benchmarks;

/// <summary>Latencies in microseconds, 1 µs buckets up to 1 s (then one overflow bucket); allocation-free recording.</summary>
internal sealed class Histogram
{
    private readonly long[] _buckets = new long[1_000_001];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Record(long microseconds)
    {
        var index = microseconds < 0 ? 0 : microseconds > 1_000_000 ? 1_000_000 : microseconds;
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
    }

    public void Reset()
    {
        Array.Clear(_buckets);
        Interlocked.Exchange(ref _count, 0);
    }

    public long Percentile(double p)
    {
        var target = (long)Math.Ceiling(Count * p / 100.0);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= target && target > 0) return i;
        }
        return 0;
    }
}
