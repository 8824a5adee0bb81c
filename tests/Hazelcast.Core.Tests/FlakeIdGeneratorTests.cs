using Hazelcast.DistributedObjects;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>IFlakeIdGenerator against in-process members: unique ids from prefetched batches, node ids, validity.</summary>
public sealed class FlakeIdGeneratorTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Ids_are_unique_across_clients_and_carry_the_node_id_of_the_member_that_issued_them()
    {
        await using var a = await fixture.StartClientAsync();
        await using var b = await fixture.StartClientAsync(o => o.FlakeIdGenerators["ids-*"] = new FlakeIdGeneratorOptions { PrefetchCount = 7 });
        var name = $"ids-{Guid.NewGuid():N}";
        var ga = await a.GetFlakeIdGeneratorAsync(name);
        var gb = await b.GetFlakeIdGeneratorAsync(name);
        var ids = new System.Collections.Concurrent.ConcurrentBag<long>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var g = i % 2 == 0 ? ga : gb;
            for (var j = 0; j < 500; j++) ids.Add(await g.GetNewIdAsync());
        })));
        Assert.Equal(4000, ids.Count);
        Assert.Equal(4000, ids.Distinct().Count());
        var nodeIds = fixture.Cluster.Members.Select(m => (long)m.NodeId).ToHashSet();
        Assert.All(ids, id => Assert.Contains(id & 0xFFFF, nodeIds));
        // Milliseconds since 2018-01-01 in the top bits: within a minute of now.
        var millis = ids.Max() >> 22;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1514764800000L;
        Assert.InRange(millis, now - 60_000, now + 60_000);
    }

    [Fact]
    public async Task Ids_come_from_batches_of_the_prefetch_count()
    {
        var name = $"batched-{Guid.NewGuid():N}";
        await using var client = await fixture.StartClientAsync(o => o.FlakeIdGenerators[name] = new FlakeIdGeneratorOptions { PrefetchCount = 50 });
        var generator = await client.GetFlakeIdGeneratorAsync(name);
        foreach (var m in fixture.Cluster.Members) m.RecordRequests = true;
        try
        {
            var previous = long.MinValue;
            for (var i = 0; i < 500; i++)
            {
                var id = await generator.GetNewIdAsync();
                Assert.NotEqual(previous, id);
                previous = id;
            }
            Assert.Equal(10, Batches(name));
        }
        finally
        {
            foreach (var m in fixture.Cluster.Members) m.RecordRequests = false;
        }
    }

    [Fact]
    public async Task A_batch_older_than_the_prefetch_validity_is_dropped()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = fixture.Options(o => o.FlakeIdGenerators["*"] = new FlakeIdGeneratorOptions { PrefetchCount = 1000, PrefetchValidity = TimeSpan.FromSeconds(5) });
        await using var client = HazelcastClientFactory.CreateClient(options, timeProvider: time);
        await client.StartAsync();
        var name = $"valid-{Guid.NewGuid():N}";
        var generator = await client.GetFlakeIdGeneratorAsync(name);
        foreach (var m in fixture.Cluster.Members) m.RecordRequests = true;
        try
        {
            var first = await generator.GetNewIdAsync();
            var second = await generator.GetNewIdAsync();
            Assert.Equal(1L << 16, second - first); // the next of the same batch
            Assert.Equal(1, Batches(name));
            time.Advance(TimeSpan.FromSeconds(6));
            var third = await generator.GetNewIdAsync();
            Assert.Equal(1, Batches(name)); // a new batch, not the third id of the old one
            Assert.NotEqual(first + (2L << 16), third);
        }
        finally
        {
            foreach (var m in fixture.Cluster.Members) m.RecordRequests = false;
        }
    }

    /// <summary>The NewIdBatch requests for a generator the members received since the last call.</summary>
    private int Batches(string name)
        => fixture.Cluster.Members.SelectMany(m => m.TakeRecordedRequests())
            .Select(bytes => new ClientMessage(bytes, bytes.Length))
            .Count(r => r.MessageType == FlakeIdGeneratorNewIdBatchCodec.RequestMessageType && FlakeIdGeneratorNewIdBatchCodec.DecodeRequest(r).Name == name);

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void A_prefetch_count_out_of_range_is_refused_naming_the_key(int count)
    {
        var options = new HazelcastOptions();
        options.FlakeIdGenerators["orders"] = new FlakeIdGeneratorOptions { PrefetchCount = count };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("Hazelcast:FlakeIdGenerators:orders:PrefetchCount", error.Message);
        Assert.Contains(count.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }
}
