using Hazelcast.DistributedObjects;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>Cluster events: membership (event and watcher, with the initial membership) and distributed objects as a stream.</summary>
public sealed class MembershipEventTests : IAsyncLifetime
{
    private HazelcastCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2 });

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private HazelcastClient CreateClient()
    {
        var options = new HazelcastOptions();
        foreach (var address in _cluster.Addresses) options.Networking.Addresses.Add(address);
        return HazelcastClientFactory.CreateClient(options);
    }

    [Fact]
    public async Task The_event_reports_the_first_members_then_each_join_and_departure_in_order()
    {
        await using var client = CreateClient();
        var events = new List<MembershipChangedEventArgs>();
        client.MembershipChanged += (_, _) => throw new InvalidOperationException("a handler that throws"); // logged; the next one still runs
        client.MembershipChanged += (sender, e) =>
        {
            Assert.Same(client, sender);
            lock (events) events.Add(e);
        };
        await client.StartAsync();
        await Wait.UntilAsync(() => { lock (events) return events.Count >= 1; }, TimeSpan.FromSeconds(5), "the first view");
        var third = await _cluster.AddMemberAsync();
        await Wait.UntilAsync(() => { lock (events) return events.Count >= 2; }, TimeSpan.FromSeconds(10), "the join");
        await _cluster.KillMemberAsync(_cluster.Members[0]);
        await Wait.UntilAsync(() => { lock (events) return events.Count >= 3; }, TimeSpan.FromSeconds(10), "the departure");

        lock (events)
        {
            Assert.Equal(2, events[0].Added.Count);
            Assert.False(events[0].IsInitial);
            Assert.Equal(third.Uuid, Assert.Single(events[1].Added).Id);
            Assert.Equal(3, events[1].Members.Count);
            Assert.Empty(events[2].Added);
            Assert.Single(events[2].Removed);
            Assert.Equal(_cluster.Members.Select(m => m.Uuid).Order(), events[2].Members.Select(m => m.Id).Order());
        }
    }

    [Fact]
    public async Task A_watcher_starts_from_the_membership_now_and_ends_with_its_token()
    {
        await using var client = CreateClient();
        await client.StartAsync();
        await Wait.UntilAsync(() => client.Members.Count == 2, TimeSpan.FromSeconds(5), "two members");
        await Task.Delay(100); // the first view's event handed over
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<MembershipChangedEventArgs>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in client.WatchMembershipAsync(cts.Token))
            {
                lock (seen) seen.Add(e);
                if (e.Removed.Count > 0) break; // ending the enumeration unregisters the watcher
            }
        });
        await Wait.UntilAsync(() => { lock (seen) return seen.Count == 1; }, TimeSpan.FromSeconds(5), "the initial membership");
        var added = await _cluster.AddMemberAsync();
        await Wait.UntilAsync(() => { lock (seen) return seen.Count == 2; }, TimeSpan.FromSeconds(10), "the join");
        await _cluster.KillMemberAsync(added);
        await watching.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(seen[0].IsInitial);
        Assert.Equal(2, seen[0].Members.Count);
        Assert.Equal(2, seen[0].Added.Count);
        Assert.Equal(added.Uuid, Assert.Single(seen[1].Added).Id);
        Assert.Equal(added.Uuid, Assert.Single(seen[2].Removed).Id);
        Assert.Equal(3, seen.Count);

        // A watcher ends when the client shuts down.
        var ending = Task.Run(async () => { await foreach (var _ in client.WatchMembershipAsync()) { } });
        await Task.Delay(100);
        await client.DisposeAsync();
        await ending.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Distributed_object_events_come_as_a_stream_until_its_token()
    {
        await using var client = CreateClient();
        await client.StartAsync();
        await using var other = CreateClient();
        await other.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<DistributedObjectEventArgs>();
        var watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in client.WatchDistributedObjectsAsync(cts.Token))
                    lock (seen) seen.Add(e);
            }
            catch (OperationCanceledException)
            {
            }
        });
        await Task.Delay(300); // subscribed
        var map = await other.GetMapAsync<string, int>("watched");
        await map.DestroyAsync();
        await Wait.UntilAsync(() => { lock (seen) return seen.Count(e => e.Name == "watched") >= 2; }, TimeSpan.FromSeconds(10), "created and destroyed");
        await cts.CancelAsync();
        await watching.WaitAsync(TimeSpan.FromSeconds(10));
        lock (seen)
        {
            Assert.Contains(seen, e => e.Name == "watched" && e.EventType == DistributedObjectEventType.Created);
            Assert.Contains(seen, e => e.Name == "watched" && e.EventType == DistributedObjectEventType.Destroyed);
        }
    }

    [Fact]
    public async Task Partitions_that_lose_every_replica_are_announced_once_each()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3, BackupCount = 0 });
        var options = new HazelcastOptions();
        foreach (var address in cluster.Addresses) options.Networking.Addresses.Add(address);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        await Wait.UntilAsync(() => client.ConnectionCount == 3, TimeSpan.FromSeconds(10), "three connections");
        var lost = new System.Collections.Concurrent.ConcurrentBag<PartitionLostEventArgs>();
        var id = await client.SubscribePartitionLostAsync(lost.Add);
        var victim = cluster.Members[1];
        await cluster.KillMemberAsync(victim);
        await Wait.UntilAsync(() => !lost.IsEmpty, TimeSpan.FromSeconds(10), "partition-lost events");
        await Task.Delay(300);
        Assert.InRange(lost.Count, 271 / 3 - 40, 271 / 3 + 40); // about a third of the partitions, with no backups
        Assert.Equal(lost.Count, lost.Select(e => e.PartitionId).Distinct().Count()); // each once
        Assert.All(lost, e => Assert.Equal(0, e.LostBackupCount));
        Assert.All(lost, e => Assert.Contains(e.Source, cluster.Members.Select(m => m.Uuid)));

        Assert.True(await client.UnsubscribeAsync(id));
        var before = lost.Count;
        await cluster.KillMemberAsync(cluster.Members[1]);
        await Task.Delay(500);
        Assert.Equal(before, lost.Count);
    }
}
