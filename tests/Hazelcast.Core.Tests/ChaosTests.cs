using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>
/// The chaos suite: through each fault, 16 writers set unique keys, 16 readers read back keys already acknowledged,
/// and a ledger counts increments (a CP AtomicLong, and map counters changed by compare-and-set); afterwards every
/// acknowledged write is read back, and each ledger's final value must lie between what was acknowledged and that
/// plus what was indeterminate (failed callers, which may or may not have applied): more would be a duplicate.
/// </summary>
[Collection(nameof(FaultTests))]
public sealed class ChaosTests
{
    private const int Writers = 16;
    private const int Readers = 16;
    private const int LedgerWorkers = 2; // of each kind
    private static readonly TimeSpan BackupAckTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>What a scenario may lose.</summary>
    private enum Loss
    {
        /// <summary>Nothing acknowledged (backups exist).</summary>
        None,

        /// <summary>The whole cluster went: what was acknowledged before the fault ended is gone, nothing after.</summary>
        BeforeTheFaultEnded,

        /// <summary>Writes whose backups were dropped: at most those that completed at the backup-ack timeout.</summary>
        AtMostAckTimeouts,
    }

    private sealed record Scenario(string Name, int Members, Func<HazelcastCluster, Task> Fault, Loss Loss = Loss.None,
        Action<HazelcastClusterOptions>? Cluster = null, Action<HazelcastOptions>? Client = null);

    private sealed record Ledger(string Name, long Acknowledged, long Indeterminate, long Final)
    {
        public bool Holds => Final >= Acknowledged && Final <= Acknowledged + Indeterminate;

        public override string ToString() => $"{Name} {Final} in [{Acknowledged}, {Acknowledged + Indeterminate}]";
    }

    private sealed record Result(string Scenario, int Acknowledged, int Lost, int LostAfterFault, int SlowWrites, long Reads, int ReadMisses,
        Ledger Atomic, Ledger Counters, TimeSpan LongestWait, int Errors, string ErrorKinds, TimeSpan? BackAfter, ClientState[] States, string Detail);

    private static readonly ConcurrentDictionary<string, Result> Results = new();

    /// <summary>Each caller's operations, timed, with their failures by type.</summary>
    private sealed class Calls(Stopwatch clock)
    {
        private long _longestTicks;
        public ConcurrentBag<string> Errors { get; } = [];

        public async Task<bool> RunAsync(Func<Task> operation)
        {
            var start = clock.ElapsedTicks;
            try
            {
                await operation();
                return true;
            }
            catch (Exception e)
            {
                Errors.Add(e.GetType().Name);
                return false;
            }
            finally
            {
                var took = clock.ElapsedTicks - start;
                long seen;
                while (took > (seen = Interlocked.Read(ref _longestTicks)) && Interlocked.CompareExchange(ref _longestTicks, took, seen) != seen) { }
            }
        }

        public TimeSpan Longest => TimeSpan.FromSeconds((double)Interlocked.Read(ref _longestTicks) / Stopwatch.Frequency);
    }

    private static async Task<Result> RunAsync(Scenario scenario)
    {
        var clusterOptions = new HazelcastClusterOptions { MemberCount = scenario.Members, BackupCount = 1 };
        scenario.Cluster?.Invoke(clusterOptions);
        await using var cluster = await HazelcastCluster.StartAsync(clusterOptions);
        var options = new HazelcastOptions();
        foreach (var a in cluster.Addresses) options.Networking.Addresses.Add(a);
        options.Heartbeat.Interval = TimeSpan.FromMilliseconds(200);
        options.Heartbeat.Timeout = TimeSpan.FromSeconds(1);
        options.Networking.ConnectionTimeout = TimeSpan.FromSeconds(1);
        options.Networking.Reconnect.InitialBackoff = TimeSpan.FromMilliseconds(50);
        options.Networking.Reconnect.MaxBackoff = TimeSpan.FromMilliseconds(500);
        options.Messaging.BackupAckTimeout = BackupAckTimeout;
        options.InvocationTimeout = TimeSpan.FromSeconds(15);
        scenario.Client?.Invoke(options);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var states = new ConcurrentQueue<ClientState>();
        client.StateChanged += (_, e) => states.Enqueue(e.State);
        var map = await client.GetMapAsync<string, string>("chaos");
        var counters = await client.GetMapAsync<string, long>("chaos-ledger");
        var atomic = await client.CPSubsystem.GetAtomicLongAsync("chaos-ledger");
        for (var c = 0; c < LedgerWorkers; c++) await counters.SetAsync($"c{c}", 0);

        var clock = Stopwatch.StartNew();
        var calls = new Calls(clock);
        var acknowledged = new ConcurrentDictionary<string, (long Sent, long Done)>(); // ms since start
        var lastIndex = new int[Writers];
        long faultEnd = long.MaxValue, reads = 0;
        var readMisses = new ConcurrentBag<string>();
        long atomicAcked = 0, atomicFailed = 0, counterAcked = 0, counterFailed = 0;
        using var stop = new CancellationTokenSource();
        var tasks = new List<Task>();
        tasks.AddRange(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"w{w}-{i}";
                var sent = clock.ElapsedMilliseconds;
                // A write sent before a full restart may be acknowledged after it (its backup ack timed out),
                // although the old cluster applied it: what counts is when it was sent.
                if (await calls.RunAsync(async () => await map.SetAsync(key, key))) acknowledged[key] = (sent, clock.ElapsedMilliseconds);
                Volatile.Write(ref lastIndex[w], i);
            }
        })));
        tasks.AddRange(Enumerable.Range(0, Readers).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            while (!stop.IsCancellationRequested)
            {
                var w = random.Next(Writers);
                var key = $"w{w}-{random.Next(Volatile.Read(ref lastIndex[w]) + 1)}";
                if (!acknowledged.ContainsKey(key))
                {
                    await Task.Yield();
                    continue;
                }
                if (await calls.RunAsync(async () => { if (await map.GetAsync(key) is null) readMisses.Add(key); })) Interlocked.Increment(ref reads);
            }
        })));
        tasks.AddRange(Enumerable.Range(0, LedgerWorkers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (await calls.RunAsync(() => atomic.IncrementAndGetAsync())) Interlocked.Increment(ref atomicAcked);
                else Interlocked.Increment(ref atomicFailed);
            }
        })));
        tasks.AddRange(Enumerable.Range(0, LedgerWorkers).Select(c => Task.Run(async () =>
        {
            var key = $"c{c}";
            while (!stop.IsCancellationRequested)
            {
                // Compare-and-set: a replace retried after it applied finds the new value and does nothing, so only a
                // failed caller (indeterminate) may have counted without being told.
                long current = 0;
                if (!await calls.RunAsync(async () => current = await counters.GetAsync(key))) continue;
                var replaced = false;
                if (!await calls.RunAsync(async () => replaced = await counters.ReplaceAsync(key, current, current + 1))) Interlocked.Increment(ref counterFailed);
                else if (replaced) Interlocked.Increment(ref counterAcked);
            }
        })));

        await Task.Delay(500);
        await scenario.Fault(cluster);
        Interlocked.Exchange(ref faultEnd, clock.ElapsedMilliseconds);
        // The load goes on until a write sent after the fault is acknowledged (a stepped migration may still hold the
        // writers a while: on a loaded machine longer than a fixed wait), at most 30 s, then 1.5 s more.
        var ended = Interlocked.Read(ref faultEnd);
        var giveUp = clock.ElapsedMilliseconds + 30_000;
        while (clock.ElapsedMilliseconds < giveUp && !acknowledged.Values.Any(a => a.Sent > ended)) await Task.Delay(50);
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll(tasks);

        // Back without a restart of the client: connected, and a write sent after the fault ended was acknowledged.
        await Wait.UntilAsync(() => client.State == ClientState.Connected, TimeSpan.FromSeconds(30), $"{scenario.Name}: the client to be connected again");
        var firstAfter = acknowledged.Values.Where(a => a.Sent > faultEnd).Select(a => a.Done).DefaultIfEmpty(-1).Min();
        TimeSpan? backAfter = firstAfter < 0 ? null : TimeSpan.FromMilliseconds(firstAfter - faultEnd);

        var keys = acknowledged.Keys.ToList();
        var found = new HashSet<string>();
        foreach (var chunk in keys.Chunk(2000)) found.UnionWith((await map.GetAllAsync(chunk)).Keys);
        var lost = keys.Where(k => !found.Contains(k)).ToList();
        var lostAfterFault = lost.Count(k => acknowledged[k].Sent > faultEnd);
        var slowWrites = acknowledged.Values.Count(a => a.Done - a.Sent >= BackupAckTimeout.TotalMilliseconds - 20);
        var counterValues = await counters.GetAllAsync(Enumerable.Range(0, LedgerWorkers).Select(c => $"c{c}").ToList());
        var atomicLedger = new Ledger("AtomicLong", atomicAcked, atomicFailed, await atomic.GetAsync());
        var counterLedger = new Ledger("map counters", counterAcked, counterFailed, counterValues.Values.Sum());
        var errors = calls.Errors.ToList();
        var detail = $"{scenario.Name}: fault ended at {faultEnd} ms; lost after it: " +
            string.Join(", ", lost.Where(k => acknowledged[k].Sent > faultEnd).Take(20).Select(k => $"{k}@{acknowledged[k].Sent}")) +
            $"; read misses: {string.Join(", ", readMisses.Take(10))}; {atomicLedger}; {counterLedger}; states: {string.Join(",", states)}";
        var result = new Result(scenario.Name, keys.Count, lost.Count, lostAfterFault, slowWrites, reads, readMisses.Count, atomicLedger, counterLedger,
            calls.Longest, errors.Count, string.Join(", ", errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}×{g.Count()}")),
            backAfter, [.. states], detail);
        Results[scenario.Name] = result;
        TestContext.Current.SendDiagnosticMessage(Report());
        return result;
    }

    private static string Report()
    {
        var sb = new StringBuilder("| fault | writes acknowledged | acknowledged writes lost | reads (missing) | AtomicLong: final in [acknowledged, + indeterminate] | map counters: final in [acknowledged, + indeterminate] | longest a caller waited | back after | errors to callers |\n|---|---|---|---|---|---|---|---|---|\n");
        foreach (var r in Results.Values.OrderBy(r => r.Scenario, StringComparer.Ordinal))
            sb.Append($"| {r.Scenario} | {r.Acknowledged:N0} | {r.Lost:N0}{(r.Lost > 0 ? $" ({r.LostAfterFault} after the fault; {r.SlowWrites} writes completed at the backup-ack timeout)" : "")} | {r.Reads:N0} ({r.ReadMisses}) | " +
                $"{r.Atomic.Final:N0} in [{r.Atomic.Acknowledged:N0}, {r.Atomic.Acknowledged + r.Atomic.Indeterminate:N0}] | {r.Counters.Final:N0} in [{r.Counters.Acknowledged:N0}, {r.Counters.Acknowledged + r.Counters.Indeterminate:N0}] | " +
                $"{r.LongestWait.TotalMilliseconds:N0} ms | {(r.BackAfter is { } back ? $"{back.TotalMilliseconds:N0} ms" : "not back")} | {r.Errors}{(r.Errors > 0 ? $" ({r.ErrorKinds})" : "")} |\n");
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "chaos-report.md"), sb.ToString());
        return sb.ToString();
    }

    private static async Task RunAndCheckAsync(Scenario scenario)
    {
        var r = await RunAsync(scenario);
        Assert.True(r.Acknowledged > 100, $"{r.Scenario}: only {r.Acknowledged} writes were acknowledged");
        Assert.True(r.BackAfter is not null, $"{r.Scenario}: no write sent after the fault was acknowledged. {r.Detail}");
        if (scenario.Loss != Loss.BeforeTheFaultEnded) Assert.True(r.Atomic.Holds, $"{r.Scenario}: {r.Atomic}. {r.Detail}");
        switch (scenario.Loss)
        {
            case Loss.None:
                Assert.True(r.Lost == 0, $"{r.Scenario}: {r.Lost} acknowledged writes were lost. {r.Detail}");
                Assert.True(r.ReadMisses == 0, $"{r.Scenario}: {r.ReadMisses} reads missed an acknowledged write. {r.Detail}");
                Assert.True(r.Counters.Holds, $"{r.Scenario}: {r.Counters}. {r.Detail}");
                break;
            case Loss.BeforeTheFaultEnded:
                Assert.True(r.LostAfterFault == 0, r.Detail); // what the new cluster acknowledged is there
                Assert.True(r.Lost > 0, $"{r.Scenario}: the cluster should have come back empty");
                Assert.Contains(ClientState.ClusterChanged, r.States);
                break;
            case Loss.AtMostAckTimeouts:
                Assert.True(r.Lost <= r.SlowWrites, $"{r.Scenario}: {r.Lost} acknowledged writes lost, more than the {r.SlowWrites} that completed at the backup-ack timeout. {r.Detail}");
                break;
        }
    }

    [Fact]
    public Task Scale_up_from_1_to_3() => RunAndCheckAsync(new("scale up 1→3", 1, async c =>
    {
        await c.AddMemberAsync();
        await Task.Delay(300);
        await c.AddMemberAsync();
    }));

    [Fact]
    public Task Scale_down_from_3_to_1_gracefully() => RunAndCheckAsync(new("scale down 3→1 (graceful)", 3, async c =>
    {
        await c.RemoveMemberAsync(c.Members[0]);
        await Task.Delay(300);
        await c.RemoveMemberAsync(c.Members[0]);
    }));

    [Fact]
    public Task Kill_1_of_3() => RunAndCheckAsync(new("kill 1 of 3", 3, c => c.KillMemberAsync(c.Members[1])));

    [Fact]
    public Task Restart_1_of_3() => RunAndCheckAsync(new("restart 1 of 3", 3, c => c.RestartMemberAsync(c.Members[1])));

    [Fact]
    public Task Rolling_restart_of_all_3() => RunAndCheckAsync(new("rolling restart of 3", 3, async c =>
    {
        for (var i = 0; i < 3; i++)
        {
            await c.RestartMemberAsync(c.Members[0]);
            await Task.Delay(400);
        }
    }));

    [Fact]
    public Task Pause_and_resume_a_member() => RunAndCheckAsync(new("pause and resume 1 of 3 (2 s)", 3, async c =>
    {
        c.Members[1].Pause();
        await Task.Delay(2000);
        c.Members[1].Resume();
    }));

    [Fact]
    public Task Black_hole_1_of_3_for_2_seconds() => RunAndCheckAsync(new("black hole 1 of 3 (2 s)", 3, async c =>
    {
        c.Members[1].BlackHole();
        await Task.Delay(2000);
        c.Members[1].EndBlackHole();
    }));

    [Fact]
    public Task Firewall_1_of_3_for_3_seconds() => RunAndCheckAsync(new("firewall 1 of 3: black hole and SYN drop (3 s)", 3, async c =>
    {
        var member = c.Members[1];
        member.DropNewConnections();
        member.BlackHole();
        await Task.Delay(3000);
        member.EndBlackHole();
        member.AcceptNewConnections();
    }));

    [Fact]
    public Task Kill_1_of_3_its_address_silent_then_replaced() => RunAndCheckAsync(new("kill 1 of 3, its address silent (SYN drop) 3 s, then a new member there", 3, async c =>
    {
        var member = c.Members[1];
        await c.KillMemberAsync(member);
        using (SilentPort.Hold(member.EndPoint)) await Task.Delay(3000);
        await c.AddMemberAsync(member.Port);
    }));

    [Fact]
    public Task Slow_member() => RunAndCheckAsync(new("slow member: 1 of 3 answers 300 ms late (2 s)", 3, async c =>
    {
        c.Members[1].Latency = TimeSpan.FromMilliseconds(300);
        await Task.Delay(2000);
        c.Members[1].Latency = TimeSpan.Zero;
    }));

    [Fact]
    public Task Wrong_target_answers_for_a_second() => RunAndCheckAsync(new("WrongTarget from 1 of 3 (1 s)", 3, async c =>
    {
        c.Members[1].FailRequests(Hazelcast.Protocol.RemoteError.WrongTarget, TimeSpan.FromSeconds(1));
        await Task.Delay(1000);
    }));

    [Fact]
    public Task Migration_storm() => RunAndCheckAsync(new("migration storm: +1, +1, −1 graceful, −1 killed, +1, in steps of 10 partitions", 3, async c =>
    {
        await c.AddMemberAsync();
        await Task.Delay(300);
        await c.AddMemberAsync();
        await Task.Delay(300);
        await c.RemoveMemberAsync(c.Members[0]);
        await Task.Delay(300);
        await Wait.UntilAsync(() => !c.IsMigrating, TimeSpan.FromSeconds(10), "the migrations to end before a kill (a partition has one replica until they do)");
        await c.KillMemberAsync(c.Members[0]);
        await Task.Delay(300);
        await c.AddMemberAsync();
        await Wait.UntilAsync(() => !c.IsMigrating, TimeSpan.FromSeconds(10), "the migrations to end");
    }, Cluster: o => o.MigrationStep = TimeSpan.FromMilliseconds(20)));

    [Fact]
    public Task Dropped_backup_acks() => RunAndCheckAsync(new("drop backup acks (1 s)", 3, async c =>
    {
        foreach (var m in c.Members) m.DropBackupAcks = true;
        await Task.Delay(1000);
        foreach (var m in c.Members) m.DropBackupAcks = false;
    }));

    [Fact]
    public Task Dropped_backups_then_their_owner_killed() => RunAndCheckAsync(new("backups of 1 of 3 dropped (1 s), then it is killed", 3, async c =>
    {
        var member = c.Members[1];
        member.DropBackups = true;
        await Task.Delay(1000);
        await c.KillMemberAsync(member);
    }, Loss.AtMostAckTimeouts));

    [Fact]
    public Task Dropped_backups_then_their_owner_killed_with_FailOnIndeterminateOperationState() => RunAndCheckAsync(new(
        "the same with FailOnIndeterminateOperationState", 3, async c =>
        {
            var member = c.Members[1];
            member.DropBackups = true;
            await Task.Delay(1000);
            await c.KillMemberAsync(member);
        }, Client: o => o.Messaging.FailOnIndeterminateOperationState = true));

    [Fact]
    public Task Full_cluster_restart() => RunAndCheckAsync(new("full cluster restart", 3, c => c.RestartClusterAsync(), Loss.BeforeTheFaultEnded));

    [Fact]
    public Task Outage_of_90_seconds() => RunAndCheckAsync(new("outage: the whole cluster down 90 s, then back empty", 3,
        c => c.RestartClusterAsync(TimeSpan.FromSeconds(90)), Loss.BeforeTheFaultEnded));
}
