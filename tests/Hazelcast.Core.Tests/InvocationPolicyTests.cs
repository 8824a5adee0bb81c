using Hazelcast.Clustering;
using Hazelcast.Protocol;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>Backoff, retry classification and the in-flight bound.</summary>
public sealed class InvocationPolicyTests
{
    [Fact]
    public void Backoff_grows_by_the_multiplier_up_to_the_maximum_within_the_jitter()
    {
        var backoff = RetryPolicy.FromOptions(new ReconnectOptions { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1), Multiplier = 2, Jitter = 0.2 });
        double[] expected = [100, 200, 400, 800, 1000, 1000, 1000];
        for (var retry = 1; retry <= expected.Length; retry++)
        {
            var e = expected[retry - 1];
            Assert.InRange(backoff.DelayBefore(retry).TotalMilliseconds, e * 0.8 - 0.001, e * 1.2 + 0.001);
        }
        var exact = RetryPolicy.FromOptions(new ReconnectOptions { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(60), Multiplier = 3, Jitter = 0 });
        Assert.Equal([50.0, 60.0, 60.0], [exact.DelayBefore(1).TotalMilliseconds, exact.DelayBefore(2).TotalMilliseconds, exact.DelayBefore(100).TotalMilliseconds]);
    }

    [Fact]
    public void Invocations_retry_three_times_at_once_then_back_off_from_20_ms_to_1_s()
    {
        var delays = Enumerable.Range(1, 12).Select(r => RetryPolicy.Invocation.DelayBefore(r).TotalMilliseconds).ToArray();
        Assert.Equal([0.0, 0, 0, 20, 40, 80, 160, 320, 640, 1000, 1000, 1000], delays);
    }

    [Fact]
    public void A_retry_policy_refuses_arguments_that_name_no_schedule()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(TimeSpan.FromMilliseconds(-1), TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(TimeSpan.Zero, TimeSpan.FromSeconds(1), multiplier: 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(TimeSpan.Zero, TimeSpan.FromSeconds(1), jitter: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryPolicy.Invocation.DelayBefore(0));
    }

    [Theory]
    [InlineData(RemoteError.PartitionMigrating, true)]
    [InlineData(RemoteError.WrongTarget, true)]
    [InlineData(RemoteError.MemberLeft, true)]
    [InlineData(RemoteError.HazelcastInstanceNotActive, true)]
    [InlineData(RemoteError.CallerNotMember, true)]
    [InlineData(RemoteError.TargetNotMember, true)]
    [InlineData(RemoteError.RetryableHazelcast, true)]
    [InlineData(RemoteError.RetryableIO, true)]
    [InlineData(RemoteError.CannotReplicate, true)]
    [InlineData(RemoteError.TargetDisconnected, false)]
    [InlineData(RemoteError.IllegalArgument, false)]
    [InlineData(RemoteError.IllegalMonitorState, false)]
    [InlineData(RemoteError.UnsupportedOperation, false)]
    [InlineData(RemoteError.IndeterminateOperationState, false)]
    public void Errors_are_retried_as_Hazelcast_defines(RemoteError error, bool retryable)
        => Assert.Equal(retryable, RemoteErrors.IsRetryable(error));

    [Fact]
    public async Task Past_the_in_flight_bound_callers_fail_when_told_to()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(cluster.Addresses[0]);
        options.Messaging.MaxConcurrentInvocations = 4;
        options.Messaging.WaitWhenOverloaded = false;
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var map = await client.GetMapAsync<string, string>("bound");
        await using var other = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(cluster.Addresses[0]));
        await (await other.GetMapAsync<string, string>("bound")).LockAsync("k");
        var blocked = Enumerable.Range(0, 4).Select(_ => map.SetAsync("k", "v").AsTask()).ToList(); // wait on the lock: 4 slots taken
        await Task.Delay(100);
        var error = await Assert.ThrowsAsync<HazelcastOverloadException>(async () => await map.GetAsync("other"));
        Assert.Contains("Hazelcast:Messaging:MaxConcurrentInvocations", error.Message, StringComparison.Ordinal);
        await (await other.GetMapAsync<string, string>("bound")).UnlockAsync("k");
        await Task.WhenAll(blocked);
        Assert.Equal("v", await map.GetAsync("k")); // slots were released
    }

    [Fact]
    public async Task Past_the_in_flight_bound_callers_wait_by_default()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(cluster.Addresses[0]);
        options.Messaging.MaxConcurrentInvocations = 8;
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var map = await client.GetMapAsync<int, int>("bound");
        await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => map.SetAsync(i, i).AsTask()));
        Assert.Equal(2000, await map.GetSizeAsync());
        Assert.Equal(0, ((HazelcastClient)client).Cluster.Invocations.PendingCount);
    }

    [Fact]
    public async Task Writes_in_flight_on_a_dying_connection_are_redone_only_when_asked()
    {
        foreach (var redo in new[] { false, true })
        {
            await using var member = new FakeMember(_ => null); // accepts writes, never answers
            var options = new HazelcastOptions();
            options.Networking.Addresses.Add(member.Address);
            options.Networking.RedoOperations = redo;
            options.InvocationTimeout = TimeSpan.FromSeconds(2);
            await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
            var map = await client.GetMapAsync<string, string>("m");
            var write = map.SetAsync("k", "v").AsTask();
            await Task.Delay(200);
            member.DropConnections();
            var error = await Record.ExceptionAsync(() => write);
            // Without redo the written set fails at once, flagged as sent; with redo it is retried until the timeout.
            if (redo) Assert.IsType<HazelcastTimeoutException>(error);
            else Assert.True(error is HazelcastConnectionException { RequestSent: true }, $"got {error}");
        }
    }

    [Fact]
    public async Task The_in_flight_bound_counts_the_bytes_of_requests()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(cluster.Addresses[0]);
        options.Messaging.MaxInFlightBytes = 64 * 1024;
        options.Messaging.WaitWhenOverloaded = false;
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var map = await client.GetMapAsync<string, byte[]>("bytes");
        await using var other = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(cluster.Addresses[0]));
        var locker = await other.GetMapAsync<string, byte[]>("bytes");
        await locker.LockAsync("k");
        var blocked = map.SetAsync("k", new byte[40_000]).AsTask(); // waits on the lock, holding ~40 KB of the 64 KiB
        await Task.Delay(100);
        var error = await Assert.ThrowsAsync<HazelcastOverloadException>(async () => await map.SetAsync("other", new byte[30_000]));
        Assert.Contains("Hazelcast:Messaging:MaxInFlightBytes", error.Message, StringComparison.Ordinal);
        Assert.Null(await map.GetAsync("other")); // a small request still fits beside it
        await locker.UnlockAsync("k");
        await blocked;
        await map.SetAsync("big", new byte[200_000]); // larger than the whole budget: sent alone
        Assert.Equal(200_000, (await map.GetAsync("big"))!.Length);
        var invalid = Assert.Throws<ArgumentException>(() => new HazelcastOptions { Messaging = { MaxInFlightBytes = 1000 } }.Validate());
        Assert.Contains("Messaging:MaxInFlightBytes", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_the_byte_bound_callers_wait_by_default()
    {
        await using var cluster = await HazelcastCluster.StartAsync();
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(cluster.Addresses[0]);
        options.Messaging.MaxInFlightBytes = 64 * 1024;
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var map = await client.GetMapAsync<int, byte[]>("bytes");
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => map.SetAsync(i, new byte[i % 3 == 0 ? 100_000 : 20_000]).AsTask()));
        Assert.Equal(200, await map.GetSizeAsync());
        Assert.Equal(0, ((HazelcastClient)client).Cluster.Invocations.PendingCount);
    }
}
