namespace Hazelcast.Invocations;

/// <summary>
/// Bounds the operations in flight, by count and by the bytes of their requests. Taking and returning a slot is a
/// few interlocked operations (no lock: a SemaphoreSlim locks on every Wait(0) and Release, which callers and the read
/// loop then contend for); waiting for a slot, the rare case, falls back to a semaphore. A request larger than the
/// whole byte budget is let through alone (when no other bytes are in flight), so that it is slow, not impossible.
/// </summary>
internal sealed class InFlightLimiter(int maxCount, long maxBytes)
{
    private readonly SemaphoreSlim _freed = new(0);
    private long _count = maxCount;
    private long _bytes = maxBytes;
    private int _waiters;

    public int MaxCount { get; } = maxCount;

    public long MaxBytes { get; } = maxBytes;

    /// <summary>Takes one slot of <paramref name="bytes"/> bytes if both budgets have room.</summary>
    public bool TryAcquire(int bytes)
    {
        if (!TryTake(ref _count, 1, MaxCount)) return false;
        if (TryTake(ref _bytes, bytes, MaxBytes)) return true;
        Give(ref _count, 1);
        return false;
    }

    /// <summary>Which budget is spent, for the error a caller gets when it does not wait.</summary>
    public bool CountIsExhausted => Volatile.Read(ref _count) <= 0;

    private static bool TryTake(ref long available, long amount, long max)
    {
        var seen = Volatile.Read(ref available);
        while (seen >= amount || (seen == max && amount > max)) // larger than the whole budget: alone
        {
            var next = Interlocked.CompareExchange(ref available, seen - amount, seen);
            if (next == seen) return true;
            seen = next;
        }
        return false;
    }

    private void Give(ref long available, long amount)
    {
        Interlocked.Add(ref available, amount);
        if (Volatile.Read(ref _waiters) > 0) _freed.Release();
    }

    /// <summary>Waits for a slot. A waiter registers before it checks again, so a slot returned meanwhile is never missed.</summary>
    public async Task AcquireAsync(int bytes, CancellationToken cancellationToken)
    {
        while (!TryAcquire(bytes))
        {
            Interlocked.Increment(ref _waiters);
            try
            {
                if (TryAcquire(bytes)) return;
                await _freed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiters);
            }
        }
    }

    public void Release(int bytes)
    {
        Interlocked.Add(ref _bytes, bytes);
        Give(ref _count, 1);
    }
}
