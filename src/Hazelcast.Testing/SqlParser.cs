using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hazelcast.Query;
using Hazelcast.Serialization;
using Hazelcast.Serialization.Compact;

namespace Hazelcast.Testing;

/// <summary>
/// Hazelcast's SQL-like predicate syntax, the subset members commonly receive: comparisons (=, ==, !=, &lt;&gt;,
/// &lt;, &lt;=, &gt;, &gt;=), [NOT] LIKE, ILIKE, REGEX, [NOT] IN (...), [NOT] BETWEEN a AND b, AND, OR, NOT,
/// parentheses; literals are numbers, 'strings' and true/false.
/// </summary>
internal static class SqlParser
{
    /// <summary>How deep parentheses and NOTs may nest: deeper is a query error, never a stack overflow.</summary>
    public const int MaxDepth = 100;

    public static IPredicate Parse(string sql)
    {
        var tokens = Tokenize(sql);
        var position = 0;
        var result = Or(tokens, ref position, 0);
        if (position != tokens.Count) throw Error(sql, $"unexpected '{tokens[position]}'");
        return result;
    }

    private static RemoteErrorException Error(string sql, string what)
        => new(Protocol.RemoteError.Query, $"Cannot parse the SQL predicate '{(sql.Length <= 200 ? sql : sql[..200] + " ...")}': {what}.");

    private static List<string> Tokenize(string sql)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '\'')
            {
                var sb = new StringBuilder("'");
                i++;
                while (i < sql.Length)
                {
                    if (sql[i] == '\'' && i + 1 < sql.Length && sql[i + 1] == '\'') { sb.Append('\''); i += 2; continue; }
                    if (sql[i] == '\'') break;
                    sb.Append(sql[i++]);
                }
                if (i >= sql.Length) throw Error(sql, "a string is not closed");
                i++;
                tokens.Add(sb.ToString());
                continue;
            }
            if ("(),".Contains(c, StringComparison.Ordinal)) { tokens.Add(c.ToString()); i++; continue; }
            if ("=!<>".Contains(c, StringComparison.Ordinal))
            {
                var op = i + 1 < sql.Length && "=>".Contains(sql[i + 1], StringComparison.Ordinal) ? sql.Substring(i, 2) : c.ToString();
                tokens.Add(op);
                i += op.Length;
                continue;
            }
            var start = i;
            while (i < sql.Length && !char.IsWhiteSpace(sql[i]) && !"(),=!<>'".Contains(sql[i], StringComparison.Ordinal)) i++;
            tokens.Add(sql[start..i]);
        }
        return tokens;
    }

    private static string Shorten(List<string> t) => string.Join(' ', t.Take(20)) + (t.Count > 20 ? " ..." : "");

    private static bool Is(List<string> t, int p, string word) => p < t.Count && string.Equals(t[p], word, StringComparison.OrdinalIgnoreCase);

    // A chain of ORs or ANDs becomes one predicate over a list, not a tree as deep as the chain is long.
    private static IPredicate Or(List<string> t, ref int p, int depth)
    {
        var terms = new List<IPredicate> { And(t, ref p, depth) };
        while (Is(t, p, "OR")) { p++; terms.Add(And(t, ref p, depth)); }
        return terms.Count == 1 ? terms[0] : Predicates.Or([.. terms]);
    }

    private static IPredicate And(List<string> t, ref int p, int depth)
    {
        var terms = new List<IPredicate> { Unary(t, ref p, depth) };
        while (Is(t, p, "AND")) { p++; terms.Add(Unary(t, ref p, depth)); }
        return terms.Count == 1 ? terms[0] : Predicates.And([.. terms]);
    }

    private static IPredicate Unary(List<string> t, ref int p, int depth)
    {
        if (depth >= MaxDepth) throw Error(Shorten(t), $"parentheses and NOTs nest more than {MaxDepth} levels deep");
        if (Is(t, p, "NOT")) { p++; return Predicates.Not(Unary(t, ref p, depth + 1)); }
        if (Is(t, p, "("))
        {
            p++;
            var inner = Or(t, ref p, depth + 1);
            if (!Is(t, p, ")")) throw Error(Shorten(t), "a parenthesis is not closed");
            p++;
            return inner;
        }
        return Comparison(t, ref p);
    }

    private static object? Literal(List<string> t, ref int p)
    {
        if (p >= t.Count) throw Error(Shorten(t), "a value is missing");
        var token = t[p++];
        if (token.StartsWith('\'')) return token[1..];
        if (string.Equals(token, "true", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(token, "false", StringComparison.OrdinalIgnoreCase)) return false;
        if (string.Equals(token, "null", StringComparison.OrdinalIgnoreCase)) return null;
        if (long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        return token; // an unquoted word compares as a string, as Hazelcast does
    }

    private static IPredicate Comparison(List<string> t, ref int p)
    {
        if (p >= t.Count) throw Error(Shorten(t), "an attribute is missing");
        var attribute = t[p++];
        var negate = false;
        if (Is(t, p, "NOT")) { negate = true; p++; }
        IPredicate result;
        if (Is(t, p, "LIKE")) { p++; result = Predicates.Like(attribute, (string)Literal(t, ref p)!); }
        else if (Is(t, p, "ILIKE")) { p++; result = Predicates.ILike(attribute, (string)Literal(t, ref p)!); }
        else if (Is(t, p, "REGEX")) { p++; result = Predicates.Match(attribute, (string)Literal(t, ref p)!); }
        else if (Is(t, p, "BETWEEN"))
        {
            p++;
            var from = Literal(t, ref p)!;
            if (!Is(t, p, "AND")) throw Error(Shorten(t), "BETWEEN needs AND");
            p++;
            result = Predicates.Between(attribute, from, Literal(t, ref p)!);
        }
        else if (Is(t, p, "IN"))
        {
            p++;
            if (!Is(t, p, "(")) throw Error(Shorten(t), "IN needs a list in parentheses");
            p++;
            var values = new List<object?>();
            while (!Is(t, p, ")"))
            {
                values.Add(Literal(t, ref p));
                if (Is(t, p, ",")) p++;
            }
            p++;
            result = Predicates.In(attribute, [.. values]);
        }
        else
        {
            if (p >= t.Count) throw Error(Shorten(t), $"an operator is missing after '{attribute}'");
            var op = t[p++];
            var value = Literal(t, ref p);
            result = op switch
            {
                "=" or "==" => Predicates.EqualTo(attribute, value),
                "!=" or "<>" => Predicates.NotEqualTo(attribute, value),
                "<" => Predicates.LessThan(attribute, value!),
                "<=" => Predicates.LessThanOrEqualTo(attribute, value!),
                ">" => Predicates.GreaterThan(attribute, value!),
                ">=" => Predicates.GreaterThanOrEqualTo(attribute, value!),
                _ => throw Error(Shorten(t), $"unknown operator '{op}'"),
            };
        }
        return negate ? Predicates.Not(result) : result;
    }
}
