using Hazelcast.DistributedObjects;
using Hazelcast.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>IHReliableTopic against in-process members: batches from a sequence, overload policies, loss tolerance, failover.</summary>
public sealed class ReliableTopicTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IHazelcastClient _client = null!;
    private readonly List<IHazelcastClient> _clients = [];

    public async ValueTask InitializeAsync() => _client = await fixture.StartClientAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) await client.DisposeAsync();
        await _client.DisposeAsync();
    }

    private static Task UntilCountAsync<T>(List<T> list, int count, string what)
        => Wait.UntilAsync(() => { lock (list) return list.Count >= count; }, TimeSpan.FromSeconds(10), what);

    [Fact]
    public async Task Subscribers_receive_every_message_in_order_with_its_sequence()
    {
        var name = $"rt-{Guid.NewGuid():N}";
        var topic = await _client.GetReliableTopicAsync<int>(name);
        await using var other = await fixture.StartClientAsync();
        var mine = new List<TopicMessageEventArgs<int>>();
        var theirs = new List<int>();
        await topic.SubscribeAsync(e => { lock (mine) mine.Add(e); });
        await (await other.GetReliableTopicAsync<int>(name)).SubscribeAsync(e => { lock (theirs) theirs.Add(e.Payload); });
        for (var i = 0; i < 100; i++) await topic.PublishAsync(i);
        await UntilCountAsync(mine, 100, "100 messages");
        await UntilCountAsync(theirs, 100, "100 messages on the other client");
        Assert.Equal(Enumerable.Range(0, 100), mine.Select(e => e.Payload));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), mine.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 100), theirs);
        Assert.Contains(await _client.GetDistributedObjectsAsync(), o => o.Name == "_hz_rb_" + name && o.ServiceName == "hz:impl:ringbufferService");
    }

    [Fact]
    public async Task A_subscription_from_an_initial_sequence_reads_what_was_published_before()
    {
        var topic = await _client.GetReliableTopicAsync<string>($"rt-{Guid.NewGuid():N}");
        await topic.PublishAsync("a");
        await topic.PublishAsync("b");
        var fromNow = new List<string>();
        var fromStart = new List<string>();
        await topic.SubscribeAsync(e => { lock (fromNow) fromNow.Add(e.Payload); });
        var id = await topic.SubscribeAsync(e => { lock (fromStart) fromStart.Add(e.Payload); }, new ReliableTopicSubscriptionOptions { InitialSequence = 0 });
        await topic.PublishAsync("c");
        await UntilCountAsync(fromStart, 3, "three messages from the start");
        await UntilCountAsync(fromNow, 1, "one message from now");
        Assert.Equal(["a", "b", "c"], fromStart);
        Assert.Equal(["c"], fromNow);
        Assert.True(await topic.UnsubscribeAsync(id));
        Assert.False(await topic.UnsubscribeAsync(id));
    }

    [Fact]
    public async Task Behind_the_head_a_loss_tolerant_subscription_skips_ahead_and_another_ends()
    {
        var topic = await _client.GetReliableTopicAsync<int>($"small-{Guid.NewGuid():N}"); // a ringbuffer of 3
        for (var i = 0; i < 10; i++) await topic.PublishAsync(i);
        var tolerant = new List<int>();
        var strict = new List<int>();
        var ended = new TaskCompletionSource<Exception>();
        await topic.SubscribeAsync(e => { lock (tolerant) tolerant.Add(e.Payload); }, new ReliableTopicSubscriptionOptions { InitialSequence = 0, IsLossTolerant = true });
        await topic.SubscribeAsync(e => { lock (strict) strict.Add(e.Payload); }, new ReliableTopicSubscriptionOptions { InitialSequence = 0, Terminated = e => ended.TrySetResult(e) });
        await UntilCountAsync(tolerant, 3, "the three messages still held");
        Assert.Equal([7, 8, 9], tolerant);
        var reason = await ended.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Contains("not loss tolerant", reason.Message);
        Assert.IsType<StaleSequenceException>(reason.InnerException);
        Assert.Empty(strict);
    }

    [Fact]
    public async Task Overload_policies_decide_what_a_publish_does_when_the_ringbuffer_is_full()
    {
        // Ringbuffers of 3 whose messages live 2 s on the member's clock, a fake one: they expire when the test says.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new HazelcastClusterOptions { TimeProvider = time };
        options.Ringbuffers["_hz_rb_*"] = new RingbufferOptions { Capacity = 3, TimeToLive = TimeSpan.FromSeconds(2) };
        await using var cluster = await HazelcastCluster.StartAsync(options);
        async Task<IHReliableTopic<int>> TopicAsync(TopicOverloadPolicy policy)
        {
            var client = await HazelcastClientFactory.StartNewClientAsync(o =>
            {
                o.Networking.Addresses.Add(cluster.Addresses[0]);
                o.ReliableTopics["*"] = new ReliableTopicOptions { OverloadPolicy = policy };
            });
            _clients.Add(client);
            return await client.GetReliableTopicAsync<int>($"rt-{policy}-{Guid.NewGuid():N}");
        }

        var error = await TopicAsync(TopicOverloadPolicy.Error);
        for (var i = 0; i < 3; i++) await error.PublishAsync(i);
        await Assert.ThrowsAsync<TopicOverloadException>(async () => await error.PublishAsync(3));

        var discardNewest = await TopicAsync(TopicOverloadPolicy.DiscardNewest);
        for (var i = 0; i < 4; i++) await discardNewest.PublishAsync(i);
        var read = new List<int>();
        await discardNewest.SubscribeAsync(e => { lock (read) read.Add(e.Payload); }, new ReliableTopicSubscriptionOptions { InitialSequence = 0 });
        await UntilCountAsync(read, 3, "the three kept messages");
        Assert.Equal([0, 1, 2], read);

        var discardOldest = await TopicAsync(TopicOverloadPolicy.DiscardOldest);
        for (var i = 0; i < 4; i++) await discardOldest.PublishAsync(i);
        var kept = new List<int>();
        await discardOldest.SubscribeAsync(e => { lock (kept) kept.Add(e.Payload); }, new ReliableTopicSubscriptionOptions { InitialSequence = 1 });
        await UntilCountAsync(kept, 3, "the three newest messages");
        Assert.Equal([1, 2, 3], kept);

        var block = await TopicAsync(TopicOverloadPolicy.Block);
        for (var i = 0; i < 3; i++) await block.PublishAsync(i);
        var blocked = block.PublishAsync(3).AsTask();
        await Task.Delay(300);
        Assert.False(blocked.IsCompleted, "the publish waits while the ringbuffer is full");
        time.Advance(TimeSpan.FromSeconds(2)); // the first messages expire: there is room
        await blocked.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_subscription_goes_on_from_its_sequence_after_the_member_it_read_from_is_killed()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3 });
        var options = new HazelcastOptions();
        foreach (var address in cluster.Addresses) options.Networking.Addresses.Add(address);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var name = $"rt-{Guid.NewGuid():N}";
        var topic = await client.GetReliableTopicAsync<int>(name);
        var received = new List<int>();
        await topic.SubscribeAsync(e => { lock (received) received.Add(e.Payload); });
        for (var i = 0; i < 20; i++) await topic.PublishAsync(i);
        await UntilCountAsync(received, 20, "the first 20");

        var partition = cluster.State.NamePartition("_hz_rb_" + name);
        await cluster.KillMemberAsync(cluster.Members.First(m => m.Uuid == cluster.State.OwnerOf(partition)));
        // A publish is not retryable (it may have been applied): one in flight when the connection closed would fail.
        // Publish once the client knows the member is gone; the subscription has to follow on its own meanwhile.
        await Wait.UntilAsync(() => client.Members.Count == 2, TimeSpan.FromSeconds(10), "the client sees the member gone");
        for (var i = 20; i < 40; i++) await topic.PublishAsync(i);
        await UntilCountAsync(received, 40, "all 40 after the owner was killed");
        Assert.Equal(Enumerable.Range(0, 40), received);
    }

    [Fact]
    public async Task Unsubscribing_from_the_handler_stops_the_batch_and_destroy_removes_the_ringbuffer()
    {
        var name = $"rt-{Guid.NewGuid():N}";
        var topic = await _client.GetReliableTopicAsync<int>(name);
        for (var i = 0; i < 10; i++) await topic.PublishAsync(i);
        var received = new List<int>();
        Guid id = default;
        id = await topic.SubscribeAsync(e =>
        {
            lock (received) received.Add(e.Payload);
            if (e.Payload == 2) _ = topic.UnsubscribeAsync(id); // completes at once
        }, new ReliableTopicSubscriptionOptions { InitialSequence = 0 });
        await UntilCountAsync(received, 3, "three messages");
        await Task.Delay(300);
        lock (received) Assert.Equal([0, 1, 2], received); // the rest of the batch (of 10) was not handed over

        await topic.DestroyAsync();
        var objects = await _client.GetDistributedObjectsAsync();
        Assert.DoesNotContain(objects, o => o.Name == name || o.Name == "_hz_rb_" + name);
    }

    [Fact]
    public async Task A_client_that_shuts_down_ends_its_subscriptions_quietly()
    {
        await using var client = await fixture.StartClientAsync();
        var topic = await client.GetReliableTopicAsync<int>($"rt-{Guid.NewGuid():N}");
        var terminated = 0;
        await topic.SubscribeAsync(_ => { }, new ReliableTopicSubscriptionOptions { Terminated = _ => Interlocked.Increment(ref terminated) });
        await client.DisposeAsync();
        await Task.Delay(500);
        Assert.Equal(0, Volatile.Read(ref terminated));
    }
}
