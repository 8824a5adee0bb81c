using Hazelcast.Serialization;

namespace Hazelcast.Testing;

// A map's key locks (the table a multimap uses too) and what a closed connection takes with it.
internal sealed partial class MapStore
{
    public KeyLockTable Locks { get; }

    public Task<T> WriteAsync<T>(Data key, LockOwner owner, Func<T> write, T onTimeout, long timeoutMs, CancellationToken cancellationToken)
        => Locks.WriteAsync(key, owner, write, onTimeout, timeoutMs, cancellationToken);

    public Task<bool> LockAsync(Data key, LockOwner owner, long leaseMs, long timeoutMs, CancellationToken cancellationToken)
        => Locks.LockAsync(key, owner, leaseMs, timeoutMs, cancellationToken);

    public void Unlock(Data key, LockOwner owner) => Locks.Unlock(key, owner);

    public void ForceUnlock(Data key) => Locks.ForceUnlock(key);

    public bool IsLocked(Data key) => Locks.IsLocked(key);

    /// <summary>A connection closed: its listeners go at once; its client's locks after the cleanup delay (<see cref="KeyLockTable.OnSessionClosed"/>).</summary>
    public void OnSessionClosed(ClientSession session)
    {
        Action? release;
        lock (_mutex)
        {
            _listeners.RemoveAll(l => l.Session == session);
            release = Locks.OnSessionClosed(session);
        }
        release?.Invoke();
    }
}
