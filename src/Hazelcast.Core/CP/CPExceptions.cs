namespace Hazelcast.CP;

/// <summary>The CP session that held a lock or permits expired or closed: the lock is no longer owned.</summary>
public sealed class LockOwnershipLostException : HazelcastException
{
    /// <summary>Creates the exception.</summary>
    public LockOwnershipLostException(string message) : base(message) { }
}

/// <summary>A <see cref="IFencedLock"/> could not be acquired again by its owner: its reentrancy limit is reached.</summary>
public sealed class LockAcquireLimitReachedException : HazelcastException
{
    /// <summary>Creates the exception.</summary>
    public LockAcquireLimitReachedException(string message) : base(message) { }
}
