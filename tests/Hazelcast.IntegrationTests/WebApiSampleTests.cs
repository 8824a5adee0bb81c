using System.Net;
using System.Net.Http.Json;

namespace Hazelcast.IntegrationTests;

/// <summary>The sample, started as a process in Development: it starts its in-process member and serves real HTTP.</summary>
public sealed class WebApiSampleTests
{
    [Fact]
    public async Task The_sample_serves_crud_and_both_probes_over_http()
    {
        await using var sample = await SampleProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = sample.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/items/apple")).StatusCode);
        var created = await http.PutAsJsonAsync("/items/apple", new { name = "Apple", quantity = 3 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var updated = await http.PutAsJsonAsync("/items/apple", new { name = "Apple", quantity = 5 });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var item = await http.GetFromJsonAsync<Item>("/items/apple");
        Assert.Equal(new Item("apple", "Apple", 5), item);
        await http.PutAsJsonAsync("/items/pear", new { name = "Pear", quantity = 1 });
        Assert.Equal([new Item("apple", "Apple", 5), new Item("pear", "Pear", 1)], (await http.GetFromJsonAsync<Item[]>("/items"))!);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PutAsJsonAsync("/items/bad", new { name = "", quantity = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync("/items/apple")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync("/items/apple")).StatusCode);

        // A job goes through the queue to the hosted worker, which stores its result and announces it on the topic.
        var accepted = await http.PostAsJsonAsync("/jobs", new { text = "hello" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JobStatus>())!.Id;
        JobStatus? status = null;
        for (var i = 0; i < 100 && status?.Status != "done"; i++)
        {
            status = await http.GetFromJsonAsync<JobStatus>($"/jobs/{id}");
            if (status?.Status != "done") await Task.Delay(50);
        }
        Assert.Equal(new JobStatus(id, "done", "OLLEH"), status);
        string[]? notifications = null;
        for (var i = 0; i < 100 && !(notifications?.Any(n => n.Contains(id, StringComparison.Ordinal)) ?? false); i++)
        {
            notifications = await http.GetFromJsonAsync<string[]>("/notifications");
            await Task.Delay(20);
        }
        Assert.Contains(notifications!, n => n.Contains($"job {id} done", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/jobs", new { text = " " })).StatusCode);

        Assert.Contains("Connected to cluster 'dev'", sample.Output, StringComparison.Ordinal);
    }

    private sealed record JobStatus(string Id, string Status, string? Output = null);

    [Theory]
    [InlineData("Hazelcast__ClusterName", "prod", "Hazelcast:ClusterName")]
    [InlineData("Hazelcast__Networking__Addresses__0", "bad:host:name", "Hazelcast:Networking:Addresses:0")]
    [InlineData("Hazelcast__Networking__ConnectionTimeout", "00:00:00", "Hazelcast:Networking:ConnectionTimeout")]
    public async Task A_wrong_setting_stops_the_sample_with_a_message_naming_the_key(string variable, string value, string key)
    {
        var (exitCode, output) = await SampleProcess.RunToFailureAsync(new() { [variable] = value });
        Assert.NotEqual(0, exitCode);
        Assert.Contains(key, output, StringComparison.Ordinal);
    }

    private sealed record Item(string Id, string Name, int Quantity);
}

/// <summary>Two sample instances on one cluster: the session and HybridCache's L2 are shared.</summary>
public sealed class WebApiScaleOutTests
{
    [Fact]
    public async Task Two_instances_share_the_session_and_the_hybrid_cache_l2()
    {
        await using var cluster = await Hazelcast.Testing.HazelcastCluster.StartAsync();
        var keys = Path.Combine(Path.GetTempPath(), $"hz-keys-{Guid.NewGuid():N}");
        Dictionary<string, string> Env(string name) => new()
        {
            ["Hazelcast__Networking__Addresses__0"] = cluster.Addresses[0],
            ["DataProtection__KeysDirectory"] = keys,
            ["InstanceName"] = name,
        };
        await using var a = await SampleProcess.StartAsync(Env("a"));
        using var cookies = new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() };
        using var http = new HttpClient(cookies) { Timeout = TimeSpan.FromSeconds(10) };

        var first = await http.GetFromJsonAsync<VisitCount>(new Uri(a.BaseAddress, "/session/visits"));
        Assert.Equal(new VisitCount(1, "a"), first);
        var report = await http.GetFromJsonAsync<Report>(new Uri(a.BaseAddress, "/reports/r1"));
        Assert.Equal("a", report!.CreatedBy);

        // HybridCache may write its L2 in the background: wait until A's entry is in the cluster.
        await using (var probe = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(cluster.Addresses[0])))
        {
            var l2 = await probe.GetMapAsync<string, byte[]>("distributed_cache");
            for (var i = 0; i < 200 && (await l2.GetKeysAsync()).All(k => !k.Contains("r1", StringComparison.Ordinal)); i++) await Task.Delay(25);
        }
        await using var b = await SampleProcess.StartAsync(Env("b"));
        // The same cookie, on the other instance: the session continues.
        Assert.Equal(new VisitCount(2, "b"), await http.GetFromJsonAsync<VisitCount>(new Uri(b.BaseAddress, "/session/visits")));
        Assert.Equal(new VisitCount(3, "a"), await http.GetFromJsonAsync<VisitCount>(new Uri(a.BaseAddress, "/session/visits")));
        // B's HybridCache misses its L1 and finds A's entry in the cluster (L2).
        Assert.Equal(report, await http.GetFromJsonAsync<Report>(new Uri(b.BaseAddress, "/reports/r1")));
        Assert.Equal("b", (await http.GetFromJsonAsync<Report>(new Uri(b.BaseAddress, "/reports/r2")))!.CreatedBy);
    }

    private sealed record VisitCount(int Visits, string Instance);

    private sealed record Report(string Id, string CreatedBy, DateTimeOffset CreatedAt);
}
