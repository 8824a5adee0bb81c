using Hazelcast.Query;
using Hazelcast.Testing;
using Hazelcast.Transactions;

namespace Hazelcast.Core.Tests;

/// <summary>Transactions against three in-process members: isolation, locks, commit, rollback, timeouts and lost connections.</summary>
public sealed class TransactionTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IHazelcastClient _client = null!;
    private IHazelcastClient _other = null!;

    public async ValueTask InitializeAsync()
    {
        _client = await fixture.StartClientAsync();
        _other = await fixture.StartClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _other.DisposeAsync();
    }

    private static string Name(string kind) => $"tx-{kind}-{Guid.NewGuid():N}";

    private int OpenTransactions => fixture.Cluster.Members.Sum(m => m.OpenTransactions);

    [Fact]
    public async Task Commit_makes_every_change_visible_and_none_is_visible_before()
    {
        var (map, queue, list, set, multi) = (Name("map"), Name("queue"), Name("list"), Name("set"), Name("mm"));
        var outside = await _other.GetMapAsync<string, int>(map);
        await outside.SetAsync("kept", 1);
        await outside.SetAsync("gone", 2);

        await using var tx = await _client.BeginTransactionAsync();
        Assert.Equal(TransactionState.Active, tx.State);
        var txMap = tx.GetMap<string, int>(map);
        Assert.Equal(0, await txMap.PutAsync("new", 3));
        Assert.Equal(2, await txMap.RemoveAsync("gone"));
        Assert.Equal(1, await txMap.PutAsync("kept", 10));
        Assert.True(await tx.GetQueue<string>(queue).OfferAsync("job"));
        Assert.True(await tx.GetList<string>(list).AddAsync("l1"));
        Assert.True(await tx.GetSet<string>(set).AddAsync("s1"));
        Assert.True(await tx.GetMultiMap<string, int>(multi).PutAsync("k", 7));

        // The transaction reads its own writes...
        Assert.Equal(10, await txMap.GetAsync("kept"));
        Assert.Equal(0, await txMap.GetAsync("gone"));
        Assert.False(await txMap.ContainsKeyAsync("gone"));
        Assert.Equal(2, await txMap.GetSizeAsync());
        Assert.Equal(["kept", "new"], (await txMap.GetKeysAsync()).Order());
        Assert.Equal(1, await tx.GetQueue<string>(queue).GetSizeAsync());
        Assert.Equal("job", await tx.GetQueue<string>(queue).PeekAsync());
        Assert.Equal(1, await tx.GetList<string>(list).GetSizeAsync());
        Assert.Equal([7], await tx.GetMultiMap<string, int>(multi).GetAsync("k"));

        // ...and no one else sees any of them.
        Assert.Equal(1, await outside.GetAsync("kept"));
        Assert.Equal(2, await outside.GetAsync("gone"));
        Assert.False(await outside.ContainsKeyAsync("new"));
        Assert.Equal(0, await (await _other.GetQueueAsync<string>(queue)).GetSizeAsync());
        Assert.Equal(0, await (await _other.GetListAsync<string>(list)).GetSizeAsync());
        Assert.Equal(0, await (await _other.GetSetAsync<string>(set)).GetSizeAsync());
        Assert.Equal(0, await (await _other.GetMultiMapAsync<string, int>(multi)).GetSizeAsync());

        await tx.CommitAsync();
        Assert.Equal(TransactionState.Committed, tx.State);

        Assert.Equal(10, await outside.GetAsync("kept"));
        Assert.False(await outside.ContainsKeyAsync("gone"));
        Assert.Equal(3, await outside.GetAsync("new"));
        Assert.Equal("job", await (await _other.GetQueueAsync<string>(queue)).PollAsync());
        Assert.Equal(["l1"], await (await _other.GetListAsync<string>(list)).GetAllAsync());
        Assert.Equal(["s1"], await (await _other.GetSetAsync<string>(set)).GetAllAsync());
        Assert.Equal([7], await (await _other.GetMultiMapAsync<string, int>(multi)).GetAsync("k"));
        Assert.Equal(0, OpenTransactions);
    }

    [Fact]
    public async Task Rollback_leaves_nothing_and_gives_back_what_it_took()
    {
        var (map, queue, list, set, multi) = (Name("map"), Name("queue"), Name("list"), Name("set"), Name("mm"));
        var outsideQueue = await _other.GetQueueAsync<string>(queue);
        foreach (var item in new[] { "a", "b", "c" }) await outsideQueue.OfferAsync(item);
        var outsideList = await _other.GetListAsync<string>(list);
        await outsideList.AddAllAsync(["x", "y", "z"]);
        var outsideMulti = await _other.GetMultiMapAsync<string, int>(multi);
        await outsideMulti.PutAsync("k", 1);
        await outsideMulti.PutAsync("k", 2);

        var tx = await _client.BeginTransactionAsync();
        await tx.GetMap<string, int>(map).SetAsync("k", 1);
        var txQueue = tx.GetQueue<string>(queue);
        Assert.Equal("a", await txQueue.PollAsync());
        Assert.Equal("b", await txQueue.PollAsync());
        Assert.Equal(["c"], await outsideQueue.GetAllAsync()); // taken at once: no one else gets them
        Assert.True(await tx.GetList<string>(list).RemoveAsync("y"));
        Assert.Equal(["x", "z"], await outsideList.GetAllAsync());
        Assert.True(await tx.GetSet<string>(set).AddAsync("s"));
        Assert.Equal([1, 2], (await tx.GetMultiMap<string, int>(multi).RemoveAsync("k")).Order());
        Assert.Equal(0, await tx.GetMultiMap<string, int>(multi).GetValueCountAsync("k"));

        await tx.RollbackAsync();
        Assert.Equal(TransactionState.RolledBack, tx.State);
        await tx.RollbackAsync(); // again: nothing to do
        await tx.DisposeAsync();

        Assert.False(await (await _other.GetMapAsync<string, int>(map)).ContainsKeyAsync("k"));
        Assert.Equal(["a", "b", "c"], await outsideQueue.GetAllAsync()); // back where they were, in order
        Assert.Equal(["x", "y", "z"], await outsideList.GetAllAsync());
        Assert.Equal(0, await (await _other.GetSetAsync<string>(set)).GetSizeAsync());
        Assert.Equal([1, 2], (await outsideMulti.GetAsync("k")).Order());
        Assert.Equal(0, OpenTransactions);
    }

    [Fact]
    public async Task Disposing_an_uncommitted_transaction_rolls_it_back_and_frees_its_locks()
    {
        var map = Name("map");
        await using (var tx = await _client.BeginTransactionAsync())
        {
            await tx.GetMap<string, int>(map).SetAsync("k", 1);
        }
        var outside = await _other.GetMapAsync<string, int>(map);
        Assert.False(await outside.ContainsKeyAsync("k"));
        await outside.SetAsync("k", 2).AsTask().WaitAsync(TimeSpan.FromSeconds(5)); // not locked any more
        Assert.Equal(0, OpenTransactions);
    }

    [Fact]
    public async Task A_writer_of_a_key_the_transaction_locked_waits_for_its_end()
    {
        var map = Name("map");
        await using var tx = await _client.BeginTransactionAsync();
        Assert.Equal(0, await tx.GetMap<string, int>(map).GetForUpdateAsync("read")); // a read for update locks too
        await tx.GetMap<string, int>(map).SetAsync("k", 1);

        var outside = await _other.GetMapAsync<string, int>(map);
        var write = outside.SetAsync("k", 2).AsTask();
        var writeRead = outside.SetAsync("read", 5).AsTask();
        // The same client outside the transaction is another lock owner: it waits too.
        var sameClient = (await _client.GetMapAsync<string, int>(map)).PutAsync("k", 3).AsTask();
        await Task.Delay(300);
        Assert.False(write.IsCompleted);
        Assert.False(writeRead.IsCompleted);
        Assert.False(sameClient.IsCompleted);
        Assert.Equal(0, await outside.GetAsync("k")); // TWO_PHASE: reads do not wait

        await tx.CommitAsync();
        await Task.WhenAll(write, writeRead, sameClient).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Contains(await outside.GetAsync("k"), new[] { 2, 3 }); // written after the commit's 1
        Assert.Equal(5, await outside.GetAsync("read"));
    }

    [Fact]
    public async Task A_one_phase_transaction_blocks_others_reads_of_its_keys_too()
    {
        var map = Name("map");
        var outside = await _other.GetMapAsync<string, int>(map);
        await outside.SetAsync("k", 1);
        await using var tx = await _client.BeginTransactionAsync(new TransactionOptions { Type = TransactionType.OnePhase });
        await tx.GetMap<string, int>(map).SetAsync("k", 2);
        var read = outside.GetAsync("k").AsTask();
        await Task.Delay(300);
        Assert.False(read.IsCompleted);
        await tx.CommitAsync();
        Assert.Equal(2, await read.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_lock_not_obtained_within_the_timeout_fails_the_operation_not_the_transaction()
    {
        var map = Name("map");
        var outside = await _other.GetMapAsync<string, int>(map);
        await outside.LockAsync("k");
        await using var tx = await _client.BeginTransactionAsync(new TransactionOptions { Timeout = TimeSpan.FromSeconds(1) });
        var e = await Assert.ThrowsAsync<TransactionTimedOutException>(async () => await tx.GetMap<string, int>(map).SetAsync("k", 1));
        Assert.Contains("couldn't obtain lock", e.Message);
        Assert.Equal(TransactionState.Active, tx.State);
        await outside.UnlockAsync("k");

        // A multimap reports it as Hazelcast does: ConcurrentModification.
        var multi = await _other.GetMultiMapAsync<string, int>(Name("mm"));
        await multi.LockAsync("k");
        var m = await Assert.ThrowsAsync<RemoteException>(async () => await tx.GetMultiMap<string, int>(multi.Name).PutAsync("k", 1));
        Assert.Equal(Protocol.RemoteError.ConcurrentModification, m.Error);
        await multi.UnlockAsync("k");
    }

    [Fact]
    public async Task A_commit_after_the_timeout_fails_and_rolls_back_and_the_locks_lapse_at_the_timeout()
    {
        var (map, queue) = (Name("map"), Name("queue"));
        var outsideQueue = await _other.GetQueueAsync<string>(queue);
        await outsideQueue.OfferAsync("item");
        var tx = await _client.BeginTransactionAsync(new TransactionOptions { Timeout = TimeSpan.FromSeconds(1) });
        await tx.GetMap<string, int>(map).SetAsync("k", 1);
        Assert.Equal("item", await tx.GetQueue<string>(queue).PollAsync());

        var outside = await _other.GetMapAsync<string, int>(map);
        var write = outside.SetAsync("k", 2).AsTask();
        await write.WaitAsync(TimeSpan.FromSeconds(5)); // the lock's lease is the transaction's timeout
        await Task.Delay(200);

        await Assert.ThrowsAsync<TransactionTimedOutException>(async () => await tx.CommitAsync());
        Assert.Equal(TransactionState.RolledBack, tx.State);
        Assert.Equal(2, await outside.GetAsync("k"));
        Assert.Equal(["item"], await outsideQueue.GetAllAsync()); // the poll was rolled back
        await Assert.ThrowsAsync<TransactionNotActiveException>(async () => await tx.GetMap<string, int>(map).GetAsync("k"));
        Assert.Equal(0, OpenTransactions);
    }

    [Fact]
    public async Task An_ended_transaction_refuses_operations_commits_and_rollbacks()
    {
        var map = Name("map");
        var tx = await _client.BeginTransactionAsync();
        var txMap = tx.GetMap<string, int>(map);
        await txMap.SetAsync("k", 1);
        await tx.CommitAsync();
        await Assert.ThrowsAsync<TransactionNotActiveException>(async () => await txMap.SetAsync("k", 2));
        await Assert.ThrowsAsync<TransactionNotActiveException>(async () => await tx.CommitAsync());
        await Assert.ThrowsAsync<TransactionNotActiveException>(async () => await tx.RollbackAsync());
        await tx.DisposeAsync(); // nothing to roll back
        Assert.Equal(1, await (await _other.GetMapAsync<string, int>(map)).GetAsync("k"));
    }

    [Fact]
    public async Task Map_operations_follow_Hazelcast_semantics()
    {
        var map = Name("map");
        var outside = await _other.GetMapAsync<string, int>(map);
        await outside.SetAsync("a", 1);
        await outside.SetAsync("b", 2);
        await outside.SetAsync("c", 3);
        await using var tx = await _client.BeginTransactionAsync();
        var m = tx.GetMap<string, int>(map);
        Assert.Equal(1, await m.PutIfAbsentAsync("a", 9));
        Assert.Equal(0, await m.PutIfAbsentAsync("d", 4));
        Assert.Equal(2, await m.ReplaceAsync("b", 20));
        Assert.Equal(0, await m.ReplaceAsync("none", 1));
        Assert.False(await m.ReplaceAsync("c", 99, 30));
        Assert.True(await m.ReplaceAsync("c", 3, 30));
        Assert.False(await m.RemoveAsync("a", 9));
        Assert.True(await m.RemoveAsync("a", 1));
        await m.DeleteAsync("d");
        Assert.Equal(0, await m.PutAsync("e", 5, TimeSpan.FromMinutes(10)));
        Assert.False(await m.IsEmptyAsync());
        Assert.Equal(3, await m.GetSizeAsync()); // b, c, e
        Assert.Equal(["b", "c"], (await m.GetKeysAsync(Predicates.Or(Predicates.And(Predicates.GreaterThan("this", 10), Predicates.LessThan("this", 25)), Predicates.EqualTo("this", 30)))).Order());
        Assert.Equal([5, 20, 30], (await m.GetValuesAsync()).Order());
        Assert.Equal([20, 30], (await m.GetValuesAsync(Predicates.GreaterThan("this", 10))).Order());
        await Assert.ThrowsAsync<ArgumentException>(async () => await m.GetKeysAsync(Predicates.Page(10)));

        // A conditional write whose condition failed on a key it had not touched leaves the key unlocked.
        Assert.Equal(0, await m.ReplaceAsync("free", 1));
        await outside.SetAsync("free", 7).AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        await tx.CommitAsync();
        Assert.Equal(["b", "c", "e", "free"], (await outside.GetKeysAsync()).Order());
        Assert.Equal(20, await outside.GetAsync("b"));
        Assert.Equal(30, await outside.GetAsync("c"));
    }

    [Fact]
    public async Task Queue_set_list_and_multimap_operations_follow_Hazelcast_semantics()
    {
        var (queue, set, list, multi) = (Name("queue"), Name("set"), Name("list"), Name("mm"));
        await (await _other.GetSetAsync<string>(set)).AddAsync("there");
        await using var tx = await _client.BeginTransactionAsync();

        var q = tx.GetQueue<string>(queue);
        Assert.Null(await q.PollAsync());
        Assert.Null(await q.PeekAsync());
        Assert.True(await q.OfferAsync("own"));
        Assert.Equal("own", await q.PollAsync()); // an empty queue hands back the transaction's own offer
        Assert.Equal(0, await q.GetSizeAsync());
        var waiting = q.PollAsync(TimeSpan.FromSeconds(10)).AsTask();
        await Task.Delay(100);
        await (await _other.GetQueueAsync<string>(queue)).OfferAsync("late");
        Assert.Equal("late", await waiting.WaitAsync(TimeSpan.FromSeconds(5)));

        var s = tx.GetSet<string>(set);
        Assert.False(await s.AddAsync("there"));
        Assert.True(await s.AddAsync("new"));
        Assert.False(await s.AddAsync("new"));
        Assert.True(await s.RemoveAsync("new"));
        Assert.True(await s.RemoveAsync("there"));
        Assert.False(await s.RemoveAsync("none"));
        Assert.Equal(0, await s.GetSizeAsync());

        var l = tx.GetList<string>(list);
        Assert.True(await l.AddAsync("x"));
        Assert.True(await l.AddAsync("x"));
        Assert.Equal(2, await l.GetSizeAsync());

        var mm = tx.GetMultiMap<string, int>(multi);
        Assert.True(await mm.PutAsync("k", 1));
        Assert.False(await mm.PutAsync("k", 1));
        Assert.True(await mm.PutAsync("k", 2));
        Assert.True(await mm.RemoveAsync("k", 1));
        Assert.False(await mm.RemoveAsync("k", 1));
        Assert.Equal(1, await mm.GetValueCountAsync("k"));
        Assert.Equal(1, await mm.GetSizeAsync());

        await tx.CommitAsync();
        Assert.Equal(0, await (await _other.GetSetAsync<string>(set)).GetSizeAsync());
        Assert.Equal(["x", "x"], await (await _other.GetListAsync<string>(list)).GetAllAsync());
        Assert.Equal([2], await (await _other.GetMultiMapAsync<string, int>(multi)).GetAsync("k"));
        Assert.Equal(0, await (await _other.GetQueueAsync<string>(queue)).GetSizeAsync());
    }

    [Fact]
    public async Task A_bounded_queue_counts_the_offers_of_open_transactions()
    {
        var queue = $"bounded-{Guid.NewGuid():N}"; // 2 items at most
        await using var tx = await _client.BeginTransactionAsync();
        var q = tx.GetQueue<int>(queue);
        Assert.True(await q.OfferAsync(1));
        Assert.True(await q.OfferAsync(2));
        Assert.False(await q.OfferAsync(3));
        Assert.False(await (await _other.GetQueueAsync<int>(queue)).OfferAsync(9)); // the room is held
        await tx.RollbackAsync();
        Assert.True(await (await _other.GetQueueAsync<int>(queue)).OfferAsync(9));
    }

    [Fact]
    public async Task A_cancelled_operation_leaves_the_transaction_able_only_to_roll_back()
    {
        var queue = Name("queue");
        await using var tx = await _client.BeginTransactionAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await tx.GetQueue<string>(queue).PollAsync(TimeSpan.FromSeconds(30), cts.Token));
        var e = await Assert.ThrowsAsync<TransactionNotActiveException>(async () => await tx.CommitAsync());
        Assert.Contains("can only be rolled back", e.Message);
        await tx.RollbackAsync();
        Assert.Equal(TransactionState.RolledBack, tx.State);
    }

    [Fact]
    public async Task Every_request_of_a_transaction_goes_over_its_connection_with_its_id_and_its_own_thread_id()
    {
        foreach (var m in fixture.Cluster.Members) m.RecordRequests = true;
        try
        {
            await using (var tx = await _client.BeginTransactionAsync())
            {
                var map = tx.GetMap<string, string>(Name("map"));
                await map.PutAsync("k", "v");
                await map.GetAsync("k");
                await tx.GetQueue<string>(Name("queue")).OfferAsync("item");
                await tx.CommitAsync();
            }
            var byMember = fixture.Cluster.Members.Select(m => m.TakeRecordedRequests()
                .Select(b => new Protocol.ClientMessage(b, b.Length))
                .Where(r => (r.MessageType >> 16) is 0x0E or 0x12 or 0x15).ToList()).ToList();
            var requests = Assert.Single(byMember, r => r.Count > 0); // one member, one connection: the transaction's
            Assert.Equal(5, requests.Count);
            var create = Protocol.Codecs.TransactionCreateCodec.DecodeRequest(requests[0]);
            Assert.Equal((120_000L, 1, 2), (create.Timeout, create.Durability, create.TransactionType)); // the defaults; 2 = TWO_PHASE
            Assert.NotEqual(0, create.ThreadId); // its own lock owner, not the caller's
            var put = Protocol.Codecs.TransactionalMapPutCodec.DecodeRequest(requests[1]);
            Assert.Equal(-1, put.Ttl); // the map's own time to live, as the Java client sends it
            Assert.Equal(create.ThreadId, put.ThreadId);
            var commit = Protocol.Codecs.TransactionCommitCodec.DecodeRequest(requests[4]);
            Assert.Equal((put.TxnId, create.ThreadId), (commit.TransactionId, commit.ThreadId));
            Assert.All(requests, r => Assert.Equal(-1, r.PartitionId));
        }
        finally
        {
            foreach (var m in fixture.Cluster.Members) m.RecordRequests = false;
        }
    }

    [Fact]
    public async Task Invalid_options_are_refused_naming_the_option()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(async () => await _client.BeginTransactionAsync(new TransactionOptions { Timeout = TimeSpan.FromSeconds(-1) }));
        Assert.Contains("options:Timeout", e.Message);
        e = await Assert.ThrowsAsync<ArgumentException>(async () => await _client.BeginTransactionAsync(new TransactionOptions { Durability = -1 }));
        Assert.Contains("options:Durability", e.Message);
        e = await Assert.ThrowsAsync<ArgumentException>(async () => await _client.BeginTransactionAsync(new TransactionOptions { Type = (TransactionType)7 }));
        Assert.Contains("options:Type", e.Message);
        var options = new HazelcastOptions { Transactions = { Timeout = TimeSpan.Zero } };
        Assert.Contains(options.GetValidationErrors(), x => x.Key == "Transactions:Timeout");
    }

    [Fact]
    public async Task A_client_that_dies_mid_transaction_leaves_nothing_behind()
    {
        var (map, queue) = (Name("map"), Name("queue"));
        var outsideQueue = await _other.GetQueueAsync<string>(queue);
        await outsideQueue.OfferAsync("item");
        var dying = await fixture.StartClientAsync();
        var tx = await dying.BeginTransactionAsync();
        await tx.GetMap<string, int>(map).SetAsync("k", 1);
        Assert.Equal("item", await tx.GetQueue<string>(queue).PollAsync());
        Assert.Equal(1, OpenTransactions);

        await dying.DisposeAsync(); // its connections close; nothing rolls back from the client

        var outside = await _other.GetMapAsync<string, int>(map);
        await outside.SetAsync("k", 2).AsTask().WaitAsync(TimeSpan.FromSeconds(5)); // the lock went with it
        Assert.Equal(2, await outside.GetAsync("k"));
        await Wait.UntilAsync(() => OpenTransactions == 0, TimeSpan.FromSeconds(5), "the member's rollback");
        Assert.Equal(["item"], await outsideQueue.GetAllAsync());
    }
}
