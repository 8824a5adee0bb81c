using Hazelcast.DistributedObjects;
using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Sql;

/// <summary>
/// Runs SQL statements: Sql.Execute on a connection of the client's, then Sql.Fetch and Sql.Close of that query on
/// the same connection (the member that runs a query holds its cursor).
/// </summary>
internal sealed class SqlService(ProxyServices services, Guid clientId) : ISqlService
{
    public async Task<ISqlQueryResult> ExecuteQueryAsync(string sql, IReadOnlyList<object?>? parameters = null, SqlStatementOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (response, query) = await ExecuteAsync(sql, parameters, options, expectRows: true, cancellationToken).ConfigureAwait(false);
        if (response.RowMetadata is null)
        {
            throw new HazelcastSqlException(SqlErrorCode.Generic, "The statement produced an update count, not rows: run it with ExecuteCommandAsync.", clientId);
        }
        var metadata = new SqlRowMetadata(response.RowMetadata.Select(c => new SqlColumnMetadata(c.Name, (SqlColumnType)c.Type, c.Nullable)).ToArray());
        var page = response.RowPage ?? new SqlPage([], [], isLast: true);
        await PrepareAsync(page, cancellationToken).ConfigureAwait(false);
        return new SqlQueryResult(this, query, metadata, page);
    }

    public async Task<long> ExecuteCommandAsync(string sql, IReadOnlyList<object?>? parameters = null, SqlStatementOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (response, query) = await ExecuteAsync(sql, parameters, options, expectRows: false, cancellationToken).ConfigureAwait(false);
        if (response.RowMetadata is not null)
        {
            if (response.RowPage is not { IsLast: true }) await query.CloseAsync().ConfigureAwait(false);
            throw new HazelcastSqlException(SqlErrorCode.Generic, "The statement produced rows, not an update count: run it with ExecuteQueryAsync.", clientId);
        }
        return response.UpdateCount;
    }

    private async Task<(SqlExecuteCodec.ResponseParameters Response, Query Query)> ExecuteAsync(string sql, IReadOnlyList<object?>? parameters, SqlStatementOptions? options, bool expectRows, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        options ??= new SqlStatementOptions();
        options.Validate(nameof(options));
        var values = new Data[parameters?.Count ?? 0];
        for (var i = 0; i < values.Length; i++) values[i] = services.Serialization.ToData(parameters![i]);

        var connection = await services.Invoker.GetAnyConnectionAsync(cancellationToken).ConfigureAwait(false);
        var query = new Query(this, connection, NewQueryId(), options.CursorBufferSize);
        var request = SqlExecuteCodec.EncodeRequest(sql, values, options.TimeoutMillis, options.CursorBufferSize, options.Schema,
            (byte)options.ExpectedResultType, query.Id, skipUpdateStatistics: false);
        SqlExecuteCodec.ResponseParameters response;
        try
        {
            response = SqlExecuteCodec.DecodeResponse(await InvokeAsync(request, connection, cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // The member may have started the query: its cursor is closed (a member tolerates closing what it does not know).
            _ = query.CloseAsync();
            throw;
        }
        if (response.Error is { } error) throw ToException(error);
        return (response, query);
    }

    /// <summary>Sends a request of a query over its connection; a lost connection is the SQL error CONNECTION_PROBLEM.</summary>
    internal async Task<ClientMessage> InvokeAsync(ClientMessage request, MessageConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            // The statement's own timeout is the member's to apply: the invocation waits as long as the query runs.
            return await services.Invoker.InvokeOnConnectionAsync(request, connection, cancellationToken, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        }
        catch (HazelcastConnectionException e)
        {
            throw new HazelcastSqlException(SqlErrorCode.ConnectionProblem, $"The connection to the member running the query was lost: {e.Message}", clientId, cause: e);
        }
    }

    internal HazelcastSqlException ToException(Protocol.Codecs.SqlError error)
        => new((SqlErrorCode)error.Code, error.Message ?? $"SQL error {error.Code}", error.OriginatingMemberId, error.Suggestion);

    internal Guid ClientId => clientId;

    internal SerializationService Serialization => services.Serialization;

    /// <summary>Reads the OBJECT values of a page once, which fetches the Compact schemas they need, so that rows read them synchronously.</summary>
    internal ValueTask PrepareAsync(SqlPage page, CancellationToken cancellationToken)
    {
        var objects = new List<Data>();
        for (var c = 0; c < page.ColumnTypes.Count; c++)
            if (page.ColumnTypes[c] == SqlColumnType.Object)
                foreach (var value in page.Columns[c])
                    if (value is Data { TypeId: SerializationConstants.Compact } data) objects.Add(data);
        if (objects.Count == 0) return ValueTask.CompletedTask;
        return PrepareCoreAsync(objects, cancellationToken);
    }

    private async ValueTask PrepareCoreAsync(List<Data> objects, CancellationToken cancellationToken)
        => await services.Invoker.ReadAsync((services.Serialization, objects), static s =>
        {
            foreach (var data in s.objects) s.Serialization.ToObject(data);
            return 0;
        }, cancellationToken).ConfigureAwait(false);

    private SqlQueryId NewQueryId()
    {
        UuidConverter.ToLongs(clientId, out var memberHigh, out var memberLow);
        UuidConverter.ToLongs(Guid.NewGuid(), out var localHigh, out var localLow);
        return new SqlQueryId(memberHigh, memberLow, localHigh, localLow);
    }

    /// <summary>A query's id, connection and cursor size; closes its cursor once.</summary>
    internal sealed class Query(SqlService service, MessageConnection connection, SqlQueryId id, int cursorBufferSize)
    {
        private int _closed;

        public SqlQueryId Id => id;

        public async Task<SqlPage> FetchAsync(CancellationToken cancellationToken)
        {
            var response = SqlFetchCodec.DecodeResponse(await service.InvokeAsync(SqlFetchCodec.EncodeRequest(id, cursorBufferSize), connection, cancellationToken).ConfigureAwait(false));
            if (response.Error is { } error) throw service.ToException(error);
            var page = response.RowPage ?? throw new ProtocolException("An Sql.Fetch response has neither a page nor an error.");
            await service.PrepareAsync(page, cancellationToken).ConfigureAwait(false);
            return page;
        }

        /// <summary>Closes the cursor on the member (once; a lost connection has closed it already).</summary>
        public async Task CloseAsync()
        {
            if (Interlocked.Exchange(ref _closed, 1) != 0 || !connection.IsActive) return;
            try
            {
                await service.InvokeAsync(SqlCloseCodec.EncodeRequest(id), connection, CancellationToken.None).ConfigureAwait(false);
            }
            catch (HazelcastException)
            {
                // The connection went: the member closes the cursors of a client that left.
            }
        }

        public void MarkClosed() => Volatile.Write(ref _closed, 1);
    }
}

/// <summary>The rows of a query: the first page came with the answer to Sql.Execute, the others are fetched as needed.</summary>
internal sealed class SqlQueryResult(SqlService service, SqlService.Query query, SqlRowMetadata metadata, SqlPage first) : ISqlQueryResult
{
    private int _enumerated;

    public SqlRowMetadata RowMetadata => metadata;

    public async IAsyncEnumerator<SqlRow> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0) throw new InvalidOperationException("The rows of a query can be enumerated once.");
        var page = first;
        var complete = false;
        try
        {
            while (true)
            {
                for (var r = 0; r < page.RowCount; r++)
                {
                    var values = new object?[page.Columns.Count];
                    for (var c = 0; c < values.Length; c++) values[c] = page.Columns[c][r];
                    yield return new SqlRow(metadata, values, service.Serialization);
                }
                if (page.IsLast) break;
                cancellationToken.ThrowIfCancellationRequested();
                page = await query.FetchAsync(cancellationToken).ConfigureAwait(false);
            }
            complete = true;
            query.MarkClosed(); // the member closed the cursor with its last page
        }
        finally
        {
            // Ended early (a break, an error, a cancellation): the cursor is closed on the member.
            if (!complete) await query.CloseAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (first.IsLast && Volatile.Read(ref _enumerated) == 0) query.MarkClosed();
        await query.CloseAsync().ConfigureAwait(false);
    }
}
