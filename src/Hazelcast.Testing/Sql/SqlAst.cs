using Hazelcast.Sql;

namespace Hazelcast.Testing.Sql;

/// <summary>An SQL error a member reports in an SqlError: Hazelcast's code, its message, and a suggestion if any.</summary>
internal sealed class SqlMemberException(SqlErrorCode code, string message, string? suggestion = null) : Exception(message)
{
    public SqlErrorCode Code { get; } = code;

    public string? Suggestion { get; } = suggestion;
}

/// <summary>A parsed statement.</summary>
internal abstract record SqlStatement;

internal sealed record ColumnDefinition(string Name, SqlColumnType Type, string? ExternalName);

internal sealed record CreateMapping(string Name, bool OrReplace, bool IfNotExists, IReadOnlyList<ColumnDefinition>? Columns, string Type, IReadOnlyDictionary<string, string> Options) : SqlStatement;

internal sealed record DropMapping(string Name, bool IfExists) : SqlStatement;

internal sealed record ShowMappings : SqlStatement;

/// <summary>An item of a select list: an expression (null for <c>*</c>) and its alias.</summary>
internal sealed record SelectItem(Expr? Expression, string? Alias);

internal sealed record OrderItem(Expr Expression, bool Descending);

internal sealed record Select(IReadOnlyList<SelectItem> Items, string From, Expr? Where, IReadOnlyList<Expr> GroupBy, Expr? Having, IReadOnlyList<OrderItem> OrderBy, Expr? Limit, Expr? Offset) : SqlStatement;

internal sealed record Insert(string Table, bool Sink, IReadOnlyList<string>? Columns, IReadOnlyList<IReadOnlyList<Expr>> Rows) : SqlStatement;

internal sealed record Update(string Table, IReadOnlyList<(string Column, Expr Value)> Set, Expr? Where) : SqlStatement;

internal sealed record Delete(string Table, Expr? Where) : SqlStatement;

/// <summary>An expression.</summary>
internal abstract record Expr
{
    /// <summary>Whether an aggregate (COUNT, SUM, AVG, MIN, MAX) appears in it.</summary>
    public abstract bool HasAggregate { get; }
}

internal sealed record Literal(object? Value, SqlColumnType Type) : Expr
{
    public override bool HasAggregate => false;
}

/// <summary>A <c>?</c>, numbered from 0 in the order of the statement.</summary>
internal sealed record Parameter(int Index) : Expr
{
    public override bool HasAggregate => false;
}

internal sealed record Column(string Name) : Expr
{
    public override bool HasAggregate => false;
}

internal sealed record Binary(string Op, Expr Left, Expr Right) : Expr
{
    public override bool HasAggregate => Left.HasAggregate || Right.HasAggregate;
}

internal sealed record Unary(string Op, Expr Operand) : Expr
{
    public override bool HasAggregate => Operand.HasAggregate;
}

internal sealed record Like(Expr Value, Expr Pattern, Expr? Escape, bool Not) : Expr
{
    public override bool HasAggregate => Value.HasAggregate || Pattern.HasAggregate;
}

internal sealed record In(Expr Value, IReadOnlyList<Expr> List, bool Not) : Expr
{
    public override bool HasAggregate => Value.HasAggregate || List.Any(e => e.HasAggregate);
}

internal sealed record Between(Expr Value, Expr Low, Expr High, bool Not) : Expr
{
    public override bool HasAggregate => Value.HasAggregate || Low.HasAggregate || High.HasAggregate;
}

internal sealed record IsNull(Expr Value, bool Not) : Expr
{
    public override bool HasAggregate => Value.HasAggregate;
}

internal sealed record Cast(Expr Value, SqlColumnType Type) : Expr
{
    public override bool HasAggregate => Value.HasAggregate;
}

/// <summary>A function call: an aggregate (COUNT, SUM, AVG, MIN, MAX) or a scalar one (UPPER, LOWER, LENGTH, ABS).</summary>
internal sealed record Function(string Name, IReadOnlyList<Expr> Arguments, bool Distinct, bool Star) : Expr
{
    public static readonly HashSet<string> Aggregates = new(StringComparer.Ordinal) { "COUNT", "SUM", "AVG", "MIN", "MAX" };

    public bool IsAggregate => Aggregates.Contains(Name);

    public override bool HasAggregate => IsAggregate || Arguments.Any(a => a.HasAggregate);
}
