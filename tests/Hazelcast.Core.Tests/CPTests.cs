using Hazelcast.CP;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>The CP Subsystem against the in-process members.</summary>
public sealed class CPTests : IAsyncLifetime
{
    private HazelcastCluster _cluster = null!;
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var options = new HazelcastClusterOptions { MemberCount = 3, CPSessionTimeToLive = TimeSpan.FromSeconds(3) };
        options.JdkCompatibleSemaphores.Add("jdk");
        _cluster = await HazelcastCluster.StartAsync(options);
        _client = await StartClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private async Task<IHazelcastClient> StartClientAsync()
    {
        var options = new HazelcastOptions();
        foreach (var a in _cluster.Addresses) options.Networking.Addresses.Add(a);
        return await HazelcastClientFactory.StartNewClientAsync(options);
    }

    private static string Name(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Fact]
    public async Task AtomicLong_operations()
    {
        var counter = await _client.CPSubsystem.GetAtomicLongAsync(Name("counter"));
        Assert.Equal(0, await counter.GetAsync());
        Assert.Equal(5, await counter.AddAndGetAsync(5));
        Assert.Equal(5, await counter.GetAndAddAsync(2));
        Assert.Equal(8, await counter.IncrementAndGetAsync());
        Assert.Equal(8, await counter.GetAndDecrementAsync());
        Assert.Equal(6, await counter.DecrementAndGetAsync());
        Assert.Equal(6, await counter.GetAndIncrementAsync());
        Assert.Equal(7, await counter.GetAndSetAsync(100));
        Assert.False(await counter.CompareAndSetAsync(1, 2));
        Assert.True(await counter.CompareAndSetAsync(100, 200));
        await counter.SetAsync(-1);
        Assert.Equal(-1, await counter.GetAsync());
        await counter.DestroyAsync();
        var destroyed = await Assert.ThrowsAsync<RemoteException>(() => counter.GetAsync()); // as Java's CP services, the name stays destroyed
        Assert.Equal(RemoteError.DistributedObjectDestroyed, destroyed.Error);
        Assert.Equal("default", counter.GroupName);
    }

    [Fact]
    public async Task Names_choose_the_group_and_are_validated()
    {
        var name = Name("c");
        var inGroup = await _client.CPSubsystem.GetAtomicLongAsync($"{name}@orders");
        var inDefault = await _client.CPSubsystem.GetAtomicLongAsync($"{name}@DEFAULT");
        var plain = await _client.CPSubsystem.GetAtomicLongAsync(name);
        await inGroup.SetAsync(7);
        await inDefault.SetAsync(1);
        Assert.Equal(1, await plain.GetAsync());
        Assert.Equal(7, await inGroup.GetAsync());
        Assert.Equal("orders", inGroup.GroupName);
        await Assert.ThrowsAsync<ArgumentException>(() => _client.CPSubsystem.GetAtomicLongAsync("x@METADATA"));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.CPSubsystem.GetAtomicLongAsync("a@b@c"));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.CPSubsystem.GetAtomicLongAsync("@group"));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.CPSubsystem.GetAtomicLongAsync(" "));
    }

    [Fact]
    public async Task AtomicReference_operations()
    {
        var r = await _client.CPSubsystem.GetAtomicReferenceAsync<string>(Name("ref"));
        Assert.True(await r.IsNullAsync());
        Assert.Null(await r.GetAsync());
        await r.SetAsync("a");
        Assert.Equal("a", await r.GetAndSetAsync("b"));
        Assert.False(await r.CompareAndSetAsync("a", "c"));
        Assert.True(await r.CompareAndSetAsync("b", "c"));
        Assert.True(await r.ContainsAsync("c"));
        Assert.False(await r.ContainsAsync("b"));
        Assert.True(await r.CompareAndSetAsync("c", null));
        Assert.True(await r.IsNullAsync());
        await r.SetAsync("d");
        await r.ClearAsync();
        Assert.Null(await r.GetAsync());
    }

    [Fact]
    public async Task A_fenced_lock_excludes_32_concurrent_flows()
    {
        var name = Name("lock");
        var @lock = await _client.CPSubsystem.GetLockAsync(name);
        var unsafeCounter = 0;
        var fences = new List<long>();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                var fence = await @lock.LockAsync();
                try
                {
                    var seen = unsafeCounter;
                    await Task.Yield(); // an await inside the locked region keeps the lock
                    unsafeCounter = seen + 1;
                    lock (fences) fences.Add(fence);
                }
                finally
                {
                    await @lock.UnlockAsync();
                }
            }
        })));
        Assert.Equal(160, unsafeCounter); // no lost update
        Assert.Equal(fences.Order(), fences); // fences strictly increase across owners
        Assert.Equal(160, fences.Distinct().Count());
        Assert.False(await @lock.IsLockedAsync());
    }

    [Fact]
    public async Task A_fenced_lock_is_reentrant_per_flow_and_excludes_other_flows_and_clients()
    {
        var name = Name("lock");
        var @lock = await _client.CPSubsystem.GetLockAsync(name);
        var fence = await @lock.LockAsync();
        Assert.True(fence > 0);
        Assert.Equal(fence, await @lock.LockAsync());
        Assert.Equal(2, await @lock.GetLockCountAsync());
        Assert.True(await @lock.IsLockedByCurrentContextAsync());
        Assert.Equal(fence, await @lock.GetFenceAsync());

        // A flow forked after the lock inherits it; in a new context it is another owner.
        Assert.True(await Task.Run(() => @lock.IsLockedByCurrentContextAsync()));
        var other = await Task.Run(async () =>
        {
            using (AsyncContext.New()) return (await @lock.TryLockAsync(TimeSpan.FromMilliseconds(100)), await @lock.IsLockedByCurrentContextAsync());
        });
        Assert.Equal((0L, false), other);
        var error = await Task.Run(async () =>
        {
            using (AsyncContext.New()) return await Assert.ThrowsAsync<RemoteException>(() => @lock.UnlockAsync());
        });
        Assert.Equal(RemoteError.IllegalMonitorState, error.Error);

        await using var second = await StartClientAsync();
        var theirs = await second.CPSubsystem.GetLockAsync(name);
        Assert.Equal(0, await theirs.TryLockAsync(TimeSpan.Zero));
        var waiting = theirs.TryLockAsync(TimeSpan.FromSeconds(10));
        await @lock.UnlockAsync();
        Assert.False(waiting.IsCompleted); // still held once
        await @lock.UnlockAsync();
        var theirFence = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(theirFence > fence);
        await theirs.UnlockAsync();
    }

    [Fact]
    public async Task An_expired_session_releases_the_lock_and_the_owner_learns_it_lost_it()
    {
        var name = Name("lock");
        var @lock = await _client.CPSubsystem.GetLockAsync(name);
        await @lock.LockAsync();
        _cluster.ExpireCPSessions();
        Assert.False(await @lock.IsLockedAsync());
        await Assert.ThrowsAsync<LockOwnershipLostException>(() => @lock.UnlockAsync());
        Assert.True(await @lock.LockAsync() > 0); // a new session is created for the next lock
        await @lock.UnlockAsync();
    }

    [Fact]
    public async Task A_dead_clients_session_expires_and_its_lock_is_released()
    {
        var name = Name("lock");
        var cluster = ((HazelcastClient)_client).Cluster;
        var group = new RaftGroupId(0, 0, "default");
        // A session that is never heartbeated, as a client that died would leave behind.
        var created = CPSessionCreateSessionCodec.DecodeResponse(await cluster.Invocations.InvokeAsync(CPSessionCreateSessionCodec.EncodeRequest(group, "dead-client"), -1, default));
        await cluster.Invocations.InvokeAsync(FencedLockLockCodec.EncodeRequest(group, name, created.SessionId, 1, Guid.NewGuid()), -1, default);
        var @lock = await _client.CPSubsystem.GetLockAsync(name);
        Assert.True(await @lock.IsLockedAsync());
        Assert.Equal(0, await @lock.TryLockAsync(TimeSpan.Zero));
        var fence = await @lock.TryLockAsync(TimeSpan.FromSeconds(10)); // TTL 3 s, swept every second
        Assert.True(fence > 0);
        await @lock.UnlockAsync();
    }

    [Fact]
    public async Task A_retried_call_is_applied_once()
    {
        var name = Name("idem");
        var cluster = ((HazelcastClient)_client).Cluster;
        var group = new RaftGroupId(0, 0, "default");
        var session = CPSessionCreateSessionCodec.DecodeResponse(await cluster.Invocations.InvokeAsync(CPSessionCreateSessionCodec.EncodeRequest(group, "retry"), -1, default)).SessionId;
        var uid = Guid.NewGuid();
        var first = FencedLockLockCodec.DecodeResponse(await cluster.Invocations.InvokeAsync(FencedLockLockCodec.EncodeRequest(group, name, session, 9, uid), -1, default));
        var again = FencedLockLockCodec.DecodeResponse(await cluster.Invocations.InvokeAsync(FencedLockLockCodec.EncodeRequest(group, name, session, 9, uid), -1, default));
        Assert.Equal(first, again);
        var ownership = FencedLockGetLockOwnershipCodec.DecodeResponse(await cluster.Invocations.InvokeAsync(FencedLockGetLockOwnershipCodec.EncodeRequest(group, name), -1, default));
        Assert.Equal(1, ownership.LockCount); // the repeated uid did not lock twice

        var latch = await _client.CPSubsystem.GetCountDownLatchAsync(Name("latch"));
        await latch.TrySetCountAsync(2);
        var countDown = Guid.NewGuid();
        var round = await latch.GetRoundAsync();
        for (var i = 0; i < 3; i++)
            await cluster.Invocations.InvokeAsync(CountDownLatchCountDownCodec.EncodeRequest(group, latch.Name, countDown, round), -1, default);
        Assert.Equal(1, await latch.GetCountAsync());
    }

    [Fact]
    public async Task Semaphore_operations_and_session_release()
    {
        var name = Name("sem");
        var semaphore = await _client.CPSubsystem.GetSemaphoreAsync(name);
        Assert.False(semaphore.IsSessionless);
        Assert.True(await semaphore.InitAsync(3));
        Assert.False(await semaphore.InitAsync(5));
        await semaphore.AcquireAsync(2);
        Assert.Equal(1, await semaphore.GetAvailablePermitsAsync());
        Assert.False(await semaphore.TryAcquireAsync(2, TimeSpan.FromMilliseconds(100)));
        await semaphore.ReleaseAsync(1);
        Assert.Equal(2, await semaphore.DrainAsync());
        Assert.Equal(0, await semaphore.GetAvailablePermitsAsync());
        await semaphore.IncreasePermitsAsync(4);
        await semaphore.ReducePermitsAsync(1);
        Assert.Equal(3, await semaphore.GetAvailablePermitsAsync());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => semaphore.AcquireAsync(0));

        // Permits held by a client are given back when its session closes.
        await using (var other = await StartClientAsync())
        {
            var theirs = await other.CPSubsystem.GetSemaphoreAsync(name);
            await theirs.AcquireAsync(3);
            Assert.Equal(0, await semaphore.GetAvailablePermitsAsync());
            var waiting = semaphore.TryAcquireAsync(1, TimeSpan.FromSeconds(10));
            Assert.False(waiting.IsCompleted);
            await other.DisposeAsync();
            Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        }
    }

    [Fact]
    public async Task Cancelled_lock_and_acquire_waits_give_back_what_the_member_grants_later()
    {
        // The member does not know a caller gave up: it grants the queued wait when the holder lets go. That grant is
        // given back at once, so no lock stays held and no permit leaks.
        var lockName = Name("late-lock");
        var semaphoreName = Name("late-permits");
        await using var other = await StartClientAsync();
        var held = await _client.CPSubsystem.GetLockAsync(lockName);
        var waiting = await other.CPSubsystem.GetLockAsync(lockName);
        await held.LockAsync();
        using (var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.LockAsync(giveUp.Token));
        await held.UnlockAsync();
        await Wait.UntilAsync(() => !held.IsLockedAsync().GetAwaiter().GetResult(), TimeSpan.FromSeconds(10), "the late grant of the lock to be unlocked");

        var mine = await _client.CPSubsystem.GetSemaphoreAsync(semaphoreName);
        var theirs = await other.CPSubsystem.GetSemaphoreAsync(semaphoreName);
        await mine.InitAsync(1);
        await mine.AcquireAsync();
        using (var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => theirs.AcquireAsync(1, giveUp.Token));
        await mine.ReleaseAsync();
        await Task.Delay(300);
        await Wait.UntilAsync(() => mine.GetAvailablePermitsAsync().GetAwaiter().GetResult() == 1, TimeSpan.FromSeconds(10), "the late grant of the permit to be given back");
    }

    [Fact]
    public async Task Releasing_permits_never_acquired_is_one_exception_whoever_finds_it()
    {
        // Without a CP session the client finds the misuse itself; with a session that holds fewer permits the member
        // finds it (a real member answers IllegalState): both are InvalidOperationException.
        await using var fresh = await StartClientAsync();
        var noSession = await fresh.CPSubsystem.GetSemaphoreAsync(Name("never"));
        await noSession.InitAsync(2);
        var clientSide = await Assert.ThrowsAsync<InvalidOperationException>(() => noSession.ReleaseAsync());
        Assert.Null(clientSide.InnerException);

        var semaphore = await _client.CPSubsystem.GetSemaphoreAsync(Name("fewer"));
        await semaphore.InitAsync(3);
        await semaphore.AcquireAsync(1);
        var memberSide = await Assert.ThrowsAsync<InvalidOperationException>(() => semaphore.ReleaseAsync(2));
        Assert.Equal(RemoteError.IllegalState, Assert.IsType<RemoteException>(memberSide.InnerException).Error);
        await semaphore.ReleaseAsync(1); // what it holds, it can release
        Assert.Equal(3, await semaphore.GetAvailablePermitsAsync());
    }

    [Fact]
    public async Task A_jdk_compatible_semaphore_is_sessionless()
    {
        var semaphore = await _client.CPSubsystem.GetSemaphoreAsync("jdk");
        Assert.True(semaphore.IsSessionless);
        await semaphore.InitAsync(1);
        await semaphore.AcquireAsync();
        _cluster.ExpireCPSessions(); // no session holds the permit: it stays taken
        Assert.Equal(0, await semaphore.GetAvailablePermitsAsync());
        await semaphore.ReleaseAsync();
        Assert.Equal(1, await semaphore.GetAvailablePermitsAsync());
    }

    [Fact]
    public async Task CountDownLatch_rounds()
    {
        var latch = await _client.CPSubsystem.GetCountDownLatchAsync(Name("latch"));
        Assert.Equal(0, await latch.GetRoundAsync());
        Assert.True(await latch.AwaitAsync(TimeSpan.Zero)); // nothing to wait for
        Assert.True(await latch.TrySetCountAsync(2));
        Assert.False(await latch.TrySetCountAsync(5));
        Assert.Equal(1, await latch.GetRoundAsync());
        Assert.False(await latch.AwaitAsync(TimeSpan.FromMilliseconds(100)));
        var waiting = latch.AwaitAsync(TimeSpan.FromSeconds(10));
        await latch.CountDownAsync();
        Assert.Equal(1, await latch.GetCountAsync());
        Assert.False(waiting.IsCompleted);
        await latch.CountDownAsync();
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, await latch.GetCountAsync());
        Assert.True(await latch.TrySetCountAsync(1));
        Assert.Equal(2, await latch.GetRoundAsync());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => latch.TrySetCountAsync(0));
    }
}
