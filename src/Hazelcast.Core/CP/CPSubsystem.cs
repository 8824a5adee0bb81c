using Hazelcast.Clustering;
using Hazelcast.DistributedObjects;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.CP;

/// <summary>The client's CP Subsystem: resolves groups, owns the CP sessions.</summary>
internal sealed class CPSubsystem : ICPSubsystem, IAsyncDisposable
{
    private readonly Cluster _cluster;

    public CPSubsystem(Cluster cluster)
    {
        _cluster = cluster;
        Sessions = new CPSessionManager(cluster);
    }

    public CPSessionManager Sessions { get; }

    public Cluster Cluster => _cluster;

    private async Task<(RaftGroupId Group, string Name)> ResolveAsync(string name, CancellationToken cancellationToken)
    {
        var (objectName, groupName) = CPGroupNames.Parse(name);
        var proxyName = $"{objectName}@{groupName}";
        var response = await _cluster.Invoker.InvokeAsync(CPGroupCreateCPGroupCodec.EncodeRequest(proxyName), cancellationToken).ConfigureAwait(false);
        return (CPGroupCreateCPGroupCodec.DecodeResponse(response), objectName);
    }

    public async Task<IAtomicLong> GetAtomicLongAsync(string name, CancellationToken cancellationToken = default)
    {
        var (group, objectName) = await ResolveAsync(name, cancellationToken).ConfigureAwait(false);
        return new AtomicLong(this, group, objectName);
    }

    public async Task<IAtomicReference<T>> GetAtomicReferenceAsync<T>(string name, CancellationToken cancellationToken = default)
    {
        var (group, objectName) = await ResolveAsync(name, cancellationToken).ConfigureAwait(false);
        return new AtomicReference<T>(this, group, objectName);
    }

    public async Task<IFencedLock> GetLockAsync(string name, CancellationToken cancellationToken = default)
    {
        var (group, objectName) = await ResolveAsync(name, cancellationToken).ConfigureAwait(false);
        return new FencedLock(this, group, objectName);
    }

    public async Task<ISemaphore> GetSemaphoreAsync(string name, CancellationToken cancellationToken = default)
    {
        var (group, objectName) = await ResolveAsync(name, cancellationToken).ConfigureAwait(false);
        var response = await _cluster.Invoker.InvokeAsync(SemaphoreGetSemaphoreTypeCodec.EncodeRequest(objectName), cancellationToken).ConfigureAwait(false);
        var sessionless = SemaphoreGetSemaphoreTypeCodec.DecodeResponse(response);
        long threadId = -1;
        if (sessionless)
        {
            var id = await _cluster.Invoker.InvokeAsync(CPSessionGenerateThreadIdCodec.EncodeRequest(group), cancellationToken).ConfigureAwait(false);
            threadId = CPSessionGenerateThreadIdCodec.DecodeResponse(id);
        }
        return new Semaphore(this, group, objectName, sessionless, threadId);
    }

    public async Task<ICountDownLatch> GetCountDownLatchAsync(string name, CancellationToken cancellationToken = default)
    {
        var (group, objectName) = await ResolveAsync(name, cancellationToken).ConfigureAwait(false);
        return new CountDownLatch(this, group, objectName);
    }

    public ValueTask DisposeAsync() => Sessions.DisposeAsync();
}

/// <summary>What every CP proxy shares: its group, its name, invocation and destruction.</summary>
internal abstract class CPProxy : ICPDistributedObject
{
    protected CPProxy(CPSubsystem cp, RaftGroupId group, string name, string serviceName)
    {
        CP = cp;
        Group = group;
        Name = name;
        ServiceName = serviceName;
    }

    protected CPSubsystem CP { get; }

    protected RaftGroupId Group { get; }

    protected string ServiceName { get; }

    protected SerializationService Serialization => CP.Cluster.Serialization;

    public string Name { get; }

    public string GroupName => Group.Name;

    /// <summary>CP requests go to any member (the member forwards them to the group's leader).</summary>
    protected Task<ClientMessage> InvokeAsync(ClientMessage request, CancellationToken cancellationToken, bool waitsOnMember = false)
        => CP.Cluster.Invoker.InvokeAsync(request, cancellationToken, waitsOnMember ? Timeout.InfiniteTimeSpan : null);

    /// <summary>
    /// Sends a request that waits on the member (a lock, an acquire). The member knows nothing of the caller's token:
    /// what it grants after the caller gave up would have no owner. So the request is not withdrawn; the caller stops
    /// waiting, and <paramref name="undo"/> gives back a grant that comes later.
    /// </summary>
    protected Task<ClientMessage> InvokeWaitAsync(ClientMessage request, Func<ClientMessage, Task> undo, CancellationToken cancellationToken)
        => Invoker.WaitAsync(InvokeAsync(request, CancellationToken.None, waitsOnMember: true), undo, cancellationToken);

    /// <summary>
    /// Runs a session-bound call: takes the group's session (counted <paramref name="count"/> times), and when the
    /// cluster reports it expired, forgets it and runs the call again with a new one (the call keeps its invocation
    /// uid, so it is applied once). A failure gives the session uses back; after success the caller decides.
    /// </summary>
    protected async Task<(long SessionId, T Result)> WithSessionAsync<T>(int count, Func<long, Task<T>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            var sessionId = await CP.Sessions.AcquireAsync(Group, count, cancellationToken).ConfigureAwait(false);
            try
            {
                return (sessionId, await call(sessionId).ConfigureAwait(false));
            }
            catch (RemoteException e) when (e.Error == RemoteError.SessionExpired)
            {
                CP.Sessions.Invalidate(Group, sessionId);
            }
            catch
            {
                CP.Sessions.Release(Group, sessionId, count);
                throw;
            }
        }
    }

    public async Task DestroyAsync(CancellationToken cancellationToken = default)
        => await InvokeAsync(CPGroupDestroyCPObjectCodec.EncodeRequest(Group, ServiceName, Name), cancellationToken).ConfigureAwait(false);
}

internal sealed class AtomicLong(CPSubsystem cp, RaftGroupId group, string name) : CPProxy(cp, group, name, ServiceNames.AtomicLong), IAtomicLong
{
    public async Task<long> GetAsync(CancellationToken cancellationToken = default)
        => AtomicLongGetCodec.DecodeResponse(await InvokeAsync(AtomicLongGetCodec.EncodeRequest(Group, Name), cancellationToken).ConfigureAwait(false));

    public async Task SetAsync(long value, CancellationToken cancellationToken = default) => await GetAndSetAsync(value, cancellationToken).ConfigureAwait(false);

    public async Task<long> GetAndSetAsync(long value, CancellationToken cancellationToken = default)
        => AtomicLongGetAndSetCodec.DecodeResponse(await InvokeAsync(AtomicLongGetAndSetCodec.EncodeRequest(Group, Name, value), cancellationToken).ConfigureAwait(false));

    public async Task<long> AddAndGetAsync(long delta, CancellationToken cancellationToken = default)
        => AtomicLongAddAndGetCodec.DecodeResponse(await InvokeAsync(AtomicLongAddAndGetCodec.EncodeRequest(Group, Name, delta), cancellationToken).ConfigureAwait(false));

    public async Task<long> GetAndAddAsync(long delta, CancellationToken cancellationToken = default)
        => AtomicLongGetAndAddCodec.DecodeResponse(await InvokeAsync(AtomicLongGetAndAddCodec.EncodeRequest(Group, Name, delta), cancellationToken).ConfigureAwait(false));

    public async Task<bool> CompareAndSetAsync(long expected, long updated, CancellationToken cancellationToken = default)
        => AtomicLongCompareAndSetCodec.DecodeResponse(await InvokeAsync(AtomicLongCompareAndSetCodec.EncodeRequest(Group, Name, expected, updated), cancellationToken).ConfigureAwait(false));

    public Task<long> IncrementAndGetAsync(CancellationToken cancellationToken = default) => AddAndGetAsync(1, cancellationToken);

    public Task<long> DecrementAndGetAsync(CancellationToken cancellationToken = default) => AddAndGetAsync(-1, cancellationToken);

    public Task<long> GetAndIncrementAsync(CancellationToken cancellationToken = default) => GetAndAddAsync(1, cancellationToken);

    public Task<long> GetAndDecrementAsync(CancellationToken cancellationToken = default) => GetAndAddAsync(-1, cancellationToken);
}

internal sealed class AtomicReference<T>(CPSubsystem cp, RaftGroupId group, string name) : CPProxy(cp, group, name, ServiceNames.AtomicRef), IAtomicReference<T>
{
    private Data ToData(T? value) => value is null ? default : Serialization.ToData(value);

    private ValueTask<T?> ReadAsync(Data data, CancellationToken cancellationToken)
        => CP.Cluster.Invoker.ReadAsync((Serialization, Data: data), static s => s.Serialization.ToObject<T>(s.Data), cancellationToken);

    public async Task<T?> GetAsync(CancellationToken cancellationToken = default)
        => await ReadAsync(AtomicRefGetCodec.DecodeResponse(await InvokeAsync(AtomicRefGetCodec.EncodeRequest(Group, Name), cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public async Task SetAsync(T? value, CancellationToken cancellationToken = default)
        => await InvokeAsync(AtomicRefSetCodec.EncodeRequest(Group, Name, ToData(value), false), cancellationToken).ConfigureAwait(false);

    public async Task<T?> GetAndSetAsync(T? value, CancellationToken cancellationToken = default)
        => await ReadAsync(AtomicRefSetCodec.DecodeResponse(await InvokeAsync(AtomicRefSetCodec.EncodeRequest(Group, Name, ToData(value), true), cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public async Task<bool> CompareAndSetAsync(T? expected, T? value, CancellationToken cancellationToken = default)
        => AtomicRefCompareAndSetCodec.DecodeResponse(await InvokeAsync(AtomicRefCompareAndSetCodec.EncodeRequest(Group, Name, ToData(expected), ToData(value)), cancellationToken).ConfigureAwait(false));

    public async Task<bool> ContainsAsync(T? value, CancellationToken cancellationToken = default)
        => AtomicRefContainsCodec.DecodeResponse(await InvokeAsync(AtomicRefContainsCodec.EncodeRequest(Group, Name, ToData(value)), cancellationToken).ConfigureAwait(false));

    public Task<bool> IsNullAsync(CancellationToken cancellationToken = default) => ContainsAsync(default, cancellationToken);

    public Task ClearAsync(CancellationToken cancellationToken = default) => SetAsync(default, cancellationToken);
}
