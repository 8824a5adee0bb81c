using Hazelcast.DistributedObjects;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>Every IHQueue method against three in-process members, through a smart client.</summary>
public sealed class QueueTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await fixture.StartClientAsync();

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();

    private ValueTask<IHQueue<string>> Queue(string prefix = "queue") => _client.GetQueueAsync<string>($"{prefix}-{Guid.NewGuid():N}");

    [Fact]
    public async Task Offer_poll_peek_and_element_are_first_in_first_out()
    {
        var queue = await Queue();
        Assert.Null(await queue.PollAsync());
        Assert.Null(await queue.PeekAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await queue.GetElementAsync());
        Assert.True(await queue.OfferAsync("a"));
        await queue.PutAsync("b");
        Assert.True(await queue.AddAsync("c"));
        Assert.Equal("a", await queue.PeekAsync());
        Assert.Equal("a", await queue.GetElementAsync());
        Assert.Equal(3, await queue.GetSizeAsync());
        Assert.Equal("a", await queue.PollAsync());
        Assert.Equal("b", await queue.TakeAsync());
        Assert.Equal(["c"], await queue.GetAllAsync());
        Assert.False(await queue.IsEmptyAsync());
        Assert.Equal("c", await queue.PollAsync(TimeSpan.FromSeconds(1)));
        Assert.True(await queue.IsEmptyAsync());
    }

    [Fact]
    public async Task Bulk_operations_contains_remove_retain_and_drain()
    {
        var queue = await Queue();
        Assert.True(await queue.AddAllAsync(["a", "b", "c", "d", "e"]));
        Assert.True(await queue.ContainsAsync("c"));
        Assert.True(await queue.ContainsAllAsync(["a", "e"]));
        Assert.False(await queue.ContainsAllAsync(["a", "z"]));
        Assert.True(await queue.RemoveAsync("c"));
        Assert.False(await queue.RemoveAsync("c"));
        Assert.True(await queue.RemoveAllAsync(["a", "z"]));
        Assert.False(await queue.RemoveAllAsync(["z"]));
        Assert.True(await queue.RetainAllAsync(["b", "d"]));
        var seen = new List<string>();
        await foreach (var item in queue) seen.Add(item);
        Assert.Equal(["b", "d"], seen);
        var drained = new List<string>();
        Assert.Equal(1, await queue.DrainToAsync(drained, 1));
        Assert.Equal(1, await queue.DrainToAsync(drained));
        Assert.Equal(["b", "d"], drained);
        await queue.AddAllAsync(["x", "y"]);
        await queue.ClearAsync();
        Assert.Equal(0, await queue.GetSizeAsync());
        Assert.Equal(int.MaxValue, await queue.GetRemainingCapacityAsync());
    }

    [Fact]
    public async Task A_full_bounded_queue_refuses_offers_fails_adds_and_makes_puts_wait()
    {
        var queue = await Queue("bounded");
        Assert.True(await queue.OfferAsync("1"));
        Assert.True(await queue.OfferAsync("2"));
        Assert.Equal(0, await queue.GetRemainingCapacityAsync());
        Assert.False(await queue.OfferAsync("3"));
        Assert.False(await queue.OfferAsync("3", TimeSpan.FromMilliseconds(200)));
        var add = await Assert.ThrowsAsync<InvalidOperationException>(async () => await queue.AddAsync("3"));
        Assert.Contains("full", add.Message);

        var put = queue.PutAsync("3").AsTask();
        await Task.Delay(200);
        Assert.False(put.IsCompleted);
        Assert.Equal("1", await queue.PollAsync());
        await put.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["2", "3"], await queue.GetAllAsync());
    }

    [Fact]
    public async Task Take_waits_on_the_member_until_an_item_is_offered()
    {
        var queue = await Queue();
        var take = queue.TakeAsync().AsTask();
        var poll = queue.PollAsync(TimeSpan.FromSeconds(30)).AsTask();
        await Task.Delay(200);
        Assert.False(take.IsCompleted);
        await queue.OfferAsync("first");
        await queue.OfferAsync("second");
        Assert.Equal("first", await take.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("second", await poll.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Null(await queue.PollAsync(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task A_cancelled_take_returns_nothing_and_consumes_no_item_later()
    {
        var queue = await Queue();
        using var cts = new CancellationTokenSource();
        var take = queue.TakeAsync(cts.Token).AsTask();
        var poll = queue.PollAsync(TimeSpan.FromSeconds(30), cts.Token).AsTask();
        await Task.Delay(200);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => take);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);

        // The member still has both waits: the items it hands them go back to the queue, so nobody loses them.
        await queue.OfferAsync("a");
        await queue.OfferAsync("b");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (await queue.GetSizeAsync() < 2 && DateTime.UtcNow < deadline) await Task.Delay(20);
        var all = await queue.GetAllAsync();
        Assert.Equal(["a", "b"], all.Order());
    }

    [Fact]
    public async Task Item_listeners_hear_adds_and_removes_with_or_without_items()
    {
        var queue = await Queue();
        var withItems = new List<(CollectionItemEventType, string?)>();
        var withoutItems = new List<(CollectionItemEventType, string?)>();
        var id = await queue.SubscribeAsync(h => h.ItemAdded(e => { lock (withItems) withItems.Add((e.EventType, e.Item)); })
            .ItemRemoved(e => { lock (withItems) withItems.Add((e.EventType, e.Item)); }));
        await queue.SubscribeAsync(h => h.ItemAdded(e => { lock (withoutItems) withoutItems.Add((e.EventType, e.Item)); }), includeItems: false);
        await queue.OfferAsync("a");
        await queue.OfferAsync("b");
        await queue.PollAsync();
        await Wait.UntilAsync(() => { lock (withItems) return withItems.Count == 3; }, TimeSpan.FromSeconds(5), "three item events");
        Assert.Equal([(CollectionItemEventType.Added, "a"), (CollectionItemEventType.Added, "b"), (CollectionItemEventType.Removed, "a")], withItems);
        await Wait.UntilAsync(() => { lock (withoutItems) return withoutItems.Count == 2; }, TimeSpan.FromSeconds(5), "two added events without items");
        Assert.All(withoutItems, e => Assert.Null(e.Item2));

        Assert.True(await queue.UnsubscribeAsync(id));
        Assert.False(await queue.UnsubscribeAsync(id));
        await queue.OfferAsync("c");
        await Wait.UntilAsync(() => { lock (withoutItems) return withoutItems.Count == 3; }, TimeSpan.FromSeconds(5), "the remaining subscription hears c");
        lock (withItems) Assert.Equal(3, withItems.Count);
    }

    [Fact]
    public async Task Null_items_and_bad_arguments_are_refused_before_anything_is_sent()
    {
        var queue = await Queue();
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await queue.OfferAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await queue.AddAllAsync(["a", null!]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await queue.PollAsync(TimeSpan.FromSeconds(-2)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await queue.DrainToAsync(new List<string>(), -1));
        Assert.Equal(0, await queue.GetSizeAsync());
    }

    [Fact]
    public async Task Requests_go_to_the_owner_of_the_queue_partition_and_the_proxy_is_cached()
    {
        var name = $"queue-{Guid.NewGuid():N}";
        var queue = await _client.GetQueueAsync<string>(name);
        Assert.Same(queue, await _client.GetQueueAsync<string>(name));
        var before = fixture.Cluster.Members.Sum(m => m.MisroutedRequests);
        for (var i = 0; i < 20; i++) await queue.OfferAsync($"item-{i}");
        Assert.Equal(20, await queue.GetSizeAsync());
        Assert.Equal(before, fixture.Cluster.Members.Sum(m => m.MisroutedRequests));
    }

    [Fact]
    public async Task Producers_and_consumers_exchange_every_item_exactly_once()
    {
        var queue = await Queue();
        const int producers = 4, perProducer = 250;
        var received = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var done = new CancellationTokenSource();
        var consumers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var item = await queue.PollAsync(TimeSpan.FromMilliseconds(500));
                if (item is null) { if (done.IsCancellationRequested) return; continue; }
                received.Add(item);
            }
        })).ToList();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < perProducer; i++) await queue.OfferAsync($"{p}-{i}");
        })));
        await Wait.UntilAsync(() => received.Count >= producers * perProducer, TimeSpan.FromSeconds(30), "every item consumed");
        done.Cancel();
        await Task.WhenAll(consumers);
        Assert.Equal(producers * perProducer, received.Count);
        Assert.Equal(producers * perProducer, received.Distinct().Count());
    }

    [Fact]
    public async Task A_clear_lets_a_waiting_put_in_and_keeps_its_item()
    {
        var queue = await Queue("bounded");
        await queue.PutAsync("1");
        await queue.PutAsync("2");
        var put = queue.PutAsync("3").AsTask();
        await Task.Delay(200);
        await queue.ClearAsync();
        await put.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["3"], await queue.GetAllAsync());
    }

    [Fact]
    public async Task A_bounded_queue_takes_all_of_a_batch_or_none()
    {
        var queue = await Queue("bounded");
        Assert.False(await queue.AddAllAsync(["a", "b", "c"]));
        Assert.Equal(0, await queue.GetSizeAsync());
        Assert.True(await queue.AddAllAsync(["a", "b"]));
        Assert.True(await queue.AddAllAsync([]));
        Assert.Equal(2, await queue.GetSizeAsync());
    }

    [Fact]
    public async Task Destroying_a_queue_ends_the_takes_waiting_on_it()
    {
        var queue = await Queue();
        var take = queue.TakeAsync().AsTask();
        await Task.Delay(200);
        await queue.DestroyAsync();
        var error = await Assert.ThrowsAsync<RemoteException>(() => take.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(Hazelcast.Protocol.RemoteError.DistributedObjectDestroyed, error.Error);
    }
}
