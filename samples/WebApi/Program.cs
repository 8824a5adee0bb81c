using System.Text.Json;
using Hazelcast;
using Hazelcast.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Caching.Hybrid;

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

// The distributed cache on a Hazelcast map, through the client above: session state, and HybridCache's L2.
builder.Services.AddHazelcastCache();
builder.Services.AddSession(o =>
{
    o.IdleTimeout = TimeSpan.FromMinutes(20);
    o.Cookie.Name = ".hz.session";
});
builder.Services.AddHybridCache();
// Instances behind one load balancer must share their data-protection keys to read each other's session cookies.
var keys = builder.Configuration["DataProtection:KeysDirectory"] ?? Path.Combine(Path.GetTempPath(), "hazelcast-webapi-sample-keys");
builder.Services.AddDataProtection().SetApplicationName("hazelcast-webapi-sample").PersistKeysToFileSystem(new DirectoryInfo(keys));
var instance = builder.Configuration["InstanceName"] ?? $"pid-{Environment.ProcessId}";

var app = builder.Build();
app.UseSession();
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

// Session state lives in the cluster: any instance serves the same session.
app.MapGet("/session/visits", async (HttpContext http) =>
{
    await http.Session.LoadAsync(http.RequestAborted);
    var visits = (http.Session.GetInt32("visits") ?? 0) + 1;
    http.Session.SetInt32("visits", visits);
    return Results.Ok(new { visits, instance });
});

// HybridCache: L1 in memory, L2 in the cluster; an entry made by one instance is found by the others.
app.MapGet("/reports/{id}", async (string id, HybridCache cache, CancellationToken ct) =>
    Results.Ok(await cache.GetOrCreateAsync($"report:{id}", _ => ValueTask.FromResult(new Report(id, instance, DateTimeOffset.UtcNow)), cancellationToken: ct)));

app.Run();

internal sealed record Report(string Id, string CreatedBy, DateTimeOffset CreatedAt);

internal sealed record Item(string Id, string Name, int Quantity);

internal sealed record ItemInput(string Name, int Quantity);
