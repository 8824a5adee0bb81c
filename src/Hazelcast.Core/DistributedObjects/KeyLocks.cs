using Hazelcast.Clustering;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.DistributedObjects;

/// <summary>The lock requests of a structure with key locks (a map, a multimap): same fields, one codec each per service.</summary>
internal sealed record KeyLockCodecs(
    Func<string, Data, long, long, long, ClientMessage> Lock,
    Func<string, Data, long, long, long, long, ClientMessage> TryLock, Func<ClientMessage, bool> DecodeTryLock,
    Func<string, Data, long, long, ClientMessage> Unlock,
    Func<string, Data, ClientMessage> IsLocked, Func<ClientMessage, bool> DecodeIsLocked,
    Func<string, Data, long, ClientMessage> ForceUnlock)
{
    public static readonly KeyLockCodecs Map = new(
        (n, k, thread, lease, reference) => MapLockCodec.EncodeRequest(n, k, thread, lease, reference),
        (n, k, thread, lease, timeout, reference) => MapTryLockCodec.EncodeRequest(n, k, thread, lease, timeout, reference), MapTryLockCodec.DecodeResponse,
        (n, k, thread, reference) => MapUnlockCodec.EncodeRequest(n, k, thread, reference),
        (n, k) => MapIsLockedCodec.EncodeRequest(n, k), MapIsLockedCodec.DecodeResponse,
        (n, k, reference) => MapForceUnlockCodec.EncodeRequest(n, k, reference));

    public static readonly KeyLockCodecs MultiMap = new(
        (n, k, thread, lease, reference) => MultiMapLockCodec.EncodeRequest(n, k, thread, lease, reference),
        (n, k, thread, lease, timeout, reference) => MultiMapTryLockCodec.EncodeRequest(n, k, thread, lease, timeout, reference), MultiMapTryLockCodec.DecodeResponse,
        (n, k, thread, reference) => MultiMapUnlockCodec.EncodeRequest(n, k, thread, reference),
        (n, k) => MultiMapIsLockedCodec.EncodeRequest(n, k), MultiMapIsLockedCodec.DecodeResponse,
        (n, k, reference) => MultiMapForceUnlockCodec.EncodeRequest(n, k, reference));
}

/// <summary>
/// Key locks owned by the async flow that takes them (<see cref="LockContext"/>), for a map or a multimap: each request
/// carries a client-wide reference id (so a retried one is applied once), a lock waits on the member as long as it
/// takes, and a lock the caller gave up waiting for that the member grants later is unlocked at once (no orphan lock).
/// </summary>
internal sealed class KeyLocks(string name, Invoker invoker, KeyLockCodecs codecs)
{
    private static long _nextReferenceId;

    private static long NextReferenceId() => Interlocked.Increment(ref _nextReferenceId);

    // LockContext.Ensure runs here, before any await: it sets the caller's flow's lock owner, which an async method
    // would set for itself only (an AsyncLocal set in an async method does not flow back to its caller).

    public ValueTask LockAsync(Data key, TimeSpan? leaseTime, CancellationToken cancellationToken)
        => LockCoreAsync(key, Lease(leaseTime), LockContext.Ensure(), cancellationToken);

    private async ValueTask LockCoreAsync(Data key, long lease, long threadId, CancellationToken cancellationToken)
        // The invocation timeout does not apply to the wait on the member.
        => await WaitAsync(codecs.Lock(name, key, threadId, lease, NextReferenceId()), key, threadId, Timeout.InfiniteTimeSpan, static _ => true, cancellationToken).ConfigureAwait(false);

    public ValueTask<bool> TryLockAsync(Data key, long timeoutMs, TimeSpan? leaseTime, CancellationToken cancellationToken)
        => TryLockCoreAsync(key, timeoutMs, Lease(leaseTime), LockContext.Ensure(), cancellationToken);

    private async ValueTask<bool> TryLockCoreAsync(Data key, long timeoutMs, long lease, long threadId, CancellationToken cancellationToken)
    {
        var response = await WaitAsync(codecs.TryLock(name, key, threadId, lease, timeoutMs, NextReferenceId()), key, threadId, invoker.WaitingInvocationTimeout(timeoutMs), codecs.DecodeTryLock, cancellationToken).ConfigureAwait(false);
        return codecs.DecodeTryLock(response);
    }

    public async ValueTask UnlockAsync(Data key, CancellationToken cancellationToken)
        => await invoker.InvokeAsync(codecs.Unlock(name, key, LockContext.CurrentId, NextReferenceId()), cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> IsLockedAsync(Data key, CancellationToken cancellationToken)
        => codecs.DecodeIsLocked(await invoker.InvokeAsync(codecs.IsLocked(name, key), cancellationToken).ConfigureAwait(false));

    public async ValueTask ForceUnlockAsync(Data key, CancellationToken cancellationToken)
        => await invoker.InvokeAsync(codecs.ForceUnlock(name, key, NextReferenceId()), cancellationToken).ConfigureAwait(false);

    private static long Lease(TimeSpan? leaseTime)
    {
        if (leaseTime is not { } l) return -1;
        if (l <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(leaseTime), leaseTime, "A lease time must be positive.");
        return (long)l.TotalMilliseconds;
    }

    /// <summary>A lock request, which waits on the member; one granted after the caller gave up is unlocked at once (<see cref="Invoker.WaitAsync"/>).</summary>
    private Task<ClientMessage> WaitAsync(ClientMessage request, Data key, long threadId, TimeSpan timeout, Func<ClientMessage, bool> granted, CancellationToken cancellationToken)
        => Invoker.WaitAsync(invoker.InvokeAsync(request, CancellationToken.None, timeout), async response =>
        {
            if (granted(response))
                await invoker.InvokeAsync(codecs.Unlock(name, key, threadId, NextReferenceId()), CancellationToken.None).ConfigureAwait(false);
        }, cancellationToken);
}
