using System.Collections.Concurrent;
using Hazelcast.DistributedObjects;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.CP;

internal sealed class FencedLock(CPSubsystem cp, RaftGroupId group, string name) : CPProxy(cp, group, name, ServiceNames.FencedLock), IFencedLock
{
    // For each owning flow (thread id), the session it locked with: a later unlock through another session means the lock was lost.
    private readonly ConcurrentDictionary<long, long> _held = new();

    public Task<long> LockAsync(CancellationToken cancellationToken = default)
        => LockCoreAsync(LockContext.Ensure(), -1, cancellationToken); // the flow id is taken before the first await, in the caller's flow

    public Task<long> TryLockAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout cannot be negative.");
        return LockCoreAsync(LockContext.Ensure(), (long)timeout.TotalMilliseconds, cancellationToken);
    }

    private async Task<long> LockCoreAsync(long threadId, long timeoutMs, CancellationToken cancellationToken)
    {
        // One invocation uid per user call: a retry (after a connection failure or an expired session) is applied once.
        var uid = Guid.NewGuid();
        var (sessionId, fence) = await WithSessionAsync(1, async session =>
        {
            var request = timeoutMs < 0
                ? FencedLockLockCodec.EncodeRequest(Group, Name, session, threadId, uid)
                : FencedLockTryLockCodec.EncodeRequest(Group, Name, session, threadId, uid, timeoutMs);
            long Fence(ClientMessage response) => timeoutMs < 0 ? FencedLockLockCodec.DecodeResponse(response) : FencedLockTryLockCodec.DecodeResponse(response);
            var response = await InvokeWaitAsync(request, async late =>
            {
                // Granted after the caller gave up: unlock it (same session and flow), so that nobody holds it unknowingly.
                if (Fence(late) > 0)
                    await InvokeAsync(FencedLockUnlockCodec.EncodeRequest(Group, Name, session, threadId, Guid.NewGuid()), CancellationToken.None).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return Fence(response);
        }, cancellationToken).ConfigureAwait(false);
        if (fence > 0)
        {
            _held[threadId] = sessionId;
            return fence;
        }
        CP.Sessions.Release(Group, sessionId, 1);
        if (timeoutMs < 0) throw new LockAcquireLimitReachedException($"The lock '{Name}' reached its reentrancy limit.");
        return 0;
    }

    public async Task UnlockAsync(CancellationToken cancellationToken = default)
    {
        var threadId = LockContext.CurrentId;
        var sessionId = CP.Sessions.Current(Group);
        var held = _held.TryGetValue(threadId, out var heldSession);
        if (held && heldSession != sessionId)
        {
            _held.TryRemove(threadId, out _);
            throw new LockOwnershipLostException($"The CP session that held the lock '{Name}' expired: the lock was released.");
        }
        if (!held || sessionId == -1) throw NotOwner();
        bool stillHeld;
        try
        {
            var response = await InvokeAsync(FencedLockUnlockCodec.EncodeRequest(Group, Name, sessionId, threadId, Guid.NewGuid()), cancellationToken).ConfigureAwait(false);
            stillHeld = FencedLockUnlockCodec.DecodeResponse(response);
        }
        catch (RemoteException e) when (e.Error == RemoteError.SessionExpired)
        {
            _held.TryRemove(threadId, out _);
            CP.Sessions.Invalidate(Group, sessionId);
            throw new LockOwnershipLostException($"The CP session that held the lock '{Name}' expired: the lock was released.");
        }
        CP.Sessions.Release(Group, sessionId, 1);
        if (!stillHeld) _held.TryRemove(threadId, out _);
    }

    private RemoteException NotOwner() => new(RemoteError.IllegalMonitorState, (int)RemoteError.IllegalMonitorState, "java.lang.IllegalMonitorStateException",
        $"The current async flow does not hold the lock '{Name}'.", "", null);

    private async Task<(long Fence, int Count, long Session, long Thread)> OwnershipAsync(CancellationToken cancellationToken)
    {
        var r = FencedLockGetLockOwnershipCodec.DecodeResponse(await InvokeAsync(FencedLockGetLockOwnershipCodec.EncodeRequest(Group, Name), cancellationToken).ConfigureAwait(false));
        return (r.Fence, r.LockCount, r.SessionId, r.ThreadId);
    }

    private bool IsMine((long Fence, int Count, long Session, long Thread) o)
        => o.Fence > 0 && o.Session == CP.Sessions.Current(Group) && o.Thread == LockContext.CurrentId;

    public async Task<long> GetFenceAsync(CancellationToken cancellationToken = default)
    {
        var o = await OwnershipAsync(cancellationToken).ConfigureAwait(false);
        return IsMine(o) ? o.Fence : throw NotOwner();
    }

    public async Task<bool> IsLockedAsync(CancellationToken cancellationToken = default)
        => (await OwnershipAsync(cancellationToken).ConfigureAwait(false)).Fence > 0;

    public async Task<bool> IsLockedByCurrentContextAsync(CancellationToken cancellationToken = default)
        => IsMine(await OwnershipAsync(cancellationToken).ConfigureAwait(false));

    public async Task<int> GetLockCountAsync(CancellationToken cancellationToken = default)
        => (await OwnershipAsync(cancellationToken).ConfigureAwait(false)).Count;
}
