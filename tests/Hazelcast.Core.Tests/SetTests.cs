using Hazelcast.DistributedObjects;

namespace Hazelcast.Core.Tests;

/// <summary>Every IHSet method against three in-process members.</summary>
public sealed class SetTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await fixture.StartClientAsync();

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();

    private ValueTask<IHSet<int>> Set() => _client.GetSetAsync<int>($"set-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_set_holds_no_duplicates()
    {
        var set = await Set();
        Assert.True(await set.AddAsync(1));
        Assert.False(await set.AddAsync(1));
        Assert.True(await set.AddAllAsync([1, 2, 3]));
        Assert.False(await set.AddAllAsync([2, 3]));
        Assert.Equal(3, await set.GetSizeAsync());
        Assert.Equal([1, 2, 3], (await set.GetAllAsync()).Order());
    }

    [Fact]
    public async Task Contains_remove_retain_and_clear()
    {
        var set = await Set();
        await set.AddAllAsync([1, 2, 3, 4]);
        Assert.True(await set.ContainsAsync(3));
        Assert.False(await set.ContainsAsync(9));
        Assert.True(await set.ContainsAllAsync([1, 4]));
        Assert.True(await set.RemoveAsync(1));
        Assert.False(await set.RemoveAsync(1));
        Assert.True(await set.RemoveAllAsync([2, 9]));
        Assert.True(await set.RetainAllAsync([3]));
        Assert.Equal([3], await set.GetAllAsync());
        await set.ClearAsync();
        Assert.True(await set.IsEmptyAsync());
    }

    [Fact]
    public async Task Item_listeners_hear_set_changes()
    {
        var set = await Set();
        var events = new List<(CollectionItemEventType, int)>();
        await set.SubscribeAsync(h => h.ItemAdded(e => { lock (events) events.Add((e.EventType, e.Item)); }).ItemRemoved(e => { lock (events) events.Add((e.EventType, e.Item)); }));
        await set.AddAsync(7);
        await set.AddAsync(7); // no change, no event
        await set.RemoveAsync(7);
        await Wait.UntilAsync(() => { lock (events) return events.Count == 2; }, TimeSpan.FromSeconds(5), "two events");
        await Task.Delay(100);
        Assert.Equal([(CollectionItemEventType.Added, 7), (CollectionItemEventType.Removed, 7)], events);
    }

    [Fact]
    public async Task Destroy_removes_the_data_and_lists_show_the_objects()
    {
        var name = $"set-{Guid.NewGuid():N}";
        var set = await _client.GetSetAsync<int>(name);
        await set.AddAsync(1);
        Assert.Contains(await _client.GetDistributedObjectsAsync(), o => o.Name == name && o.ServiceName == "hz:impl:setService");
        await set.DestroyAsync();
        Assert.DoesNotContain(await _client.GetDistributedObjectsAsync(), o => o.Name == name);
        var again = await _client.GetSetAsync<int>(name);
        Assert.NotSame(set, again);
        Assert.Equal(0, await again.GetSizeAsync());
    }
}
