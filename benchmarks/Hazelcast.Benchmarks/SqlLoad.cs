using System.Diagnostics;

namespace Hazelcast.Benchmarks;

/// <summary>
/// SQL through our client, for a fixed duration: <c>--op sql-select</c> reads a 10,000-row mapping whole (cursor buffer
/// size <c>--size</c>), and reports rows per second; <c>--op sql-point</c> runs <c>WHERE __key = ?</c> and
/// <c>--op get</c> the same read with GetAsync, N in flight (<c>--inflight</c>), and report operations per second.
/// </summary>
internal static class SqlLoad
{
    public const string MapName = "bench-sql";
    public const int Rows = 10_000;

    public static async Task<int> RunAsync(LoadArgs a)
    {
        var options = new HazelcastOptions();
        options.Networking.Addresses.Add(a.Address);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var map = await client.GetMapAsync<int, string>(MapName);
        if (await map.GetSizeAsync() < Rows)
            foreach (var chunk in Enumerable.Range(0, Rows).Chunk(500)) await map.SetAllAsync(chunk.Select(i => KeyValuePair.Create(i, $"value-{i}")));
        await client.Sql.ExecuteCommandAsync($"CREATE MAPPING IF NOT EXISTS \"{MapName}\" TYPE IMap OPTIONS ('keyFormat'='int', 'valueFormat'='varchar')");

        var measurement = new Measurement();
        using var stop = new CancellationTokenSource();
        var select = a.Op == "sql-select";
        var callers = Enumerable.Range(0, select ? 1 : a.InFlight).Select(c => Task.Run(async () =>
        {
            var statement = new Hazelcast.Sql.SqlStatementOptions { CursorBufferSize = select ? a.Size : Hazelcast.Sql.SqlStatementOptions.DefaultCursorBufferSize };
            for (var i = c; !stop.IsCancellationRequested; i += a.InFlight)
            {
                var start = Stopwatch.GetTimestamp();
                switch (a.Op)
                {
                    case "sql-select":
                        await using (var result = await client.Sql.ExecuteQueryAsync($"SELECT __key, this FROM \"{MapName}\"", options: statement))
                            await foreach (var row in result)
                            {
                                row.GetColumn<string>(1);
                                measurement.Record(start); // a row
                            }
                        break;
                    case "sql-point":
                        await using (var result = await client.Sql.ExecuteQueryAsync($"SELECT this FROM \"{MapName}\" WHERE __key = ?", [i % Rows], statement))
                            await foreach (var row in result) row.GetColumn<string>(0);
                        measurement.Record(start);
                        break;
                    default:
                        await map.GetAsync(i % Rows);
                        measurement.Record(start);
                        break;
                }
            }
        })).ToArray();
        var (elapsed, alloc) = await measurement.RunAsync(a);
        await stop.CancelAsync();
        await Task.WhenAll(callers);
        Workload.PrintResult("hazelcast-dotnet", a, measurement.Ops, elapsed, measurement.Latency, (double)alloc / Math.Max(1, measurement.Ops), "", double.NaN);
        return 0;
    }
}
