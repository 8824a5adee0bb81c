using System.Globalization;
using Hazelcast.Sql;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;
using Superpower.Tokenizers;

namespace Hazelcast.Testing.Sql;

internal enum SqlToken
{
    None, Identifier, QuotedIdentifier, String, Number, Parameter, Comma, LParen, RParen, Dot, Star, Plus, Minus, Slash, Percent,
    Concat, Eq, NotEq, Lt, Le, Gt, Ge, Semicolon,
}

/// <summary>
/// Parses the SQL the in-process member runs (Superpower combinators over a token list). Keywords are
/// case-insensitive, identifiers keep their case (double quotes allow any); <c>?</c> parameters are numbered in the
/// order they appear. Errors are Hazelcast's PARSING errors, with its first line: <c>Encountered "x" at line 1, column 8.</c>
/// </summary>
internal static class SqlParser
{
    /// <summary>How deep expressions may nest (parentheses, NOT and minus chains): deeper is an error, not a stack overflow.</summary>
    public const int MaxDepth = 100;

    private static readonly Tokenizer<SqlToken> Tokenizer = new TokenizerBuilder<SqlToken>()
        .Ignore(Span.WhiteSpace)
        .Ignore(Comment.SqlStyle)
        .Match(Span.EqualTo("<>"), SqlToken.NotEq)
        .Match(Span.EqualTo("!="), SqlToken.NotEq)
        .Match(Span.EqualTo("<="), SqlToken.Le)
        .Match(Span.EqualTo(">="), SqlToken.Ge)
        .Match(Span.EqualTo("||"), SqlToken.Concat)
        .Match(Character.EqualTo('<'), SqlToken.Lt)
        .Match(Character.EqualTo('>'), SqlToken.Gt)
        .Match(Character.EqualTo('='), SqlToken.Eq)
        .Match(Character.EqualTo(','), SqlToken.Comma)
        .Match(Character.EqualTo('('), SqlToken.LParen)
        .Match(Character.EqualTo(')'), SqlToken.RParen)
        .Match(Character.EqualTo('.'), SqlToken.Dot)
        .Match(Character.EqualTo('*'), SqlToken.Star)
        .Match(Character.EqualTo('+'), SqlToken.Plus)
        .Match(Character.EqualTo('-'), SqlToken.Minus)
        .Match(Character.EqualTo('/'), SqlToken.Slash)
        .Match(Character.EqualTo('%'), SqlToken.Percent)
        .Match(Character.EqualTo(';'), SqlToken.Semicolon)
        .Match(Character.EqualTo('?'), SqlToken.Parameter)
        .Match(Span.Regex(@"'(?:[^']|'')*'"), SqlToken.String)
        .Match(Span.Regex("\"(?:[^\"]|\"\")*\""), SqlToken.QuotedIdentifier)
        .Match(Span.Regex(@"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"), SqlToken.Number, requireDelimiters: true)
        .Match(Span.Regex(@"[A-Za-z_$][A-Za-z0-9_$]*"), SqlToken.Identifier, requireDelimiters: true)
        .Build();

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "OFFSET", "AND", "OR", "NOT", "LIKE", "IN",
        "BETWEEN", "IS", "NULL", "AS", "ASC", "DESC", "INSERT", "SINK", "INTO", "VALUES", "UPDATE", "SET", "DELETE",
        "CREATE", "DROP", "MAPPING", "TRUE", "FALSE", "CAST", "ESCAPE", "DISTINCT", "ROWS", "ROW",
    };

    // The ordinal of each ? by its position in the text: set per parse (parsers backtrack, so ? cannot be counted as parsed).
    [ThreadStatic] private static Dictionary<int, int>? t_parameters;

    public static SqlStatement Parse(string sql)
    {
        var tokens = Tokenizer.TryTokenize(sql);
        if (!tokens.HasValue)
            throw new SqlMemberException(SqlErrorCode.Parsing, $"Encountered \"{Near(sql, tokens.ErrorPosition.Absolute)}\" at line {tokens.ErrorPosition.Line}, column {tokens.ErrorPosition.Column}.");
        CheckDepth(tokens.Value);
        t_parameters = tokens.Value.Where(t => t.Kind == SqlToken.Parameter).Select((t, i) => (t.Position.Absolute, i)).ToDictionary(x => x.Absolute, x => x.i);
        try
        {
            var result = Statement.TryParse(tokens.Value);
            if (result.HasValue)
            {
                var rest = result.Remainder.SkipWhile(t => t.Kind == SqlToken.Semicolon).ToList();
                if (rest.Count == 0) return result.Value;
                throw new SqlMemberException(SqlErrorCode.Parsing, "The command must contain a single statement");
            }
            var at = result.Remainder.IsAtEnd ? null : (Token<SqlToken>?)result.Remainder.ConsumeToken().Value;
            var position = at?.Position ?? result.ErrorPosition;
            var text = at is { } t ? t.ToStringValue() : "<EOF>";
            if (!position.HasValue) position = new Position(sql.Length, 1, sql.Length + 1);
            throw new SqlMemberException(SqlErrorCode.Parsing, $"Encountered \"{text}\" at line {position.Line}, column {position.Column}.");
        }
        finally
        {
            t_parameters = null;
        }
    }

    private static string Near(string sql, int position) => position < 0 || position >= sql.Length ? "<EOF>" : sql[position].ToString();

    // Nesting is counted on the tokens, before any recursive parser runs.
    private static void CheckDepth(TokenList<SqlToken> tokens)
    {
        int depth = 0, run = 0;
        foreach (var token in tokens)
        {
            if (token.Kind == SqlToken.LParen && ++depth > MaxDepth) throw TooDeep(token);
            if (token.Kind == SqlToken.RParen) depth--;
            var chained = token.Kind == SqlToken.Minus || (token.Kind == SqlToken.Identifier && token.ToStringValue().Equals("NOT", StringComparison.OrdinalIgnoreCase));
            run = chained ? run + 1 : 0;
            if (run > MaxDepth) throw TooDeep(token);
        }

        static SqlMemberException TooDeep(Token<SqlToken> token)
            => new(SqlErrorCode.Parsing, $"The expression nests more than {MaxDepth} levels deep at line {token.Position.Line}, column {token.Position.Column}.");
    }

    // ------------------------------------------------------------------ tokens

    private static TokenListParser<SqlToken, Token<SqlToken>> Kw(string word) => Token.EqualToValueIgnoreCase(SqlToken.Identifier, word);

    private static TokenListParser<SqlToken, Token<SqlToken>> Sym(SqlToken kind) => Token.EqualTo(kind);

    private static readonly TokenListParser<SqlToken, string> Name =
        Token.EqualTo(SqlToken.Identifier).Where(t => !Reserved.Contains(t.ToStringValue()), "a name").Select(t => t.ToStringValue())
            .Or(Token.EqualTo(SqlToken.QuotedIdentifier).Select(t => Unquote(t.ToStringValue(), '"')));

    private static string Unquote(string text, char quote) => text[1..^1].Replace(new string(quote, 2), quote.ToString(), StringComparison.Ordinal);

    private static readonly TokenListParser<SqlToken, string> DottedName =
        Name.AtLeastOnceDelimitedBy(Sym(SqlToken.Dot)).Select(parts => string.Join('.', parts));

    private static readonly TokenListParser<SqlToken, string> StringLiteral =
        Token.EqualTo(SqlToken.String).Select(t => Unquote(t.ToStringValue(), '\''));

    // ------------------------------------------------------------------ types

    private static readonly TokenListParser<SqlToken, SqlColumnType> TypeName =
        (from _ in Kw("TIMESTAMP") from zone in (from w in Kw("WITH") from t in Kw("TIME") from z in Kw("ZONE") select true).Try().OptionalOrDefault()
         select zone ? SqlColumnType.TimestampWithTimeZone : SqlColumnType.Timestamp).Try()
        .Or(from _ in Kw("DOUBLE") from p in Kw("PRECISION").OptionalOrDefault() select SqlColumnType.Double).Try()
        .Or(from _ in Kw("DECIMAL").Or(Kw("NUMERIC"))
            from size in (from l in Sym(SqlToken.LParen) from n in Token.EqualTo(SqlToken.Number).AtLeastOnceDelimitedBy(Sym(SqlToken.Comma)) from r in Sym(SqlToken.RParen) select n).OptionalOrDefault()
            select SqlColumnType.Decimal).Try()
        .Or(from _ in Kw("VARCHAR").Or(Kw("CHARACTER")).Or(Kw("CHAR"))
            from size in (from l in Sym(SqlToken.LParen) from n in Token.EqualTo(SqlToken.Number) from r in Sym(SqlToken.RParen) select n).OptionalOrDefault()
            select SqlColumnType.Varchar).Try()
        .Or(Token.EqualTo(SqlToken.Identifier).Select(t => SimpleType(t.ToStringValue())).Where(t => t is not null, "a type").Select(t => t!.Value));

    private static SqlColumnType? SimpleType(string name) => name.ToUpperInvariant() switch
    {
        "INT" or "INTEGER" => SqlColumnType.Integer,
        "BIGINT" => SqlColumnType.BigInt,
        "SMALLINT" => SqlColumnType.SmallInt,
        "TINYINT" => SqlColumnType.TinyInt,
        "REAL" or "FLOAT" => SqlColumnType.Real,
        "BOOLEAN" => SqlColumnType.Boolean,
        "DATE" => SqlColumnType.Date,
        "TIME" => SqlColumnType.Time,
        "JSON" => SqlColumnType.Json,
        "OBJECT" => SqlColumnType.Object,
        _ => null,
    };

    // ------------------------------------------------------------------ expressions

    private static readonly TokenListParser<SqlToken, Expr> Literal =
        Token.EqualTo(SqlToken.Number).Select(t => Number(t.ToStringValue()))
            .Or(StringLiteral.Select(s => (Expr)new Literal(s, SqlColumnType.Varchar)))
            .Or(Kw("TRUE").Select(_ => (Expr)new Literal(true, SqlColumnType.Boolean)))
            .Or(Kw("FALSE").Select(_ => (Expr)new Literal(false, SqlColumnType.Boolean)))
            .Or(Kw("NULL").Select(_ => (Expr)new Literal(null, SqlColumnType.Null)))
            .Or(Token.EqualTo(SqlToken.Parameter).Select(t => (Expr)new Parameter(t_parameters![t.Position.Absolute])));

    private static Expr Number(string text)
    {
        if (text.Contains('e', StringComparison.OrdinalIgnoreCase)) return new Literal(double.Parse(text, CultureInfo.InvariantCulture), SqlColumnType.Double);
        if (text.Contains('.', StringComparison.Ordinal))
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? new Literal(m, SqlColumnType.Decimal) : new Literal(double.Parse(text, CultureInfo.InvariantCulture), SqlColumnType.Double);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var i)) return new Literal(i, SqlColumnType.Integer);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var l)) return new Literal(l, SqlColumnType.BigInt);
        if (decimal.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var d)) return new Literal(d, SqlColumnType.Decimal);
        throw new SqlMemberException(SqlErrorCode.Parsing, $"Numeric literal '{text}' out of range");
    }

    private static readonly TokenListParser<SqlToken, Expr> CastExpr =
        from _ in Kw("CAST")
        from l in Sym(SqlToken.LParen)
        from value in Superpower.Parse.Ref(() => Expression!)
        from a in Kw("AS")
        from type in TypeName
        from r in Sym(SqlToken.RParen)
        select (Expr)new Cast(value, type);

    private static readonly TokenListParser<SqlToken, Expr> FunctionCall =
        (from name in Token.EqualTo(SqlToken.Identifier).Select(t => t.ToStringValue().ToUpperInvariant())
         from l in Sym(SqlToken.LParen)
         from body in Sym(SqlToken.Star).Select(_ => (Star: true, Distinct: false, Arguments: (IReadOnlyList<Expr>)[]))
             .Or(from d in Kw("DISTINCT").Select(_ => true).OptionalOrDefault()
                 from args in Superpower.Parse.Ref(() => Expression!).ManyDelimitedBy(Sym(SqlToken.Comma))
                 select (Star: false, Distinct: d, Arguments: (IReadOnlyList<Expr>)args))
         from r in Sym(SqlToken.RParen)
         select (Expr)new Function(name, body.Arguments, body.Distinct, body.Star)).Try();

    private static readonly TokenListParser<SqlToken, Expr> Primary =
        Literal
            .Or(CastExpr)
            .Or(FunctionCall)
            .Or(DottedName.Select(n => (Expr)new Column(n)))
            .Or(from l in Sym(SqlToken.LParen) from e in Superpower.Parse.Ref(() => Expression!) from r in Sym(SqlToken.RParen) select e);

    private static readonly TokenListParser<SqlToken, Expr> Signed =
        (from m in Sym(SqlToken.Minus) from e in Superpower.Parse.Ref(() => Signed!) select Negate(e))
            .Or(from p in Sym(SqlToken.Plus) from e in Superpower.Parse.Ref(() => Signed!) select e)
            .Or(Primary);

    // A negative literal is a literal (so -2147483648 is an INTEGER).
    private static Expr Negate(Expr e) => e switch
    {
        Literal { Value: int i } => new Literal(-i, SqlColumnType.Integer),
        Literal { Value: long l } when l == (long)int.MaxValue + 1 => new Literal(int.MinValue, SqlColumnType.Integer),
        Literal { Value: long l } => new Literal(-l, SqlColumnType.BigInt),
        Literal { Value: decimal d } when d == (decimal)long.MaxValue + 1 => new Literal(long.MinValue, SqlColumnType.BigInt),
        Literal { Value: decimal d } => new Literal(-d, SqlColumnType.Decimal),
        Literal { Value: double d } => new Literal(-d, SqlColumnType.Double),
        _ => new Unary("-", e),
    };

    private static TokenListParser<SqlToken, string> Op(SqlToken kind, string op) => Sym(kind).Select(_ => op);

    private static readonly TokenListParser<SqlToken, Expr> Multiplicative =
        Superpower.Parse.Chain(Op(SqlToken.Star, "*").Or(Op(SqlToken.Slash, "/")).Or(Op(SqlToken.Percent, "%")), Signed, (op, l, r) => new Binary(op, l, r));

    private static readonly TokenListParser<SqlToken, Expr> Additive =
        Superpower.Parse.Chain(Op(SqlToken.Plus, "+").Or(Op(SqlToken.Minus, "-")).Or(Op(SqlToken.Concat, "||")), Multiplicative, (op, l, r) => new Binary(op, l, r));

    private static readonly TokenListParser<SqlToken, string> Comparison =
        Op(SqlToken.Eq, "=").Or(Op(SqlToken.NotEq, "<>")).Or(Op(SqlToken.Le, "<=")).Or(Op(SqlToken.Ge, ">=")).Or(Op(SqlToken.Lt, "<")).Or(Op(SqlToken.Gt, ">"));

    // What may follow an operand: a comparison, [NOT] LIKE / IN / BETWEEN, IS [NOT] NULL.
    private static readonly TokenListParser<SqlToken, Func<Expr, Expr>> Suffix =
        (from op in Comparison from right in Additive select (Func<Expr, Expr>)(left => new Binary(op, left, right)))
            .Or((from not in Kw("NOT").Select(_ => true).OptionalOrDefault()
                 from rest in
                     (from _ in Kw("LIKE") from pattern in Additive from escape in (from e in Kw("ESCAPE") from x in Additive select x).OptionalOrDefault()
                      select (Func<Expr, bool, Expr>)((left, n) => new Like(left, pattern, escape, n)))
                     .Or(from _ in Kw("IN") from l in Sym(SqlToken.LParen) from items in Superpower.Parse.Ref(() => Expression!).AtLeastOnceDelimitedBy(Sym(SqlToken.Comma)) from r in Sym(SqlToken.RParen)
                         select (Func<Expr, bool, Expr>)((left, n) => new In(left, items, n)))
                     .Or(from _ in Kw("BETWEEN") from low in Additive from a in Kw("AND") from high in Additive
                         select (Func<Expr, bool, Expr>)((left, n) => new Between(left, low, high, n)))
                 select (Func<Expr, Expr>)(left => rest(left, not))).Try())
            .Or(from _ in Kw("IS") from not in Kw("NOT").Select(_ => true).OptionalOrDefault() from n in Kw("NULL")
                select (Func<Expr, Expr>)(left => new IsNull(left, not)));

    private static readonly TokenListParser<SqlToken, Expr> Predicate =
        from left in Additive
        from suffix in Suffix.OptionalOrDefault(static e => e)
        select suffix(left);

    private static readonly TokenListParser<SqlToken, Expr> Negation =
        (from _ in Kw("NOT") from e in Superpower.Parse.Ref(() => Negation!) select (Expr)new Unary("NOT", e)).Or(Predicate);

    private static readonly TokenListParser<SqlToken, Expr> Conjunction =
        Superpower.Parse.Chain(Kw("AND").Select(_ => "AND"), Negation, (op, l, r) => new Binary(op, l, r));

    /// <summary>An expression (a WHERE condition, a select item, a value).</summary>
    public static readonly TokenListParser<SqlToken, Expr> Expression =
        Superpower.Parse.Chain(Kw("OR").Select(_ => "OR"), Conjunction, (op, l, r) => new Binary(op, l, r));

    // ------------------------------------------------------------------ statements

    private static readonly TokenListParser<SqlToken, SelectItem> SelectItem =
        Sym(SqlToken.Star).Select(_ => new SelectItem(null, null))
            .Or(from e in Expression
                from alias in (from a in Kw("AS").OptionalOrDefault() from n in Name select n).Try().OptionalOrDefault()
                select new SelectItem(e, alias));

    private static readonly TokenListParser<SqlToken, OrderItem> OrderItem =
        from e in Expression
        from d in Kw("DESC").Select(_ => true).Or(Kw("ASC").Select(_ => false)).OptionalOrDefault()
        select new OrderItem(e, d);

    private static TokenListParser<SqlToken, Expr?> Clause(string keyword) =>
        (from _ in Kw(keyword) from e in Expression select (Expr?)e).OptionalOrDefault();

    private static readonly TokenListParser<SqlToken, SqlStatement> SelectStatement =
        from _ in Kw("SELECT")
        from items in SelectItem.AtLeastOnceDelimitedBy(Sym(SqlToken.Comma))
        from f in Kw("FROM")
        from table in DottedName
        from filter in Clause("WHERE")
        from groupBy in (from g in Kw("GROUP") from b in Kw("BY") from e in Expression.AtLeastOnceDelimitedBy(Sym(SqlToken.Comma)) select e).OptionalOrDefault([])
        from having in Clause("HAVING")
        from orderBy in (from o in Kw("ORDER") from b in Kw("BY") from e in OrderItem.AtLeastOnceDelimitedBy(Sym(SqlToken.Comma)) select e).OptionalOrDefault([])
        from limit in Clause("LIMIT")
        from offset in (from o in Kw("OFFSET") from e in Expression from r in Kw("ROWS").Or(Kw("ROW")).OptionalOrDefault() select (Expr?)e).OptionalOrDefault()
        select (SqlStatement)new Select(items, LastPart(table), filter, groupBy, having, orderBy, limit, offset);

    // A mapping may be named with its schema: hazelcast.public.students, public.students.
    private static string LastPart(string dotted) => dotted[(dotted.LastIndexOf('.') + 1)..];

    private static readonly TokenListParser<SqlToken, IReadOnlyList<Expr>> Row =
        from l in Sym(SqlToken.LParen)
        from values in Expression.AtLeastOnceDelimitedBy(Sym(SqlToken.Comma))
        from r in Sym(SqlToken.RParen)
        select (IReadOnlyList<Expr>)values;

    private static readonly TokenListParser<SqlToken, SqlStatement> InsertStatement =
        from sink in Kw("INSERT").Select(_ => false).Or(Kw("SINK").Select(_ => true))
        from i in Kw("INTO")
        from table in DottedName
        from columns in (from l in Sym(SqlToken.LParen) from c in Name.AtLeastOnceDelimitedBy(Sym(SqlToken.Comma)) from r in Sym(SqlToken.RParen) select (IReadOnlyList<string>)c).OptionalOrDefault()
        from v in Kw("VALUES")
        from rows in Row.AtLeastOnceDelimitedBy(Sym(SqlToken.Comma))
        select (SqlStatement)new Insert(LastPart(table), sink, columns, rows);

    private static readonly TokenListParser<SqlToken, SqlStatement> UpdateStatement =
        from _ in Kw("UPDATE")
        from table in DottedName
        from s in Kw("SET")
        from set in (from c in Name from e in Sym(SqlToken.Eq) from v in Expression select (c, v)).AtLeastOnceDelimitedBy(Sym(SqlToken.Comma))
        from filter in Clause("WHERE")
        select (SqlStatement)new Update(LastPart(table), set, filter);

    private static readonly TokenListParser<SqlToken, SqlStatement> DeleteStatement =
        from _ in Kw("DELETE")
        from f in Kw("FROM")
        from table in DottedName
        from filter in Clause("WHERE")
        select (SqlStatement)new Delete(LastPart(table), filter);

    private static readonly TokenListParser<SqlToken, ColumnDefinition> ColumnDefinition =
        from name in Name
        from type in TypeName
        from external in (from e in Kw("EXTERNAL") from n in Kw("NAME") from x in DottedName select x).OptionalOrDefault()
        select new ColumnDefinition(name, type, external);

    private static readonly TokenListParser<SqlToken, SqlStatement> CreateStatement =
        from _ in Kw("CREATE")
        from replace in (from o in Kw("OR") from r in Kw("REPLACE") select true).OptionalOrDefault()
        from m in Kw("MAPPING")
        from ifNotExists in (from i in Kw("IF") from n in Kw("NOT") from e in Kw("EXISTS") select true).OptionalOrDefault()
        from name in DottedName
        from columns in (from l in Sym(SqlToken.LParen) from c in ColumnDefinition.AtLeastOnceDelimitedBy(Sym(SqlToken.Comma)) from r in Sym(SqlToken.RParen) select (IReadOnlyList<ColumnDefinition>)c).OptionalOrDefault()
        from external in (from e in Kw("EXTERNAL") from n in Kw("NAME") from x in DottedName select x).OptionalOrDefault()
        from t in Kw("TYPE")
        from type in Token.EqualTo(SqlToken.Identifier).Select(x => x.ToStringValue())
        from options in (from o in Kw("OPTIONS") from l in Sym(SqlToken.LParen)
                         from pairs in (from k in StringLiteral from e in Sym(SqlToken.Eq) from v in StringLiteral select (k, v)).ManyDelimitedBy(Sym(SqlToken.Comma))
                         from r in Sym(SqlToken.RParen) select pairs).OptionalOrDefault([])
        select (SqlStatement)new CreateMapping(LastPart(name), replace, ifNotExists, columns, type, Options(options, external));

    private static IReadOnlyDictionary<string, string> Options((string Key, string Value)[] pairs, string? external)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs) options[key] = value;
        if (external is not null) options["externalName"] = external;
        return options;
    }

    private static readonly TokenListParser<SqlToken, SqlStatement> DropStatement =
        from _ in Kw("DROP")
        from m in Kw("MAPPING")
        from ifExists in (from i in Kw("IF") from e in Kw("EXISTS") select true).OptionalOrDefault()
        from name in DottedName
        select (SqlStatement)new DropMapping(LastPart(name), ifExists);

    private static readonly TokenListParser<SqlToken, SqlStatement> ShowStatement =
        from _ in Kw("SHOW") from m in Kw("MAPPINGS") select (SqlStatement)new ShowMappings();

    private static readonly TokenListParser<SqlToken, SqlStatement> Statement =
        SelectStatement.Or(InsertStatement).Or(UpdateStatement).Or(DeleteStatement).Or(CreateStatement).Or(DropStatement).Or(ShowStatement);
}
