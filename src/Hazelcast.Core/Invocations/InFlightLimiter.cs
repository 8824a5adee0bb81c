namespace Hazelcast.Invocations;

/// <summary>
/// Bounds the operations in flight. Taking and returning a slot is one interlocked operation (no lock: a
/// SemaphoreSlim locks on every Wait(0) and Release, which callers and the read loop then contend for); waiting for a
/// slot, the rare case, falls back to a semaphore.
/// </summary>
internal sealed class InFlightLimiter(int max)
{
    private readonly SemaphoreSlim _freed = new(0);
    private int _available = max;
    private int _waiters;

    public int Max { get; } = max;

    public bool TryAcquire()
    {
        var available = Volatile.Read(ref _available);
        while (available > 0)
        {
            var seen = Interlocked.CompareExchange(ref _available, available - 1, available);
            if (seen == available) return true;
            available = seen;
        }
        return false;
    }

    /// <summary>Waits for a slot. A waiter registers before it checks again, so a slot returned meanwhile is never missed.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        while (!TryAcquire())
        {
            Interlocked.Increment(ref _waiters);
            try
            {
                if (TryAcquire()) return;
                await _freed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiters);
            }
        }
    }

    public void Release()
    {
        Interlocked.Increment(ref _available);
        if (Volatile.Read(ref _waiters) > 0) _freed.Release();
    }
}
