using System.Text.Json;
using Hazelcast;
using Hazelcast.Testing;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);

// In Development with no cluster address configured, the sample starts an in-process member and points the
// client at it. To use a real cluster, set Hazelcast:Networking:Addresses:0 (appsettings, or the environment
// variable Hazelcast__Networking__Addresses__0=10.0.0.5:5701).
HazelcastCluster? embedded = null;
if (builder.Environment.IsDevelopment() && string.IsNullOrEmpty(builder.Configuration["Hazelcast:Networking:Addresses:0"]))
{
    embedded = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { ClusterName = "dev" });
    builder.Configuration["Hazelcast:Networking:Addresses:0"] = embedded.Addresses[0];
    Console.WriteLine($"Development: started an in-process Hazelcast member at {embedded.Addresses[0]}");
}

builder.AddHazelcast();
builder.Services.AddHealthChecks()
    .AddHazelcast(tags: ["ready"])
    .AddHazelcastLiveness(tags: ["live"]);

var app = builder.Build();
if (embedded is not null) app.Lifetime.ApplicationStopped.Register(() => embedded.DisposeAsync().AsTask().GetAwaiter().GetResult());

app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") });

var items = app.MapGroup("/items");
items.MapGet("/", async (IHazelcastClient client, CancellationToken ct) =>
{
    var map = await client.GetMapAsync<string, HazelcastJsonValue>("items", ct);
    var all = await map.GetValuesAsync(ct);
    return Results.Ok(all.Select(v => JsonSerializer.Deserialize<Item>(v.Value)).OrderBy(i => i!.Id));
});
items.MapGet("/{id}", async (string id, IHazelcastClient client, CancellationToken ct) =>
{
    var map = await client.GetMapAsync<string, HazelcastJsonValue>("items", ct);
    var value = await map.GetAsync(id, ct);
    return value is null ? Results.NotFound() : Results.Ok(JsonSerializer.Deserialize<Item>(value.Value));
});
items.MapPut("/{id}", async (string id, ItemInput input, IHazelcastClient client, CancellationToken ct) =>
{
    if (string.IsNullOrWhiteSpace(input.Name)) return Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A name is required."] });
    var map = await client.GetMapAsync<string, HazelcastJsonValue>("items", ct);
    var item = new Item(id, input.Name, input.Quantity);
    var previous = await map.PutAsync(id, new HazelcastJsonValue(JsonSerializer.Serialize(item)), ct);
    return previous is null ? Results.Created($"/items/{id}", item) : Results.Ok(item);
});
items.MapDelete("/{id}", async (string id, IHazelcastClient client, CancellationToken ct) =>
{
    var map = await client.GetMapAsync<string, HazelcastJsonValue>("items", ct);
    return await map.RemoveAsync(id, ct) is null ? Results.NotFound() : Results.NoContent();
});

app.Run();

internal sealed record Item(string Id, string Name, int Quantity);

internal sealed record ItemInput(string Name, int Quantity);
