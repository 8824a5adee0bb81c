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

        Assert.Contains("Connected to cluster 'dev'", sample.Output, StringComparison.Ordinal);
    }

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
