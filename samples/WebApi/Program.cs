using System.Text.Json;
using Hazelcast;
using Hazelcast.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Caching.Hybrid;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

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

// Metrics and traces of the client through OpenTelemetry: set Telemetry:Console=true (or Telemetry__Console=true)
// to print them on the console; an OTLP exporter plugs in the same way.
if (builder.Configuration.GetValue<bool>("Telemetry:Console"))
{
    builder.Services.AddOpenTelemetry()
        .WithMetrics(m => m.AddMeter(HazelcastTelemetry.MeterName).AddConsoleExporter())
        .WithTracing(t => t.AddSource(HazelcastTelemetry.ActivitySourceName).AddConsoleExporter());
}
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
builder.Services.AddSingleton(new InstanceName(instance));

// Background jobs: POST /jobs enqueues on an IHQueue; a hosted worker (in every instance) takes them one at a time,
// stores the result in a map and announces it on a topic, which every instance's notification feed hears.
builder.Services.AddSingleton<JobNotifications>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<JobNotifications>());
builder.Services.AddHostedService<JobWorker>();

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

var jobs = app.MapGroup("/jobs");
jobs.MapPost("/", async (JobInput input, IHazelcastClient client, CancellationToken ct) =>
{
    if (string.IsNullOrWhiteSpace(input.Text)) return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["A text is required."] });
    var job = new Job(Guid.NewGuid().ToString("N"), input.Text);
    var queue = await client.GetQueueAsync<HazelcastJsonValue>(JobWorker.QueueName, ct);
    await queue.PutAsync(new HazelcastJsonValue(JsonSerializer.Serialize(job)), ct);
    return Results.Accepted($"/jobs/{job.Id}", new { job.Id, status = "queued" });
});
jobs.MapGet("/{id}", async (string id, IHazelcastClient client, CancellationToken ct) =>
{
    var results = await client.GetMapAsync<string, HazelcastJsonValue>(JobWorker.ResultsName, ct);
    var result = await results.GetAsync(id, ct);
    return result is null ? Results.Ok(new { id, status = "queued" }) : Results.Ok(JsonSerializer.Deserialize<JobResult>(result.Value));
});
app.MapGet("/notifications", (JobNotifications notifications) => Results.Ok(notifications.Latest));

app.Run();

internal sealed record InstanceName(string Value);

internal sealed record Job(string Id, string Text);

internal sealed record JobInput(string Text);

internal sealed record JobResult(string Id, string Status, string Output, string ProcessedBy);

/// <summary>Takes jobs from the queue, one at a time, as long as the app runs; a stopped worker consumes nothing more.</summary>
internal sealed class JobWorker(IHazelcastClient client, InstanceName instance, ILogger<JobWorker> logger) : BackgroundService
{
    public const string QueueName = "jobs";
    public const string ResultsName = "job-results";
    public const string TopicName = "job-events";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = await client.GetQueueAsync<HazelcastJsonValue>(QueueName, stoppingToken);
        var results = await client.GetMapAsync<string, HazelcastJsonValue>(ResultsName, stoppingToken);
        var events = await client.GetTopicAsync<string>(TopicName, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            HazelcastJsonValue taken;
            try
            {
                // Waits on the member; cancelled at shutdown, the take consumes no job (one handed out late goes back).
                taken = await queue.TakeAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HazelcastException e)
            {
                logger.LogWarning(e, "Taking a job failed; trying again");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                continue;
            }
            var job = JsonSerializer.Deserialize<Job>(taken.Value)!;
            var result = new JobResult(job.Id, "done", new string(job.Text.Reverse().ToArray()).ToUpperInvariant(), instance.Value);
            await results.SetAsync(job.Id, new HazelcastJsonValue(JsonSerializer.Serialize(result)), TimeSpan.FromHours(1), cancellationToken: CancellationToken.None);
            await events.PublishAsync($"job {job.Id} done by {instance.Value}", CancellationToken.None);
        }
    }
}

/// <summary>Every instance hears the job events on the topic and keeps the latest 20.</summary>
internal sealed class JobNotifications(IHazelcastClient client) : IHostedService
{
    private readonly Queue<string> _latest = new();
    private Guid _subscription;

    public IReadOnlyList<string> Latest
    {
        get
        {
            lock (_latest) return _latest.ToList();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var topic = await client.GetTopicAsync<string>(JobWorker.TopicName, cancellationToken);
        _subscription = await topic.SubscribeAsync(e =>
        {
            lock (_latest)
            {
                _latest.Enqueue($"{e.PublishTime:O} {e.Payload}");
                while (_latest.Count > 20) _latest.Dequeue();
            }
        }, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var topic = await client.GetTopicAsync<string>(JobWorker.TopicName, cancellationToken);
        await topic.UnsubscribeAsync(_subscription, cancellationToken);
    }
}

internal sealed record Report(string Id, string CreatedBy, DateTimeOffset CreatedAt);

internal sealed record Item(string Id, string Name, int Quantity);

internal sealed record ItemInput(string Name, int Quantity);
