using Hazelcast.Clustering;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Core.Tests;

/// <summary>A listener's events wait in a bounded queue: a slow handler costs its own events, not the client's memory.</summary>
public sealed class SubscriptionTests
{
    [Fact]
    public async Task Events_past_the_queue_capacity_are_dropped_and_counted()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = 0;
        var subscription = new Subscription(_ => ClientPingCodec.EncodeRequest(), _ => Guid.Empty, _ => ClientPingCodec.EncodeRequest(), async _ =>
        {
            entered.TrySetResult();
            await release.Task;
            Interlocked.Increment(ref handled);
        });
        var reported = new List<long>();
        subscription.Start(2, (_, _) => { }, dropped => reported.Add(dropped));
        subscription.Enqueue(ClientPingCodec.EncodeRequest());
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(5)); // the handler holds the first event
        for (var i = 0; i < 4; i++) subscription.Enqueue(ClientPingCodec.EncodeRequest());
        Assert.Equal(2, subscription.Dropped); // two wait, two are dropped
        Assert.Equal([1L, 2L], reported);
        release.TrySetResult();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Volatile.Read(ref handled) < 3 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(3, handled);
        subscription.Stop();
        await subscription.Dispatcher!.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
