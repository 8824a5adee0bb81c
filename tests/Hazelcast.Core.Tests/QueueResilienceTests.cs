using System.Collections.Concurrent;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>A queue under producers and consumers while the member that owns it is killed: nothing acknowledged is lost, nothing is delivered twice.</summary>
[Collection(nameof(FaultTests))]
public sealed class QueueResilienceTests
{
    [Fact]
    public async Task Killing_the_queue_owner_during_a_producer_consumer_run_loses_no_acknowledged_offer_and_duplicates_nothing()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3 });
        var options = new HazelcastOptions();
        foreach (var address in cluster.Addresses) options.Networking.Addresses.Add(address);
        await using var producer = await HazelcastClientFactory.StartNewClientAsync(options);
        await using var consumer = await HazelcastClientFactory.StartNewClientAsync(options);
        var name = $"jobs-{Guid.NewGuid():N}";
        var output = await producer.GetQueueAsync<string>(name);
        var input = await consumer.GetQueueAsync<string>(name);

        var acknowledged = new ConcurrentDictionary<string, byte>();
        var received = new ConcurrentDictionary<string, int>();
        var failedOffers = 0;
        using var producing = new CancellationTokenSource();
        using var consuming = new CancellationTokenSource();
        var producers = Enumerable.Range(0, 2).Select(p => Task.Run(async () =>
        {
            for (var i = 0; !producing.IsCancellationRequested; i++)
            {
                var item = $"{p}-{i}";
                try
                {
                    // An offer that fails may or may not have been applied: it is not counted, and not sent again.
                    if (await output.OfferAsync(item)) acknowledged[item] = 0;
                }
                catch (HazelcastException)
                {
                    Interlocked.Increment(ref failedOffers);
                }
            }
        })).ToList();
        var consumers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!consuming.IsCancellationRequested)
            {
                try
                {
                    var item = await input.PollAsync(TimeSpan.FromMilliseconds(100));
                    if (item is not null) received.AddOrUpdate(item, 1, (_, n) => n + 1);
                }
                catch (HazelcastException)
                {
                    // A poll that failed took nothing for us (the member answers what it did before it goes).
                }
            }
        })).ToList();

        await Wait.UntilAsync(() => acknowledged.Count > 300, TimeSpan.FromSeconds(20), "300 offers before the kill");
        var owner = cluster.State.OwnerOf(cluster.State.NamePartition(name));
        await cluster.KillMemberAsync(cluster.Members.First(m => m.Uuid == owner));
        var atKill = acknowledged.Count;
        await Wait.UntilAsync(() => acknowledged.Count > atKill + 300, TimeSpan.FromSeconds(30), "300 offers after the kill");
        producing.Cancel();
        await Task.WhenAll(producers);
        await Wait.UntilAsync(() => acknowledged.Keys.All(received.ContainsKey), TimeSpan.FromSeconds(30), "every acknowledged offer consumed");
        consuming.Cancel();
        await Task.WhenAll(consumers);

        var lost = acknowledged.Keys.Where(k => !received.ContainsKey(k)).ToList();
        var twice = received.Where(r => r.Value > 1).Select(r => r.Key).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged offers were never consumed: {string.Join(", ", lost.Take(10))}");
        Assert.True(twice.Count == 0, $"{twice.Count} items were consumed twice: {string.Join(", ", twice.Take(10))}");
        Assert.Equal(0, await input.GetSizeAsync());
    }

    [Fact]
    public async Task Topic_and_item_subscriptions_follow_the_client_when_the_owner_is_killed()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3 });
        var options = new HazelcastOptions();
        foreach (var address in cluster.Addresses) options.Networking.Addresses.Add(address);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var name = $"events-{Guid.NewGuid():N}";
        var topic = await client.GetTopicAsync<int>(name);
        var queue = await client.GetQueueAsync<int>(name);
        var messages = new ConcurrentDictionary<int, int>();
        var added = new ConcurrentDictionary<int, int>();
        await topic.SubscribeAsync(e => messages.AddOrUpdate(e.Payload, 1, (_, n) => n + 1));
        await queue.SubscribeAsync(h => h.ItemAdded(e => added.AddOrUpdate(e.Item, 1, (_, n) => n + 1)));

        var owner = cluster.State.OwnerOf(cluster.State.NamePartition(name));
        await cluster.KillMemberAsync(cluster.Members.First(m => m.Uuid == owner));
        await Wait.UntilAsync(() => client.Members.Count == 2, TimeSpan.FromSeconds(10), "the client sees the member gone");
        for (var i = 0; i < 50; i++)
        {
            await topic.PublishAsync(i);
            await queue.OfferAsync(i);
        }
        await Wait.UntilAsync(() => messages.Count == 50 && added.Count == 50, TimeSpan.FromSeconds(10), "50 messages and 50 item events from the new owner");
        await Task.Delay(200);
        Assert.All(messages.Values, n => Assert.Equal(1, n));
        Assert.All(added.Values, n => Assert.Equal(1, n));
    }
}
