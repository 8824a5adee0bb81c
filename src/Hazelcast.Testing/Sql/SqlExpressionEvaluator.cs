using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Hazelcast.Sql;

namespace Hazelcast.Testing.Sql;

/// <summary>
/// Evaluates expressions with SQL's rules as Hazelcast applies them: three-valued logic, numbers promoted to the wider
/// type (overflow and division by zero are data errors), parameters typed by what they meet, aggregates over groups.
/// </summary>
internal static class SqlEvaluator
{
    public static SqlColumnType TypeOf(object? value) => value switch
    {
        null => SqlColumnType.Null,
        string => SqlColumnType.Varchar,
        bool => SqlColumnType.Boolean,
        sbyte => SqlColumnType.TinyInt,
        short => SqlColumnType.SmallInt,
        int => SqlColumnType.Integer,
        long => SqlColumnType.BigInt,
        decimal => SqlColumnType.Decimal,
        float => SqlColumnType.Real,
        double => SqlColumnType.Double,
        DateOnly => SqlColumnType.Date,
        TimeOnly => SqlColumnType.Time,
        DateTime => SqlColumnType.Timestamp,
        DateTimeOffset => SqlColumnType.TimestampWithTimeZone,
        HazelcastJsonValue => SqlColumnType.Json,
        _ => SqlColumnType.Object,
    };

    public static string NameOf(SqlColumnType type) => type switch
    {
        SqlColumnType.TimestampWithTimeZone => "TIMESTAMP WITH TIME ZONE",
        _ => type.ToString().ToUpperInvariant(),
    };

    // Numeric types, narrowest first.
    private static int Rank(SqlColumnType type) => type switch
    {
        SqlColumnType.TinyInt => 1,
        SqlColumnType.SmallInt => 2,
        SqlColumnType.Integer => 3,
        SqlColumnType.BigInt => 4,
        SqlColumnType.Decimal => 5,
        SqlColumnType.Real => 6,
        SqlColumnType.Double => 7,
        _ => 0,
    };

    private static bool IsNumber(object? v) => Rank(TypeOf(v)) > 0;

    /// <summary>A parameter's value for a place of type <paramref name="target"/>: the same type, or a narrower number; anything else is Hazelcast's data error.</summary>
    public static object? CoerceParameter(object? value, SqlColumnType target, int index)
    {
        if (value is null || target is SqlColumnType.Object or SqlColumnType.Null) return value;
        var source = TypeOf(value);
        if (source == target) return value;
        var (s, t) = (Rank(source), Rank(target));
        if (s > 0 && t > 0 && s <= t && !(source == SqlColumnType.Decimal && t > 5)) return CastTo(value, target);
        throw new SqlMemberException(SqlErrorCode.DataException,
            $"Parameter at position {index} must be of {NameOf(target)} type, but {NameOf(source)} was found (consider adding an explicit CAST)");
    }

    /// <summary>Evaluates <paramref name="e"/> over a row.</summary>
    /// <param name="e">The expression.</param>
    /// <param name="column">A column's value in the row.</param>
    /// <param name="parameters">The statement's parameters.</param>
    /// <param name="aggregate">Computes an aggregate over the row's group (null outside GROUP BY: an aggregate is then an error).</param>
    public static object? Evaluate(Expr e, Func<string, object?> column, IReadOnlyList<object?> parameters, Func<Function, object?>? aggregate = null)
    {
        object? Eval(Expr x) => Evaluate(x, column, parameters, aggregate);
        switch (e)
        {
            case Literal l: return l.Value;
            case Parameter p:
                return p.Index < parameters.Count ? parameters[p.Index]
                    : throw new SqlMemberException(SqlErrorCode.DataException, $"Unexpected parameter count: expected at least {p.Index + 1}, got {parameters.Count}");
            case Column c: return column(c.Name);
            case Unary { Op: "NOT" } u: return Eval(u.Operand) switch { null => null, bool b => !b, var v => throw Operator("NOT", v) };
            case Unary u:
                return Eval(u.Operand) switch
                {
                    null => null,
                    var v when IsNumber(v) => Arithmetic("-", 0, v),
                    var v => throw Operator("-", v),
                };
            case Binary { Op: "AND" } b:
                {
                    var left = Bool(Eval(b.Left), "AND");
                    if (left is false) return false;
                    var right = Bool(Eval(b.Right), "AND");
                    return right is false ? false : left is null || right is null ? null : true;
                }
            case Binary { Op: "OR" } b:
                {
                    var left = Bool(Eval(b.Left), "OR");
                    if (left is true) return true;
                    var right = Bool(Eval(b.Right), "OR");
                    return right is true ? true : left is null || right is null ? null : false;
                }
            case Binary { Op: "||" } b:
                {
                    var (l, r) = (Eval(b.Left), Eval(b.Right));
                    return l is null || r is null ? null : Text(l) + Text(r);
                }
            case Binary b when b.Op is "=" or "<>" or "<" or "<=" or ">" or ">=":
                {
                    var (l, r) = Operands(b.Left, b.Right, Eval);
                    if (l is null || r is null) return null;
                    var c = Compare(l, r, b.Op);
                    return b.Op switch { "=" => c == 0, "<>" => c != 0, "<" => c < 0, "<=" => c <= 0, ">" => c > 0, _ => c >= 0 };
                }
            case Binary b:
                {
                    var (l, r) = Operands(b.Left, b.Right, Eval);
                    return l is null || r is null ? null : Arithmetic(b.Op, l, r);
                }
            case Like like:
                {
                    var (value, pattern) = (Eval(like.Value), Eval(like.Pattern));
                    var escape = like.Escape is null ? null : Eval(like.Escape);
                    if (value is null || pattern is null || (like.Escape is not null && escape is null)) return null;
                    if (value is not string s || pattern is not string p) throw Operator("LIKE", value, pattern);
                    var matches = LikeRegex(p, escape as string).IsMatch(s);
                    return like.Not ? !matches : matches;
                }
            case In i:
                {
                    var value = Eval(i.Value);
                    if (value is null) return null;
                    var sawNull = false;
                    foreach (var item in i.List)
                    {
                        var v = item is Parameter p ? CoerceParameter(Eval(item), TypeOf(value), p.Index) : Eval(item);
                        if (v is null) sawNull = true;
                        else if (Compare(value, v, "IN") == 0) return !i.Not;
                    }
                    return sawNull ? null : i.Not;
                }
            case Between between:
                {
                    var low = Evaluate(new Binary(">=", between.Value, between.Low), column, parameters, aggregate);
                    var high = Evaluate(new Binary("<=", between.Value, between.High), column, parameters, aggregate);
                    var inside = low is false || high is false ? false : low is null || high is null ? (bool?)null : true;
                    return inside is null ? null : between.Not ? !inside : inside;
                }
            case IsNull n: return (Eval(n.Value) is null) != n.Not;
            case Cast cast: return CastTo(Eval(cast.Value), cast.Type);
            case Function f when f.IsAggregate:
                return aggregate is not null ? aggregate(f)
                    : throw new SqlMemberException(SqlErrorCode.Parsing, $"Aggregate {f.Name} is not allowed here");
            case Function f: return Scalar(f, f.Arguments.Select(Eval).ToList());
            default: throw new SqlMemberException(SqlErrorCode.Parsing, $"The in-process member cannot evaluate {e.GetType().Name}.");
        }
    }

    /// <summary>Evaluates <paramref name="e"/> over a group: aggregates over its rows, other columns from its first row.</summary>
    public static object? EvaluateGrouped(Expr e, IReadOnlyList<Func<string, object?>> rows, IReadOnlyList<object?> parameters)
        => Evaluate(e, name => rows.Count == 0 ? null : rows[0](name), parameters, f => Aggregate(f, rows, parameters));

    // A parameter next to a value takes the value's type.
    private static (object? Left, object? Right) Operands(Expr left, Expr right, Func<Expr, object?> eval)
    {
        var (l, r) = (eval(left), eval(right));
        if (left is Parameter lp && right is not Parameter && r is not null) l = CoerceParameter(l, TypeOf(r), lp.Index);
        if (right is Parameter rp && left is not Parameter && l is not null) r = CoerceParameter(r, TypeOf(l), rp.Index);
        return (l, r);
    }

    private static bool? Bool(object? v, string op) => v switch
    {
        null => null,
        bool b => b,
        _ => throw Operator(op, v),
    };

    private static SqlMemberException Operator(string op, params object?[] values)
        => new(SqlErrorCode.Parsing, $"Cannot apply '{op}' operator to [{string.Join(", ", values.Select(v => NameOf(TypeOf(v))))}] (consider adding an explicit CAST)");

    /// <summary>Compares two non-null values of comparable types (numbers with numbers, strings with strings, ...).</summary>
    public static int Compare(object a, object b, string op)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            if (a is double or float || b is double or float) return ToDouble(a).CompareTo(ToDouble(b));
            return Convert.ToDecimal(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(b, CultureInfo.InvariantCulture));
        }
        return (a, b) switch
        {
            (string x, string y) => string.CompareOrdinal(x, y),
            (bool x, bool y) => x.CompareTo(y),
            (DateOnly x, DateOnly y) => x.CompareTo(y),
            (TimeOnly x, TimeOnly y) => x.CompareTo(y),
            (DateTime x, DateTime y) => x.CompareTo(y),
            (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
            _ => throw Operator(op, a, b),
        };
    }

    private static double ToDouble(object v) => Convert.ToDouble(v, CultureInfo.InvariantCulture);

    private static object Arithmetic(string op, object a, object b)
    {
        if (!IsNumber(a) || !IsNumber(b)) throw Operator(op, a, b);
        var rank = Math.Max(Math.Max(Rank(TypeOf(a)), Rank(TypeOf(b))), 3); // small integers compute as INTEGER
        try
        {
            switch (rank)
            {
                case 3:
                case 4:
                    {
                        var (x, y) = (Convert.ToInt64(a, CultureInfo.InvariantCulture), Convert.ToInt64(b, CultureInfo.InvariantCulture));
                        if (op is "/" or "%" && y == 0) throw new SqlMemberException(SqlErrorCode.DataException, "Division by zero");
                        var r = op switch { "+" => checked(x + y), "-" => checked(x - y), "*" => checked(x * y), "/" => x / y, _ => x % y };
                        if (rank == 4) return r;
                        return r is >= int.MinValue and <= int.MaxValue ? (int)r : throw new SqlMemberException(SqlErrorCode.DataException, "INTEGER overflow");
                    }
                case 5:
                    {
                        var (x, y) = (Convert.ToDecimal(a, CultureInfo.InvariantCulture), Convert.ToDecimal(b, CultureInfo.InvariantCulture));
                        if (op is "/" or "%" && y == 0) throw new SqlMemberException(SqlErrorCode.DataException, "Division by zero");
                        return op switch { "+" => x + y, "-" => x - y, "*" => x * y, "/" => x / y, _ => x % y };
                    }
                default:
                    {
                        var (x, y) = (ToDouble(a), ToDouble(b));
                        if (op is "/" or "%" && y == 0) throw new SqlMemberException(SqlErrorCode.DataException, "Division by zero");
                        var r = op switch { "+" => x + y, "-" => x - y, "*" => x * y, "/" => x / y, _ => x % y };
                        return rank == 6 ? (float)r : r;
                    }
            }
        }
        catch (OverflowException)
        {
            throw new SqlMemberException(SqlErrorCode.DataException, $"{NameOf(rank == 4 ? SqlColumnType.BigInt : SqlColumnType.Decimal)} overflow");
        }
    }

    private static string Text(object v) => v switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        HazelcastJsonValue j => j.Value,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    private static Regex LikeRegex(string pattern, string? escape)
    {
        if (escape is { Length: not 1 }) throw new SqlMemberException(SqlErrorCode.DataException, "ESCAPE parameter must be a single character");
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (escape is not null && c == escape[0])
            {
                if (++i >= pattern.Length) throw new SqlMemberException(SqlErrorCode.DataException, "Incorrect escape sequence at the end of the pattern");
                regex.Append(Regex.Escape(pattern[i].ToString()));
            }
            else if (c == '%') regex.Append(".*");
            else if (c == '_') regex.Append('.');
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static object? Scalar(Function f, List<object?> args)
    {
        if (args.Count != 1) throw new SqlMemberException(SqlErrorCode.Parsing, $"Invalid number of arguments to function '{f.Name}'. Was expecting 1 arguments");
        var v = args[0];
        if (v is null) return null;
        return f.Name switch
        {
            "UPPER" => v is string s ? s.ToUpperInvariant() : throw Function(f, v),
            "LOWER" => v is string s ? s.ToLowerInvariant() : throw Function(f, v),
            "LENGTH" or "CHAR_LENGTH" => v is string s ? s.Length : throw Function(f, v),
            "ABS" => v switch
            {
                int i => Math.Abs(i), long l => Math.Abs(l), short s => Math.Abs(s), sbyte b => Math.Abs(b), decimal d => Math.Abs(d),
                double d => Math.Abs(d), float x => Math.Abs(x), _ => throw Function(f, v),
            },
            _ => throw new SqlMemberException(SqlErrorCode.Parsing, $"No function matches the name '{f.Name}'"),
        };
    }

    private static SqlMemberException Function(Function f, object v)
        => new(SqlErrorCode.Parsing, $"Cannot apply [{NameOf(TypeOf(v))}] to the '{f.Name}' function (consider adding an explicit CAST)");

    private static object? Aggregate(Function f, IReadOnlyList<Func<string, object?>> rows, IReadOnlyList<object?> parameters)
    {
        if (f.Star) return f.Name == "COUNT" ? (long)rows.Count : throw new SqlMemberException(SqlErrorCode.Parsing, $"{f.Name}(*) is not allowed");
        if (f.Arguments.Count != 1) throw new SqlMemberException(SqlErrorCode.Parsing, $"Invalid number of arguments to function '{f.Name}'. Was expecting 1 arguments");
        IEnumerable<object> values = rows.Select(r => Evaluate(f.Arguments[0], r, parameters)).Where(v => v is not null)!;
        if (f.Distinct) values = values.Distinct();
        var list = values.ToList();
        if (f.Name == "COUNT") return (long)list.Count;
        if (list.Count == 0) return null;
        switch (f.Name)
        {
            case "MIN": return list.Min(OrderComparer);
            case "MAX": return list.Max(OrderComparer);
        }
        if (!list.All(IsNumber)) throw Function(f, list.First(v => !IsNumber(v)));
        var approximate = list.Any(v => v is double or float);
        var exact = list.All(v => v is sbyte or short or int or long);
        try
        {
            return f.Name switch
            {
                "SUM" when approximate => list.Sum(ToDouble),
                "SUM" when exact => list.Aggregate(0L, (s, v) => checked(s + Convert.ToInt64(v, CultureInfo.InvariantCulture))),
                "SUM" => list.Aggregate(0m, (s, v) => s + Convert.ToDecimal(v, CultureInfo.InvariantCulture)),
                "AVG" when approximate => list.Average(ToDouble),
                _ => list.Aggregate(0m, (s, v) => s + Convert.ToDecimal(v, CultureInfo.InvariantCulture)) / list.Count, // AVG of exact numbers is a DECIMAL
            };
        }
        catch (OverflowException)
        {
            throw new SqlMemberException(SqlErrorCode.DataException, $"BIGINT overflow in {f.Name}");
        }
    }

    /// <summary>ORDER BY's order: nulls first, then numbers by value, strings ordinally, dates and times in time.</summary>
    public static readonly IComparer<object?> OrderComparer = Comparer<object?>.Create((a, b) =>
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : -1) : 1;
        return Compare(a, b, "ORDER BY");
    });

    /// <summary>Converts a value to a type as CAST does; one that does not convert is a data error.</summary>
    public static object? CastTo(object? v, SqlColumnType type)
    {
        if (v is null) return null;
        var source = TypeOf(v);
        if (source == type || type == SqlColumnType.Object) return v;
        SqlMemberException Cannot() => new(SqlErrorCode.DataException, $"Cannot convert {NameOf(source)} value to {NameOf(type)}");
        try
        {
            switch (type)
            {
                case SqlColumnType.Varchar: return Text(v);
                case SqlColumnType.Json: return new HazelcastJsonValue(v as string ?? Text(v));
                case SqlColumnType.Boolean:
                    return v is string b ? (b.Trim().ToLowerInvariant() switch { "true" => true, "false" => false, _ => throw Cannot() }) : throw Cannot();
                case SqlColumnType.TinyInt or SqlColumnType.SmallInt or SqlColumnType.Integer or SqlColumnType.BigInt or SqlColumnType.Decimal or SqlColumnType.Real or SqlColumnType.Double:
                    {
                        object number = v switch
                        {
                            string s when type is SqlColumnType.Real or SqlColumnType.Double => double.Parse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture),
                            string s => decimal.Parse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture),
                            _ when IsNumber(v) => v,
                            _ => throw Cannot(),
                        };
                        // Approximate numbers lose their fraction going to exact ones (Hazelcast truncates).
                        if (number is double or float && Rank(type) <= 4) number = Math.Truncate(ToDouble(number));
                        return type switch
                        {
                            SqlColumnType.TinyInt => Convert.ToSByte(number, CultureInfo.InvariantCulture),
                            SqlColumnType.SmallInt => Convert.ToInt16(number, CultureInfo.InvariantCulture),
                            SqlColumnType.Integer => Convert.ToInt32(number, CultureInfo.InvariantCulture),
                            SqlColumnType.BigInt => Convert.ToInt64(number, CultureInfo.InvariantCulture),
                            SqlColumnType.Decimal => Convert.ToDecimal(number, CultureInfo.InvariantCulture),
                            SqlColumnType.Real => Convert.ToSingle(number, CultureInfo.InvariantCulture),
                            _ => Convert.ToDouble(number, CultureInfo.InvariantCulture),
                        };
                    }
                case SqlColumnType.Date:
                    return v switch
                    {
                        string s => DateOnly.Parse(s.Trim(), CultureInfo.InvariantCulture),
                        DateTime t => DateOnly.FromDateTime(t),
                        DateTimeOffset t => DateOnly.FromDateTime(t.DateTime),
                        _ => throw Cannot(),
                    };
                case SqlColumnType.Time:
                    return v switch
                    {
                        string s => TimeOnly.Parse(s.Trim(), CultureInfo.InvariantCulture),
                        DateTime t => TimeOnly.FromDateTime(t),
                        DateTimeOffset t => TimeOnly.FromDateTime(t.DateTime),
                        _ => throw Cannot(),
                    };
                case SqlColumnType.Timestamp:
                    return v switch
                    {
                        string s => DateTime.Parse(s.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None),
                        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                        DateTimeOffset t => t.DateTime,
                        _ => throw Cannot(),
                    };
                case SqlColumnType.TimestampWithTimeZone:
                    return v switch
                    {
                        string s => DateTimeOffset.Parse(s.Trim(), CultureInfo.InvariantCulture),
                        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), TimeSpan.Zero),
                        DateOnly d => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                        _ => throw Cannot(),
                    };
                default: throw Cannot();
            }
        }
        catch (FormatException)
        {
            throw new SqlMemberException(SqlErrorCode.DataException, $"Cannot parse {NameOf(source)} value to {NameOf(type)}");
        }
        catch (OverflowException)
        {
            throw new SqlMemberException(SqlErrorCode.DataException, $"Numeric overflow while converting {NameOf(source)} to {NameOf(type)}");
        }
    }
}
