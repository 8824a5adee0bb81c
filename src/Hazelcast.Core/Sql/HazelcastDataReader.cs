using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace Hazelcast.Sql;

/// <summary>The rows of a query as ADO.NET reads them (forward only, one result set); nulls as <see cref="DBNull"/>.</summary>
public sealed class HazelcastDataReader : DbDataReader
{
    private readonly ISqlQueryResult _result;
    private readonly HazelcastConnection? _closeWith;
    private readonly IAsyncEnumerator<SqlRow> _rows;
    private SqlRow? _current;
    private SqlRow? _first; // read ahead to answer HasRows
    private bool _firstPending, _closed;

    internal HazelcastDataReader(ISqlQueryResult result, HazelcastConnection? closeWith, CancellationToken cancellationToken)
    {
        _result = result;
        _closeWith = closeWith;
        _rows = result.GetAsyncEnumerator(cancellationToken);
    }

    internal async Task StartAsync()
    {
        if (await _rows.MoveNextAsync().ConfigureAwait(false))
        {
            _first = _rows.Current;
            _firstPending = true;
        }
    }

    private SqlRowMetadata Metadata => _result.RowMetadata;

    private SqlRow Row => _current ?? throw new InvalidOperationException("There is no current row: call Read first.");

    /// <inheritdoc />
    public override bool Read() => ReadAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (_closed) throw new InvalidOperationException("The reader is closed.");
        if (_firstPending)
        {
            _firstPending = false;
            _current = _first;
            return true;
        }
        if (_first is null)
        {
            _current = null;
            return false;
        }
        _current = await _rows.MoveNextAsync().ConfigureAwait(false) ? _rows.Current : null;
        return _current is not null;
    }

    /// <inheritdoc />
    public override bool HasRows => _first is not null;

    /// <inheritdoc />
    public override bool NextResult() => false;

    /// <inheritdoc />
    public override int Depth => 0;

    /// <inheritdoc />
    public override bool IsClosed => _closed;

    /// <inheritdoc />
    public override int RecordsAffected => -1;

    /// <inheritdoc />
    public override int FieldCount => Metadata.Columns.Count;

    /// <inheritdoc />
    public override object this[int ordinal] => GetValue(ordinal);

    /// <inheritdoc />
    public override object this[string name] => GetValue(GetOrdinal(name));

    /// <inheritdoc />
    public override string GetName(int ordinal) => Metadata.Columns[ordinal].Name;

    /// <inheritdoc />
    public override int GetOrdinal(string name)
    {
        var index = Metadata.GetColumnIndexByName(name);
        if (index < 0)
            index = Metadata.Columns.ToList().FindIndex(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw new IndexOutOfRangeException($"The result has no column '{name}' (its columns: {string.Join(", ", Metadata.Columns.Select(c => c.Name))}).");
    }

    /// <inheritdoc />
    public override string GetDataTypeName(int ordinal) => Metadata.Columns[ordinal].Type switch
    {
        SqlColumnType.TimestampWithTimeZone => "TIMESTAMP WITH TIME ZONE",
        var type => type.ToString().ToUpperInvariant(),
    };

    /// <inheritdoc />
    [return: System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields | System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
    public override Type GetFieldType(int ordinal) => Metadata.Columns[ordinal].Type switch
    {
        SqlColumnType.Varchar => typeof(string),
        SqlColumnType.Boolean => typeof(bool),
        SqlColumnType.TinyInt => typeof(sbyte),
        SqlColumnType.SmallInt => typeof(short),
        SqlColumnType.Integer => typeof(int),
        SqlColumnType.BigInt => typeof(long),
        SqlColumnType.Decimal => typeof(decimal),
        SqlColumnType.Real => typeof(float),
        SqlColumnType.Double => typeof(double),
        SqlColumnType.Date => typeof(DateOnly),
        SqlColumnType.Time => typeof(TimeOnly),
        SqlColumnType.Timestamp => typeof(DateTime),
        SqlColumnType.TimestampWithTimeZone => typeof(DateTimeOffset),
        SqlColumnType.Json => typeof(HazelcastJsonValue),
        _ => typeof(object),
    };

    /// <inheritdoc />
    public override object GetValue(int ordinal) => Row.GetObject(ordinal) ?? DBNull.Value;

    /// <inheritdoc />
    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++) values[i] = GetValue(i);
        return count;
    }

    /// <inheritdoc />
    public override bool IsDBNull(int ordinal) => Row.Raw(ordinal) is null;

    /// <inheritdoc />
    public override T GetFieldValue<T>(int ordinal) => Row.GetColumn<T>(ordinal)!;

    // Typed getters convert between number types (a BIGINT COUNT read with GetInt32), as ADO.NET providers do.
    private T Converted<T>(int ordinal) where T : IConvertible
    {
        var value = Row.GetObject(ordinal) ?? throw new InvalidCastException($"The column '{GetName(ordinal)}' is null: check IsDBNull first.");
        return value is T typed ? typed : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

#pragma warning disable CS1591 // DbDataReader's typed getters.
    public override bool GetBoolean(int ordinal) => Converted<bool>(ordinal);
    public override byte GetByte(int ordinal) => Converted<byte>(ordinal);
    public override char GetChar(int ordinal) => Converted<char>(ordinal);
    public override DateTime GetDateTime(int ordinal) => Row.GetObject(ordinal) switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset o => o.DateTime,
        _ => Converted<DateTime>(ordinal),
    };
    public override decimal GetDecimal(int ordinal) => Converted<decimal>(ordinal);
    public override double GetDouble(int ordinal) => Converted<double>(ordinal);
    public override float GetFloat(int ordinal) => Converted<float>(ordinal);
    public override Guid GetGuid(int ordinal) => GetFieldValue<Guid>(ordinal);
    public override short GetInt16(int ordinal) => Converted<short>(ordinal);
    public override int GetInt32(int ordinal) => Converted<int>(ordinal);
    public override long GetInt64(int ordinal) => Converted<long>(ordinal);
    public override string GetString(int ordinal) => Row.GetObject(ordinal) switch
    {
        string s => s,
        HazelcastJsonValue j => j.Value,
        null => throw new InvalidCastException($"The column '{GetName(ordinal)}' is null: check IsDBNull first."),
        var other => throw new InvalidCastException($"The column '{GetName(ordinal)}' is {Metadata.Columns[ordinal].Type}, not VARCHAR ({other.GetType().Name})."),
    };
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException("Hazelcast SQL has no binary columns.");
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var s = GetString(ordinal);
        if (buffer is null) return s.Length;
        var count = Math.Max(0, Math.Min(length, s.Length - (int)dataOffset));
        s.CopyTo((int)dataOffset, buffer, bufferOffset, count);
        return count;
    }
#pragma warning restore CS1591

    /// <inheritdoc />
    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    /// <inheritdoc />
    public override void Close() => CloseAsync().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async Task CloseAsync()
    {
        if (_closed) return;
        _closed = true;
        await _rows.DisposeAsync().ConfigureAwait(false); // closes the cursor when the rows were not all read
        await _result.DisposeAsync().ConfigureAwait(false);
        if (_closeWith is not null) await _closeWith.CloseAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => new(CloseAsync());

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) Close();
        base.Dispose(disposing);
    }
}
