using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.CP;

/// <summary>
/// A CP semaphore. Session-aware (the default): permits belong to this client's CP session and are released if it
/// expires; each call is its own "thread", as in the official Node.js client, so concurrent calls never cancel each
/// other's waits. Sessionless (JDK-compatible): no session, one cluster-wide thread id for this proxy.
/// </summary>
internal sealed class Semaphore : CPProxy, ISemaphore
{
    private static long _nextThread;
    private readonly long _sessionlessThreadId;

    public Semaphore(CPSubsystem cp, RaftGroupId group, string name, bool sessionless, long threadId)
        : base(cp, group, name, ServiceNames.Semaphore)
    {
        IsSessionless = sessionless;
        _sessionlessThreadId = threadId;
    }

    public bool IsSessionless { get; }

    private long ThreadId() => IsSessionless ? _sessionlessThreadId : Interlocked.Increment(ref _nextThread);

    private static void CheckPermits(int permits, string paramName)
    {
        if (permits <= 0) throw new ArgumentOutOfRangeException(paramName, permits, "The number of permits must be positive.");
    }

    public async Task<bool> InitAsync(int permits, CancellationToken cancellationToken = default)
    {
        if (permits < 0) throw new ArgumentOutOfRangeException(nameof(permits), permits, "The number of permits cannot be negative.");
        return SemaphoreInitCodec.DecodeResponse(await InvokeAsync(SemaphoreInitCodec.EncodeRequest(Group, Name, permits), cancellationToken).ConfigureAwait(false));
    }

    public async Task AcquireAsync(int permits = 1, CancellationToken cancellationToken = default)
    {
        CheckPermits(permits, nameof(permits));
        await AcquireCoreAsync(permits, -1, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> TryAcquireAsync(int permits, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        CheckPermits(permits, nameof(permits));
        if (timeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout cannot be negative.");
        return AcquireCoreAsync(permits, (long)timeout.TotalMilliseconds, cancellationToken);
    }

    private async Task<bool> AcquireCoreAsync(int permits, long timeoutMs, CancellationToken cancellationToken)
    {
        var uid = Guid.NewGuid();
        var threadId = ThreadId();
        Task<bool> Acquire(long sessionId) => DecodeAsync(InvokeWaitAsync(SemaphoreAcquireCodec.EncodeRequest(Group, Name, sessionId, threadId, uid, permits, timeoutMs), async late =>
        {
            // Granted after the caller gave up: give the permits back, so that they do not leak.
            if (SemaphoreAcquireCodec.DecodeResponse(late))
                await InvokeAsync(SemaphoreReleaseCodec.EncodeRequest(Group, Name, sessionId, threadId, Guid.NewGuid(), permits), CancellationToken.None).ConfigureAwait(false);
        }, cancellationToken), SemaphoreAcquireCodec.DecodeResponse);
        if (IsSessionless) return await Acquire(-1).ConfigureAwait(false);
        var (session, acquired) = await WithSessionAsync(permits, Acquire, cancellationToken).ConfigureAwait(false);
        if (!acquired) CP.Sessions.Release(Group, session, permits);
        return acquired;
    }

    private static async Task<T> DecodeAsync<T>(Task<ClientMessage> response, Func<ClientMessage, T> decode) => decode(await response.ConfigureAwait(false));

    private long SessionForRelease()
    {
        if (IsSessionless) return -1;
        var sessionId = CP.Sessions.Current(Group);
        return sessionId != -1 ? sessionId : throw new InvalidOperationException($"This client holds no permit of the semaphore '{Name}': it has no CP session in group '{GroupName}'.");
    }

    public async Task ReleaseAsync(int permits = 1, CancellationToken cancellationToken = default)
    {
        CheckPermits(permits, nameof(permits));
        var sessionId = SessionForRelease();
        try
        {
            await InvokeAsync(SemaphoreReleaseCodec.EncodeRequest(Group, Name, sessionId, ThreadId(), Guid.NewGuid(), permits), cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteException e) when (e.Error == RemoteError.SessionExpired)
        {
            CP.Sessions.Invalidate(Group, sessionId);
            throw new LockOwnershipLostException($"The CP session that held permits of the semaphore '{Name}' expired: they were released.");
        }
        catch (RemoteException e) when (e.Error is RemoteError.IllegalState or RemoteError.IllegalArgument)
        {
            // A member refuses to release permits this session does not hold: the same misuse as releasing without a
            // session at all (caught here, before any request), so the same exception, whichever side finds it.
            throw new InvalidOperationException($"This client does not hold {permits} permit(s) of the semaphore '{Name}': {e.Message}", e);
        }
        finally
        {
            if (!IsSessionless) CP.Sessions.Release(Group, sessionId, permits);
        }
    }

    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var uid = Guid.NewGuid();
        var threadId = ThreadId();
        Task<int> Drain(long sessionId) => DecodeAsync(InvokeAsync(SemaphoreDrainCodec.EncodeRequest(Group, Name, sessionId, threadId, uid), cancellationToken), SemaphoreDrainCodec.DecodeResponse);
        if (IsSessionless) return await Drain(-1).ConfigureAwait(false);
        var (session, drained) = await WithSessionAsync(1, Drain, cancellationToken).ConfigureAwait(false);
        CP.Sessions.Release(Group, session, 1 - Math.Max(0, drained)); // the session now counts the drained permits
        return drained;
    }

    public Task IncreasePermitsAsync(int increase, CancellationToken cancellationToken = default)
    {
        if (increase < 0) throw new ArgumentOutOfRangeException(nameof(increase), increase, "Use ReducePermitsAsync to remove permits.");
        return ChangeAsync(increase, cancellationToken);
    }

    public Task ReducePermitsAsync(int reduction, CancellationToken cancellationToken = default)
    {
        if (reduction < 0) throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Use IncreasePermitsAsync to add permits.");
        return ChangeAsync(-reduction, cancellationToken);
    }

    private async Task ChangeAsync(int permits, CancellationToken cancellationToken)
    {
        if (permits == 0) return;
        var uid = Guid.NewGuid();
        var threadId = ThreadId();
        Task<ClientMessage> Change(long sessionId) => InvokeAsync(SemaphoreChangeCodec.EncodeRequest(Group, Name, sessionId, threadId, uid, permits), cancellationToken);
        if (IsSessionless)
        {
            await Change(-1).ConfigureAwait(false);
            return;
        }
        var (session, _) = await WithSessionAsync(1, Change, cancellationToken).ConfigureAwait(false);
        CP.Sessions.Release(Group, session, 1);
    }

    public async Task<int> GetAvailablePermitsAsync(CancellationToken cancellationToken = default)
        => SemaphoreAvailablePermitsCodec.DecodeResponse(await InvokeAsync(SemaphoreAvailablePermitsCodec.EncodeRequest(Group, Name), cancellationToken).ConfigureAwait(false));
}
