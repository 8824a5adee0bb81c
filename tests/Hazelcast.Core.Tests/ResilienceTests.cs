using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>Members come and go; the client follows the cluster and keeps serving.</summary>
[Collection(nameof(FaultTests))]
public sealed class ResilienceTests
{
    private static HazelcastOptions OptionsFor(HazelcastCluster cluster, Action<HazelcastOptions>? configure = null)
    {
        var options = new HazelcastOptions();
        foreach (var a in cluster.Addresses) options.Networking.Addresses.Add(a);
        options.Networking.ClusterConnectTimeout = TimeSpan.FromSeconds(10);
        options.Heartbeat.Interval = TimeSpan.FromMilliseconds(200);
        options.Heartbeat.Timeout = TimeSpan.FromSeconds(1);
        configure?.Invoke(options);
        return options;
    }


    [Fact]
    public async Task The_client_follows_members_that_join_and_leave()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2 });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster));
        var map = await client.GetMapAsync<int, int>("m");
        Assert.Equal(2, client.ConnectionCount);

        var third = await cluster.AddMemberAsync();
        await Wait.UntilAsync(() => client.Members.Count == 3 && client.ConnectionCount == 3, TimeSpan.FromSeconds(5), "a connection to the new member");
        await cluster.RemoveMemberAsync(cluster.Members[0]);
        await Wait.UntilAsync(() => client.Members.Count == 2 && client.ConnectionCount == 2, TimeSpan.FromSeconds(5), "the departed member's connection to close");
        for (var i = 0; i < 100; i++) await map.SetAsync(i, i);
        Assert.Equal(100, await map.GetSizeAsync());
        Assert.Contains(client.Members, m => m.Id == third.Uuid);
    }

    [Fact]
    public async Task Listeners_are_registered_on_members_that_join()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 1 });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster));
        var map = await client.GetMapAsync<int, int>("joined");
        var added = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        await map.SubscribeAsync(on => on.EntryAdded(e => added.AddOrUpdate(e.Key, 1, (_, n) => n + 1)));
        var second = await cluster.AddMemberAsync();
        await Wait.UntilAsync(() => client.ConnectionCount == 2, TimeSpan.FromSeconds(5), "a connection to the new member");
        // The registration on the new connection follows its opening; events before it are not this listener's.
        await Wait.UntilAsync(() => cluster.EntryListenerCount("joined") == 2, TimeSpan.FromSeconds(10), "the listener registered on the new member");
        for (var i = 0; i < 200; i++) await map.SetAsync(i, i);
        // Each member reports the events of the partitions it owns: the new member's half arrives through the new registration.
        await Wait.UntilAsync(() => added.Count == 200, TimeSpan.FromSeconds(5), "an event for every key");
        Assert.All(added.Values, n => Assert.Equal(1, n));
        Assert.True(second.Requests > 0);
    }

    [Fact]
    public async Task Killing_a_member_does_not_fail_operations()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3 });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster));
        var map = await client.GetMapAsync<int, int>("m");
        using var stop = new CancellationTokenSource();
        var errors = 0;
        var writes = Task.Run(async () =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                try { await map.GetAsync(i++ % 500); }
                catch (Exception) { Interlocked.Increment(ref errors); }
            }
        });
        await Task.Delay(200);
        await cluster.KillMemberAsync(cluster.Members[1]);
        await Task.Delay(500);
        await stop.CancelAsync();
        await writes;
        Assert.Equal(0, errors);
        await Wait.UntilAsync(() => client.ConnectionCount == 2, TimeSpan.FromSeconds(5), "two connections");
    }

    [Fact]
    public async Task The_client_reconnects_when_the_cluster_comes_back()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 1 });
        var port = cluster.Members[0].Port;
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster));
        var states = new List<ClientState>();
        client.StateChanged += (_, e) => { lock (states) states.Add(e.State); };
        var map = await client.GetMapAsync<string, string>("m");

        await cluster.KillAllAsync();
        await Wait.UntilAsync(() => client.State == ClientState.Disconnected, TimeSpan.FromSeconds(5), "Disconnected");
        var pending = map.SetAsync("k", "v").AsTask(); // waits for the cluster, bounded by the invocation timeout
        await cluster.AddMemberAsync(port);
        await Wait.UntilAsync(() => client.State == ClientState.Connected, TimeSpan.FromSeconds(10), "Connected again");
        await pending.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("v", await map.GetAsync("k"));
        lock (states) Assert.Equal([ClientState.Disconnected, ClientState.Connected], states);
    }

    [Fact]
    public async Task A_paused_member_is_detected_by_the_heartbeat()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2 });
        // The paused member holds backups of the other member's partitions: their acks wait until the backup-ack timeout.
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster, o => o.Messaging.BackupAckTimeout = TimeSpan.FromMilliseconds(100)));
        var map = await client.GetMapAsync<int, int>("m");
        cluster.Members[0].Pause();
        await Wait.UntilAsync(() => client.ConnectionCount == 1, TimeSpan.FromSeconds(5), "the paused member's connection to close");
        for (var i = 0; i < 50; i++) await map.SetAsync(i, i).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        cluster.Members[0].Resume();
    }

    [Fact]
    public async Task Every_event_arrives_exactly_once_when_members_join_while_listeners_subscribe()
    {
        // A subscribe that races the connection to a joining member used to be able to register twice on it (once by
        // the subscribe, once by the new connection's registrations): every event from that member then came twice.
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 1, MigrationDelay = TimeSpan.Zero });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster));
        var map = await client.GetMapAsync<int, int>("exactly-once");
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<(int Subscription, int Key), int>();
        const int rounds = 4;
        for (var round = 0; round < rounds; round++)
        {
            var subscription = round;
            var joining = cluster.AddMemberAsync();
            await map.SubscribeAsync(on => on.EntryAdded(e => seen.AddOrUpdate((subscription, e.Key), 1, (_, n) => n + 1)));
            await joining;
        }
        var members = rounds + 1;
        await Wait.UntilAsync(() => client.ConnectionCount == members, TimeSpan.FromSeconds(10), "a connection to every member");
        await Wait.UntilAsync(() => cluster.EntryListenerCount("exactly-once") >= rounds * members, TimeSpan.FromSeconds(10), "every listener on every member");
        await Task.Delay(300);
        Assert.Equal(rounds * members, cluster.EntryListenerCount("exactly-once")); // one registration per member and listener
        for (var i = 0; i < 100; i++) await map.SetAsync(i, i);
        await Wait.UntilAsync(() => seen.Count == rounds * 100, TimeSpan.FromSeconds(10), "every event");
        await Task.Delay(300);
        Assert.All(seen, e => Assert.Equal(1, e.Value));
    }

    [Fact]
    public async Task A_listener_is_registered_once_per_connection_whoever_registers_it()
    {
        // The deterministic form of the race above: the registrations a new connection triggers find the listener
        // already registered on it (by the subscribe) and add none.
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2 });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster));
        var map = await client.GetMapAsync<int, int>("once");
        await map.SubscribeAsync(on => on.EntryAdded(_ => { }));
        Assert.Equal(2, cluster.EntryListenerCount("once"));
        var internals = ((HazelcastClient)client).Cluster;
        foreach (var connection in internals.Connections.Connections)
            await internals.Listeners.OnConnectionAddedAsync(connection, CancellationToken.None);
        Assert.Equal(2, cluster.EntryListenerCount("once"));
    }

    [Fact]
    public async Task A_black_holed_member_is_left_after_the_heartbeat_timeout_and_operations_go_on()
    {
        // The member's sockets stay open and it sends nothing: no FIN tells the client. The heartbeat (no complete
        // message within 1 s here) closes the connection, and the operations on that connection are retried elsewhere.
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3 });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster, o => o.InvocationTimeout = TimeSpan.FromSeconds(20)));
        var map = await client.GetMapAsync<int, int>("black-hole");
        for (var i = 0; i < 100; i++) await map.SetAsync(i, i);
        var hole = cluster.Members[1];
        hole.BlackHole();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 100; i++) Assert.Equal(i, await map.GetAsync(i)); // reads are retryable: none fails
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the reads took {watch.Elapsed}");
        await Wait.UntilAsync(() => client.ConnectionCount == 2, TimeSpan.FromSeconds(5), "the connection to the black hole to close");
        hole.EndBlackHole();
        await Wait.UntilAsync(() => client.ConnectionCount == 3, TimeSpan.FromSeconds(10), "a new connection to the member once it answers");
    }

    [Fact]
    public async Task Requests_answered_WrongTarget_while_partitions_move_are_retried_until_they_succeed()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster));
        var map = await client.GetMapAsync<string, string>("wrong-target");
        cluster.Members[0].FailRequests(Hazelcast.Protocol.RemoteError.WrongTarget, TimeSpan.FromMilliseconds(500));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await map.SetAsync("k", "v"); // not retryable in general, but WrongTarget says it did not run
        Assert.Equal("v", await map.GetAsync("k"));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(400), $"done after {watch.Elapsed.TotalMilliseconds:0} ms, before the fault ended");
        Assert.True(cluster.Members[0].InjectedErrors > 1);
        cluster.Members[0].FailRequests(Hazelcast.Protocol.RemoteError.IllegalArgument, TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<RemoteException>(async () => await map.GetAsync("k")); // not retryable: at once
    }

    [Fact]
    public async Task A_silent_address_hangs_a_connect_without_refusing_it_and_the_client_connects_elsewhere()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        using var silent = SilentPort.Hold(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        using (var probe = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp))
        {
            // Neither connected nor refused: the SYN is dropped, as where a pod died.
            var connect = probe.ConnectAsync(silent.EndPoint);
            Assert.NotSame(connect, await Task.WhenAny(connect, Task.Delay(500)));
        }
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add($"127.0.0.1:{silent.EndPoint.Port}");
        options.Networking.Addresses.Add(cluster.Addresses[0]);
        options.Networking.ConnectionTimeout = TimeSpan.FromSeconds(1);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"started after {watch.Elapsed}");
        var map = await client.GetMapAsync<string, string>("m");
        await map.SetAsync("k", "v");
    }

    [Fact]
    public async Task A_member_cut_off_by_a_firewall_is_left_and_found_again_when_it_answers()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 3 });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster, o => o.Networking.ConnectionTimeout = TimeSpan.FromMilliseconds(500)));
        var map = await client.GetMapAsync<int, int>("firewall");
        for (var i = 0; i < 200; i++) await map.SetAsync(i, i);
        var member = cluster.Members[1];
        member.DropNewConnections(); // new connections get no answer...
        member.BlackHole();          // ...and the open ones go silent: a firewall dropping everything
        await Wait.UntilAsync(() => client.ConnectionCount == 2, TimeSpan.FromSeconds(5), "the connection to the silent member to close");
        for (var i = 0; i < 200; i++) Assert.Equal(i, await map.GetAsync(i)); // reads are retryable: served by the others meanwhile
        await Task.Delay(1500); // reconnection attempts hang meanwhile and time out
        Assert.Equal(2, client.ConnectionCount);
        member.EndBlackHole();
        member.AcceptNewConnections();
        await Wait.UntilAsync(() => client.ConnectionCount == 3, TimeSpan.FromSeconds(10), "a new connection to the member once it answers");
    }

    [Fact]
    public async Task A_slow_member_makes_its_operations_slow_not_failed()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster));
        var map = await client.GetMapAsync<int, int>("slow");
        await map.SetAsync(1, 1);
        cluster.Members[0].Latency = TimeSpan.FromMilliseconds(300);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => map.GetAsync(1).AsTask()));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"answered after {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.All(reads, r => Assert.Equal(1, r));
        cluster.Members[0].Latency = TimeSpan.Zero;
        await Task.Delay(400); // what was sent late before (heartbeat answers) leaves first, in order
        watch.Restart();
        await map.GetAsync(1);
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(250), $"still slow: {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(1, client.ConnectionCount);
    }

    [Fact]
    public async Task Writes_whose_backups_were_dropped_are_lost_when_their_owner_dies_and_only_they()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2, BackupCount = 1 });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster, o =>
        {
            o.Messaging.BackupAckTimeout = TimeSpan.FromMilliseconds(300);
            o.Messaging.FailOnIndeterminateOperationState = true;
        }));
        var map = await client.GetMapAsync<int, int>("lost-backups");
        var owner = cluster.Members[0];
        owner.DropBackups = true;
        var failed = new System.Collections.Concurrent.ConcurrentBag<int>();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            try { await map.SetAsync(i, i); }
            catch (IndeterminateOperationStateException) { failed.Add(i); } // its backup ack never came
        }));
        Assert.InRange(failed.Count, 50, 150); // about half the partitions are the owner's
        await cluster.KillMemberAsync(owner);
        var left = await map.GetAllAsync(Enumerable.Range(0, 200).ToList());
        // Exactly what the client was not told had succeeded is gone; everything acknowledged is there.
        Assert.Equal(Enumerable.Range(0, 200).Except(failed).Order(), left.Keys.Order());
        Assert.Equal(failed.Count, cluster.ChangesLostWithBackups);
    }

    [Fact]
    public async Task Backups_dropped_for_a_while_catch_up_and_nothing_is_lost_when_the_owner_dies_later()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2, BackupCount = 1 });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster, o => o.Messaging.BackupAckTimeout = TimeSpan.FromMilliseconds(200)));
        var map = await client.GetMapAsync<int, int>("synced-backups");
        var owner = cluster.Members[0];
        owner.DropBackups = true;
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => map.SetAsync(i, i).AsTask())); // complete at the ack timeout
        owner.DropBackups = false; // the replicas catch up
        await cluster.KillMemberAsync(owner);
        Assert.Equal(100, await map.GetSizeAsync());
        Assert.Equal(0, cluster.ChangesLostWithBackups);
    }

    [Fact]
    public async Task Partitions_migrate_in_steps_the_client_follows_each_and_no_write_fails()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions
        {
            MemberCount = 1, BackupCount = 1, MigrationDelay = TimeSpan.Zero, MigrationStep = TimeSpan.FromMilliseconds(40),
        });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster));
        var view = ((HazelcastClient)client).Cluster.View;
        var map = await client.GetMapAsync<int, int>("migrating");
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await map.SetAsync(i, i); // throws if anything fails
                written = i + 1;
            }
        });
        var joined = await cluster.AddMemberAsync();
        var seen = new HashSet<int>(); // how many partitions the client saw the new member own, over time
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            var owned = Enumerable.Range(0, view.PartitionCount).Count(p => view.OwnerOf(p) == joined.Uuid);
            seen.Add(owned);
            if (owned == view.PartitionCount / 2) break; // round robin over 2 members: 135 of 271
            await Task.Delay(5);
        }
        await stop.CancelAsync();
        await writer;
        Assert.Equal(view.PartitionCount / 2, seen.Max());
        Assert.True(seen.Count(n => n > 0 && n < view.PartitionCount / 2) >= 3, $"the client saw the new member own {string.Join(", ", seen.Order())} partitions: not in steps");
        Assert.Equal(written, await map.GetSizeAsync());
        await Wait.UntilAsync(() => !cluster.IsMigrating, TimeSpan.FromSeconds(10), "the backup replicas to migrate too");
        await cluster.KillMemberAsync(cluster.Members[0]); // promotion at once, nothing lost: every write has its backup now
        Assert.Equal(written, await map.GetSizeAsync());
    }
}
