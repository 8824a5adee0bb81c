using Hazelcast.DistributedObjects;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>Runs alone: these tests hold thread-pool threads on purpose, which would slow every test beside them.</summary>
[CollectionDefinition(nameof(SyncOverAsyncTests), DisableParallelization = true)]
public sealed class SyncOverAsyncCollection;

/// <summary>
/// Continuations that block on another response (sync over async) still get it: completions never run on the read
/// loop, and a completion queued behind a blocked one is taken by another thread.
/// </summary>
[Collection(nameof(SyncOverAsyncTests))]
public sealed class SyncOverAsyncTests : IAsyncLifetime
{
    private HazelcastCluster _cluster = null!;
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = await HazelcastCluster.StartAsync();
        _client = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(_cluster.Addresses[0]));
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_continuation_that_blocks_on_another_call_does_not_stall_the_connection()
    {
        // Continuations run in thread-pool work items, never on the read loop: one that blocks on another response
        // (sync over async) gets it, for a single call and for a few at once (each one blocked holds a pool thread:
        // many would only measure how fast the pool adds threads on a 2-core machine).
        var map = await _client.GetMapAsync<string, string>($"sync-{Guid.NewGuid():N}");
        await map.SetAsync("a", "1");
        await map.SetAsync("b", "2");
        var blocked = Enumerable.Range(0, 4).Select(_ => map.GetAsync("a").AsTask()
            .ContinueWith(t => t.Result + map.GetAsync("b").AsTask().GetAwaiter().GetResult(), TaskContinuationOptions.ExecuteSynchronously));
        var results = await Task.WhenAll(blocked).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(results, r => Assert.Equal("12", r));
    }

    [Fact]
    public async Task A_continuation_that_blocks_on_a_call_started_before_it_gets_its_response()
    {
        // Both responses tend to arrive in one read, the first one's continuation blocking on the second: the second
        // must still complete (another pool thread takes it), every time.
        var map = await _client.GetMapAsync<string, string>($"sync-{Guid.NewGuid():N}");
        await map.SetAsync("a", "1");
        await map.SetAsync("b", "2");
        for (var i = 0; i < 50; i++)
        {
            var result = await Task.Run(async () =>
            {
                var ta = map.GetAsync("a");
                var tb = map.GetAsync("b").AsTask();
                var a = await ta;
                return a + tb.GetAwaiter().GetResult();
            }).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal("12", result);
        }
    }
}
