using Hazelcast.Testing;
using Hazelcast.Transactions;

namespace Hazelcast.Core.Tests;

/// <summary>Transactions when members die: each test has its own cluster of three.</summary>
public sealed class TransactionResilienceTests : IAsyncLifetime
{
    private HazelcastCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3, ClientCleanupDelay = TimeSpan.Zero });

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private Task<IHazelcastClient> StartClientAsync() => HazelcastClientFactory.StartNewClientAsync(o =>
    {
        foreach (var address in _cluster.Addresses) o.Networking.Addresses.Add(address);
        o.Networking.ClusterConnectTimeout = TimeSpan.FromSeconds(10);
    }).AsTask();

    [Fact]
    public async Task The_transaction_of_a_lost_connection_fails_clearly_and_nothing_it_wrote_is_visible()
    {
        await using var client = await StartClientAsync();
        await using var other = await StartClientAsync();
        var queue = await other.GetQueueAsync<string>("work");
        await queue.OfferAsync("item");
        var tx = await client.BeginTransactionAsync();
        await tx.GetMap<string, int>("pending").SetAsync("k", 1);
        Assert.Equal("item", await tx.GetQueue<string>("work").PollAsync());

        await _cluster.KillMemberAsync(_cluster.Members.Single(m => m.OpenTransactions == 1));

        var e = await Assert.ThrowsAsync<TransactionException>(async () => await tx.GetMap<string, int>("pending").SetAsync("j", 2));
        Assert.Contains("was lost", e.Message);
        Assert.Equal(TransactionState.RolledBack, tx.State);
        await Assert.ThrowsAsync<TransactionNotActiveException>(async () => await tx.CommitAsync());
        await tx.DisposeAsync();

        var map = await other.GetMapAsync<string, int>("pending");
        Assert.False(await map.ContainsKeyAsync("k"));
        await map.SetAsync("k", 3).AsTask().WaitAsync(TimeSpan.FromSeconds(5)); // its lock went with it
        Assert.Equal(["item"], await queue.GetAllAsync());
    }

    /// <summary>
    /// The example of the README: items move from a "pending" map into a work queue, each in a transaction that
    /// removes it from the map and offers it to the queue, while members are killed and replaced. A transaction that
    /// fails is tried again; one whose commit outcome is unknown too, which is safe because the retried transaction
    /// finds the item gone from the map if the first one committed. At the end every item is in the queue exactly once.
    /// </summary>
    [Fact]
    public async Task Moving_items_from_a_map_to_a_queue_never_loses_nor_duplicates_one_through_member_kills()
    {
        const int items = 400, workers = 4;
        await using var client = await StartClientAsync();
        var pending = await client.GetMapAsync<int, string>("pending");
        await pending.SetAllAsync(Enumerable.Range(0, items).Select(i => KeyValuePair.Create(i, $"item-{i}")));
        var moved = 0;
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        async Task MoveAsync(int key)
        {
            while (true)
            {
                try
                {
                    await using var tx = await client.BeginTransactionAsync(new TransactionOptions { Timeout = TimeSpan.FromSeconds(10) });
                    var item = await tx.GetMap<int, string>("pending").RemoveAsync(key);
                    if (item is not null) await tx.GetQueue<string>("work").OfferAsync(item);
                    await tx.CommitAsync();
                    Interlocked.Increment(ref moved);
                    return;
                }
                catch (HazelcastException e) when (e is TransactionException or HazelcastConnectionException or HazelcastTimeoutException or ClientOfflineException || e.IsTransient)
                {
                    failures.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                    await Task.Delay(20);
                }
            }
        }

        var work = Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            for (var key = w; key < items; key += workers) await MoveAsync(key);
        })));
        for (var kill = 1; kill <= 2; kill++)
        {
            await Wait.UntilAsync(() => Volatile.Read(ref moved) >= kill * items / 3 || work.IsCompleted, TimeSpan.FromSeconds(60), $"{kill * items / 3} items moved");
            // Kill the member that holds the most transactions now, then bring a new one.
            var victim = _cluster.Members.OrderByDescending(m => m.OpenTransactions).First();
            await _cluster.KillMemberAsync(victim);
            await _cluster.AddMemberAsync();
        }
        await work.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(0, await pending.GetSizeAsync());
        var queue = await client.GetQueueAsync<string>("work");
        var all = await queue.GetAllAsync();
        Assert.Equal(items, all.Count);
        Assert.Equal(Enumerable.Range(0, items).Select(i => $"item-{i}").Order(), all.Order());
        Assert.Equal(0, _cluster.Members.Sum(m => m.OpenTransactions));
        TestContext.Current.SendDiagnosticMessage($"moved {items} items through 2 member kills; failures retried: {string.Join(", ", failures.Select(f => $"{f.Key} {f.Value}"))}");
    }
}
