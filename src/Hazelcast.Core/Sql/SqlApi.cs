namespace Hazelcast.Sql;

/// <summary>
/// Hazelcast SQL (<c>client.Sql</c>): queries over mappings of maps (<c>CREATE MAPPING</c>), and DML and DDL
/// commands. Parameters are <c>?</c> placeholders, numbered from 0 in the order they appear.
/// </summary>
public interface ISqlService
{
    /// <summary>
    /// Runs a query and returns its rows, fetched page by page (<see cref="SqlStatementOptions.CursorBufferSize"/>
    /// rows at a time) as they are enumerated. Dispose of the result (or stop enumerating) to close the cursor on the
    /// member before the last row.
    /// </summary>
    /// <exception cref="HazelcastSqlException">The member refused or failed the query (its code, the member, and a suggestion when it has one).</exception>
    /// <exception cref="ArgumentException">The statement is empty or the options are not valid.</exception>
    Task<ISqlQueryResult> ExecuteQueryAsync(string sql, IReadOnlyList<object?>? parameters = null, SqlStatementOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a command (<c>CREATE MAPPING</c>, <c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c>, ...) and returns its update count.</summary>
    /// <exception cref="HazelcastSqlException">The member refused or failed the command, or it produced rows.</exception>
    Task<long> ExecuteCommandAsync(string sql, IReadOnlyList<object?>? parameters = null, SqlStatementOptions? options = null, CancellationToken cancellationToken = default);
}

/// <summary>The options of one statement.</summary>
public sealed class SqlStatementOptions
{
    /// <summary>Hazelcast's default cursor buffer size.</summary>
    public const int DefaultCursorBufferSize = 4096;

    /// <summary>How long the statement may run on the member: <c>null</c> for the member's default, <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>How many rows the member sends in one page (4096 by default).</summary>
    public int CursorBufferSize { get; set; } = DefaultCursorBufferSize;

    /// <summary>The schema to look mappings up in first (<c>public</c> when null).</summary>
    public string? Schema { get; set; }

    /// <summary>What the statement must produce.</summary>
    public SqlExpectedResultType ExpectedResultType { get; set; } = SqlExpectedResultType.Any;

    internal long TimeoutMillis => Timeout switch
    {
        null => -1,
        var t when t == System.Threading.Timeout.InfiniteTimeSpan => 0,
        var t => Math.Max(1, (long)t.Value.TotalMilliseconds),
    };

    internal void Validate(string name)
    {
        if (CursorBufferSize <= 0) throw new ArgumentOutOfRangeException(name, CursorBufferSize, "SqlStatementOptions.CursorBufferSize must be positive.");
        if (Timeout is { } t && t != System.Threading.Timeout.InfiniteTimeSpan && t <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(name, t, "SqlStatementOptions.Timeout must be positive, infinite, or null for the member's default.");
        if (!Enum.IsDefined(ExpectedResultType)) throw new ArgumentOutOfRangeException(name, ExpectedResultType, "Not an SqlExpectedResultType.");
    }
}

/// <summary>The rows of a query, fetched as they are enumerated (once); dispose of it to close its cursor early.</summary>
public interface ISqlQueryResult : IAsyncEnumerable<SqlRow>, IAsyncDisposable
{
    /// <summary>The columns of the rows.</summary>
    SqlRowMetadata RowMetadata { get; }
}

/// <summary>A column of a result: its name, SQL type and whether it may hold null.</summary>
/// <param name="Name">The column's name (or alias).</param>
/// <param name="Type">Its SQL type.</param>
/// <param name="IsNullable">Whether its values may be null.</param>
public sealed record SqlColumnMetadata(string Name, SqlColumnType Type, bool IsNullable);

/// <summary>The columns of a result.</summary>
public sealed class SqlRowMetadata
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    internal SqlRowMetadata(IReadOnlyList<SqlColumnMetadata> columns)
    {
        Columns = columns;
        for (var i = 0; i < columns.Count; i++) _indexes.TryAdd(columns[i].Name, i);
    }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<SqlColumnMetadata> Columns { get; }

    /// <summary>The index of the column of that name (case-sensitive), or −1.</summary>
    public int GetColumnIndexByName(string name) => _indexes.GetValueOrDefault(name, -1);
}

/// <summary>A row of a result: its values by index or column name.</summary>
public sealed class SqlRow
{
    private readonly object?[] _values;
    private readonly Serialization.SerializationService _serialization;

    internal SqlRow(SqlRowMetadata metadata, object?[] values, Serialization.SerializationService serialization)
    {
        Metadata = metadata;
        _values = values;
        _serialization = serialization;
    }

    /// <summary>The columns.</summary>
    public SqlRowMetadata Metadata { get; }

    /// <summary>
    /// A column's value as a <typeparamref name="T"/>: the .NET type of its SQL type (VARCHAR <c>string</c>, INTEGER
    /// <c>int</c>, BIGINT <c>long</c>, DECIMAL <c>decimal</c>, DATE <c>DateOnly</c>, TIMESTAMP <c>DateTime</c>, JSON
    /// <see cref="HazelcastJsonValue"/>, ...), an OBJECT deserialized into <typeparamref name="T"/>, or a nullable type or
    /// <c>object</c> for a null.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">There is no such column.</exception>
    /// <exception cref="InvalidCastException">The value is not a <typeparamref name="T"/>.</exception>
    public T? GetColumn<T>(int index)
    {
        if ((uint)index >= (uint)_values.Length) throw new ArgumentOutOfRangeException(nameof(index), index, $"The row has {_values.Length} columns.");
        var value = _values[index];
        if (value is Serialization.Data data) return _serialization.ToObject<T>(data);
        if (value is null)
        {
            if (default(T) is null) return default;
            throw new InvalidCastException($"The column '{Metadata.Columns[index].Name}' is null, which a {typeof(T).Name} cannot hold: read it as {typeof(T).Name}?.");
        }
        if (value is T typed) return typed;
        throw new InvalidCastException($"The column '{Metadata.Columns[index].Name}' is {Metadata.Columns[index].Type}, a {value.GetType().Name}, not a {typeof(T).Name}.");
    }

    /// <inheritdoc cref="GetColumn{T}(int)"/>
    public T? GetColumn<T>(string name)
    {
        var index = Metadata.GetColumnIndexByName(name);
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(name), name, $"The row has no column '{name}' (its columns: {string.Join(", ", Metadata.Columns.Select(c => c.Name))}).");
        return GetColumn<T>(index);
    }

    /// <summary>The <c>__key</c> column.</summary>
    public T? GetKey<T>() => GetColumn<T>("__key");

    /// <summary>The <c>this</c> column (the whole value).</summary>
    public T? GetValue<T>() => GetColumn<T>("this");

    /// <summary>A value as read from the page (OBJECT values as serialized data).</summary>
    internal object? Raw(int index) => _values[index];

    /// <summary>A value as an object (OBJECT values deserialized).</summary>
    internal object? GetObject(int index) => _values[index] is Serialization.Data data ? _serialization.ToObject(data) : _values[index];
}
