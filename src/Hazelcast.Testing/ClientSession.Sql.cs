using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Sql;
using Hazelcast.Testing.Sql;

namespace Hazelcast.Testing;

// SQL: a query's rows wait in a cursor of this connection (a real member's QueryClientStateRegistry), served page
// by page, closed by Sql.Close, by its last page, by the connection closing, or when left unfetched too long.
internal sealed partial class ClientSession
{
    private readonly Dictionary<SqlQueryId, SqlCursor> _cursors = [];

    private sealed class SqlCursor(List<object?[]> rows, IReadOnlyList<SqlColumnType> types, long now)
    {
        public int Position { get; set; }
        public long LastUsed { get; set; } = now;
        public List<object?[]> Rows => rows;
        public IReadOnlyList<SqlColumnType> Types => types;
    }

    /// <summary>The open cursors of this connection.</summary>
    public int OpenSqlCursors
    {
        get { lock (_cursors) return _cursors.Count; }
    }

    internal ValueTask<ClientMessage?> SqlExecute(ClientMessage request)
    {
        var p = SqlExecuteCodec.DecodeRequest(request);
        ExpireCursors();
        try
        {
            var rows = _state.Sql.Execute(p.Sql, p.Parameters, (SqlExpectedResultType)p.ExpectedResultType);
            if (rows is null) return Done(SqlExecuteCodec.EncodeResponse(null, null, 0, null, false, -1));
            var metadata = rows.Columns.Select(c => new Protocol.Codecs.SqlColumnMetadata(c.Name, (int)c.Type, c.Nullable)).ToList();
            var cursor = new SqlCursor(rows.Rows, rows.Columns.Select(c => c.Type).ToList(), _state.Time.GetTimestamp());
            var page = NextPage(cursor, p.CursorBufferSize);
            if (!page.IsLast)
                lock (_cursors) _cursors[p.QueryId] = cursor;
            return Done(SqlExecuteCodec.EncodeResponse(metadata, page, -1, null, false, -1));
        }
        catch (Exception e) when (e is SqlMemberException or RemoteErrorException or HazelcastException)
        {
            return Done(SqlExecuteCodec.EncodeResponse(null, null, -1, SqlErrorOf(e), false, -1));
        }
    }

    internal ValueTask<ClientMessage?> SqlFetch(ClientMessage request)
    {
        var p = SqlFetchCodec.DecodeRequest(request);
        SqlCursor? cursor;
        lock (_cursors) _cursors.TryGetValue(p.QueryId, out cursor);
        if (cursor is null)
        {
            var error = new SqlMemberException(SqlErrorCode.Generic, $"Query cursor is not found (closed?): {QueryIdText(p.QueryId)}");
            return Done(SqlFetchCodec.EncodeResponse(null, SqlErrorOf(error)));
        }
        SqlPage page;
        lock (cursor)
        {
            cursor.LastUsed = _state.Time.GetTimestamp();
            page = NextPage(cursor, p.CursorBufferSize);
        }
        if (page.IsLast)
            lock (_cursors) _cursors.Remove(p.QueryId);
        return Done(SqlFetchCodec.EncodeResponse(page, null));
    }

    internal ValueTask<ClientMessage?> SqlClose(ClientMessage request)
    {
        var p = SqlCloseCodec.DecodeRequest(request);
        lock (_cursors) _cursors.Remove(p.QueryId); // an unknown id is tolerated
        return Done(SqlCloseCodec.EncodeResponse());
    }

    private static SqlPage NextPage(SqlCursor cursor, int size)
    {
        var count = Math.Min(Math.Max(1, size), cursor.Rows.Count - cursor.Position);
        var rows = cursor.Rows.GetRange(cursor.Position, count);
        cursor.Position += count;
        return SqlPage.FromRows(cursor.Types, rows, isLast: cursor.Position >= cursor.Rows.Count);
    }

    // Cursors a client stopped fetching without closing them go after a while, not with the member.
    private void ExpireCursors()
    {
        var now = _state.Time.GetTimestamp();
        lock (_cursors)
            foreach (var (id, cursor) in _cursors.ToList())
                if (_state.Time.GetElapsedTime(cursor.LastUsed, now) > _state.Options.SqlCursorExpiry) _cursors.Remove(id);
    }

    private Protocol.Codecs.SqlError SqlErrorOf(Exception e) => e switch
    {
        SqlMemberException s => new((int)s.Code, s.Message, Member.Uuid, s.Suggestion),
        _ => new((int)SqlErrorCode.Generic, e.Message, Member.Uuid, null),
    };

    private static string QueryIdText(SqlQueryId id)
        => $"{UuidConverter.ToGuid(id.MemberIdHigh, id.MemberIdLow)}_{UuidConverter.ToGuid(id.LocalIdHigh, id.LocalIdLow)}";
}
