namespace Hazelcast.DistributedObjects;

/// <summary>
/// The "thread id" that owns map key locks, per async flow. Hazelcast members identify a lock owner by client and
/// thread; in async .NET code a thread is meaningless, so the owner is the async flow that first locks.
/// </summary>
/// <remarks>
/// The id is stored in an <see cref="AsyncLocal{T}"/> and set synchronously, before the first await, by the
/// lock methods: it stays with the calling method and the code it awaits, and does not leak to the caller's
/// caller. Flows started after a flow took an id (Task.Run, un-awaited calls) inherit it and share the ownership.
/// Code that never locks sends thread id 0 (an unowned caller), as the official Node.js client does.
/// <see cref="Hazelcast.AsyncContext.New"/> starts a new owner in a forked flow.
/// </remarks>
internal static class LockContext
{
    private static readonly AsyncLocal<long> Current = new();
    private static long _next;

    /// <summary>The current flow's id, or 0 when the flow has never locked.</summary>
    public static long CurrentId => Current.Value;

    /// <summary>Makes the current flow a new owner (id allocated at its first lock); returns the previous id.</summary>
    public static long Reset()
    {
        var previous = Current.Value;
        Current.Value = 0;
        return previous;
    }

    public static void Restore(long id) => Current.Value = id;

    /// <summary>A new owner id that no flow has (a transaction's thread id: its locks are its own, not its caller's).</summary>
    public static long NewId() => Interlocked.Increment(ref _next);

    /// <summary>The current flow's id, allocated if it has none.</summary>
    public static long Ensure()
    {
        var id = Current.Value;
        if (id != 0) return id;
        id = Interlocked.Increment(ref _next);
        Current.Value = id;
        return id;
    }
}

