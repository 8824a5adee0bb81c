using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Testing;

internal sealed partial class ClientSession
{
    private static ValueTask<ClientMessage?> Later<T>(Task<T> task, Func<T, ClientMessage> respond)
        => task.IsCompletedSuccessfully ? new(respond(task.Result)) : new(Continue(task, respond));

    private static async Task<ClientMessage?> Continue<T>(Task<T> task, Func<T, ClientMessage> respond) => respond(await task.ConfigureAwait(false));

    private ValueTask<ClientMessage?>? HandleCP(ClientMessage request)
    {
        var cp = _state.CP;
        switch (request.MessageType)
        {
            case CPGroupCreateCPGroupCodec.RequestMessageType:
                return Done(CPGroupCreateCPGroupCodec.EncodeResponse(cp.CreateGroup(CPGroupCreateCPGroupCodec.DecodeRequest(request).ProxyName)));
            case CPGroupDestroyCPObjectCodec.RequestMessageType:
            {
                var p = CPGroupDestroyCPObjectCodec.DecodeRequest(request);
                cp.Destroy(p.GroupId, p.ServiceName, p.ObjectName);
                return Done(CPGroupDestroyCPObjectCodec.EncodeResponse());
            }
            case CPSessionCreateSessionCodec.RequestMessageType:
            {
                var p = CPSessionCreateSessionCodec.DecodeRequest(request);
                var (id, ttl, heartbeat) = cp.CreateSession(p.GroupId, p.EndpointName);
                return Done(CPSessionCreateSessionCodec.EncodeResponse(id, ttl, heartbeat));
            }
            case CPSessionHeartbeatSessionCodec.RequestMessageType:
            {
                var p = CPSessionHeartbeatSessionCodec.DecodeRequest(request);
                cp.Heartbeat(p.GroupId, p.SessionId);
                return Done(CPSessionHeartbeatSessionCodec.EncodeResponse());
            }
            case CPSessionCloseSessionCodec.RequestMessageType:
            {
                var p = CPSessionCloseSessionCodec.DecodeRequest(request);
                return Done(CPSessionCloseSessionCodec.EncodeResponse(cp.CloseSession(p.GroupId, p.SessionId)));
            }
            case CPSessionGenerateThreadIdCodec.RequestMessageType:
                return Done(CPSessionGenerateThreadIdCodec.EncodeResponse(cp.GenerateThreadId(CPSessionGenerateThreadIdCodec.DecodeRequest(request).GroupId)));

            case AtomicLongAddAndGetCodec.RequestMessageType:
            {
                var p = AtomicLongAddAndGetCodec.DecodeRequest(request);
                return Done(AtomicLongAddAndGetCodec.EncodeResponse(cp.AddAndGet(p.GroupId, p.Name, p.Delta, returnOld: false)));
            }
            case AtomicLongGetAndAddCodec.RequestMessageType:
            {
                var p = AtomicLongGetAndAddCodec.DecodeRequest(request);
                return Done(AtomicLongGetAndAddCodec.EncodeResponse(cp.AddAndGet(p.GroupId, p.Name, p.Delta, returnOld: true)));
            }
            case AtomicLongGetCodec.RequestMessageType:
            {
                var p = AtomicLongGetCodec.DecodeRequest(request);
                return Done(AtomicLongGetCodec.EncodeResponse(cp.AddAndGet(p.GroupId, p.Name, 0, returnOld: true)));
            }
            case AtomicLongGetAndSetCodec.RequestMessageType:
            {
                var p = AtomicLongGetAndSetCodec.DecodeRequest(request);
                return Done(AtomicLongGetAndSetCodec.EncodeResponse(cp.GetAndSet(p.GroupId, p.Name, p.NewValue)));
            }
            case AtomicLongCompareAndSetCodec.RequestMessageType:
            {
                var p = AtomicLongCompareAndSetCodec.DecodeRequest(request);
                return Done(AtomicLongCompareAndSetCodec.EncodeResponse(cp.CompareAndSet(p.GroupId, p.Name, p.Expected, p.Updated)));
            }

            case AtomicRefGetCodec.RequestMessageType:
            {
                var p = AtomicRefGetCodec.DecodeRequest(request);
                return Done(AtomicRefGetCodec.EncodeResponse(cp.GetRef(p.GroupId, p.Name)));
            }
            case AtomicRefSetCodec.RequestMessageType:
            {
                var p = AtomicRefSetCodec.DecodeRequest(request);
                var old = cp.SetRef(p.GroupId, p.Name, p.NewValue);
                return Done(AtomicRefSetCodec.EncodeResponse(p.ReturnOldValue ? old : default));
            }
            case AtomicRefCompareAndSetCodec.RequestMessageType:
            {
                var p = AtomicRefCompareAndSetCodec.DecodeRequest(request);
                return Done(AtomicRefCompareAndSetCodec.EncodeResponse(cp.CompareAndSetRef(p.GroupId, p.Name, p.OldValue, p.NewValue)));
            }
            case AtomicRefContainsCodec.RequestMessageType:
            {
                var p = AtomicRefContainsCodec.DecodeRequest(request);
                return Done(AtomicRefContainsCodec.EncodeResponse(cp.ContainsRef(p.GroupId, p.Name, p.Value)));
            }

            case FencedLockLockCodec.RequestMessageType:
            {
                var p = FencedLockLockCodec.DecodeRequest(request);
                return Later(cp.LockAsync(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid, -1), FencedLockLockCodec.EncodeResponse);
            }
            case FencedLockTryLockCodec.RequestMessageType:
            {
                var p = FencedLockTryLockCodec.DecodeRequest(request);
                return Later(cp.LockAsync(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid, Math.Max(0, p.TimeoutMs)), FencedLockTryLockCodec.EncodeResponse);
            }
            case FencedLockUnlockCodec.RequestMessageType:
            {
                var p = FencedLockUnlockCodec.DecodeRequest(request);
                return Done(FencedLockUnlockCodec.EncodeResponse(cp.Unlock(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid)));
            }
            case FencedLockGetLockOwnershipCodec.RequestMessageType:
            {
                var p = FencedLockGetLockOwnershipCodec.DecodeRequest(request);
                var (fence, count, session, thread) = cp.Ownership(p.GroupId, p.Name);
                return Done(FencedLockGetLockOwnershipCodec.EncodeResponse(fence, count, session, thread));
            }

            case SemaphoreGetSemaphoreTypeCodec.RequestMessageType:
                return Done(SemaphoreGetSemaphoreTypeCodec.EncodeResponse(cp.IsJdkCompatible(SemaphoreGetSemaphoreTypeCodec.DecodeRequest(request).ProxyName)));
            case SemaphoreInitCodec.RequestMessageType:
            {
                var p = SemaphoreInitCodec.DecodeRequest(request);
                return Done(SemaphoreInitCodec.EncodeResponse(cp.InitSemaphore(p.GroupId, p.Name, p.Permits)));
            }
            case SemaphoreAcquireCodec.RequestMessageType:
            {
                var p = SemaphoreAcquireCodec.DecodeRequest(request);
                return Later(cp.AcquireAsync(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid, p.Permits, p.TimeoutMs), SemaphoreAcquireCodec.EncodeResponse);
            }
            case SemaphoreReleaseCodec.RequestMessageType:
            {
                var p = SemaphoreReleaseCodec.DecodeRequest(request);
                cp.Release(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid, p.Permits);
                return Done(SemaphoreReleaseCodec.EncodeResponse(true));
            }
            case SemaphoreDrainCodec.RequestMessageType:
            {
                var p = SemaphoreDrainCodec.DecodeRequest(request);
                return Done(SemaphoreDrainCodec.EncodeResponse(cp.Drain(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid)));
            }
            case SemaphoreChangeCodec.RequestMessageType:
            {
                var p = SemaphoreChangeCodec.DecodeRequest(request);
                cp.Change(p.GroupId, p.Name, p.SessionId, p.ThreadId, p.InvocationUid, p.Permits);
                return Done(SemaphoreChangeCodec.EncodeResponse(true));
            }
            case SemaphoreAvailablePermitsCodec.RequestMessageType:
            {
                var p = SemaphoreAvailablePermitsCodec.DecodeRequest(request);
                return Done(SemaphoreAvailablePermitsCodec.EncodeResponse(cp.AvailablePermits(p.GroupId, p.Name)));
            }

            case CountDownLatchTrySetCountCodec.RequestMessageType:
            {
                var p = CountDownLatchTrySetCountCodec.DecodeRequest(request);
                return Done(CountDownLatchTrySetCountCodec.EncodeResponse(cp.TrySetCount(p.GroupId, p.Name, p.Count)));
            }
            case CountDownLatchCountDownCodec.RequestMessageType:
            {
                var p = CountDownLatchCountDownCodec.DecodeRequest(request);
                cp.CountDown(p.GroupId, p.Name, p.InvocationUid, p.ExpectedRound);
                return Done(CountDownLatchCountDownCodec.EncodeResponse());
            }
            case CountDownLatchAwaitCodec.RequestMessageType:
            {
                var p = CountDownLatchAwaitCodec.DecodeRequest(request);
                return Later(cp.AwaitAsync(p.GroupId, p.Name, p.InvocationUid, p.TimeoutMs), CountDownLatchAwaitCodec.EncodeResponse);
            }
            case CountDownLatchGetCountCodec.RequestMessageType:
            {
                var p = CountDownLatchGetCountCodec.DecodeRequest(request);
                return Done(CountDownLatchGetCountCodec.EncodeResponse(cp.GetCount(p.GroupId, p.Name)));
            }
            case CountDownLatchGetRoundCodec.RequestMessageType:
            {
                var p = CountDownLatchGetRoundCodec.DecodeRequest(request);
                return Done(CountDownLatchGetRoundCodec.EncodeResponse(cp.GetRound(p.GroupId, p.Name)));
            }
            default:
                return null;
        }
    }
}
