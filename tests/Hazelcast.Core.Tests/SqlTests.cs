using Hazelcast.Sql;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>The SQL service against the in-process member: mappings, queries paged through cursors, commands, errors.</summary>
public sealed class SqlTests : IAsyncLifetime
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

    private async Task<List<SqlRow>> RowsAsync(string sql, object?[]? parameters = null, SqlStatementOptions? options = null)
    {
        await using var result = await _client.Sql.ExecuteQueryAsync(sql, parameters, options);
        var rows = new List<SqlRow>();
        await foreach (var row in result) rows.Add(row);
        return rows;
    }

    private async Task StudentsAsync(int count = 30)
    {
        var map = await _client.GetMapAsync<int, string>("students");
        for (var i = 0; i < count; i++) await map.SetAsync(i, $"student-{i}");
        await _client.Sql.ExecuteCommandAsync("CREATE MAPPING students TYPE IMap OPTIONS ('keyFormat'='int', 'valueFormat'='varchar')");
    }

    [Fact]
    public async Task A_query_reads_a_mapping_with_where_order_by_and_limit()
    {
        await StudentsAsync();
        var rows = await RowsAsync("SELECT __key, this FROM students WHERE __key >= ? AND this LIKE 'student-1%' ORDER BY __key DESC LIMIT 3", [10]);
        Assert.Equal([19, 18, 17], rows.Select(r => r.GetColumn<int>("__key")));
        Assert.Equal("student-19", rows[0].GetValue<string>());
        var metadata = rows[0].Metadata;
        Assert.Equal(["__key", "this"], metadata.Columns.Select(c => c.Name));
        Assert.Equal([SqlColumnType.Integer, SqlColumnType.Varchar], metadata.Columns.Select(c => c.Type));
        Assert.Equal(-1, metadata.GetColumnIndexByName("nope"));
        Assert.Throws<ArgumentOutOfRangeException>(() => rows[0].GetColumn<int>("nope"));
        Assert.Throws<InvalidCastException>(() => rows[0].GetColumn<string>("__key"));

        // A key lookup (the member reads the one entry) still applies the rest of the condition.
        Assert.Equal("student-7", Assert.Single(await RowsAsync("SELECT this FROM students WHERE __key = ?", [7])).GetValue<string>());
        Assert.Empty(await RowsAsync("SELECT this FROM students WHERE __key = 7 AND this = 'student-8'"));
        Assert.Empty(await RowsAsync("SELECT this FROM students WHERE __key = ?", [99]));
        Assert.Equal("student-8", Assert.Single(await RowsAsync("SELECT this FROM students WHERE __key = CAST(? AS INTEGER)", [8.0])).GetValue<string>());
        var wrongType = await Assert.ThrowsAsync<HazelcastSqlException>(() => RowsAsync("SELECT this FROM students WHERE __key = ?", [7.0]));
        Assert.Equal(SqlErrorCode.DataException, wrongType.Code);
        Assert.Contains("must be of INTEGER type, but DOUBLE was found", wrongType.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_are_fetched_page_by_page_and_the_cursor_closes_when_the_enumeration_ends_early()
    {
        await StudentsAsync(25);
        var all = await RowsAsync("SELECT * FROM students ORDER BY __key", options: new SqlStatementOptions { CursorBufferSize = 4 });
        Assert.Equal(Enumerable.Range(0, 25), all.Select(r => r.GetKey<int>()));
        Assert.Equal(0, _cluster.Members[0].OpenSqlCursors);

        await using (var result = await _client.Sql.ExecuteQueryAsync("SELECT * FROM students", options: new SqlStatementOptions { CursorBufferSize = 4 }))
        {
            Assert.Equal(1, _cluster.Members[0].OpenSqlCursors);
            await foreach (var row in result) break;
        }
        await Wait.UntilAsync(() => _cluster.Members[0].OpenSqlCursors == 0, TimeSpan.FromSeconds(5), "the cursor to be closed");
        await using (await _client.Sql.ExecuteQueryAsync("SELECT * FROM students", options: new SqlStatementOptions { CursorBufferSize = 4 }))
        {
        }
        await Wait.UntilAsync(() => _cluster.Members[0].OpenSqlCursors == 0, TimeSpan.FromSeconds(5), "the cursor to be closed on dispose");
    }

    [Fact]
    public async Task Aggregates_group_by_and_having()
    {
        var map = await _client.GetMapAsync<int, HazelcastJsonValue>("people");
        string[] cities = ["Paris", "Lyon", "Paris", "Nice", "Lyon", "Paris"];
        for (var i = 0; i < cities.Length; i++) await map.SetAsync(i, new HazelcastJsonValue($$"""{"name":"p{{i}}","age":{{20 + i}},"city":"{{cities[i]}}"}"""));
        await _client.Sql.ExecuteCommandAsync("CREATE MAPPING people (__key INT, name VARCHAR, age INT, city VARCHAR) TYPE IMap OPTIONS ('keyFormat'='int', 'valueFormat'='json-flat')");

        var total = Assert.Single(await RowsAsync("SELECT COUNT(*) AS n, SUM(age) AS total, MIN(age) AS youngest, MAX(name) AS last FROM people"));
        Assert.Equal(6L, total.GetColumn<long>("n"));
        Assert.Equal(135L, total.GetColumn<long>("total"));
        Assert.Equal(20, total.GetColumn<int>("youngest"));
        Assert.Equal("p5", total.GetColumn<string>("last"));

        var byCity = await RowsAsync("SELECT city, COUNT(*) AS n FROM people GROUP BY city HAVING COUNT(*) > 1 ORDER BY n DESC");
        Assert.Equal([("Paris", 3L), ("Lyon", 2L)], byCity.Select(r => (r.GetColumn<string>("city")!, r.GetColumn<long>("n"))));
    }

    [Fact]
    public async Task Insert_update_and_delete_change_the_map()
    {
        await _client.Sql.ExecuteCommandAsync("CREATE MAPPING cities (__key VARCHAR, population BIGINT, country VARCHAR) TYPE IMap OPTIONS ('keyFormat'='varchar', 'valueFormat'='json-flat')");
        Assert.Equal(0, await _client.Sql.ExecuteCommandAsync("INSERT INTO cities VALUES ('paris', 2100000, 'FR'), (?, ?, ?)", ["berlin", 3600000L, "DE"]));
        var map = await _client.GetMapAsync<string, HazelcastJsonValue>("cities");
        Assert.Equal(2, await map.GetSizeAsync());
        Assert.Contains("\"country\":\"DE\"", (await map.GetAsync("berlin"))!.Value, StringComparison.Ordinal);

        var duplicate = await Assert.ThrowsAsync<HazelcastSqlException>(() => _client.Sql.ExecuteCommandAsync("INSERT INTO cities VALUES ('paris', 1, 'FR')"));
        Assert.Equal(SqlErrorCode.DataException, duplicate.Code);
        await _client.Sql.ExecuteCommandAsync("SINK INTO cities VALUES ('paris', 2200000, 'FR')");
        await _client.Sql.ExecuteCommandAsync("UPDATE cities SET population = population + 1 WHERE country = 'DE'");
        var rows = await RowsAsync("SELECT __key, population FROM cities ORDER BY __key");
        Assert.Equal([("berlin", 3600001L), ("paris", 2200000L)], rows.Select(r => (r.GetKey<string>()!, r.GetColumn<long>("population"))));

        await _client.Sql.ExecuteCommandAsync("DELETE FROM cities WHERE population > ?", [3000000L]);
        Assert.Equal(["paris"], (await map.GetKeysAsync()).Order());
    }

    [Fact]
    public async Task Errors_carry_hazelcast_s_codes_the_member_and_a_suggestion()
    {
        var map = await _client.GetMapAsync<int, string>("unmapped");
        await map.SetAsync(1, "one");
        var missing = await Assert.ThrowsAsync<HazelcastSqlException>(() => RowsAsync("SELECT * FROM unmapped"));
        Assert.Equal(SqlErrorCode.ObjectNotFound, missing.Code);
        Assert.Contains("did you forget to CREATE MAPPING?", missing.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE MAPPING \"unmapped\"", missing.Suggestion, StringComparison.Ordinal);
        Assert.Equal(_cluster.Members[0].Uuid, missing.MemberId);

        // The suggestion works.
        await _client.Sql.ExecuteCommandAsync(missing.Suggestion!);
        Assert.Equal("one", Assert.Single(await RowsAsync("SELECT this FROM unmapped")).GetValue<string>());

        var parse = await Assert.ThrowsAsync<HazelcastSqlException>(() => RowsAsync("SELECT FROM WHERE"));
        Assert.Equal(SqlErrorCode.Parsing, parse.Code);
        var wrongType = await Assert.ThrowsAsync<HazelcastSqlException>(() => _client.Sql.ExecuteCommandAsync("SELECT * FROM unmapped"));
        Assert.Contains("ExecuteQueryAsync", wrongType.Message, StringComparison.Ordinal);
        var expected = await Assert.ThrowsAsync<HazelcastSqlException>(() => RowsAsync("SELECT * FROM unmapped", options: new SqlStatementOptions { ExpectedResultType = SqlExpectedResultType.UpdateCount }));
        Assert.Contains("doesn't produce update count", expected.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => RowsAsync("SELECT * FROM unmapped", options: new SqlStatementOptions { CursorBufferSize = 0 }));
        var deep = await Assert.ThrowsAsync<HazelcastSqlException>(() => RowsAsync("SELECT * FROM unmapped WHERE " + new string('(', 100_000) + "1=1" + new string(')', 100_000)));
        Assert.Equal(SqlErrorCode.Parsing, deep.Code);
    }

    [Fact]
    public async Task Show_mappings_and_drop_mapping()
    {
        await StudentsAsync(1);
        await _client.Sql.ExecuteCommandAsync("CREATE MAPPING other TYPE IMap OPTIONS ('keyFormat'='int', 'valueFormat'='int')");
        Assert.Equal(["other", "students"], (await RowsAsync("SHOW MAPPINGS")).Select(r => r.GetColumn<string>("name")));
        await _client.Sql.ExecuteCommandAsync("DROP MAPPING other");
        Assert.Equal(["students"], (await RowsAsync("SHOW MAPPINGS")).Select(r => r.GetColumn<string>("name")));
        Assert.Equal(SqlErrorCode.ObjectNotFound, (await Assert.ThrowsAsync<HazelcastSqlException>(() => _client.Sql.ExecuteCommandAsync("DROP MAPPING other"))).Code);
        await _client.Sql.ExecuteCommandAsync("DROP MAPPING IF EXISTS other");
    }
}
