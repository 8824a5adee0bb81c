using Hazelcast.Testing;
using Hazelcast.DistributedObjects;
using Hazelcast.Protocol;

namespace Hazelcast.Core.Tests;

/// <summary>Every IHMap method against three in-process members, through a smart client.</summary>
public sealed class MapTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await fixture.StartClientAsync();

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();

    private ValueTask<IHMap<string, string>> Map() => _client.GetMapAsync<string, string>($"map-{Guid.NewGuid():N}");

    [Fact]
    public async Task Put_returns_the_previous_value_and_get_reads_it()
    {
        var map = await Map();
        Assert.Null(await map.PutAsync("k", "v1"));
        Assert.Equal("v1", await map.PutAsync("k", "v2"));
        Assert.Equal("v2", await map.GetAsync("k"));
        Assert.Null(await map.GetAsync("missing"));
    }

    [Fact]
    public async Task Set_remove_delete_and_contains()
    {
        var map = await Map();
        await map.SetAsync("a", "1");
        await map.SetAsync("b", "2");
        Assert.True(await map.ContainsKeyAsync("a"));
        Assert.True(await map.ContainsValueAsync("2"));
        Assert.False(await map.ContainsValueAsync("3"));
        Assert.Equal("1", await map.RemoveAsync("a"));
        Assert.Null(await map.RemoveAsync("a"));
        Assert.False(await map.ContainsKeyAsync("a"));
        await map.DeleteAsync("b");
        Assert.False(await map.ContainsKeyAsync("b"));
        Assert.True(await map.IsEmptyAsync());
    }

    [Fact]
    public async Task Conditional_writes_follow_their_conditions()
    {
        var map = await Map();
        Assert.Null(await map.PutIfAbsentAsync("k", "first"));
        Assert.Equal("first", await map.PutIfAbsentAsync("k", "second"));
        Assert.Equal("first", await map.ReplaceAsync("k", "third"));
        Assert.Null(await map.ReplaceAsync("absent", "x"));
        Assert.False(await map.ContainsKeyAsync("absent"));
        Assert.False(await map.ReplaceAsync("k", "wrong", "fourth"));
        Assert.True(await map.ReplaceAsync("k", "third", "fourth"));
        Assert.False(await map.RemoveAsync("k", "third"));
        Assert.True(await map.RemoveAsync("k", "fourth"));
        Assert.Equal(0, await map.GetSizeAsync());
    }

    [Fact]
    public async Task Bulk_operations_cover_every_partition()
    {
        var map = await Map();
        var entries = Enumerable.Range(0, 1000).ToDictionary(i => $"key-{i}", i => $"value-{i}");
        await map.SetAllAsync(entries);
        Assert.Equal(1000, await map.GetSizeAsync());
        var all = await map.GetAllAsync(entries.Keys.Append("missing"));
        Assert.Equal(entries, all.OrderBy(e => e.Key).ToDictionary());
        Assert.Equal(entries.Keys.Order(), (await map.GetKeysAsync()).Order());
        Assert.Equal(entries.Values.Order(), (await map.GetValuesAsync()).Order());
        Assert.Equal(entries, (await map.GetEntriesAsync()).OrderBy(e => e.Key).ToDictionary());
        await map.ClearAsync();
        Assert.True(await map.IsEmptyAsync());
    }

    [Fact]
    public async Task Smart_routing_sends_each_key_to_its_partition_owner()
    {
        var before = fixture.Cluster.Members.Sum(m => m.MisroutedRequests);
        var requestsBefore = fixture.Cluster.Members.Select(m => m.Requests).ToArray();
        var map = await Map();
        for (var i = 0; i < 300; i++) await map.SetAsync($"routed-{i}", "v");
        for (var i = 0; i < 300; i++) Assert.Equal("v", await map.GetAsync($"routed-{i}"));
        Assert.Equal(3, _client.ConnectionCount);
        Assert.Equal(before, fixture.Cluster.Members.Sum(m => m.MisroutedRequests));
        var requestsAfter = fixture.Cluster.Members.Select(m => m.Requests).ToArray();
        Assert.All(Enumerable.Range(0, 3), i => Assert.True(requestsAfter[i] - requestsBefore[i] >= 100, $"member {i} served {requestsAfter[i] - requestsBefore[i]} requests"));
    }

    [Fact]
    public async Task Values_of_every_builtin_type_round_trip()
    {
        var map = await _client.GetMapAsync<int, object>($"types-{Guid.NewGuid():N}");
        object[] values = [true, (byte)7, 'c', (short)-3, 42, -5L, 1.5f, 2.25, "héllo 你好 😀", new byte[] { 1, 2, 3 }, Guid.NewGuid(),
            new HazelcastJsonValue("{\"a\":1}"), new[] { 1, 2 }, new[] { 1L, 2L }, new[] { 1.5, 2.5 }, new[] { true }, new[] { "x", "y" }, new short[] { 1 }, new[] { 'a' }, new[] { 1f }];
        for (var i = 0; i < values.Length; i++) await map.SetAsync(i, values[i]);
        for (var i = 0; i < values.Length; i++) Assert.Equal(values[i], await map.GetAsync(i));
    }

    [Fact]
    public async Task Time_to_live_and_entry_view()
    {
        var map = await Map();
        await map.SetAsync("k", "v", TimeSpan.FromMinutes(10));
        var view = await map.GetEntryViewAsync("k");
        Assert.NotNull(view);
        Assert.Equal("k", view.Key);
        Assert.Equal("v", view.Value);
        Assert.Equal(600_000, view.TimeToLive);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange(view.ExpirationTime, now + 598_000, now + 601_000); // whole seconds, as a real member keeps them
        Assert.Equal(0, view.ExpirationTime % 1000);
        Assert.True(await map.UpdateTimeToLiveAsync("k", TimeSpan.FromMinutes(1)));
        Assert.Equal(60_000, (await map.GetEntryViewAsync("k"))!.TimeToLive);
        Assert.False(await map.UpdateTimeToLiveAsync("missing", TimeSpan.FromMinutes(1)));
        Assert.Null(await map.GetEntryViewAsync("missing"));

        Assert.Null(await map.PutAsync("idle", "v", TimeSpan.Zero, TimeSpan.FromMinutes(5)));
        Assert.Equal(300_000, (await map.GetEntryViewAsync("idle"))!.MaxIdle);
        await map.PutTransientAsync("t", "v", TimeSpan.FromSeconds(30));
        Assert.Equal("v", await map.GetAsync("t"));
        Assert.Null(await map.PutIfAbsentAsync("pia", "v", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20)));
        Assert.Equal(20_000, (await map.GetEntryViewAsync("pia"))!.MaxIdle);
    }

    [Fact]
    public async Task The_locks_of_a_client_that_leaves_are_released_after_the_cleanup_delay_not_at_once()
    {
        // A real member notices a departed client at its next cleanup round (hazelcast.client.cleanup.period.millis,
        // 10 s by default): a test must not rely on an instant release.
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { ClientCleanupDelay = TimeSpan.FromSeconds(1) });
        HazelcastOptions Options() => new HazelcastOptions().Also(o => o.Networking.Addresses.Add(cluster.Addresses[0]));
        await using var client = await HazelcastClientFactory.StartNewClientAsync(Options());
        var map = await client.GetMapAsync<string, string>("locks");
        var leaving = await HazelcastClientFactory.StartNewClientAsync(Options());
        await (await leaving.GetMapAsync<string, string>("locks")).LockAsync("k");
        await leaving.DisposeAsync();
        await Task.Delay(300); // the member has seen the connection close by now; the release waits for its delay
        Assert.True(await map.IsLockedAsync("k"), "released as soon as the client left");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(await map.TryLockAsync("k", TimeSpan.FromSeconds(5)));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_cancelled_lock_wait_leaves_no_orphan_lock_when_the_member_grants_it_later()
    {
        // The member does not know the caller gave up: it grants the queued lock when the holder unlocks. Before, that
        // lock then had an owner who had stopped waiting, and the key stayed locked for good.
        var map = await Map();
        await using var other = await fixture.StartClientAsync();
        var otherMap = await other.GetMapAsync<string, string>(map.Name);
        await map.LockAsync("k");
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await otherMap.LockAsync("k", giveUp.Token));
        using var giveUpTry = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await otherMap.TryLockAsync("k", TimeSpan.FromSeconds(30), cancellationToken: giveUpTry.Token));
        await map.UnlockAsync("k"); // the member grants the waiting requests now, one after the other
        await Wait.UntilAsync(() => !map.IsLockedAsync("k").AsTask().GetAwaiter().GetResult(), TimeSpan.FromSeconds(10), "the late grants to be unlocked");
        Assert.True(await map.TryLockAsync("k", TimeSpan.FromSeconds(1)));
        await map.UnlockAsync("k");
    }

    [Fact]
    public async Task GetMapAsync_a_thousand_times_creates_the_map_once_and_returns_one_proxy()
    {
        var name = $"once-{Guid.NewGuid():N}";
        foreach (var m in fixture.Cluster.Members) m.RecordRequests = true;
        try
        {
            var first = await _client.GetMapAsync<string, string>(name);
            for (var i = 0; i < 999; i++) Assert.Same(first, await _client.GetMapAsync<string, string>(name));
            var creates = fixture.Cluster.Members.SelectMany(m => m.TakeRecordedRequests())
                .Select(bytes => new ClientMessage(bytes, bytes.Length))
                .Where(r => r.MessageType == Hazelcast.Protocol.Codecs.ClientCreateProxyCodec.RequestMessageType)
                .Count(r => Hazelcast.Protocol.Codecs.ClientCreateProxyCodec.DecodeRequest(r).Name == name);
            Assert.Equal(1, creates);
            Assert.NotSame(first, await _client.GetMapAsync<string, int>(name)); // another value type, another proxy
            await first.DestroyAsync();
            Assert.NotSame(first, await _client.GetMapAsync<string, string>(name)); // destroyed: created again
        }
        finally
        {
            foreach (var m in fixture.Cluster.Members) m.RecordRequests = false;
        }
    }

    [Fact]
    public async Task An_entry_view_without_per_entry_stats_reports_no_hits_and_no_times()
    {
        // A Hazelcast 5.x member keeps no per-entry statistics unless the map enables them (the default record,
        // SimpleRecord, answers UNSET = -1); the version is kept either way.
        var map = await Map();
        await map.SetAsync("k", "v1");
        await map.GetAsync("k");
        await map.SetAsync("k", "v2");
        var view = (await map.GetEntryViewAsync("k"))!;
        Assert.Equal([-1L, -1, -1, -1, -1], [view.Hits, view.CreationTime, view.LastAccessTime, view.LastUpdateTime, view.LastStoredTime]);
        Assert.Equal(1, view.Version);
        Assert.True(view.Cost > 0);
        Assert.Equal(long.MaxValue, view.ExpirationTime);
        Assert.Equal(long.MaxValue, view.TimeToLive);
    }

    [Fact]
    public async Task An_entry_view_with_per_entry_stats_counts_hits_and_keeps_times_to_the_second()
    {
        var map = await _client.GetMapAsync<string, string>($"stats-{Guid.NewGuid():N}");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000 * 1000;
        await map.SetAsync("k", "v", TimeSpan.FromMilliseconds(1500));
        await map.GetAsync("k");
        await map.GetAsync("k");
        var view = (await map.GetEntryViewAsync("k"))!;
        Assert.Equal(2, view.Hits);
        Assert.Equal(0, view.LastStoredTime); // no map store: 0, not -1
        Assert.InRange(view.CreationTime, before, before + 5000);
        Assert.Equal(0, view.CreationTime % 1000);
        Assert.True(view.LastAccessTime >= view.CreationTime && view.LastUpdateTime >= view.CreationTime);
        Assert.Equal(1000, view.TimeToLive); // 1.5 s is kept as 1 s
    }

    [Fact]
    public async Task Entries_expire_after_their_time_to_live()
    {
        var map = await Map();
        await map.SetAsync("short", "v", TimeSpan.FromMilliseconds(200));
        await map.SetAsync("long", "v", TimeSpan.FromMinutes(5));
        Assert.Equal("v", await map.GetAsync("short"));
        await Task.Delay(400);
        Assert.Null(await map.GetAsync("short"));
        Assert.Equal("v", await map.GetAsync("long"));
    }

    [Fact]
    public async Task Evict_and_flush()
    {
        var map = await Map();
        await map.SetAsync("a", "1");
        await map.SetAsync("b", "2");
        Assert.True(await map.EvictAsync("a"));
        Assert.False(await map.EvictAsync("a"));
        await map.FlushAsync();
        await map.EvictAllAsync();
        Assert.Equal(0, await map.GetSizeAsync());
    }

    [Fact]
    public async Task Locks_are_reentrant_and_exclude_other_clients()
    {
        var name = $"locks-{Guid.NewGuid():N}";
        var map = await _client.GetMapAsync<string, string>(name);
        await using var other = await fixture.StartClientAsync();
        var otherMap = await other.GetMapAsync<string, string>(name);

        await map.LockAsync("k");
        await map.LockAsync("k");
        Assert.True(await map.IsLockedAsync("k"));
        await map.SetAsync("k", "mine"); // the owner writes through its own lock
        Assert.False(await otherMap.TryLockAsync("k", TimeSpan.FromMilliseconds(100)));
        Assert.False(await otherMap.TryPutAsync("k", "theirs", TimeSpan.FromMilliseconds(100)));
        var error = await Assert.ThrowsAsync<RemoteException>(async () => await otherMap.UnlockAsync("k"));
        Assert.Equal(RemoteError.IllegalMonitorState, error.Error);

        var blocked = otherMap.SetAsync("k", "theirs").AsTask();
        await Task.Delay(200);
        Assert.False(blocked.IsCompleted);
        await map.UnlockAsync("k");
        Assert.True(await map.IsLockedAsync("k"));
        await map.UnlockAsync("k");
        await blocked.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("theirs", await map.GetAsync("k"));

        Assert.True(await otherMap.TryLockAsync("k", TimeSpan.Zero, TimeSpan.FromMinutes(1)));
        await map.ForceUnlockAsync("k");
        Assert.False(await map.IsLockedAsync("k"));
        Assert.True(await map.TryRemoveAsync("k", TimeSpan.FromSeconds(1)));
        Assert.False(await map.TryRemoveAsync("k", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Lock_leases_expire()
    {
        var map = await Map();
        await map.LockAsync("k", TimeSpan.FromMilliseconds(200));
        Assert.True(await map.IsLockedAsync("k"));
        await Task.Delay(400);
        Assert.False(await map.IsLockedAsync("k"));
    }

    [Fact]
    public async Task Entry_events_arrive_once_each_with_old_and_new_values()
    {
        var map = await Map();
        var events = new List<string>();
        var all = new TaskCompletionSource();
        var id = await map.SubscribeAsync(on => on
            .EntryAdded(e => Record($"added {e.Key} {e.Value}"))
            .EntryUpdated(e => Record($"updated {e.Key} {e.OldValue}->{e.Value}"))
            .EntryRemoved(e => Record($"removed {e.Key} {e.OldValue}"))
            .EntryEvicted(e => Record($"evicted {e.Key} {e.OldValue}"))
            .MapCleared(e => Record($"cleared {e.AffectedEntries}")));
        void Record(string e)
        {
            lock (events)
            {
                events.Add(e);
                if (events.Count == 6 + 30) all.TrySetResult();
            }
        }

        await map.SetAsync("a", "1");
        await map.SetAsync("a", "2");
        await map.RemoveAsync("a");
        await map.SetAsync("b", "x");
        await map.EvictAsync("b");
        for (var i = 0; i < 30; i++) await map.SetAsync($"k{i}", "v");
        await map.ClearAsync();
        await all.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(200); // nothing more may arrive (each event exactly once)
        lock (events)
        {
            Assert.Equal(["added a 1", "updated a 1->2", "removed a 2", "added b x", "evicted b x"], events.Take(5));
            Assert.Equal(30, events.Count(e => e.StartsWith("added k", StringComparison.Ordinal)));
            Assert.Equal(30, events.Where(e => e.StartsWith("cleared", StringComparison.Ordinal)).Sum(e => int.Parse(e.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)));
        }
        Assert.True(await map.UnsubscribeAsync(id));
        Assert.False(await map.UnsubscribeAsync(id));
        var count = events.Count;
        await map.SetAsync("after", "v");
        await Task.Delay(200);
        Assert.Equal(count, events.Count);
    }

    [Fact]
    public async Task Key_subscription_sees_only_its_key_and_values_can_be_left_out()
    {
        var map = await Map();
        var seen = new List<(string? Key, string? Value)>();
        var got = new TaskCompletionSource();
        await map.SubscribeAsync("watched", on => on.EntryAdded(e =>
        {
            lock (seen) seen.Add((e.Key, e.Value));
            got.TrySetResult();
        }), includeValues: false);
        await map.SetAsync("other", "v");
        await map.SetAsync("watched", "v");
        await got.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(100);
        Assert.Equal([("watched", null)], seen);
    }

    [Fact]
    public async Task Distributed_objects_are_listed_and_destroyed()
    {
        var name = $"objects-{Guid.NewGuid():N}";
        var map = await _client.GetMapAsync<string, string>(name);
        await map.SetAsync("k", "v");
        Assert.Contains(await _client.GetDistributedObjectsAsync(), o => o.Name == name && o.ServiceName == "hz:impl:mapService");
        await map.DestroyAsync();
        Assert.DoesNotContain(await _client.GetDistributedObjectsAsync(), o => o.Name == name);
        var again = await _client.GetMapAsync<string, string>(name);
        Assert.Null(await again.GetAsync("k"));
    }

    [Fact]
    public async Task Bad_arguments_are_rejected_before_anything_is_sent()
    {
        var map = await Map();
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.GetAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.SetAsync("k", null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.PutAsync(null!, "v"));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await map.SetAsync("k", "v", TimeSpan.FromSeconds(-1)));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.GetAllAsync(["a", null!]));
        await Assert.ThrowsAsync<ArgumentException>(async () => await _client.GetMapAsync<string, string>(""));
        var objects = await _client.GetMapAsync<string, System.Net.IPAddress>($"bad-{Guid.NewGuid():N}");
        var error = await Assert.ThrowsAsync<SerializationException>(async () => await objects.SetAsync("k", System.Net.IPAddress.Loopback));
        Assert.Contains("System.Net.IPAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_waiting_operation_returns_at_once()
    {
        var name = $"cancel-{Guid.NewGuid():N}";
        var map = await _client.GetMapAsync<string, string>(name);
        await using var other = await fixture.StartClientAsync();
        await (await other.GetMapAsync<string, string>(name)).LockAsync("k");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await map.LockAsync("k", cts.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_message_the_member_does_not_serve_fails_with_its_error_and_the_connection_stays()
    {
        var client = (HazelcastClient)_client;
        var request = Hazelcast.Protocol.Codecs.MapKeySetWithPredicateCodec.EncodeRequest("m", new Hazelcast.Serialization.Data(new byte[8]));
        // Message type 0x7F0100 does not exist: patch the type in place.
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(request.Buffer.AsSpan(6), 0x7F0100);
        var error = await Assert.ThrowsAsync<RemoteException>(() => client.Cluster.Invocations.InvokeAsync(request, -1, default));
        Assert.Equal(RemoteError.UnsupportedOperation, error.Error);
        Assert.Equal("java.lang.UnsupportedOperationException", error.ClassName);
        await client.PingAsync();
        Assert.Equal(3, client.ConnectionCount);
    }

    [Fact]
    public async Task Large_values_read_concurrently_each_get_their_own_bytes()
    {
        // Responses of 1 KiB and more are read into pooled arrays and returned once decoded: a buffer reused too
        // early would show as one key's bytes in another key's value. Values from 4 KiB to 23 KiB also cross the
        // size from which messages are sent from their own arrays in gather sends, mixed with small ones.
        var map = await _client.GetMapAsync<int, byte[]>($"large-{Guid.NewGuid():N}");
        byte[] ValueOf(int key) => Enumerable.Range(0, 4096 + key * 300).Select(i => (byte)(key * 31 + i)).ToArray();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(k => map.SetAsync(k, ValueOf(k)).AsTask()));
        for (var round = 0; round < 20; round++)
        {
            var keys = Enumerable.Range(0, 64).ToArray();
            var values = await Task.WhenAll(keys.Select(k => map.GetAsync(k).AsTask()));
            for (var k = 0; k < keys.Length; k++) Assert.Equal(ValueOf(k), values[k]);
        }
    }

    [Fact]
    public async Task Large_strings_and_byte_arrays_written_concurrently_keep_their_own_bytes()
    {
        // Writes of byte arrays and strings from 1 KiB on are serialized into a per-thread scratch buffer and copied
        // into their request at once: a second write on the same thread before that copy would show as one key's
        // value under another key. Every kind of write that takes a value goes through it.
        var bytes = await _client.GetMapAsync<int, byte[]>($"scratch-bytes-{Guid.NewGuid():N}");
        var strings = await _client.GetMapAsync<int, string>($"scratch-strings-{Guid.NewGuid():N}");
        byte[] BytesOf(int key) => Enumerable.Range(0, 1024 + key * 97).Select(i => (byte)(key * 7 + i)).ToArray();
        string StringOf(int key) => string.Concat(Enumerable.Repeat($"é{key}€🙂", 200 + key));
        var writes = Enumerable.Range(0, 96).SelectMany(k => new[]
        {
            (k % 4) switch
            {
                0 => bytes.SetAsync(k, BytesOf(k)).AsTask(),
                1 => bytes.PutAsync(k, BytesOf(k)).AsTask(),
                2 => bytes.PutIfAbsentAsync(k, BytesOf(k)).AsTask(),
                _ => bytes.PutTransientAsync(k, BytesOf(k)).AsTask(),
            },
            (k % 2) switch
            {
                0 => strings.SetAsync(k, StringOf(k), TimeSpan.FromMinutes(5)).AsTask(),
                _ => strings.PutAsync(k, StringOf(k), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)).AsTask(),
            },
        });
        await Task.WhenAll(writes);
        for (var k = 0; k < 96; k++)
        {
            Assert.Equal(BytesOf(k), await bytes.GetAsync(k));
            Assert.Equal(StringOf(k), await strings.GetAsync(k));
        }
    }

    [Fact]
    public async Task Values_of_several_megabytes_cross_intact_both_ways()
    {
        // Larger than the socket buffers: gather sends are partial and resumed, reads span many segments.
        var map = await _client.GetMapAsync<int, byte[]>($"huge-{Guid.NewGuid():N}");
        var values = Enumerable.Range(0, 4).Select(k => Enumerable.Range(0, (k + 1) * 1_500_000).Select(i => (byte)(i * 7 + k)).ToArray()).ToArray();
        await Task.WhenAll(values.Select((v, k) => map.SetAsync(k, v).AsTask()));
        var read = await Task.WhenAll(values.Select((_, k) => map.GetAsync(k).AsTask()));
        for (var k = 0; k < values.Length; k++) Assert.True(values[k].AsSpan().SequenceEqual(read[k]), $"value {k} differs");
    }

    [Fact]
    public async Task LoadAll_on_a_map_without_a_map_store_loads_nothing_and_keeps_the_entries()
    {
        var map = await Map();
        await map.SetAsync("a", "1");
        await map.LoadAllAsync();
        await map.LoadAllAsync(replaceExistingValues: false, keys: ["a", "b"]);
        Assert.Equal(1, await map.GetSizeAsync());
        Assert.Equal("1", await map.GetAsync("a"));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await map.LoadAllAsync(keys: ["a", null!]));
    }
}
