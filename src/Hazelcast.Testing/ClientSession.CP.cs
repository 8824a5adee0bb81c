using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Testing;

internal sealed partial class ClientSession
{
    private static ValueTask<ClientMessage?> Later<T>(Task<T> task, Func<T, ClientMessage> respond)
        => task.IsCompletedSuccessfully ? new(respond(task.Result)) : new(Continue(task, respond));

    private static async Task<ClientMessage?> Continue<T>(Task<T> task, Func<T, ClientMessage> respond) => respond(await task.ConfigureAwait(false));

    internal ValueTask<ClientMessage?> CPGroupCreateCPGroup(ClientMessage request)
    {
        return Done(CPGroupCreateCPGroupCodec.EncodeResponse(_state.CP.CreateGroup(CPGroupCreateCPGroupCodec.DecodeRequest(request).ProxyName)));
    }

    internal ValueTask<ClientMessage?> CPGroupDestroyCPObject(ClientMessage request)
    {
        var p = CPGroupDestroyCPObjectCodec.DecodeRequest(request);
        _state.CP.Destroy(p.GroupId, p.ServiceName, p.ObjectName);
        return Done(CPGroupDestroyCPObjectCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> CPSessionCreateSession(ClientMessage request)
    {
        var p = CPSessionCreateSessionCodec.DecodeRequest(request);
        var (id, ttl, heartbeat) = _state.CP.CreateSession(p.GroupId, p.EndpointName);
        return Done(CPSessionCreateSessionCodec.EncodeResponse(id, ttl, heartbeat));
    }

    internal ValueTask<ClientMessage?> CPSessionHeartbeatSession(ClientMessage request)
    {
        var p = CPSessionHeartbeatSessionCodec.DecodeRequest(request);
        _state.CP.Heartbeat(p.GroupId, p.SessionId);
        return Done(CPSessionHeartbeatSessionCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> CPSessionCloseSession(ClientMessage request)
    {
        var p = CPSessionCloseSessionCodec.DecodeRequest(request);
        return Done(CPSessionCloseSessionCodec.EncodeResponse(_state.CP.CloseSession(p.GroupId, p.SessionId)));
    }

    internal ValueTask<ClientMessage?> CPSessionGenerateThreadId(ClientMessage request)
    {
        return Done(CPSessionGenerateThreadIdCodec.EncodeResponse(_state.CP.GenerateThreadId(CPSessionGenerateThreadIdCodec.DecodeRequest(request).GroupId)));
    }

    internal ValueTask<ClientMessage?> AtomicLongAddAndGet(ClientMessage request)
    {
        var p = AtomicLongAddAndGetCodec.DecodeRequest(request);
        return Done(AtomicLongAddAndGetCodec.EncodeResponse(_state.CP.AddAndGet(p.GroupId, p.Name, p.Delta, returnOld: false)));
    }

    internal ValueTask<ClientMessage?> AtomicLongGetAndAdd(ClientMessage request)
    {
        var p = AtomicLongGetAndAddCodec.DecodeRequest(request);
        return Done(AtomicLongGetAndAddCodec.EncodeResponse(_state.CP.AddAndGet(p.GroupId, p.Name, p.Delta, returnOld: true)));
    }

    internal ValueTask<ClientMessage?> AtomicLongGet(ClientMessage request)
    {
        var p = AtomicLongGetCodec.DecodeRequest(request);
        return Done(AtomicLongGetCodec.EncodeResponse(_state.CP.AddAndGet(p.GroupId, p.Name, 0, returnOld: true)));
    }

    internal ValueTask<ClientMessage?> AtomicLongGetAndSet(ClientMessage request)
    {
        var p = AtomicLongGetAndSetCodec.DecodeRequest(request);
        return Done(AtomicLongGetAndSetCodec.EncodeResponse(_state.CP.GetAndSet(p.GroupId, p.Name, p.NewValue)));
    }

    internal ValueTask<ClientMessage?> AtomicLongCompareAndSet(ClientMessage request)
    {
        var p = AtomicLongCompareAndSetCodec.DecodeRequest(request);
        return Done(AtomicLongCompareAndSetCodec.EncodeResponse(_state.CP.CompareAndSet(p.GroupId, p.Name, p.Expected, p.Updated)));
    }

    internal ValueTask<ClientMessage?> AtomicRefGet(ClientMessage request)
    {
        var p = AtomicRefGetCodec.DecodeRequest(request);
        return Done(AtomicRefGetCodec.EncodeResponse(_state.CP.GetRef(p.GroupId, p.Name)));
    }

    internal ValueTask<ClientMessage?> AtomicRefSet(ClientMessage request)
    {
        var p = AtomicRefSetCodec.DecodeRequest(request);
        var old = _state.CP.SetRef(p.GroupId, p.Name, p.NewValue);
        return Done(AtomicRefSetCodec.EncodeResponse(p.ReturnOldValue ? old : default));
    }

    internal ValueTask<ClientMessage?> AtomicRefCompareAndSet(ClientMessage request)
    {
        var p = AtomicRefCompareAndSetCodec.DecodeRequest(request);
        return Done(AtomicRefCompareAndSetCodec.EncodeResponse(_state.CP.CompareAndSetRef(p.GroupId, p.Name, p.OldValue, p.NewValue)));
    }

    internal ValueTask<ClientMessage?> AtomicRefContains(ClientMessage request)
    {
        var p = AtomicRefContainsCodec.DecodeRequest(request);
        return Done(AtomicRefContainsCodec.EncodeResponse(_state.CP.ContainsRef(p.GroupId, p.Name, p.Value)));
    }

    internal ValueTask<ClientMessage?> FencedLockLock(ClientMessage request)
    {
        var p = FencedLockLockCodec.DecodeRequest(request);
        return Later(_state.CP.LockAsync(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid, -1), FencedLockLockCodec.EncodeResponse);
    }

    internal ValueTask<ClientMessage?> FencedLockTryLock(ClientMessage request)
    {
        var p = FencedLockTryLockCodec.DecodeRequest(request);
        return Later(_state.CP.LockAsync(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid, Math.Max(0, p.TimeoutMs)), FencedLockTryLockCodec.EncodeResponse);
    }

    internal ValueTask<ClientMessage?> FencedLockUnlock(ClientMessage request)
    {
        var p = FencedLockUnlockCodec.DecodeRequest(request);
        return Done(FencedLockUnlockCodec.EncodeResponse(_state.CP.Unlock(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid)));
    }

    internal ValueTask<ClientMessage?> FencedLockGetLockOwnership(ClientMessage request)
    {
        var p = FencedLockGetLockOwnershipCodec.DecodeRequest(request);
        var (fence, count, session, thread) = _state.CP.Ownership(p.GroupId, p.Name);
        return Done(FencedLockGetLockOwnershipCodec.EncodeResponse(fence, count, session, thread));
    }

    internal ValueTask<ClientMessage?> SemaphoreGetSemaphoreType(ClientMessage request)
    {
        return Done(SemaphoreGetSemaphoreTypeCodec.EncodeResponse(_state.CP.IsJdkCompatible(SemaphoreGetSemaphoreTypeCodec.DecodeRequest(request).ProxyName)));
    }

    internal ValueTask<ClientMessage?> SemaphoreInit(ClientMessage request)
    {
        var p = SemaphoreInitCodec.DecodeRequest(request);
        return Done(SemaphoreInitCodec.EncodeResponse(_state.CP.InitSemaphore(p.GroupId, p.Name, p.Permits)));
    }

    internal ValueTask<ClientMessage?> SemaphoreAcquire(ClientMessage request)
    {
        var p = SemaphoreAcquireCodec.DecodeRequest(request);
        return Later(_state.CP.AcquireAsync(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid, p.Permits, p.TimeoutMs), SemaphoreAcquireCodec.EncodeResponse);
    }

    internal ValueTask<ClientMessage?> SemaphoreRelease(ClientMessage request)
    {
        var p = SemaphoreReleaseCodec.DecodeRequest(request);
        _state.CP.Release(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid, p.Permits);
        return Done(SemaphoreReleaseCodec.EncodeResponse(true));
    }

    internal ValueTask<ClientMessage?> SemaphoreDrain(ClientMessage request)
    {
        var p = SemaphoreDrainCodec.DecodeRequest(request);
        return Done(SemaphoreDrainCodec.EncodeResponse(_state.CP.Drain(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid)));
    }

    internal ValueTask<ClientMessage?> SemaphoreChange(ClientMessage request)
    {
        var p = SemaphoreChangeCodec.DecodeRequest(request);
        _state.CP.Change(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid, p.Permits);
        return Done(SemaphoreChangeCodec.EncodeResponse(true));
    }

    internal ValueTask<ClientMessage?> SemaphoreAvailablePermits(ClientMessage request)
    {
        var p = SemaphoreAvailablePermitsCodec.DecodeRequest(request);
        return Done(SemaphoreAvailablePermitsCodec.EncodeResponse(_state.CP.AvailablePermits(p.GroupId, p.Name)));
    }

    internal ValueTask<ClientMessage?> CountDownLatchTrySetCount(ClientMessage request)
    {
        var p = CountDownLatchTrySetCountCodec.DecodeRequest(request);
        return Done(CountDownLatchTrySetCountCodec.EncodeResponse(_state.CP.TrySetCount(p.GroupId, p.Name, p.Count)));
    }

    internal ValueTask<ClientMessage?> CountDownLatchCountDown(ClientMessage request)
    {
        var p = CountDownLatchCountDownCodec.DecodeRequest(request);
        _state.CP.CountDown(p.GroupId, p.Name, p.InvocationUid, p.ExpectedRound);
        return Done(CountDownLatchCountDownCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> CountDownLatchAwait(ClientMessage request)
    {
        var p = CountDownLatchAwaitCodec.DecodeRequest(request);
        return Later(_state.CP.AwaitAsync(p.GroupId, p.Name, p.InvocationUid, p.TimeoutMs), CountDownLatchAwaitCodec.EncodeResponse);
    }

    internal ValueTask<ClientMessage?> CountDownLatchGetCount(ClientMessage request)
    {
        var p = CountDownLatchGetCountCodec.DecodeRequest(request);
        return Done(CountDownLatchGetCountCodec.EncodeResponse(_state.CP.GetCount(p.GroupId, p.Name)));
    }

    internal ValueTask<ClientMessage?> CountDownLatchGetRound(ClientMessage request)
    {
        var p = CountDownLatchGetRoundCodec.DecodeRequest(request);
        return Done(CountDownLatchGetRoundCodec.EncodeResponse(_state.CP.GetRound(p.GroupId, p.Name)));
    }
}
