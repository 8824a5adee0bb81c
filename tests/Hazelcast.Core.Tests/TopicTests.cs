using Hazelcast.DistributedObjects;

namespace Hazelcast.Core.Tests;

/// <summary>IHTopic against three in-process members: publish, subscribe, order, several clients.</summary>
public sealed class TopicTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await fixture.StartClientAsync();

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task Every_subscriber_of_every_client_receives_each_message_once_in_publish_order()
    {
        var name = $"topic-{Guid.NewGuid():N}";
        await using var other = await fixture.StartClientAsync();
        var mine = new List<TopicMessageEventArgs<int>>();
        var theirs = new List<int>();
        var topic = await _client.GetTopicAsync<int>(name);
        await topic.SubscribeAsync(e => { lock (mine) mine.Add(e); });
        await (await other.GetTopicAsync<int>(name)).SubscribeAsync(e => { lock (theirs) theirs.Add(e.Payload); });
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 50; i++) await topic.PublishAsync(i);
        await topic.PublishAllAsync([50, 51, 52]);
        await Wait.UntilAsync(() => { lock (mine) lock (theirs) return mine.Count >= 53 && theirs.Count >= 53; }, TimeSpan.FromSeconds(10), "53 messages on both clients");
        await Task.Delay(200); // and no duplicates arrive after
        Assert.Equal(Enumerable.Range(0, 53), mine.Select(e => e.Payload));
        Assert.Equal(Enumerable.Range(0, 53), theirs);
        Assert.All(mine, e => Assert.InRange(e.PublishTime, before, DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.All(mine, e => Assert.Contains(fixture.Cluster.Members, m => m.Uuid == e.MemberId));
        Assert.All(mine, e => Assert.Equal(-1, e.Sequence));
    }

    [Fact]
    public async Task An_unsubscribed_handler_hears_nothing_more()
    {
        var topic = await _client.GetTopicAsync<string>($"topic-{Guid.NewGuid():N}");
        var a = new List<string>();
        var b = new List<string>();
        var ida = await topic.SubscribeAsync(e => { lock (a) a.Add(e.Payload); });
        await topic.SubscribeAsync(e => { lock (b) b.Add(e.Payload); });
        await topic.PublishAsync("one");
        await Wait.UntilAsync(() => { lock (a) lock (b) return a.Count == 1 && b.Count == 1; }, TimeSpan.FromSeconds(5), "one message each");
        Assert.True(await topic.UnsubscribeAsync(ida));
        await topic.PublishAsync("two");
        await Wait.UntilAsync(() => { lock (b) return b.Count == 2; }, TimeSpan.FromSeconds(5), "the second message");
        lock (a) Assert.Equal(["one"], a);
    }

    [Fact]
    public async Task Null_messages_are_refused()
    {
        var topic = await _client.GetTopicAsync<string>($"topic-{Guid.NewGuid():N}");
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await topic.PublishAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await topic.PublishAllAsync(["a", null!]));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await topic.SubscribeAsync(null!));
    }
}
