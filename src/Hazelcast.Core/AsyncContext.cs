using Hazelcast.DistributedObjects;

namespace Hazelcast;

/// <summary>
/// The async flow that owns locks (map key locks, <see cref="CP.IFencedLock"/>). A flow forked from a lock owner
/// (<c>Task.Run</c>, an un-awaited call) inherits its ownership; start a new owner there with <see cref="New"/>.
/// </summary>
public static class AsyncContext
{
    /// <summary>
    /// Makes the current async flow a new lock owner until the returned scope is disposed:
    /// <c>using (AsyncContext.New()) { ... }</c>.
    /// </summary>
    public static IDisposable New() => new Scope(LockContext.Reset());

    private sealed class Scope(long previous) : IDisposable
    {
        public void Dispose() => LockContext.Restore(previous);
    }
}
