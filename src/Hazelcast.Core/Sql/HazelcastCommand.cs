using System.Collections;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Hazelcast.Sql;

/// <summary>
/// An SQL statement on a <see cref="HazelcastConnection"/>. Parameters bind to <c>?</c> placeholders in order, or to
/// <c>@name</c> placeholders by name (each <c>@name</c> becomes a <c>?</c>, so one parameter may be used twice).
/// <see cref="DbCommand.ExecuteNonQuery"/> returns the member's update count (0 for DML on Hazelcast 5, as a real
/// member reports it).
/// </summary>
public sealed class HazelcastCommand : DbCommand
{
    private readonly HazelcastParameterCollection _parameters = new();
    private CancellationTokenSource? _running;

    /// <inheritdoc />
    [AllowNull]
    public override string CommandText { get; set; } = "";

    /// <inheritdoc />
    public override int CommandTimeout { get; set; }

    /// <inheritdoc />
    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text) throw new NotSupportedException("Hazelcast runs SQL text only (no stored procedures, no table direct).");
        }
    }

    /// <inheritdoc />
    public override bool DesignTimeVisible { get; set; }

    /// <inheritdoc />
    public override UpdateRowSource UpdatedRowSource { get; set; }

    /// <summary>The number of rows the member sends at a time.</summary>
    public int CursorBufferSize { get; set; } = SqlStatementOptions.DefaultCursorBufferSize;

    /// <summary>The connection.</summary>
    public new HazelcastConnection? Connection { get; set; }

    /// <inheritdoc />
    protected override DbConnection? DbConnection
    {
        get => Connection;
        set => Connection = value switch
        {
            null => null,
            HazelcastConnection c => c,
            _ => throw new ArgumentException($"A HazelcastCommand runs on a HazelcastConnection, not a {value.GetType().Name}.", nameof(value)),
        };
    }

    /// <summary>The parameters.</summary>
    public new HazelcastParameterCollection Parameters => _parameters;

    /// <inheritdoc />
    protected override DbParameterCollection DbParameterCollection => _parameters;

    /// <inheritdoc />
    protected override DbTransaction? DbTransaction
    {
        get => null;
        set
        {
            if (value is not null) throw new NotSupportedException("Hazelcast SQL has no transactions.");
        }
    }

    /// <inheritdoc />
    public override void Cancel() => _running?.Cancel();

    /// <inheritdoc />
    public override void Prepare() { }

    /// <inheritdoc />
    protected override DbParameter CreateDbParameter() => new HazelcastParameter();

    /// <summary>A new parameter.</summary>
    public new HazelcastParameter CreateParameter() => new();

    /// <inheritdoc />
    public override int ExecuteNonQuery() => ExecuteNonQueryAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        var (client, sql, parameters, options) = Prepare(SqlExpectedResultType.UpdateCount);
        using var running = Running(cancellationToken);
        var count = await client.Sql.ExecuteCommandAsync(sql, parameters, options, running.Token).ConfigureAwait(false);
        return (int)Math.Min(count, int.MaxValue);
    }

    /// <inheritdoc />
    public override object? ExecuteScalar() => ExecuteScalarAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        var reader = await ExecuteDbDataReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetValue(0) : null;
    }

    /// <inheritdoc />
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        => ExecuteDbDataReaderAsync(behavior, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var (client, sql, parameters, options) = Prepare(SqlExpectedResultType.Rows);
        var result = await client.Sql.ExecuteQueryAsync(sql, parameters, options, cancellationToken).ConfigureAwait(false);
        var reader = new HazelcastDataReader(result, behavior.HasFlag(CommandBehavior.CloseConnection) ? Connection : null, cancellationToken);
        await reader.StartAsync().ConfigureAwait(false);
        return reader;
    }

    private CancellationTokenSource Running(CancellationToken cancellationToken)
        => _running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

    private (IHazelcastClient Client, string Sql, object?[] Parameters, SqlStatementOptions Options) Prepare(SqlExpectedResultType expected)
    {
        var connection = Connection ?? throw new InvalidOperationException("The command has no connection.");
        if (string.IsNullOrWhiteSpace(CommandText)) throw new InvalidOperationException("The command has no text.");
        var (sql, parameters) = Bind(CommandText, _parameters);
        var options = new SqlStatementOptions
        {
            CursorBufferSize = CursorBufferSize,
            Timeout = CommandTimeout > 0 ? TimeSpan.FromSeconds(CommandTimeout) : null,
            ExpectedResultType = expected,
        };
        return (connection.Client, sql, parameters, options);
    }

    /// <summary>
    /// The statement with <c>@name</c> placeholders turned into <c>?</c>, and the values in placeholder order; without
    /// named placeholders, the parameters in their order. Quoted strings and identifiers are left alone.
    /// </summary>
    internal static (string Sql, object?[] Values) Bind(string text, HazelcastParameterCollection parameters)
    {
        var sql = new StringBuilder(text.Length);
        var values = new List<object?>();
        var named = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                while (end >= 0 && end + 1 < text.Length && text[end + 1] == c) end = text.IndexOf(c, end + 2); // '' and "" escape
                end = end < 0 ? text.Length - 1 : end;
                sql.Append(text, i, end - i + 1);
                i = end;
                continue;
            }
            if (c == '@' && i + 1 < text.Length && (char.IsLetter(text[i + 1]) || text[i + 1] == '_'))
            {
                var start = i + 1;
                var end = start;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) end++;
                var name = text[start..end];
                var parameter = parameters.Find(name) ?? throw new InvalidOperationException($"The command uses @{name}, which is not one of its parameters.");
                values.Add(parameter.SqlValue);
                sql.Append('?');
                named = true;
                i = end - 1;
                continue;
            }
            sql.Append(c);
        }
        if (!named) return (text, parameters.Items.Select(p => p.SqlValue).ToArray());
        return (sql.ToString(), values.ToArray());
    }
}

/// <summary>A parameter of a <see cref="HazelcastCommand"/> (input only; its value is serialized as any value is).</summary>
public sealed class HazelcastParameter : DbParameter
{
    /// <summary>A parameter without name or value.</summary>
    public HazelcastParameter() { }

    /// <summary>A named parameter.</summary>
    public HazelcastParameter(string name, object? value)
    {
        ParameterName = name;
        Value = value;
    }

    /// <inheritdoc />
    public override DbType DbType { get; set; } = DbType.Object;

    /// <inheritdoc />
    public override ParameterDirection Direction
    {
        get => ParameterDirection.Input;
        set
        {
            if (value != ParameterDirection.Input) throw new NotSupportedException("Hazelcast SQL parameters are input only.");
        }
    }

    /// <inheritdoc />
    public override bool IsNullable { get; set; }

    /// <inheritdoc />
    [AllowNull]
    public override string ParameterName { get; set; } = "";

    /// <inheritdoc />
    public override int Size { get; set; }

    /// <inheritdoc />
    [AllowNull]
    public override string SourceColumn { get; set; } = "";

    /// <inheritdoc />
    public override bool SourceColumnNullMapping { get; set; }

    /// <inheritdoc />
    public override object? Value { get; set; }

    /// <inheritdoc />
    public override void ResetDbType() => DbType = DbType.Object;

    /// <summary>The value sent: null for <see cref="DBNull"/>.</summary>
    internal object? SqlValue => Value is DBNull ? null : Value;

    /// <summary>The name without its <c>@</c>, <c>:</c> or <c>?</c> prefix.</summary>
    internal string BareName => ParameterName.TrimStart('@', ':', '?');
}

/// <summary>The parameters of a <see cref="HazelcastCommand"/>.</summary>
public sealed class HazelcastParameterCollection : DbParameterCollection
{
    private readonly List<HazelcastParameter> _items = [];

    internal IReadOnlyList<HazelcastParameter> Items => _items;

    internal HazelcastParameter? Find(string name) => _items.FirstOrDefault(p => string.Equals(p.BareName, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds a parameter.</summary>
    public HazelcastParameter AddWithValue(string name, object? value)
    {
        var parameter = new HazelcastParameter(name, value);
        _items.Add(parameter);
        return parameter;
    }

    private static HazelcastParameter Cast(object? value) => value as HazelcastParameter
        ?? throw new ArgumentException($"A HazelcastCommand takes HazelcastParameters, not {value?.GetType().Name ?? "null"}.", nameof(value));

#pragma warning disable CS1591 // DbParameterCollection's members, as ADO.NET documents them.
    public override int Count => _items.Count;
    public override object SyncRoot => ((ICollection)_items).SyncRoot;
    public override int Add(object value)
    {
        _items.Add(Cast(value));
        return _items.Count - 1;
    }
    public override void AddRange(Array values)
    {
        foreach (var value in values) Add(value);
    }
    public override void Clear() => _items.Clear();
    public override bool Contains(object value) => value is HazelcastParameter p && _items.Contains(p);
    public override bool Contains(string value) => IndexOf(value) >= 0;
    public override void CopyTo(Array array, int index) => ((ICollection)_items).CopyTo(array, index);
    public override IEnumerator GetEnumerator() => _items.GetEnumerator();
    public override int IndexOf(object value) => value is HazelcastParameter p ? _items.IndexOf(p) : -1;
    public override int IndexOf(string parameterName) => _items.FindIndex(p => string.Equals(p.BareName, parameterName.TrimStart('@', ':', '?'), StringComparison.OrdinalIgnoreCase));
    public override void Insert(int index, object value) => _items.Insert(index, Cast(value));
    public override void Remove(object value) => _items.Remove(Cast(value));
    public override void RemoveAt(int index) => _items.RemoveAt(index);
    public override void RemoveAt(string parameterName) => _items.RemoveAt(IndexOf(parameterName) is >= 0 and var i ? i : throw new ArgumentException($"No parameter is named {parameterName}.", nameof(parameterName)));
    protected override DbParameter GetParameter(int index) => _items[index];
    protected override DbParameter GetParameter(string parameterName) => _items[IndexOf(parameterName) is >= 0 and var i ? i : throw new ArgumentException($"No parameter is named {parameterName}.", nameof(parameterName))];
    protected override void SetParameter(int index, DbParameter value) => _items[index] = Cast(value);
    protected override void SetParameter(string parameterName, DbParameter value) => _items[IndexOf(parameterName)] = Cast(value);
#pragma warning restore CS1591
}
