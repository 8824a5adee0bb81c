using Hazelcast.DistributedObjects;

namespace Hazelcast.Core.Tests;

/// <summary>IHMultiMap against three in-process members.</summary>
public sealed class MultiMapTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await fixture.StartClientAsync();

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();

    private ValueTask<IHMultiMap<string, int>> Map() => _client.GetMultiMapAsync<string, int>($"mm-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_key_holds_a_set_of_values()
    {
        var map = await Map();
        Assert.True(await map.PutAsync("a", 1));
        Assert.True(await map.PutAsync("a", 2));
        Assert.False(await map.PutAsync("a", 2)); // a set: held once
        Assert.True(await map.PutAsync("b", 3));
        Assert.Equal([1, 2], (await map.GetAsync("a")).Order());
        Assert.Empty(await map.GetAsync("none"));
        Assert.Equal(2, await map.GetValueCountAsync("a"));
        Assert.Equal(3, await map.GetSizeAsync());
        Assert.True(await map.ContainsKeyAsync("b"));
        Assert.True(await map.ContainsValueAsync(2));
        Assert.True(await map.ContainsEntryAsync("a", 1));
        Assert.False(await map.ContainsEntryAsync("b", 1));
        Assert.Equal(["a", "b"], (await map.GetKeysAsync()).Order());
        Assert.Equal([1, 2, 3], (await map.GetValuesAsync()).Order());
        Assert.Equal(3, (await map.GetEntriesAsync()).Count);
    }

    [Fact]
    public async Task Removes_deletes_put_all_and_clear()
    {
        var map = await Map();
        await map.PutAllAsync(new Dictionary<string, IReadOnlyCollection<int>> { ["a"] = [1, 2, 3], ["b"] = [4], ["c"] = [5, 6] });
        Assert.Equal(6, await map.GetSizeAsync());
        Assert.True(await map.RemoveAsync("a", 2));
        Assert.False(await map.RemoveAsync("a", 2));
        Assert.Equal([1, 3], (await map.RemoveAsync("a")).Order());
        Assert.Empty(await map.RemoveAsync("a"));
        await map.DeleteAsync("b");
        Assert.False(await map.ContainsKeyAsync("b"));
        await map.ClearAsync();
        Assert.Equal(0, await map.GetSizeAsync());
    }

    [Fact]
    public async Task Listeners_hear_added_and_removed_values_for_every_key_or_one()
    {
        var map = await Map();
        var all = new List<string>();
        var one = new List<string>();
        await map.SubscribeAsync(on => on.EntryAdded(e => { lock (all) all.Add($"+{e.Key}={e.Value}"); })
            .EntryRemoved(e => { lock (all) all.Add($"-{e.Key}={e.OldValue}"); })
            .MapCleared(e => { lock (all) all.Add($"clear {e.AffectedEntries}"); }));
        await map.SubscribeAsync("b", on => on.EntryAdded(e => { lock (one) one.Add($"+{e.Key}:{e.Value}"); }), includeValues: false);
        await map.PutAsync("a", 1);
        await map.PutAsync("b", 2);
        await map.RemoveAsync("a", 1);
        await map.ClearAsync();
        await Wait.UntilAsync(() => { lock (all) lock (one) return all.Count >= 4 && one.Count >= 1; }, TimeSpan.FromSeconds(5), "the events");
        await Task.Delay(200);
        Assert.Equal(["+a=1", "+b=2", "-a=1", "clear 1"], all);
        Assert.Equal(["+b:0"], one); // without values
    }

    [Fact]
    public async Task A_locked_key_makes_other_owners_wait_and_a_lease_ends_the_lock()
    {
        var map = await Map();
        await map.LockAsync("k");
        Assert.True(await map.IsLockedAsync("k"));
        Assert.True(await map.TryLockAsync("k", TimeSpan.Zero)); // reentrant for the same flow
        await map.UnlockAsync("k");

        var refused = new TaskCompletionSource<bool>();
        var otherFlow = Task.Run(async () =>
        {
            using var other = AsyncContext.New(); // another lock owner
            refused.SetResult(!await map.TryLockAsync("k", TimeSpan.FromMilliseconds(100)));
            await map.PutAsync("k", 1); // waits for the lock
        });
        Assert.True(await refused.Task.WaitAsync(TimeSpan.FromSeconds(10)), "another owner cannot take the lock");
        await Task.Delay(200);
        Assert.False(otherFlow.IsCompleted);
        Assert.Empty(await map.GetAsync("k"));
        await map.UnlockAsync("k");
        await otherFlow.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([1], await map.GetAsync("k"));

        await map.LockAsync("lease", TimeSpan.FromMilliseconds(300));
        var waiting = Task.Run(async () =>
        {
            using var other = AsyncContext.New();
            await map.PutAsync("lease", 7); // waits for the lease to end (the member's sweep releases it)
        });
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Run(async () =>
        {
            using var other = AsyncContext.New();
            Assert.True(await map.TryLockAsync("lease", TimeSpan.FromSeconds(5))); // once the lease is over
        });
        await map.ForceUnlockAsync("lease");
        Assert.False(await map.IsLockedAsync("lease"));
        await Assert.ThrowsAsync<RemoteException>(async () => await map.UnlockAsync("lease")); // not locked
    }

    [Fact]
    public async Task Null_keys_and_values_are_refused()
    {
        var map = await _client.GetMultiMapAsync<string, string>($"mm-{Guid.NewGuid():N}");
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.PutAsync(null!, "v"));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.PutAsync("k", null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.LockAsync(null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await map.LockAsync("k", TimeSpan.Zero));
    }
}
