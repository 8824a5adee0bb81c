using System.Globalization;
using System.Text.Json.Nodes;
using Hazelcast.Serialization;
using Hazelcast.Serialization.Compact;
using Hazelcast.Sql;

namespace Hazelcast.Testing.Sql;

/// <summary>A column of a mapping: its name, SQL type, and where its value lies (<c>__key</c>, <c>this</c>, or a field of either).</summary>
internal sealed record MappingColumn(string Name, SqlColumnType Type, string Path, bool Hidden = false);

/// <summary>A mapping (CREATE MAPPING ... TYPE IMap): the map it reads, its columns and the formats of keys and values.</summary>
internal sealed record Mapping(string Name, string MapName, IReadOnlyList<MappingColumn> Columns, string KeyFormat, string ValueFormat, string? CompactTypeName)
{
    public MappingColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
}

/// <summary>The rows a statement produced: their columns, then the rows (values of each column's .NET type; OBJECT as Data).</summary>
internal sealed record SqlRows(IReadOnlyList<(string Name, SqlColumnType Type, bool Nullable)> Columns, List<object?[]> Rows);

/// <summary>
/// The cluster's SQL: a catalog of mappings and the execution of statements over the maps of <see cref="ClusterState"/>,
/// as a Hazelcast 5 member answers them (docs/notes/sql-protocol.md §6): DDL and DML return update count 0, a query
/// its rows; errors carry Hazelcast's codes.
/// </summary>
internal sealed class SqlEngine(ClusterState state)
{
    private readonly Dictionary<string, Mapping> _mappings = new(StringComparer.Ordinal);

    private SerializationService Serialization => state.Query.Serialization;

    /// <summary>Runs a statement: its rows, or (null) an update count of 0.</summary>
    public SqlRows? Execute(string sql, IReadOnlyList<Data> parameterData, SqlExpectedResultType expected)
    {
        var statement = Parsed(sql);
        var parameters = parameterData.Select(d => d.IsNull ? null : ToSqlValue(Serialization.ToObject(d), d)).ToList();
        var producesRows = statement is Select or ShowMappings;
        if (expected == SqlExpectedResultType.Rows && !producesRows) throw new SqlMemberException(SqlErrorCode.Generic, "The statement doesn't produce rows");
        if (expected == SqlExpectedResultType.UpdateCount && producesRows) throw new SqlMemberException(SqlErrorCode.Generic, "The statement doesn't produce update count");
        switch (statement)
        {
            case CreateMapping c: CreateMapping(c); return null;
            case DropMapping d: DropMapping(d); return null;
            case ShowMappings:
                lock (_mappings)
                    return new SqlRows([("name", SqlColumnType.Varchar, false)], _mappings.Keys.Order(StringComparer.Ordinal).Select(n => new object?[] { n }).ToList());
            case Select s: return Query(s, parameters);
            case Insert i: Insert(i, parameters); return null;
            case Update u: UpdateRows(u, parameters); return null;
            case Delete d: DeleteRows(d, parameters); return null;
            default: throw new SqlMemberException(SqlErrorCode.Parsing, $"The in-process member does not run {statement.GetType().Name} statements.");
        }
    }

    private const int MaxPlans = 1024;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SqlStatement> _plans = new(StringComparer.Ordinal);

    // Statements are parsed once per text, as a member caches its plans (parameters are numbered in the tree, so a
    // statement serves any values); the cache is bounded, emptied when full.
    private SqlStatement Parsed(string sql)
    {
        if (_plans.TryGetValue(sql, out var statement)) return statement;
        statement = SqlParser.Parse(sql);
        if (_plans.Count >= MaxPlans) _plans.Clear();
        _plans[sql] = statement;
        return statement;
    }

    // A parameter as SQL sees it: the .NET value of its SQL type; any other object stays serialized (OBJECT).
    private static object? ToSqlValue(object? value, Data data) => SqlEvaluator.TypeOf(value) == SqlColumnType.Object ? data : value;

    // ------------------------------------------------------------------ DDL

    private static readonly Dictionary<string, SqlColumnType> PrimitiveFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["varchar"] = SqlColumnType.Varchar, ["boolean"] = SqlColumnType.Boolean, ["tinyint"] = SqlColumnType.TinyInt,
        ["smallint"] = SqlColumnType.SmallInt, ["int"] = SqlColumnType.Integer, ["integer"] = SqlColumnType.Integer,
        ["bigint"] = SqlColumnType.BigInt, ["decimal"] = SqlColumnType.Decimal, ["real"] = SqlColumnType.Real,
        ["double"] = SqlColumnType.Double, ["date"] = SqlColumnType.Date, ["time"] = SqlColumnType.Time,
        ["timestamp"] = SqlColumnType.Timestamp, ["timestamp with time zone"] = SqlColumnType.TimestampWithTimeZone,
    };

    private void CreateMapping(CreateMapping c)
    {
        if (!string.Equals(c.Type, "IMap", StringComparison.OrdinalIgnoreCase))
            throw new SqlMemberException(SqlErrorCode.Parsing, $"Unknown connector type: {c.Type}");
        string Option(string key) => c.Options.TryGetValue(key, out var v) ? v
            : throw new SqlMemberException(SqlErrorCode.Parsing, $"Missing '{key}' option");
        var keyFormat = Option("keyFormat");
        var valueFormat = Option("valueFormat");
        string? compactType = null;
        if (valueFormat == "compact")
            compactType = c.Options.TryGetValue("valueCompactTypeName", out var t) ? t : throw new SqlMemberException(SqlErrorCode.Parsing, "valueCompactTypeName is required to create Compact-based mapping");
        var columns = new List<MappingColumn>();
        var key = Side(keyFormat, "__key");
        var value = Side(valueFormat, "this");
        if (key is { } k) columns.Add(k);
        if (value is { } v) columns.Add(v);
        foreach (var column in c.Columns ?? [])
        {
            var path = column.ExternalName ?? (column.Name is "__key" or "this" ? column.Name : "this." + column.Name);
            if (path is "__key" or "this")
            {
                var side = path == "__key" ? key : value;
                if (side is null) throw new SqlMemberException(SqlErrorCode.Parsing, $"Cannot use the '{path}' field with {(path == "__key" ? keyFormat : valueFormat)} serialization");
                columns[columns.FindIndex(x => x.Path == path)] = side with { Name = column.Name, Type = column.Type };
                continue;
            }
            var format = path.StartsWith("__key.", StringComparison.Ordinal) ? keyFormat : valueFormat;
            if (PrimitiveFormats.ContainsKey(format))
                throw new SqlMemberException(SqlErrorCode.Parsing, $"The field '{column.Name}' cannot be mapped: {format} values have no fields");
            columns.Add(new MappingColumn(column.Name, column.Type, path));
        }
        if (valueFormat is "json-flat" or "compact" or "portable" && !columns.Any(x => x.Path.StartsWith("this.", StringComparison.Ordinal)))
            throw new SqlMemberException(SqlErrorCode.Parsing, $"Column list is required to create {valueFormat}-based mapping");
        var duplicate = columns.GroupBy(x => x.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new SqlMemberException(SqlErrorCode.Parsing, $"Column '{duplicate.Key}' specified more than once");
        var mapName = c.Options.TryGetValue("externalName", out var external) ? external : c.Name;
        var mapping = new Mapping(c.Name, mapName, columns, keyFormat, valueFormat, compactType);
        lock (_mappings)
        {
            if (_mappings.ContainsKey(c.Name) && !c.OrReplace)
            {
                if (c.IfNotExists) return;
                throw new SqlMemberException(SqlErrorCode.Generic, $"Mapping already exists: {c.Name}");
            }
            _mappings[c.Name] = mapping;
        }
    }

    // The column a key or value of a primitive format is (hidden when the value's fields are columns).
    private static MappingColumn? Side(string format, string path)
    {
        if (PrimitiveFormats.TryGetValue(format, out var type)) return new MappingColumn(path, type, path);
        return format switch
        {
            "json" => new MappingColumn(path, SqlColumnType.Json, path),
            "json-flat" or "compact" or "portable" or "java" => new MappingColumn(path, SqlColumnType.Object, path, Hidden: true),
            _ => throw new SqlMemberException(SqlErrorCode.Parsing, $"Unsupported serialization format: {format}"),
        };
    }

    private void DropMapping(DropMapping d)
    {
        lock (_mappings)
            if (!_mappings.Remove(d.Name) && !d.IfExists)
                throw new SqlMemberException(SqlErrorCode.ObjectNotFound, $"Mapping does not exist: {d.Name}");
    }

    private Mapping MappingOf(string name)
    {
        lock (_mappings)
            if (_mappings.TryGetValue(name, out var mapping)) return mapping;
        var message = $"Object '{name}' not found, did you forget to CREATE MAPPING?";
        var suggestion = SuggestMapping(name);
        if (suggestion is not null) message += $" If you want to use the IMap named '{name}', execute this command first: {suggestion}";
        throw new SqlMemberException(SqlErrorCode.ObjectNotFound, message, suggestion);
    }

    // The CREATE MAPPING a map needs, from one of its entries (null when there is no such map, or it is empty).
    private string? SuggestMapping(string name)
    {
        if (!state.Objects().Any(o => o.ServiceName == MapStore.ServiceName && o.Name == name)) return null;
        var entry = state.Map(name).Entries().FirstOrDefault();
        if (entry.Key.Bytes.IsEmpty) return null;
        string? Format(object? v) => SqlEvaluator.TypeOf(v) switch
        {
            SqlColumnType.Varchar => "varchar", SqlColumnType.Integer => "int", SqlColumnType.BigInt => "bigint",
            SqlColumnType.Double => "double", SqlColumnType.Boolean => "boolean", SqlColumnType.Json => "json", _ => null,
        };
        var keyFormat = Format(Serialization.ToObject(entry.Key));
        var valueFormat = Format(Serialization.ToObject(entry.Value));
        if (keyFormat is null || valueFormat is null) return null;
        return $"CREATE MAPPING \"{name}\"\nTYPE IMap\nOPTIONS (\n  'keyFormat' = '{keyFormat}',\n  'valueFormat' = '{valueFormat}'\n)";
    }

    // ------------------------------------------------------------------ reading rows

    /// <summary>The values of an entry's columns (read lazily), as the mapping types them.</summary>
    private sealed class EntryRow(SqlEngine engine, Mapping mapping, Data key, Data value)
    {
        private object? _key, _value;
        private bool _keyRead, _valueRead;

        public Data Key => key;

        public object? KeyObject => _keyRead ? _key : (_keyRead = true, _key = engine.Serialization.ToObject(key)).Item2;

        public object? ValueObject => _valueRead ? _value : (_valueRead = true, _value = engine.Serialization.ToObject(value)).Item2;

        public object? this[string name]
        {
            get
            {
                var column = mapping.Column(name) ?? throw new SqlMemberException(SqlErrorCode.Parsing, $"Column '{name}' not found in any table");
                return Read(column);
            }
        }

        public object? Read(MappingColumn column)
        {
            if (column.Path == "__key") return column.Type == SqlColumnType.Object ? key : Convert(KeyObject, column);
            if (column.Path == "this") return column.Type == SqlColumnType.Object ? value : Convert(ValueObject, column);
            var (root, field) = column.Path.StartsWith("__key.", StringComparison.Ordinal) ? (KeyObject, column.Path[6..]) : (ValueObject, column.Path[5..]);
            return Convert(FieldOf(root, field), column);
        }

        private static object? FieldOf(object? root, string field) => root switch
        {
            null => null,
            GenericRecord record => record.GetFieldKind(field) == FieldKind.NotAvailable ? null : record.GetValue(field),
            HazelcastJsonValue json => JsonNode.Parse(json.Value) is JsonObject o && o.TryGetPropertyValue(field, out var node) ? FromJson(node) : null,
            _ => null,
        };

        private static object? FromJson(JsonNode? node) => node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<long>(out var l) => l,
            JsonValue v when v.TryGetValue<double>(out var d) => d,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => new HazelcastJsonValue(node.ToJsonString()),
        };

        // A stored value as its column's type; one that cannot be is a data error, as on a real member.
        private object? Convert(object? v, MappingColumn column)
        {
            if (v is null) return null;
            if (v is sbyte[] or byte[] || (SqlEvaluator.TypeOf(v) == SqlColumnType.Object && column.Type != SqlColumnType.Object))
                throw new SqlMemberException(SqlErrorCode.DataException, $"Failed to extract map entry {column.Path} field, because of type mismatch [expectedClass={column.Type}, actualClass={v.GetType().Name}]");
            try
            {
                return SqlEvaluator.Evaluate(new Cast(new Literal(v, SqlEvaluator.TypeOf(v)), column.Type), _ => null, []);
            }
            catch (SqlMemberException e)
            {
                throw new SqlMemberException(SqlErrorCode.DataException, $"Cannot convert the {column.Path} field of map entry to {column.Type}: {e.Message}");
            }
        }
    }

    private IEnumerable<EntryRow> Scan(Mapping mapping)
        => state.Map(mapping.MapName).Entries().Select(e => new EntryRow(this, mapping, e.Key, e.Value));

    /// <summary>
    /// The rows <paramref name="where"/> may keep: with <c>__key = value</c> in it (alone or in an AND), the one entry
    /// of that key, as a real member plans a key lookup; otherwise every entry. WHERE is still applied to them.
    /// </summary>
    private IEnumerable<EntryRow> Scan(Mapping mapping, Expr? where, IReadOnlyList<object?> parameters)
    {
        var keyColumn = mapping.Columns.First(c => c.Path == "__key");
        if (keyColumn.Type == SqlColumnType.Object || KeyValue(where, keyColumn.Name) is not { } expression) return Scan(mapping);
        var value = SqlEvaluator.Evaluate(expression, _ => null, parameters);
        if (value is null) return [];
        value = expression is Parameter p ? SqlEvaluator.CoerceParameter(value, keyColumn.Type, p.Index) : SqlEvaluator.CastTo(value, keyColumn.Type);
        var key = Serialization.ToData(value);
        var stored = state.Map(mapping.MapName).Get(key);
        return stored.IsNull ? [] : [new EntryRow(this, mapping, key, stored)];
    }

    // The literal or parameter the key column is compared with for equality, at the top of a WHERE or in its ANDs.
    private static Expr? KeyValue(Expr? where, string keyColumn) => where switch
    {
        Binary { Op: "=", Left: Column c, Right: Literal or Parameter or Cast { Value: Literal or Parameter } } b when c.Name == keyColumn => b.Right,
        Binary { Op: "=", Left: Literal or Parameter or Cast { Value: Literal or Parameter }, Right: Column c } b when c.Name == keyColumn => b.Left,
        Binary { Op: "AND" } b => KeyValue(b.Left, keyColumn) ?? KeyValue(b.Right, keyColumn),
        _ => null,
    };

    private static Func<string, object?> Reader(EntryRow row) => name => row[name];

    private static bool Matches(Expr? where, EntryRow row, IReadOnlyList<object?> parameters)
        => where is null || SqlEvaluator.Evaluate(where, Reader(row), parameters) is true;

    private SqlRows Query(Select s, IReadOnlyList<object?> parameters)
    {
        var mapping = MappingOf(s.From);
        var items = new List<(Expr Expression, string Name)>();
        foreach (var item in s.Items)
        {
            if (item.Expression is null) items.AddRange(mapping.Columns.Where(c => !c.Hidden).Select(c => ((Expr)new Column(c.Name), c.Name)));
            else items.Add((item.Expression, item.Alias ?? (item.Expression is Column col ? col.Name : $"EXPR${items.Count}")));
        }
        var rows = Scan(mapping, s.Where, parameters).Where(r => Matches(s.Where, r, parameters)).ToList();
        var grouped = s.GroupBy.Count > 0 || items.Any(i => i.Expression.HasAggregate) || s.Having is not null;
        List<(object?[] Values, Func<string, object?> Order)> results = [];
        if (grouped)
        {
            var groups = s.GroupBy.Count == 0
                ? [rows.Select(Reader).ToList()]
                : rows.GroupBy(r => string.Join("\u0001", s.GroupBy.Select(g => Key(SqlEvaluator.Evaluate(g, Reader(r), parameters)))))
                    .Select(g => g.Select(Reader).ToList()).ToList();
            foreach (var group in groups)
            {
                if (s.Having is not null && SqlEvaluator.EvaluateGrouped(s.Having, group, parameters) is not true) continue;
                var values = items.Select(i => SqlEvaluator.EvaluateGrouped(i.Expression, group, parameters)).ToArray();
                results.Add((values, Projected(items, values, name => group.Count == 0 ? null : group[0](name))));
            }
        }
        else
        {
            foreach (var row in rows)
            {
                var reader = Reader(row);
                var values = items.Select(i => SqlEvaluator.Evaluate(i.Expression, reader, parameters)).ToArray();
                results.Add((values, Projected(items, values, reader)));
            }
        }
        if (s.OrderBy.Count > 0)
        {
            var comparer = SqlEvaluator.OrderComparer;
            results.Sort((a, b) =>
            {
                foreach (var order in s.OrderBy)
                {
                    var c = comparer.Compare(SqlEvaluator.Evaluate(order.Expression, a.Order, parameters), SqlEvaluator.Evaluate(order.Expression, b.Order, parameters));
                    if (c != 0) return order.Descending ? -c : c;
                }
                return 0;
            });
        }
        IEnumerable<object?[]> page = results.Select(r => r.Values);
        if (s.Offset is not null) page = page.Skip(Count(s.Offset, parameters, "OFFSET"));
        if (s.Limit is not null) page = page.Take(Count(s.Limit, parameters, "LIMIT"));
        var output = page.ToList();
        var columns = items.Select((item, i) =>
        {
            var type = item.Expression is Column c && mapping.Column(c.Name) is { } mc ? mc.Type
                : output.Select(r => r[i]).FirstOrDefault(v => v is not null) is { } sample ? SqlEvaluator.TypeOf(sample) : SqlColumnType.Null;
            return (item.Name, type, true);
        }).ToList();
        // Values of a computed column are of one type: an int next to a long is widened, as the column's type says.
        for (var i = 0; i < columns.Count; i++)
            foreach (var row in output)
                if (row[i] is { } v && columns[i].type != SqlColumnType.Object && SqlEvaluator.TypeOf(v) != columns[i].type)
                    row[i] = SqlEvaluator.Evaluate(new Cast(new Literal(v, SqlEvaluator.TypeOf(v)), columns[i].type), _ => null, parameters);
        return new SqlRows(columns, output);
    }

    // ORDER BY sees the select list's aliases, then the mapping's columns.
    private static Func<string, object?> Projected(List<(Expr Expression, string Name)> items, object?[] values, Func<string, object?> fallback)
        => name =>
        {
            var i = items.FindIndex(x => x.Name == name);
            return i >= 0 ? values[i] : fallback(name);
        };

    private static string Key(object? v) => v is null ? "\u0000null" : $"{v.GetType().Name}:{System.Convert.ToString(v, CultureInfo.InvariantCulture)}";

    private static int Count(Expr e, IReadOnlyList<object?> parameters, string what)
    {
        var v = SqlEvaluator.Evaluate(e, _ => throw new SqlMemberException(SqlErrorCode.Parsing, $"{what} cannot name a column"), parameters);
        return v switch
        {
            int i and >= 0 => i,
            long l and >= 0 and <= int.MaxValue => (int)l,
            short or sbyte => System.Convert.ToInt32(v, CultureInfo.InvariantCulture) is var n and >= 0 ? n : throw Negative(),
            null => throw new SqlMemberException(SqlErrorCode.DataException, $"{what} value cannot be null"),
            _ => throw Negative(),
        };
        SqlMemberException Negative() => new(SqlErrorCode.DataException, $"{what} value cannot be negative: {v}");
    }

    // ------------------------------------------------------------------ writing rows

    private void Insert(Insert i, IReadOnlyList<object?> parameters)
    {
        var mapping = MappingOf(i.Table);
        var names = i.Columns ?? mapping.Columns.Where(c => !c.Hidden).Select(c => c.Name).ToList();
        var map = state.Map(mapping.MapName);
        foreach (var row in i.Rows)
        {
            if (row.Count != names.Count) throw new SqlMemberException(SqlErrorCode.Parsing, $"Number of INSERT target columns ({names.Count}) does not equal number of source items ({row.Count})");
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var c = 0; c < names.Count; c++)
            {
                var column = mapping.Column(names[c]) ?? throw new SqlMemberException(SqlErrorCode.Parsing, $"Unknown target column '{names[c]}'");
                values[column.Name] = Coerce(SqlEvaluator.Evaluate(row[c], _ => throw new SqlMemberException(SqlErrorCode.Parsing, "INSERT values cannot name columns"), parameters), column, row[c]);
            }
            var (key, value) = Serialize(mapping, values);
            if (!i.Sink && map.ContainsKey(key)) throw new SqlMemberException(SqlErrorCode.DataException, $"Duplicate key");
            map.Put(key, value, -1, -1, PartitionOf(key));
        }
    }

    private void UpdateRows(Update u, IReadOnlyList<object?> parameters)
    {
        var mapping = MappingOf(u.Table);
        var map = state.Map(mapping.MapName);
        foreach (var row in Scan(mapping, u.Where, parameters).Where(r => Matches(u.Where, r, parameters)).ToList())
        {
            var values = mapping.Columns.Where(c => !c.Hidden || c.Path == "__key").ToDictionary(c => c.Name, c => row.Read(c), StringComparer.Ordinal);
            foreach (var (name, expression) in u.Set)
            {
                var column = mapping.Column(name) ?? throw new SqlMemberException(SqlErrorCode.Parsing, $"Column '{name}' not found in any table");
                if (column.Path.StartsWith("__key", StringComparison.Ordinal)) throw new SqlMemberException(SqlErrorCode.Parsing, $"Cannot update '{name}'");
                values[name] = Coerce(SqlEvaluator.Evaluate(expression, Reader(row), parameters), column, expression);
            }
            var (_, value) = Serialize(mapping, values, row.Key);
            map.Put(row.Key, value, -1, -1, PartitionOf(row.Key));
        }
    }

    private void DeleteRows(Delete d, IReadOnlyList<object?> parameters)
    {
        var mapping = MappingOf(d.Table);
        var map = state.Map(mapping.MapName);
        foreach (var row in Scan(mapping, d.Where, parameters).Where(r => Matches(d.Where, r, parameters)).ToList()) map.Remove(row.Key, PartitionOf(row.Key));
    }

    private int PartitionOf(Data key) => Hazelcast.Serialization.MurmurHash3.PartitionId(key.PartitionHash, state.Options.PartitionCount);

    private static object? Coerce(object? value, MappingColumn column, Expr source)
    {
        if (value is null) return null;
        if (source is Parameter p) return SqlEvaluator.CoerceParameter(value, column.Type, p.Index);
        if (column.Type == SqlColumnType.Object || SqlEvaluator.TypeOf(value) == column.Type) return value;
        return SqlEvaluator.Evaluate(new Cast(new Literal(value, SqlEvaluator.TypeOf(value)), column.Type), _ => null, []);
    }

    // The key and value an INSERT or UPDATE writes, in the mapping's formats.
    private (Data Key, Data Value) Serialize(Mapping mapping, Dictionary<string, object?> values, Data? existingKey = null)
    {
        var keyColumn = mapping.Columns.First(c => c.Path == "__key");
        var key = existingKey ?? (values.GetValueOrDefault(keyColumn.Name) is { } k
            ? k as Data? ?? Serialization.ToData(k)
            : throw new SqlMemberException(SqlErrorCode.DataException, "Cannot write NULL to '__key' field"));
        var valueColumn = mapping.Columns.First(c => c.Path == "this");
        var fields = mapping.Columns.Where(c => c.Path.StartsWith("this.", StringComparison.Ordinal)).ToList();
        object? value;
        switch (mapping.ValueFormat)
        {
            case "json-flat":
                {
                    var json = new JsonObject();
                    foreach (var f in fields) json[f.Path[5..]] = ToJson(values.GetValueOrDefault(f.Name));
                    value = new HazelcastJsonValue(json.ToJsonString());
                    break;
                }
            case "compact":
                {
                    var builder = GenericRecordBuilder.Compact(mapping.CompactTypeName!);
                    foreach (var f in fields.OrderBy(f => f.Path, StringComparer.Ordinal)) builder.Set(f.Path[5..], CompactKind(f.Type), values.GetValueOrDefault(f.Name));
                    value = builder.Build();
                    break;
                }
            case "portable" or "java":
                throw new SqlMemberException(SqlErrorCode.Generic, $"The in-process member cannot write {mapping.ValueFormat} values with SQL.");
            default:
                value = values.GetValueOrDefault(valueColumn.Name);
                if (value is null) throw new SqlMemberException(SqlErrorCode.DataException, "Cannot write NULL to 'this' field");
                break;
        }
        return (key, value as Data? ?? Serialization.ToData(value));
    }

    private static JsonNode? ToJson(object? v) => v switch
    {
        null => null,
        HazelcastJsonValue j => JsonNode.Parse(j.Value),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        DateOnly or TimeOnly or DateTime or DateTimeOffset => JsonValue.Create(System.Convert.ToString(v, CultureInfo.InvariantCulture)),
        _ => JsonNode.Parse(System.Convert.ToString(v, CultureInfo.InvariantCulture)!),
    };

    // The kind SQL writes a Compact field of a column's type with (nullable: SQL values may be null).
    private static FieldKind CompactKind(SqlColumnType type) => type switch
    {
        SqlColumnType.Varchar => FieldKind.String,
        SqlColumnType.Boolean => FieldKind.NullableBoolean,
        SqlColumnType.TinyInt => FieldKind.NullableInt8,
        SqlColumnType.SmallInt => FieldKind.NullableInt16,
        SqlColumnType.Integer => FieldKind.NullableInt32,
        SqlColumnType.BigInt => FieldKind.NullableInt64,
        SqlColumnType.Real => FieldKind.NullableFloat32,
        SqlColumnType.Double => FieldKind.NullableFloat64,
        SqlColumnType.Decimal => FieldKind.Decimal,
        SqlColumnType.Date => FieldKind.Date,
        SqlColumnType.Time => FieldKind.Time,
        SqlColumnType.Timestamp => FieldKind.Timestamp,
        SqlColumnType.TimestampWithTimeZone => FieldKind.TimestampWithTimezone,
        _ => throw new SqlMemberException(SqlErrorCode.Parsing, $"The in-process member cannot write a {type} Compact field."),
    };
}
