namespace Hazelcast.CP;

/// <summary>
/// The CP Subsystem: linearizable primitives that survive member failures. Names are <c>name</c> (default CP group)
/// or <c>name@group</c>.
/// </summary>
public interface ICPSubsystem
{
    /// <summary>Gets an atomic long (it starts at 0).</summary>
    Task<IAtomicLong> GetAtomicLongAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets an atomic reference (it starts as null).</summary>
    Task<IAtomicReference<T>> GetAtomicReferenceAsync<T>(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a fenced lock. Its owner is the async flow that locks it (see <see cref="IFencedLock"/>).</summary>
    Task<IFencedLock> GetLockAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a semaphore: session-aware by default, or sessionless where the cluster configures it JDK-compatible.</summary>
    Task<ISemaphore> GetSemaphoreAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Gets a count-down latch.</summary>
    Task<ICountDownLatch> GetCountDownLatchAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>A CP object.</summary>
public interface ICPDistributedObject
{
    /// <summary>The object's name, without its group.</summary>
    string Name { get; }

    /// <summary>The CP group that holds it.</summary>
    string GroupName { get; }

    /// <summary>Destroys the object on the cluster.</summary>
    Task DestroyAsync(CancellationToken cancellationToken = default);
}

/// <summary>A linearizable long counter.</summary>
public interface IAtomicLong : ICPDistributedObject
{
    /// <summary>The current value.</summary>
    Task<long> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the value.</summary>
    Task SetAsync(long value, CancellationToken cancellationToken = default);

    /// <summary>Sets the value and returns the previous one.</summary>
    Task<long> GetAndSetAsync(long value, CancellationToken cancellationToken = default);

    /// <summary>Adds and returns the new value.</summary>
    Task<long> AddAndGetAsync(long delta, CancellationToken cancellationToken = default);

    /// <summary>Adds and returns the previous value.</summary>
    Task<long> GetAndAddAsync(long delta, CancellationToken cancellationToken = default);

    /// <summary>Sets <paramref name="updated"/> if the value is <paramref name="expected"/>.</summary>
    Task<bool> CompareAndSetAsync(long expected, long updated, CancellationToken cancellationToken = default);

    /// <summary>Adds 1 and returns the new value.</summary>
    Task<long> IncrementAndGetAsync(CancellationToken cancellationToken = default);

    /// <summary>Subtracts 1 and returns the new value.</summary>
    Task<long> DecrementAndGetAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds 1 and returns the previous value.</summary>
    Task<long> GetAndIncrementAsync(CancellationToken cancellationToken = default);

    /// <summary>Subtracts 1 and returns the previous value.</summary>
    Task<long> GetAndDecrementAsync(CancellationToken cancellationToken = default);
}

/// <summary>A linearizable reference to a serialized value.</summary>
public interface IAtomicReference<T> : ICPDistributedObject
{
    /// <summary>The current value (default when null).</summary>
    Task<T?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the value (null clears it).</summary>
    Task SetAsync(T? value, CancellationToken cancellationToken = default);

    /// <summary>Sets the value and returns the previous one.</summary>
    Task<T?> GetAndSetAsync(T? value, CancellationToken cancellationToken = default);

    /// <summary>Sets <paramref name="value"/> if the current value equals <paramref name="expected"/> (compared serialized).</summary>
    Task<bool> CompareAndSetAsync(T? expected, T? value, CancellationToken cancellationToken = default);

    /// <summary>Whether the current value equals <paramref name="value"/>.</summary>
    Task<bool> ContainsAsync(T? value, CancellationToken cancellationToken = default);

    /// <summary>Whether the value is null.</summary>
    Task<bool> IsNullAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the value to null.</summary>
    Task ClearAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// A reentrant, linearizable lock with fencing tokens. In async .NET code a thread does not own anything: the
/// owner is the <em>async flow</em> that locks — the calling method and everything it awaits. Awaits inside the
/// locked region keep the lock; two concurrent flows never both hold it. A flow forked from the owner after it
/// locked (an un-awaited call, <c>Task.Run</c>) inherits the ownership, as it inherits the flow's other async
/// locals; <c>using (AsyncContext.New())</c> in the forked flow makes it a separate owner.
/// </summary>
public interface IFencedLock : ICPDistributedObject
{
    /// <summary>Waits until the lock is acquired; returns its fencing token (strictly increasing across owners).</summary>
    Task<long> LockAsync(CancellationToken cancellationToken = default);

    /// <summary>Tries to acquire the lock within <paramref name="timeout"/> (zero: no wait); returns the fence, or 0 if it could not.</summary>
    Task<long> TryLockAsync(TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Releases one hold of the lock.</summary>
    /// <exception cref="RemoteException">The current flow does not hold the lock (IllegalMonitorState).</exception>
    /// <exception cref="LockOwnershipLostException">The session that held the lock expired.</exception>
    Task UnlockAsync(CancellationToken cancellationToken = default);

    /// <summary>The current fencing token if the current flow holds the lock.</summary>
    Task<long> GetFenceAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether anyone holds the lock.</summary>
    Task<bool> IsLockedAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the current async flow holds the lock.</summary>
    Task<bool> IsLockedByCurrentContextAsync(CancellationToken cancellationToken = default);

    /// <summary>How many times the holder acquired it (reentrancy).</summary>
    Task<int> GetLockCountAsync(CancellationToken cancellationToken = default);
}

/// <summary>A linearizable counting semaphore.</summary>
public interface ISemaphore : ICPDistributedObject
{
    /// <summary>Whether the semaphore is sessionless (JDK-compatible): permits are not tied to this client's session.</summary>
    bool IsSessionless { get; }

    /// <summary>Sets the number of permits if the semaphore was not initialized; false otherwise.</summary>
    Task<bool> InitAsync(int permits, CancellationToken cancellationToken = default);

    /// <summary>Waits until <paramref name="permits"/> permits are acquired.</summary>
    Task AcquireAsync(int permits = 1, CancellationToken cancellationToken = default);

    /// <summary>Tries to acquire <paramref name="permits"/> permits within <paramref name="timeout"/>.</summary>
    Task<bool> TryAcquireAsync(int permits, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Releases permits.</summary>
    /// <exception cref="InvalidOperationException">
    /// A session-aware semaphore: this client does not hold that many permits (it has no CP session in the group yet, or
    /// the member says the session holds fewer); one exception for the misuse, whether the client or the member finds it.
    /// </exception>
    /// <exception cref="LockOwnershipLostException">The CP session that held the permits expired (they were released).</exception>
    Task ReleaseAsync(int permits = 1, CancellationToken cancellationToken = default);

    /// <summary>Acquires every available permit and returns how many.</summary>
    Task<int> DrainAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds permits.</summary>
    Task IncreasePermitsAsync(int increase, CancellationToken cancellationToken = default);

    /// <summary>Removes permits (the count may become negative).</summary>
    Task ReducePermitsAsync(int reduction, CancellationToken cancellationToken = default);

    /// <summary>The permits available now.</summary>
    Task<int> GetAvailablePermitsAsync(CancellationToken cancellationToken = default);
}

/// <summary>A linearizable count-down latch, reusable in rounds.</summary>
public interface ICountDownLatch : ICPDistributedObject
{
    /// <summary>Starts a round with <paramref name="count"/> if the previous one is over; false otherwise.</summary>
    Task<bool> TrySetCountAsync(int count, CancellationToken cancellationToken = default);

    /// <summary>Counts down once (a retried call is counted once).</summary>
    Task CountDownAsync(CancellationToken cancellationToken = default);

    /// <summary>The remaining count.</summary>
    Task<int> GetCountAsync(CancellationToken cancellationToken = default);

    /// <summary>The current round.</summary>
    Task<int> GetRoundAsync(CancellationToken cancellationToken = default);

    /// <summary>Waits until the count reaches zero, up to <paramref name="timeout"/>; false on timeout.</summary>
    Task<bool> AwaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}
