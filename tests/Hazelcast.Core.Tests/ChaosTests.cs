using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>
/// The chaos suite: 16 writers set unique keys while members come and go; every write the client acknowledged is
/// read back afterwards. Nothing acknowledged may be lost, except across a full cluster restart.
/// </summary>
[Collection(nameof(FaultTests))]
public sealed class ChaosTests
{
    private const int Writers = 16;

    private sealed record Result(string Scenario, int Acknowledged, int Lost, int LostAfterFault, TimeSpan MaxUnavailable, int Errors, string ErrorKinds, ClientState[] States, string Detail);

    private static readonly ConcurrentDictionary<string, Result> Results = new();

    private static async Task<Result> RunAsync(string scenario, int members, Func<HazelcastCluster, Task> fault, Action<HazelcastOptions>? configure = null)
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = members, BackupCount = 1 });
        var options = new HazelcastOptions();
        foreach (var a in cluster.Addresses) options.Networking.Addresses.Add(a);
        options.Heartbeat.Interval = TimeSpan.FromMilliseconds(200);
        options.Heartbeat.Timeout = TimeSpan.FromSeconds(1);
        options.Networking.ClusterConnectTimeout = TimeSpan.FromSeconds(30);
        options.Networking.Reconnect.InitialBackoff = TimeSpan.FromMilliseconds(50);
        options.Networking.Reconnect.MaxBackoff = TimeSpan.FromMilliseconds(500);
        options.Messaging.BackupAckTimeout = TimeSpan.FromMilliseconds(500);
        options.InvocationTimeout = TimeSpan.FromSeconds(15);
        configure?.Invoke(options);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var states = new ConcurrentQueue<ClientState>();
        client.StateChanged += (_, e) => states.Enqueue(e.State);
        var map = await client.GetMapAsync<string, int>("chaos");

        var acknowledged = new ConcurrentDictionary<string, long>(); // key -> when its write was sent (ms since start)
        var errors = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        long faultEnd = -1;
        var maxGap = 0L;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var last = clock.ElapsedMilliseconds;
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"w{w}-{i}";
                var sent = clock.ElapsedMilliseconds;
                try
                {
                    await map.SetAsync(key, i);
                    var now = clock.ElapsedMilliseconds;
                    // A write sent before a full restart may be acknowledged after it (its backup ack timed out),
                    // although the old cluster applied it: what counts is when it was sent.
                    acknowledged[key] = sent;
                    var gap = now - last;
                    last = now;
                    long seen;
                    while (gap > (seen = Interlocked.Read(ref maxGap)) && Interlocked.CompareExchange(ref maxGap, gap, seen) != seen) { }
                }
                catch (Exception e)
                {
                    errors.Add(e.GetType().Name);
                }
            }
        })).ToArray();

        await Task.Delay(500);
        await fault(cluster);
        Interlocked.Exchange(ref faultEnd, clock.ElapsedMilliseconds);
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var keys = acknowledged.Keys.ToList();
        var found = new HashSet<string>();
        foreach (var chunk in keys.Chunk(2000)) found.UnionWith((await map.GetAllAsync(chunk)).Keys);
        var lost = keys.Where(k => !found.Contains(k)).ToList();
        var lostAfterFault = lost.Count(k => acknowledged[k] > faultEnd);
        var detail = $"{scenario}: fault ended at {faultEnd} ms; lost after it: " +
            string.Join(", ", lost.Where(k => acknowledged[k] > faultEnd).Take(20).Select(k => $"{k}@{acknowledged[k]}")) + $"; states: {string.Join(",", states)}";
        var result = new Result(scenario, keys.Count, lost.Count, lostAfterFault, TimeSpan.FromMilliseconds(Interlocked.Read(ref maxGap)), errors.Count,
            string.Join(", ", errors.GroupBy(e => e).Select(g => $"{g.Key}×{g.Count()}")), [.. states], detail);
        Results[scenario] = result;
        TestContext.Current.SendDiagnosticMessage(Report());
        return result;
    }

    private static string Report()
    {
        var sb = new StringBuilder("| scenario | acknowledged | lost | max unavailable | errors to callers |\n|---|---|---|---|---|\n");
        foreach (var r in Results.Values.OrderBy(r => r.Scenario))
            sb.Append($"| {r.Scenario} | {r.Acknowledged} | {r.Lost} | {r.MaxUnavailable.TotalMilliseconds:0} ms | {r.Errors}{(r.Errors > 0 ? $" ({r.ErrorKinds})" : "")} |\n");
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "chaos-report.md"), sb.ToString());
        return sb.ToString();
    }

    private static void AssertNothingLost(Result r)
    {
        Assert.True(r.Acknowledged > 100, $"{r.Scenario}: only {r.Acknowledged} writes were acknowledged");
        Assert.True(r.Lost == 0, $"{r.Scenario}: {r.Lost} acknowledged writes were lost");
    }

    [Fact]
    public async Task Scale_up_from_1_to_3() => AssertNothingLost(await RunAsync("scale up 1→3", 1, async c =>
    {
        await c.AddMemberAsync();
        await Task.Delay(300);
        await c.AddMemberAsync();
    }));

    [Fact]
    public async Task Scale_down_from_3_to_1_gracefully() => AssertNothingLost(await RunAsync("scale down 3→1 (graceful)", 3, async c =>
    {
        await c.RemoveMemberAsync(c.Members[0]);
        await Task.Delay(300);
        await c.RemoveMemberAsync(c.Members[0]);
    }));

    [Fact]
    public async Task Kill_1_of_3() => AssertNothingLost(await RunAsync("kill 1 of 3 (backup count 1)", 3, c => c.KillMemberAsync(c.Members[1])));

    [Fact]
    public async Task Restart_1_of_3() => AssertNothingLost(await RunAsync("restart 1 of 3", 3, c => c.RestartMemberAsync(c.Members[1])));

    [Fact]
    public async Task Rolling_restart_of_all_3() => AssertNothingLost(await RunAsync("rolling restart of 3", 3, async c =>
    {
        for (var i = 0; i < 3; i++)
        {
            await c.RestartMemberAsync(c.Members[0]);
            await Task.Delay(400);
        }
    }));

    [Fact]
    public async Task Pause_and_resume_a_member() => AssertNothingLost(await RunAsync("pause and resume 1 of 3", 3, async c =>
    {
        c.Members[1].Pause();
        await Task.Delay(2000);
        c.Members[1].Resume();
    }));

    [Fact]
    public async Task Black_hole_1_of_3_for_2_seconds() => AssertNothingLost(await RunAsync("black hole 1 of 3 (2 s)", 3, async c =>
    {
        c.Members[1].BlackHole();
        await Task.Delay(2000);
        c.Members[1].EndBlackHole();
    }));

    [Fact]
    public async Task Wrong_target_answers_for_a_second() => AssertNothingLost(await RunAsync("WrongTarget from 1 of 3 (1 s)", 3, async c =>
    {
        c.Members[1].FailRequests(Hazelcast.Protocol.RemoteError.WrongTarget, TimeSpan.FromSeconds(1));
        await Task.Delay(1000);
    }));

    [Fact]
    public async Task Dropped_backup_acks() => AssertNothingLost(await RunAsync("drop backup acks (1 s)", 3, async c =>
    {
        foreach (var m in c.Members) m.DropBackupAcks = true;
        await Task.Delay(1000);
        foreach (var m in c.Members) m.DropBackupAcks = false;
    }));

    [Fact]
    public async Task Full_cluster_restart_loses_only_what_came_before_and_the_client_notices()
    {
        var result = await RunAsync("full cluster restart", 3, c => c.RestartClusterAsync());
        Assert.True(result.Acknowledged > 100);
        Assert.True(result.LostAfterFault == 0, result.Detail); // what was acknowledged by the new cluster is there
        Assert.True(result.Lost > 0, "the restart should have emptied the cluster");
        Assert.Contains(ClientState.ClusterChanged, result.States);
        Assert.Equal(ClientState.Connected, result.States.Last());
    }
}
