using Hazelcast.DistributedObjects;

namespace Hazelcast.Core.Tests;

/// <summary>Every IHList method against three in-process members.</summary>
public sealed class ListTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await fixture.StartClientAsync();

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();

    private ValueTask<IHList<string>> List() => _client.GetListAsync<string>($"list-{Guid.NewGuid():N}");

    [Fact]
    public async Task Items_keep_their_order_and_duplicates_and_are_addressed_by_index()
    {
        var list = await List();
        Assert.True(await list.AddAsync("a"));
        Assert.True(await list.AddAsync("c"));
        Assert.True(await list.AddAsync("a"));
        await list.InsertAsync(1, "b");
        Assert.Equal(["a", "b", "c", "a"], await list.GetAllAsync());
        Assert.Equal("b", await list.GetAsync(1));
        Assert.Equal("c", await list.SetAsync(2, "C"));
        Assert.Equal(0, await list.IndexOfAsync("a"));
        Assert.Equal(3, await list.LastIndexOfAsync("a"));
        Assert.Equal(-1, await list.IndexOfAsync("z"));
        Assert.Equal(["b", "C"], await list.GetSublistAsync(1, 3));
        Assert.Equal("b", await list.RemoveAtAsync(1));
        Assert.True(await list.InsertRangeAsync(1, ["x", "y"]));
        Assert.Equal(["a", "x", "y", "C", "a"], await list.GetAllAsync());
        Assert.Equal(5, await list.GetSizeAsync());
    }

    [Fact]
    public async Task Bulk_operations_and_clear()
    {
        var list = await List();
        Assert.True(await list.AddAllAsync(["a", "b", "c", "b"]));
        Assert.True(await list.ContainsAsync("b"));
        Assert.True(await list.ContainsAllAsync(["a", "c"]));
        Assert.True(await list.RemoveAsync("b"));
        Assert.Equal(["a", "c", "b"], await list.GetAllAsync());
        Assert.True(await list.RemoveAllAsync(["b"]));
        Assert.True(await list.RetainAllAsync(["c"]));
        Assert.Equal(["c"], await list.GetAllAsync());
        await list.ClearAsync();
        Assert.True(await list.IsEmptyAsync());
    }

    [Fact]
    public async Task An_index_outside_the_list_is_an_ArgumentOutOfRangeException_from_the_member()
    {
        var list = await List();
        await list.AddAllAsync(["a", "b"]);
        var get = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await list.GetAsync(2));
        Assert.Equal("index", get.ParamName);
        Assert.Contains("Index: 2, Size: 2", get.Message);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await list.SetAsync(5, "x"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await list.InsertAsync(3, "x"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await list.RemoveAtAsync(9));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await list.GetSublistAsync(1, 5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await list.GetAsync(-1));
        await list.InsertAsync(2, "c"); // the end of the list is a place to insert at
        Assert.Equal(["a", "b", "c"], await list.GetAllAsync());
    }

    [Fact]
    public async Task Item_listeners_hear_list_changes_in_order()
    {
        var list = await List();
        var events = new List<string>();
        await list.SubscribeAsync(h => h.ItemAdded(e => { lock (events) events.Add("+" + e.Item); }).ItemRemoved(e => { lock (events) events.Add("-" + e.Item); }));
        await list.AddAsync("a");
        await list.SetAsync(0, "b");
        await list.RemoveAtAsync(0);
        await Wait.UntilAsync(() => { lock (events) return events.Count == 4; }, TimeSpan.FromSeconds(5), "four events");
        Assert.Equal(["+a", "-a", "+b", "-b"], events);
    }

    [Fact]
    public async Task Null_items_are_refused()
    {
        var list = await List();
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await list.AddAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await list.InsertAsync(0, null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await list.AddAllAsync(null!));
    }
}
