using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hazelcast.Query;
using Hazelcast.Serialization;
using Hazelcast.Serialization.Compact;

namespace Hazelcast.Testing;

/// <summary>
/// Evaluates Hazelcast's built-in predicates on map entries (PROTOCOL.md §8): attributes <c>this</c> (the value),
/// <c>__key</c> (the key), and paths into JSON values (<c>address.city</c>, <c>tags[0]</c>, <c>tags[any]</c>).
/// Values are compared as Java does after converting the predicate's value to the attribute's type: numbers as
/// numbers, strings ordinally.
/// </summary>
internal sealed class QueryEngine
{
    private readonly SerializationService _serialization;
    private readonly int _partitionCount;

    public QueryEngine(int partitionCount, IEnumerable<KeyValuePair<int, IDataSerializableFactory>>? userFactories = null)
    {
        _partitionCount = partitionCount;
        var options = new SerializationOptions();
        options.DataSerializableFactories[Predicates.FactoryId] = new PredicateFactory();
        foreach (var (factoryId, factory) in userFactories ?? []) options.DataSerializableFactories[factoryId] = factory;
        _serialization = new SerializationService(options);
    }

    public SerializationService Serialization => _serialization;

    /// <summary>The Compact schemas of the cluster (Client.SendSchema stores them, Client.FetchSchema serves them).</summary>
    public CompactSchemaRegistry Schemas => _serialization.Compact.Schemas;

    /// <summary>Reads a predicate sent by a client; null (or a serialized null) means "every entry".</summary>
    public IPredicate? ReadPredicate(Data data)
    {
        if (data.IsNull || data.TypeId == 0) return null;
        return _serialization.ToObject(data) as IPredicate
            ?? throw new RemoteErrorException(Protocol.RemoteError.IllegalArgument, $"Serializer type {data.TypeId} is not a predicate.");
    }

    /// <summary>The values of an attribute of an entry (several through <c>[any]</c>), as an index keys them.</summary>
    public List<object?> AttributeValues(string attribute, Data key, Data value) => Values(attribute, new Entry(this, key, value, -1)).ToList();

    /// <summary>
    /// What an index on <paramref name="attribute"/> can answer in <paramref name="predicate"/>: a filter on the
    /// attribute's values (equality, IN, ranges), found at the top level or in a top-level AND. Null when none.
    /// </summary>
    public static Func<object?, bool>? IndexFilter(IPredicate? predicate, string attribute) => predicate switch
    {
        // Null is not an index key: a query for null scans.
        EqualPredicate e when e.ClassId == EqualPredicate.EqualClassId && e.Attribute == attribute && e.Value is not null => v => AreEqual(v, e.Value),
        InPredicate i when i.Attribute == attribute && i.Values.All(x => x is not null) => v => i.Values.Any(x => AreEqual(v, x)),
        GreaterLessPredicate g when g.Attribute == attribute => v => Compare(v, g.Value) is { } c && (g.Less ? (g.Equal ? c <= 0 : c < 0) : (g.Equal ? c >= 0 : c > 0)),
        BetweenPredicate b when b.Attribute == attribute => v => Compare(v, b.From) >= 0 && Compare(v, b.To) <= 0,
        AndPredicate a => a.Predicates.Select(p => IndexFilter(p, attribute)).FirstOrDefault(f => f is not null),
        _ => null,
    };

    /// <summary>Index keys: numbers compare as numbers whatever their type, everything else as itself.</summary>
    public static object IndexKey(object? value) => value switch
    {
        null => NullKey,
        byte or sbyte or short or int or long or float or double or decimal or System.Numerics.BigInteger => ToDouble(value),
        _ => value,
    };

    private static readonly object NullKey = new();

    /// <summary>
    /// Whether an entry matches. <paramref name="requestPartition"/>: the partition the request was sent to (the
    /// client routes a query with a partition predicate to its key's partition), or -1.
    /// </summary>
    public bool Matches(IPredicate? predicate, Data key, Data value, int requestPartition = -1)
    {
        if (predicate is null) return true;
        var entry = new Entry(this, key, value, requestPartition);
        return Evaluate(predicate, entry);
    }

    /// <summary>
    /// A page of a paging query, with the anchors updated (PROTOCOL.md §4.3, after Java's PagingPredicateImpl):
    /// entries ordered by the comparator when there is one, else by key (by value when <paramref name="byValue"/>),
    /// ties by key hash (Java's SortingUtil); page N starts after the nearest anchor the client sent.
    /// </summary>
    public (List<KeyValuePair<Data, Data>> Page, List<(int Page, KeyValuePair<Data, Data> Entry)> Anchors) Page(
        List<KeyValuePair<Data, Data>> matching, int pageSize, int page, bool byValue, List<(int Page, KeyValuePair<Data, Data> Entry)> anchors,
        Func<KeyValuePair<object?, object?>, KeyValuePair<object?, object?>, int>? comparator = null)
    {
        if (pageSize <= 0) throw new RemoteErrorException(Protocol.RemoteError.IllegalArgument, $"The page size must be positive: {pageSize}.");
        var cache = new Dictionary<Data, object?>();
        object? Read(Data d)
        {
            if (!cache.TryGetValue(d, out var o)) cache[d] = o = _serialization.ToObject(d);
            return o;
        }
        int CompareEntries(KeyValuePair<Data, Data> a, KeyValuePair<Data, Data> b)
        {
            int c;
            if (comparator is not null)
            {
                c = comparator(new(Read(a.Key), Read(a.Value)), new(Read(b.Key), Read(b.Value)));
            }
            else
            {
                var (x, y) = byValue ? (Read(a.Value), Read(b.Value)) : (Read(a.Key), Read(b.Key));
                c = Compare(x, y) ?? string.CompareOrdinal(x?.ToString(), y?.ToString());
            }
            return c != 0 ? c : a.Key.PartitionHash.CompareTo(b.Key.PartitionHash);
        }

        var sorted = matching.ToList();
        sorted.Sort(CompareEntries);
        var updated = anchors.ToList();
        var (nearestPage, nearest) = page == 0 || updated.Count == 0 ? (-1, (KeyValuePair<Data, Data>?)null)
            : page < updated.Count ? (updated[page - 1].Page, updated[page - 1].Entry) : (updated[^1].Page, updated[^1].Entry);
        if (nearest is { } anchor) sorted = sorted.Where(e => CompareEntries(e, anchor) > 0).ToList();
        var begin = pageSize * (page - nearestPage - 1);
        var result = begin > sorted.Count ? [] : sorted.GetRange(begin, Math.Min(pageSize, sorted.Count - begin));
        for (var i = pageSize; i <= sorted.Count && nearestPage < page; i += pageSize)
        {
            nearestPage++;
            var entry = (nearestPage, sorted[i - 1]);
            if (nearestPage < updated.Count) updated[nearestPage] = entry;
            else if (nearestPage == updated.Count) updated.Add(entry);
        }
        return (result, updated);
    }

    /// <summary>The partition of a partition predicate's key, when the request did not name it: the key serialized again.</summary>
    private int PartitionOf(object? key)
    {
        try
        {
            return MurmurHash3.PartitionId(_serialization.ToData(key).PartitionHash, _partitionCount);
        }
        catch (SerializationException e)
        {
            throw new RemoteErrorException(Protocol.RemoteError.HazelcastSerialization,
                $"The in-process member cannot find the partition of this partition key ({e.Message}); send the query to the key's partition.");
        }
    }

    private sealed class Entry(QueryEngine engine, Data key, Data value, int requestPartition)
    {
        public int PartitionId => MurmurHash3.PartitionId(key.PartitionHash, engine._partitionCount);

        public int RequestPartition => requestPartition;

        private object? _key;
        private object? _value;
        private bool _keyRead, _valueRead;

        public object? Key => _keyRead ? _key : (_keyRead = true, _key = Read(key)).Item2;

        public object? Value => _valueRead ? _value : (_valueRead = true, _value = Read(value)).Item2;

        private object? Read(Data data)
        {
            try
            {
                return data.IsNull ? null : engine._serialization.ToObject(data);
            }
            catch (MissingCompactSchemaException e)
            {
                throw new RemoteErrorException(Protocol.RemoteError.HazelcastSerialization, $"The schema can not be found with id {e.SchemaId}");
            }
        }
    }

    private bool Evaluate(IPredicate predicate, Entry entry) => predicate switch
    {
        ConstantPredicate c => c.Value,
        AndPredicate a => a.Predicates.All(p => Evaluate(p, entry)),
        OrPredicate o => o.Predicates.Any(p => Evaluate(p, entry)),
        NotPredicate n => !Evaluate(n.Predicate, entry),
        // A real member runs a partition predicate on the partition of its key only (PartitionPredicateImpl): an entry
        // of another partition never matches, whatever the inner predicate says.
        PartitionPredicate p => entry.PartitionId == (entry.RequestPartition >= 0 ? entry.RequestPartition : PartitionOf(p.PartitionKey)) && Evaluate(p.Target, entry),
        EqualPredicate e when e.ClassId == EqualPredicate.EqualClassId => Values(e.Attribute, entry).Any(v => AreEqual(v, e.Value)),
        EqualPredicate e => !Values(e.Attribute, entry).Any(v => AreEqual(v, e.Value)),
        GreaterLessPredicate g => Values(g.Attribute, entry).Any(v => Compare(v, g.Value) is { } c && (g.Less ? (g.Equal ? c <= 0 : c < 0) : (g.Equal ? c >= 0 : c > 0))),
        BetweenPredicate b => Values(b.Attribute, entry).Any(v => Compare(v, b.From) >= 0 && Compare(v, b.To) <= 0),
        InPredicate i => Values(i.Attribute, entry).Any(v => i.Values.Any(x => AreEqual(v, x))),
        LikePredicate l => Values(l.Attribute, entry).Any(v => v is not null && Like(l, Convert.ToString(v, CultureInfo.InvariantCulture)!)),
        InstanceOfPredicate t => JavaClassName(entry.Value) == t.ClassName,
        SqlPredicate s => Evaluate(SqlParser.Parse(s.Sql), entry),
        _ => throw new RemoteErrorException(Protocol.RemoteError.UnsupportedOperation, $"The in-process member cannot evaluate {predicate.GetType().Name}."),
    };

    /// <summary>The attribute's values: one, or several when a path goes through <c>[any]</c>.</summary>
    private static IEnumerable<object?> Values(string attribute, Entry entry)
    {
        string path;
        object? root;
        if (attribute == "this") return [entry.Value];
        if (attribute == "__key") return [entry.Key];
        if (attribute.StartsWith("__key.", StringComparison.Ordinal)) { root = entry.Key; path = attribute[6..]; }
        else if (attribute.StartsWith("this.", StringComparison.Ordinal)) { root = entry.Value; path = attribute[5..]; }
        else { root = entry.Value; path = attribute; }
        var segments = Segments(path);
        // A real member reads an attribute its value lacks as null (AbstractJsonGetter returns null when it finds no
        // such attribute, as for a JSON null), so equal(attr, null) matches it and notEqual(attr, x) includes it. Through
        // [any], a missing or non-array attribute before it reads as one null too, and so does a null or empty array of a
        // Compact value (MultiResult.addNullOrEmptyTarget); an empty JSON array gives no value.
        var any = segments.IndexOf("[any]");
        var beforeAny = any < 0 ? segments : segments.Take(any).ToList();
        if (root is GenericRecord record)
        {
            if (any >= 0 && !Walk(record, beforeAny).Any(v => v is Array { Length: > 0 })) return [null];
            var found = Walk(record, segments).ToList();
            return found.Count == 0 && any < 0 ? [null] : found;
        }
        if (root is HazelcastJsonValue json)
        {
            using var document = JsonDocument.Parse(json.Value);
            if (any >= 0 && !Walk(document.RootElement, beforeAny).Any(e => e.ValueKind == JsonValueKind.Array)) return [null];
            var found = Walk(document.RootElement, segments).Select(Materialize).ToList();
            return found.Count == 0 && any < 0 ? [null] : found;
        }
        // A value that has no attributes (a number, a string, an IdentifiedDataSerializable object the member reads no
        // fields of): a real member's extractor finds no accessor and fails the query, naming the attribute.
        if (root is not null)
            throw new RemoteErrorException(Protocol.RemoteError.Query, $"There is no suitable accessor for '{path}' on class '{JavaClassName(root)}'");
        return [];
    }

    private static List<string> Segments(string path)
    {
        var segments = new List<string>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket < 0) { segments.Add(part); continue; }
            if (bracket > 0) segments.Add(part[..bracket]);
            foreach (Match m in Regex.Matches(part[bracket..], @"\[([^\]]*)\]")) segments.Add("[" + m.Groups[1].Value + "]");
        }
        return segments;
    }

    /// <summary>
    /// The values at a path, in a JSON document or a Compact object alike: fields by name, array items by <c>[i]</c>
    /// or <c>[any]</c>. <paramref name="items"/> gives a node's items (null when it is not an array), and
    /// <paramref name="field"/> a node's field (false when it has none of that name).
    /// </summary>
    private static IEnumerable<T> Walk<T>(T node, List<string> segments, int index, Func<T, IReadOnlyList<T>?> items, TryGetField<T> field)
    {
        if (index == segments.Count)
        {
            yield return node;
            yield break;
        }
        var segment = segments[index];
        if (segment.StartsWith('['))
        {
            if (items(node) is not { } list) yield break;
            var inner = segment[1..^1];
            if (inner == "any")
            {
                foreach (var item in list)
                    foreach (var found in Walk(item, segments, index + 1, items, field)) yield return found;
            }
            else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < list.Count)
            {
                foreach (var found in Walk(list[i], segments, index + 1, items, field)) yield return found;
            }
            yield break;
        }
        if (field(node, segment, out var child))
            foreach (var found in Walk(child, segments, index + 1, items, field)) yield return found;
    }

    private delegate bool TryGetField<T>(T node, string name, out T child);

    private static IEnumerable<JsonElement> Walk(JsonElement element, List<string> segments) => Walk(element, segments, 0,
        static e => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToList() : null,
        static (JsonElement e, string name, out JsonElement child) =>
        {
            child = default;
            return e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out child);
        });

    private static IEnumerable<object?> Walk(GenericRecord record, List<string> segments) => Walk<object?>(record, segments, 0,
        static v => v is Array array ? array.Cast<object?>().ToList() : null,
        static (object? v, string name, out object? child) =>
        {
            child = null;
            return v is GenericRecord r && r.Fields.TryGetValue(name, out child);
        });

    private static object? Materialize(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(), // a whole number is a long, as on a real member (not a double: the ternary would widen it)
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        _ => e.GetRawText(),
    };

    private static bool IsNumber(object? v) => v is byte or sbyte or short or int or long or float or double or decimal or System.Numerics.BigInteger;

    private static double ToDouble(object v) => v is System.Numerics.BigInteger b ? (double)b : Convert.ToDouble(v, CultureInfo.InvariantCulture);

    /// <summary>Compares an attribute's value with a predicate's value converted to the attribute's type; null when not comparable.</summary>
    public static int? Compare(object? attribute, object? value)
    {
        if (attribute is null || value is null) return null;
        if (IsNumber(attribute))
        {
            double other;
            if (IsNumber(value)) other = ToDouble(value);
            else if (value is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) other = parsed;
            else return null;
            return ToDouble(attribute).CompareTo(other);
        }
        if (attribute is string a) return string.CompareOrdinal(a, value is string v ? v : Convert.ToString(value, CultureInfo.InvariantCulture));
        if (attribute is bool b) return value is bool vb ? b.CompareTo(vb) : bool.TryParse(value.ToString(), out var pb) ? b.CompareTo(pb) : null;
        if (attribute is char c) return value is char vc ? c.CompareTo(vc) : string.CompareOrdinal(c.ToString(), value.ToString());
        if (attribute is Guid g) return value is Guid vg ? g.CompareTo(vg) : null;
        return null;
    }

    internal static bool AreEqual(object? attribute, object? value)
    {
        if (attribute is null || value is null) return attribute is null && value is null;
        return Compare(attribute, value) == 0 || attribute.Equals(value);
    }

    private static bool Like(LikePredicate like, string text)
    {
        if (like.ClassId == LikePredicate.RegexClassId) return Regex.IsMatch(text, "^(?:" + like.Expression + ")$", RegexOptions.None, TimeSpan.FromSeconds(1));
        var pattern = new StringBuilder("^");
        for (var i = 0; i < like.Expression.Length; i++)
        {
            var ch = like.Expression[i];
            if (ch == '\\' && i + 1 < like.Expression.Length) pattern.Append(Regex.Escape(like.Expression[++i].ToString()));
            else if (ch == '%') pattern.Append(".*");
            else if (ch == '_') pattern.Append('.');
            else pattern.Append(Regex.Escape(ch.ToString()));
        }
        pattern.Append('$');
        var options = RegexOptions.Singleline | (like.ClassId == LikePredicate.ILikeClassId ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.None);
        return Regex.IsMatch(text, pattern.ToString(), options, TimeSpan.FromSeconds(1));
    }

    private static string JavaClassName(object? value) => value switch
    {
        string => "java.lang.String",
        int => "java.lang.Integer",
        long => "java.lang.Long",
        short => "java.lang.Short",
        byte => "java.lang.Byte",
        double => "java.lang.Double",
        float => "java.lang.Float",
        bool => "java.lang.Boolean",
        char => "java.lang.Character",
        Guid => "java.util.UUID",
        decimal => "java.math.BigDecimal",
        System.Numerics.BigInteger => "java.math.BigInteger",
        HazelcastJsonValue => "com.hazelcast.core.HazelcastJsonValue",
        byte[] => "[B",
        _ => value?.GetType().FullName ?? "null",
    };
}
