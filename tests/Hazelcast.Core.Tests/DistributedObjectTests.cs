using Hazelcast.DistributedObjects;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Core.Tests;

/// <summary>Proxies of every kind: created once per name, listed, destroyed, and announced to distributed-object listeners.</summary>
public sealed class DistributedObjectTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync() => _client = await fixture.StartClientAsync();

    public async ValueTask DisposeAsync() => await _client.DisposeAsync();

    private int CreateProxyRequests(string name)
        => fixture.Cluster.Members.SelectMany(m => m.TakeRecordedRequests())
            .Select(bytes => new Hazelcast.Protocol.ClientMessage(bytes, bytes.Length))
            .Where(r => r.MessageType == ClientCreateProxyCodec.RequestMessageType)
            .Count(r => ClientCreateProxyCodec.DecodeRequest(r).Name == name);

    [Fact]
    public async Task Each_kind_of_proxy_is_created_once_per_name_and_shared()
    {
        var name = $"obj-{Guid.NewGuid():N}";
        foreach (var m in fixture.Cluster.Members) m.RecordRequests = true;
        try
        {
            await AssertCreatedOnceAsync(name);
        }
        finally
        {
            foreach (var m in fixture.Cluster.Members) m.RecordRequests = false;
        }
    }

    private async Task AssertCreatedOnceAsync(string name)
    {
        var queue = await _client.GetQueueAsync<int>(name);
        var list = await _client.GetListAsync<int>(name);
        var set = await _client.GetSetAsync<int>(name);
        var topic = await _client.GetTopicAsync<int>(name);
        var ringbuffer = await _client.GetRingBufferAsync<int>(name);
        for (var i = 0; i < 100; i++)
        {
            Assert.Same(queue, await _client.GetQueueAsync<int>(name));
            Assert.Same(list, await _client.GetListAsync<int>(name));
            Assert.Same(set, await _client.GetSetAsync<int>(name));
            Assert.Same(topic, await _client.GetTopicAsync<int>(name));
            Assert.Same(ringbuffer, await _client.GetRingBufferAsync<int>(name));
        }
        Assert.Equal(5, CreateProxyRequests(name)); // one per service
        var objects = await _client.GetDistributedObjectsAsync();
        foreach (var service in new[] { "hz:impl:queueService", "hz:impl:listService", "hz:impl:setService", "hz:impl:topicService", "hz:impl:ringbufferService" })
            Assert.Contains(objects, o => o.Name == name && o.ServiceName == service);
    }

    [Fact]
    public async Task Distributed_object_listeners_hear_creations_and_destructions_by_other_clients()
    {
        var events = new List<DistributedObjectEventArgs>();
        var id = await _client.SubscribeDistributedObjectsAsync(e => { lock (events) events.Add(e); });
        await using var other = await fixture.StartClientAsync();
        var name = $"obj-{Guid.NewGuid():N}";
        var queue = await other.GetQueueAsync<string>(name);
        await queue.DestroyAsync();
        await Wait.UntilAsync(() => { lock (events) return events.Count(e => e.Name == name) >= 2; }, TimeSpan.FromSeconds(5), "created and destroyed");
        await Task.Delay(200);
        lock (events)
        {
            var mine = events.Where(e => e.Name == name).ToList();
            Assert.Equal([DistributedObjectEventType.Created, DistributedObjectEventType.Destroyed], mine.Select(e => e.EventType));
            Assert.All(mine, e => Assert.Equal("hz:impl:queueService", e.ServiceName));
        }
        Assert.True(await _client.UnsubscribeAsync(id));
        Assert.False(await _client.UnsubscribeAsync(id));
    }
}
