using System.Data;
using Dapper;
using Hazelcast.Sql;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>The ADO.NET provider, and Dapper on it, against the in-process member.</summary>
public sealed class AdoNetTests : IAsyncLifetime
{
    private HazelcastCluster _cluster = null!;
    private IHazelcastClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = await HazelcastCluster.StartAsync();
        _client = await HazelcastClientFactory.StartNewClientAsync(o => o.Networking.Addresses.Add(_cluster.Addresses[0]));
        await _client.Sql.ExecuteCommandAsync("CREATE MAPPING students (__key INT, name VARCHAR, age INT) TYPE IMap OPTIONS ('keyFormat'='int', 'valueFormat'='json-flat')");
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    public sealed class Student
    {
        public int Id { get; set; }
        public string? Name { get; set; }
        public int Age { get; set; }
    }

    [Fact]
    public async Task Dapper_executes_and_queries_with_named_and_positional_parameters()
    {
        await using var connection = new HazelcastConnection(_client);
        await connection.OpenAsync();
        for (var i = 0; i < 20; i++)
            await connection.ExecuteAsync("INSERT INTO students VALUES (@id, @name, @age)", new { id = i, name = $"s{i}", age = 10 + i });
        connection.Execute("SINK INTO students VALUES (?a?, ?b?, ?c?)", new { c = 99, b = "late", a = 100 }); // Dapper's pseudo-positional parameters become ? in order

        var adults = (await connection.QueryAsync<Student>("SELECT __key AS Id, name AS Name, age AS Age FROM students WHERE age > @min ORDER BY age LIMIT 10", new { min = 18 })).ToList();
        Assert.Equal([19, 20, 21, 22, 23, 24, 25, 26, 27, 28], adults.Select(s => s.Age));
        Assert.Equal("s9", adults[0].Name);
        Assert.Equal(9, adults[0].Id);

        var sync = connection.Query<Student>("SELECT __key AS Id, name AS Name, age AS Age FROM students WHERE name = @name", new { name = "late" }).Single();
        Assert.Equal((100, 99), (sync.Id, sync.Age));
        Assert.Equal(21L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM students"));
        Assert.Equal(21, connection.ExecuteScalar<int>("SELECT COUNT(*) FROM students")); // BIGINT read as int
    }

    [Fact]
    public async Task A_data_reader_reads_types_nulls_and_closes_its_cursor()
    {
        for (var i = 0; i < 10; i++) await _client.Sql.ExecuteCommandAsync("INSERT INTO students VALUES (?, ?, ?)", [i, i == 3 ? null : $"s{i}", 20 + i]);
        await using var connection = new HazelcastConnection(_client);
        await connection.OpenAsync();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT __key, name, age FROM students ORDER BY __key";
            command.CursorBufferSize = 2;
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(reader.HasRows);
            Assert.Equal(3, reader.FieldCount);
            Assert.Equal(("__key", typeof(int), "INTEGER"), (reader.GetName(0), reader.GetFieldType(0), reader.GetDataTypeName(0)));
            var names = new List<string?>();
            while (await reader.ReadAsync())
            {
                names.Add(reader.IsDBNull(1) ? null : reader.GetString(1));
                Assert.Equal(20 + reader.GetInt32(0), reader.GetInt64(reader.GetOrdinal("AGE")));
            }
            Assert.Equal(["s0", "s1", "s2", null, "s4", "s5", "s6", "s7", "s8", "s9"], names);
        }
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT * FROM students";
            command.CursorBufferSize = 2;
            await using (var reader = await command.ExecuteReaderAsync()) Assert.True(await reader.ReadAsync());
            await Wait.UntilAsync(() => _cluster.Members[0].OpenSqlCursors == 0, TimeSpan.FromSeconds(5), "the reader's cursor to close");
        }
        Assert.Throws<NotSupportedException>(() => connection.BeginTransaction());
        var error = await Assert.ThrowsAsync<HazelcastSqlException>(() => connection.QueryAsync<Student>("SELECT * FROM nowhere"));
        Assert.Equal(SqlErrorCode.ObjectNotFound, error.Code);
    }

    [Fact]
    public async Task A_connection_string_starts_a_client_of_its_own()
    {
        Assert.Throws<ArgumentException>(() => HazelcastConnection.OptionsOf("Adresses=x"));
        Assert.Throws<ArgumentException>(() => HazelcastConnection.OptionsOf("ClusterName=dev"));
        await using var connection = (HazelcastConnection)HazelcastProviderFactory.Instance.CreateConnection();
        connection.ConnectionString = $"Addresses={_cluster.Addresses[0]};ClusterName=dev";
        Assert.Equal(ConnectionState.Closed, connection.State);
        await connection.OpenAsync();
        Assert.Equal(ConnectionState.Open, connection.State);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM students"));
        await connection.CloseAsync();
        Assert.Equal(ConnectionState.Closed, connection.State);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM students";
        await Assert.ThrowsAsync<InvalidOperationException>(() => command.ExecuteReaderAsync());
        // Dapper opens a closed connection for the call, and closes it after.
        Assert.Empty(await connection.QueryAsync("SELECT * FROM students"));
        Assert.Equal(ConnectionState.Closed, connection.State);
    }
}
