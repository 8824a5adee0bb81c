using System.Buffers;
using Microsoft.Extensions.Caching.Distributed;

namespace Hazelcast.Caching.Tests;

/// <summary>
/// The <see cref="IDistributedCache"/> contract as ASP.NET Core defines it, for any cache and member: subclasses
/// provide the cache and a way to move time forward (a fake clock, or real waiting against a real member).
/// </summary>
public abstract class DistributedCacheContractTests
{
    protected abstract IBufferDistributedCache Cache { get; }

    /// <summary>Moves the clock the cache and the member see.</summary>
    protected abstract Task AdvanceAsync(TimeSpan time);

    /// <summary>The clock unit of the tests: large enough for a real member, small enough to wait for.</summary>
    protected virtual TimeSpan Unit => TimeSpan.FromSeconds(10);

    protected abstract DateTimeOffset Now { get; }

    private static string NewKey() => $"key-{Guid.NewGuid():N}";

    private static byte[] Bytes(int n) => Enumerable.Range(0, n).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task Set_then_get_returns_the_bytes()
    {
        var key = NewKey();
        await Cache.SetAsync(key, Bytes(300), new DistributedCacheEntryOptions());
        Assert.Equal(Bytes(300), await Cache.GetAsync(key));
        Assert.Null(await Cache.GetAsync(NewKey()));
        await Cache.SetAsync(key, [], new DistributedCacheEntryOptions());
        Assert.Equal(Array.Empty<byte>(), await Cache.GetAsync(key));
    }

    [Fact]
    public async Task Remove_removes()
    {
        var key = NewKey();
        await Cache.SetAsync(key, Bytes(3), new DistributedCacheEntryOptions());
        await Cache.RemoveAsync(key);
        Assert.Null(await Cache.GetAsync(key));
        await Cache.RemoveAsync(key); // removing what is not there is fine
    }

    [Fact]
    public async Task The_sync_methods_work()
    {
        var key = NewKey();
        Cache.Set(key, Bytes(5), new DistributedCacheEntryOptions { SlidingExpiration = Unit * 5 });
        Assert.Equal(Bytes(5), Cache.Get(key));
        Cache.Refresh(key);
        Cache.Remove(key);
        Assert.Null(Cache.Get(key));
        var writer = new ArrayBufferWriter<byte>();
        Assert.False(Cache.TryGet(key, writer));
    }

    [Fact]
    public async Task Absolute_expiration_relative_to_now_expires()
    {
        var key = NewKey();
        await Cache.SetAsync(key, Bytes(3), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Unit });
        await AdvanceAsync(Unit / 2);
        Assert.NotNull(await Cache.GetAsync(key));
        await AdvanceAsync(Unit);
        Assert.Null(await Cache.GetAsync(key));
    }

    [Fact]
    public async Task Absolute_expiration_expires()
    {
        var key = NewKey();
        await Cache.SetAsync(key, Bytes(3), new DistributedCacheEntryOptions { AbsoluteExpiration = Now + Unit });
        await AdvanceAsync(Unit / 2);
        Assert.NotNull(await Cache.GetAsync(key));
        await AdvanceAsync(Unit);
        Assert.Null(await Cache.GetAsync(key));
    }

    [Fact]
    public async Task Sliding_expiration_is_extended_by_get_and_refresh()
    {
        var key = NewKey();
        await Cache.SetAsync(key, Bytes(3), new DistributedCacheEntryOptions { SlidingExpiration = Unit });
        for (var i = 0; i < 3; i++)
        {
            await AdvanceAsync(Unit * 0.6);
            if (i % 2 == 0) Assert.NotNull(await Cache.GetAsync(key));
            else await Cache.RefreshAsync(key);
        }
        await AdvanceAsync(Unit * 0.6);
        Assert.NotNull(await Cache.GetAsync(key)); // 2.4 units after the set, alive through accesses
        await AdvanceAsync(Unit * 1.5);
        Assert.Null(await Cache.GetAsync(key));
    }

    [Fact]
    public async Task Sliding_never_extends_past_the_absolute_expiration()
    {
        var key = NewKey();
        await Cache.SetAsync(key, Bytes(3), new DistributedCacheEntryOptions { SlidingExpiration = Unit, AbsoluteExpirationRelativeToNow = Unit * 1.5 });
        await AdvanceAsync(Unit * 0.7);
        await Cache.RefreshAsync(key);
        await AdvanceAsync(Unit * 0.6);
        Assert.NotNull(await Cache.GetAsync(key)); // 1.3 units: alive
        await AdvanceAsync(Unit * 0.4);
        Assert.Null(await Cache.GetAsync(key)); // 1.7 units: past the absolute time although accessed 0.4 ago
    }

    [Fact]
    public async Task An_absolute_expiration_in_the_past_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Cache.SetAsync(NewKey(), Bytes(1), new DistributedCacheEntryOptions { AbsoluteExpiration = Now - TimeSpan.FromSeconds(1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.Zero });
    }

    [Fact]
    public async Task Bad_arguments_are_rejected()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Cache.GetAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Cache.SetAsync(null!, Bytes(1), new DistributedCacheEntryOptions()));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Cache.SetAsync(NewKey(), null!, new DistributedCacheEntryOptions()));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Cache.SetAsync(NewKey(), Bytes(1), null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Cache.RemoveAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Cache.RefreshAsync(null!));
        Assert.Throws<ArgumentNullException>(() => Cache.Get(null!));
    }

    [Fact]
    public async Task A_cancelled_token_cancels()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Cache.GetAsync(NewKey(), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Cache.SetAsync(NewKey(), Bytes(1), new DistributedCacheEntryOptions(), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Cache.RefreshAsync(NewKey(), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Cache.RemoveAsync(NewKey(), cts.Token));
    }

    [Fact]
    public async Task Buffer_methods_read_into_a_writer_and_write_from_a_sequence()
    {
        var key = NewKey();
        var first = new Segment(Bytes(100), 0);
        var last = first.Append(Bytes(50));
        await Cache.SetAsync(key, new ReadOnlySequence<byte>(first, 0, last, 50), new DistributedCacheEntryOptions());
        var writer = new ArrayBufferWriter<byte>();
        Assert.True(await Cache.TryGetAsync(key, writer));
        Assert.Equal([.. Bytes(100), .. Bytes(50)], writer.WrittenSpan.ToArray());
        Assert.False(await Cache.TryGetAsync(NewKey(), writer));
        Assert.Equal(150, writer.WrittenCount);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
