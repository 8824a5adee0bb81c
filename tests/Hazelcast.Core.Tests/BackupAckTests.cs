using System.Diagnostics;
using Hazelcast.DistributedObjects;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>Boomerang backups: a write completes when its response and every announced backup ack have arrived.</summary>
public sealed class BackupAckTests
{
    private static async Task<(HazelcastCluster Cluster, IHazelcastClient Client)> StartAsync(Action<HazelcastOptions>? configure = null, int members = 3,
        Action<HazelcastClusterOptions>? configureCluster = null)
    {
        var clusterOptions = new HazelcastClusterOptions { MemberCount = members, BackupCount = 1 };
        configureCluster?.Invoke(clusterOptions);
        var cluster = await HazelcastCluster.StartAsync(clusterOptions);
        var options = new HazelcastOptions();
        foreach (var a in cluster.Addresses) options.Networking.Addresses.Add(a);
        configure?.Invoke(options);
        return (cluster, await HazelcastClientFactory.StartNewClientAsync(options));
    }

    [Fact]
    public async Task A_write_completes_only_after_the_replicas_ack()
    {
        var (cluster, client) = await StartAsync();
        await using var _ = cluster;
        await using var __ = client;
        var map = await client.GetMapAsync<string, string>("m");
        await map.SetAsync("warm", "up");
        foreach (var m in cluster.Members) m.BackupAckDelay = TimeSpan.FromMilliseconds(400);
        var acksBefore = cluster.Members.Sum(m => m.BackupAcksSent);
        var watch = Stopwatch.StartNew();
        await map.SetAsync("k", "v");
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(380), $"completed after {watch.ElapsedMilliseconds} ms, before the delayed ack");
        Assert.Equal(acksBefore + 1, cluster.Members.Sum(m => m.BackupAcksSent));
        // Reads are not backed up: no ack, no wait.
        watch.Restart();
        Assert.Equal("v", await map.GetAsync("k"));
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Dropped_acks_complete_the_write_after_the_backup_ack_timeout()
    {
        var (cluster, client) = await StartAsync(o => o.Messaging.BackupAckTimeout = TimeSpan.FromMilliseconds(300));
        await using var _ = cluster;
        await using var __ = client;
        var map = await client.GetMapAsync<string, string>("m");
        foreach (var m in cluster.Members) m.DropBackupAcks = true;
        var watch = Stopwatch.StartNew();
        await map.SetAsync("k", "v");
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
        Assert.Equal("v", await map.GetAsync("k"));
    }

    [Fact]
    public async Task Dropped_acks_can_fail_the_write_as_indeterminate()
    {
        var (cluster, client) = await StartAsync(o =>
        {
            o.Messaging.BackupAckTimeout = TimeSpan.FromMilliseconds(200);
            o.Messaging.FailOnIndeterminateOperationState = true;
        });
        await using var _ = cluster;
        await using var __ = client;
        var map = await client.GetMapAsync<string, string>("m");
        foreach (var m in cluster.Members) m.DropBackupAcks = true;
        await Assert.ThrowsAsync<IndeterminateOperationStateException>(async () => await map.SetAsync("k", "v"));
    }

    [Fact]
    public async Task Without_backup_acks_the_member_answers_with_zero_acks()
    {
        var (cluster, client) = await StartAsync(o => o.Messaging.BackupAcks = false);
        await using var _ = cluster;
        await using var __ = client;
        var map = await client.GetMapAsync<string, string>("m");
        foreach (var m in cluster.Members) m.BackupAckDelay = TimeSpan.FromSeconds(5);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++) await map.SetAsync($"k{i}", "v");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
        Assert.Equal(0, cluster.Members.Sum(m => m.BackupAcksSent));
    }

    [Fact]
    public async Task A_single_member_has_no_backups_to_wait_for()
    {
        var (cluster, client) = await StartAsync(members: 1);
        await using var _ = cluster;
        await using var __ = client;
        var map = await client.GetMapAsync<int, int>("m");
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => map.SetAsync(i, i).AsTask()));
        Assert.Equal(0, cluster.Members[0].BackupAcksSent);
        Assert.Equal(200, await map.GetSizeAsync());
    }

    /// <summary>Two members whose backup acks are dropped, and a write that waits for its ack.</summary>
    private static async Task<(HazelcastCluster Cluster, IHazelcastClient Client, IHMap<string, string> Map, Task Write)> WriteAwaitingItsAckAsync(TimeSpan ackTimeout)
    {
        var (cluster, client) = await StartAsync(o => o.Messaging.BackupAckTimeout = ackTimeout, members: 2);
        var map = await client.GetMapAsync<string, string>("m");
        await map.SetAsync("warm", "up");
        foreach (var m in cluster.Members) m.DropBackupAcks = true;
        var write = map.SetAsync("k", "v").AsTask();
        await Task.Delay(100);
        return (cluster, client, map, write);
    }

    [Fact]
    public async Task A_write_still_waiting_for_its_acks_when_the_cluster_restarts_fails_as_indeterminate()
    {
        // The primary answered, its backup never acked; then the whole cluster restarted (new cluster id, no data):
        // the write is gone, and the caller must not be told it is stored.
        var (cluster, client, map, write) = await WriteAwaitingItsAckAsync(TimeSpan.FromSeconds(60));
        await using var _ = cluster;
        await using var __ = client;
        await Task.Delay(200);
        Assert.False(write.IsCompleted, "the write should wait for its backup ack");
        await cluster.RestartClusterAsync();
        var error = await Assert.ThrowsAsync<IndeterminateOperationStateException>(() => write.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("restarted", error.Message, StringComparison.Ordinal);
        Assert.Null(await map.GetAsync("k"));
    }

    [Fact]
    public async Task A_write_whose_acks_time_out_while_no_member_is_reachable_fails_as_indeterminate()
    {
        var (cluster, client, _, write) = await WriteAwaitingItsAckAsync(TimeSpan.FromMilliseconds(500));
        await using var _ = cluster;
        await using var __ = client;
        await cluster.KillAllAsync();
        var error = await Assert.ThrowsAsync<IndeterminateOperationStateException>(() => write.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("lost every connection", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_do_not_wait_for_the_backup_ack_timeout_when_a_member_joins()
    {
        // A real cluster moves replicas to a joining member after it joined (clients have connected to it by then),
        // so its backup acks reach the client: a real join showed no write waiting for the backup-ack timeout.
        // (A migration delay of 1.5 s, so that a loaded machine has the time a loopback client needs to connect.)
        var (cluster, client) = await StartAsync(o => o.Messaging.BackupAckTimeout = TimeSpan.FromSeconds(5), members: 2,
            configureCluster: c => c.MigrationDelay = TimeSpan.FromSeconds(1.5));
        await using var _ = cluster;
        await using var __ = client;
        var map = await client.GetMapAsync<int, int>("join");
        await map.SetAsync(-1, -1);
        var slowest = TimeSpan.Zero;
        var joining = cluster.AddMemberAsync();
        var watch = Stopwatch.StartNew();
        for (var i = 0; watch.Elapsed < TimeSpan.FromSeconds(3); i++)
        {
            var one = Stopwatch.StartNew();
            await map.SetAsync(i, i);
            if (one.Elapsed > slowest) slowest = one.Elapsed;
        }
        await joining;
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"a write waited {slowest.TotalMilliseconds:0} ms (the backup-ack timeout is 5 s)");
        Assert.Equal(3, client.ConnectionCount);
    }

    [Fact]
    public async Task A_member_that_cannot_send_backup_acks_does_not_make_writes_wait_for_them()
    {
        // The backup listener is refused on one member: it can send no ack to this client. Writes then ask for none
        // (the member completes its backups before answering) instead of waiting for the 5 s backup-ack timeout.
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2, BackupCount = 1 });
        cluster.Members[1].RefuseBackupListener = true;
        var options = new HazelcastOptions();
        foreach (var a in cluster.Addresses) options.Networking.Addresses.Add(a);
        options.Messaging.BackupAckTimeout = TimeSpan.FromSeconds(5);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var map = await client.GetMapAsync<int, int>("no-acks");
        await Task.Delay(200); // the registrations have answered
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 50; i++) await map.SetAsync(i, i);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"50 writes took {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(0, cluster.Members[1].BackupAcksSent);
        Assert.Equal(50, await map.GetSizeAsync());
    }
}
