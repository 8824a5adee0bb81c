using Hazelcast.DistributedObjects;
using Hazelcast.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>IHRingBuffer against three in-process members: sequences, overwriting, waiting reads, stale sequences, time to live.</summary>
public sealed class RingBufferTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await fixture.StartClientAsync();

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();

    private ValueTask<IHRingBuffer<string>> Ringbuffer(string prefix) => _client.GetRingBufferAsync<string>($"{prefix}-{Guid.NewGuid():N}");

    [Fact]
    public async Task Adds_return_sequences_and_reads_return_items()
    {
        var rb = await Ringbuffer("rb");
        Assert.Equal(10_000, await rb.GetCapacityAsync());
        Assert.Equal(-1, await rb.GetTailSequenceAsync());
        Assert.Equal(0, await rb.GetHeadSequenceAsync());
        Assert.Equal(0, await rb.AddAsync("a"));
        Assert.Equal(1, await rb.AddAsync("b"));
        Assert.Equal(3, await rb.AddAllAsync(["c", "d"]));
        Assert.Equal(4, await rb.GetSizeAsync());
        Assert.Equal("c", await rb.ReadOneAsync(2));
        var batch = await rb.ReadManyAsync(1, 1, 10);
        Assert.Equal(["b", "c", "d"], batch);
        Assert.Equal(3, batch.ReadCount);
        Assert.Equal(4, batch.NextSequence);
        Assert.Equal(2, batch.GetSequence(1));
        Assert.Equal(10_000, await rb.GetRemainingCapacityAsync()); // no time to live: an add always finds room
    }

    [Fact]
    public async Task A_full_ringbuffer_overwrites_its_oldest_items_and_their_sequences_go_stale()
    {
        var rb = await Ringbuffer("small");
        Assert.Equal(3, await rb.GetCapacityAsync());
        for (var i = 0; i < 5; i++) await rb.AddAsync($"item-{i}");
        Assert.Equal(2, await rb.GetHeadSequenceAsync());
        Assert.Equal(4, await rb.GetTailSequenceAsync());
        Assert.Equal(3, await rb.GetSizeAsync());
        await Assert.ThrowsAsync<StaleSequenceException>(async () => await rb.ReadOneAsync(0));
        await Assert.ThrowsAsync<StaleSequenceException>(async () => await rb.ReadManyAsync(1, 1, 3));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await rb.ReadOneAsync(9));
        Assert.Equal(["item-2", "item-3", "item-4"], await rb.ReadManyAsync(2, 0, 3));
    }

    [Fact]
    public async Task Reads_wait_for_items_not_added_yet()
    {
        var rb = await Ringbuffer("rb");
        var one = rb.ReadOneAsync(0).AsTask();
        var many = rb.ReadManyAsync(0, 2, 10).AsTask();
        await Task.Delay(200);
        Assert.False(one.IsCompleted);
        await rb.AddAsync("x");
        Assert.Equal("x", await one.WaitAsync(TimeSpan.FromSeconds(5)));
        await Task.Delay(100);
        Assert.False(many.IsCompleted); // one of two
        await rb.AddAsync("y");
        Assert.Equal(["x", "y"], await many.WaitAsync(TimeSpan.FromSeconds(5)));

        using var cts = new CancellationTokenSource(200);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await rb.ReadOneAsync(2, cts.Token));
    }

    [Fact]
    public async Task With_a_time_to_live_a_full_ringbuffer_fails_adds_that_may_not_overwrite_until_items_expire()
    {
        // The member's clock is a fake one: the items expire when the test says, however slow the machine.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new HazelcastClusterOptions { TimeProvider = time };
        options.Ringbuffers["ttl-*"] = new RingbufferOptions { Capacity = 3, TimeToLive = TimeSpan.FromSeconds(2) };
        await using var cluster = await HazelcastCluster.StartAsync(options);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(cluster.Addresses[0]));
        var rb = await client.GetRingBufferAsync<string>($"ttl-{Guid.NewGuid():N}");
        Assert.Equal(2, await rb.AddAllAsync(["a", "b", "c"], OverflowPolicy.Fail));
        Assert.Equal(0, await rb.GetRemainingCapacityAsync());
        Assert.Equal(-1, await rb.AddAsync("d", OverflowPolicy.Fail));
        Assert.Equal(3, await rb.AddAsync("d", OverflowPolicy.Overwrite));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, await rb.GetSizeAsync());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await rb.GetSizeAsync());
        Assert.Equal(3, await rb.GetRemainingCapacityAsync());
        Assert.Equal(4, await rb.AddAsync("e", OverflowPolicy.Fail));
        await Assert.ThrowsAsync<StaleSequenceException>(async () => await rb.ReadOneAsync(3)); // expired
    }

    [Fact]
    public async Task Bad_arguments_are_refused_with_the_argument_named()
    {
        var rb = await Ringbuffer("rb");
        Assert.Equal("item", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await rb.AddAsync(null!))).ParamName);
        await Assert.ThrowsAsync<ArgumentException>(async () => await rb.AddAllAsync([]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await rb.ReadManyAsync(0, 5, 2));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await rb.ReadManyAsync(0, 0, 1001));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await rb.ReadOneAsync(-1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await rb.AddAsync("x", (OverflowPolicy)7));
    }
}
