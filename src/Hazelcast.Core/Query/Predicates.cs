using Hazelcast.Serialization;

namespace Hazelcast.Query;

/// <summary>A query over map entries, evaluated by the members. Build one with <see cref="Predicates"/>.</summary>
public interface IPredicate : IIdentifiedDataSerializable;

/// <summary>
/// The built-in predicates, serialized as Hazelcast's own (IdentifiedDataSerializable, factory −20), so that any
/// member evaluates them. Attribute names: <c>this</c> is the value, <c>__key</c> the key, otherwise a field of the
/// value (for JSON values a path such as <c>address.city</c>).
/// </summary>
public static class Predicates
{
    /// <summary>The factory id of the built-in predicates.</summary>
    public const int FactoryId = -20;

    /// <summary>A predicate in Hazelcast's SQL-like syntax, such as <c>age &gt; 18 AND name LIKE 'A%'</c>.</summary>
    public static IPredicate Sql(string sql) => new SqlPredicate(sql ?? throw new ArgumentNullException(nameof(sql)));

    /// <summary>All of the predicates.</summary>
    public static IPredicate And(params IPredicate[] predicates) => new AndPredicate(Check(predicates));

    /// <summary>Any of the predicates.</summary>
    public static IPredicate Or(params IPredicate[] predicates) => new OrPredicate(Check(predicates));

    /// <summary>Not the predicate.</summary>
    public static IPredicate Not(IPredicate predicate) => new NotPredicate(predicate ?? throw new ArgumentNullException(nameof(predicate)));

    /// <summary>The attribute equals the value.</summary>
    public static IPredicate EqualTo(string attribute, object? value) => new EqualPredicate(EqualPredicate.EqualClassId, Name(attribute), value);

    /// <summary>The attribute does not equal the value.</summary>
    public static IPredicate NotEqualTo(string attribute, object? value) => new EqualPredicate(EqualPredicate.NotEqualClassId, Name(attribute), value);

    /// <summary>The attribute is greater than the value.</summary>
    public static IPredicate GreaterThan(string attribute, object value) => new GreaterLessPredicate(Name(attribute), value, equal: false, less: false);

    /// <summary>The attribute is greater than or equal to the value.</summary>
    public static IPredicate GreaterThanOrEqualTo(string attribute, object value) => new GreaterLessPredicate(Name(attribute), value, equal: true, less: false);

    /// <summary>The attribute is less than the value.</summary>
    public static IPredicate LessThan(string attribute, object value) => new GreaterLessPredicate(Name(attribute), value, equal: false, less: true);

    /// <summary>The attribute is less than or equal to the value.</summary>
    public static IPredicate LessThanOrEqualTo(string attribute, object value) => new GreaterLessPredicate(Name(attribute), value, equal: true, less: true);

    /// <summary>The attribute is between <paramref name="from"/> and <paramref name="to"/>, both included.</summary>
    public static IPredicate Between(string attribute, object from, object to) => new BetweenPredicate(Name(attribute), from, to);

    /// <summary>The attribute matches a SQL LIKE pattern (<c>%</c> any run, <c>_</c> one character), case-sensitive.</summary>
    public static IPredicate Like(string attribute, string pattern) => new LikePredicate(LikePredicate.LikeClassId, Name(attribute), pattern);

    /// <summary>As <see cref="Like"/>, ignoring case.</summary>
    public static IPredicate ILike(string attribute, string pattern) => new LikePredicate(LikePredicate.ILikeClassId, Name(attribute), pattern);

    /// <summary>The attribute matches a regular expression (the whole value must match).</summary>
    public static IPredicate Match(string attribute, string regex) => new LikePredicate(LikePredicate.RegexClassId, Name(attribute), regex);

    /// <summary>The attribute equals one of the values.</summary>
    public static IPredicate In(string attribute, params object?[] values) => new InPredicate(Name(attribute), values ?? throw new ArgumentNullException(nameof(values)));

    /// <summary>The value is an instance of the Java class <paramref name="className"/> (e.g. <c>java.lang.String</c>).</summary>
    public static IPredicate InstanceOf(string className) => new InstanceOfPredicate(className ?? throw new ArgumentNullException(nameof(className)));

    /// <summary>Every entry.</summary>
    public static IPredicate True() => new ConstantPredicate(true);

    /// <summary>No entry.</summary>
    public static IPredicate False() => new ConstantPredicate(false);

    /// <summary>
    /// Pages of <paramref name="pageSize"/> entries matching <paramref name="predicate"/> (all entries when null), in
    /// the order of <paramref name="comparator"/> when given: a serializable object (IdentifiedDataSerializable or
    /// Compact) that the members know as a <c>Comparator&lt;Map.Entry&gt;</c> (on a real cluster, a Java class on its
    /// classpath; the in-process member runs one registered with <c>HazelcastClusterOptions.AddComparator</c>).
    /// </summary>
    public static IPagingPredicate Page(int pageSize, IPredicate? predicate = null, object? comparator = null) => new PagingPredicate(pageSize, predicate, comparator);

    /// <summary>The predicate, evaluated only on the partition that owns <paramref name="partitionKey"/>.</summary>
    public static IPredicate Partition(object partitionKey, IPredicate predicate)
        => new PartitionPredicate(partitionKey ?? throw new ArgumentNullException(nameof(partitionKey)), predicate ?? throw new ArgumentNullException(nameof(predicate)));

    private static string Name(string attribute)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attribute);
        return attribute;
    }

    private static IPredicate[] Check(IPredicate[] predicates)
    {
        ArgumentNullException.ThrowIfNull(predicates);
        if (predicates.Any(p => p is null)) throw new ArgumentException("A predicate cannot be null.", nameof(predicates));
        return predicates;
    }
}

/// <summary>Creates the built-in predicates by class id (for members, and for reading them back).</summary>
internal sealed class PredicateFactory : IDataSerializableFactory
{
    public IIdentifiedDataSerializable? Create(int classId) => classId switch
    {
        SqlPredicate.Id => new SqlPredicate(""),
        AndPredicate.Id => new AndPredicate([]),
        BetweenPredicate.Id => new BetweenPredicate("", null, null),
        EqualPredicate.EqualClassId or EqualPredicate.NotEqualClassId => new EqualPredicate(classId, "", null),
        GreaterLessPredicate.Id => new GreaterLessPredicate("", null, false, false),
        LikePredicate.LikeClassId or LikePredicate.ILikeClassId or LikePredicate.RegexClassId => new LikePredicate(classId, "", ""),
        InPredicate.Id => new InPredicate("", []),
        InstanceOfPredicate.Id => new InstanceOfPredicate(""),
        NotPredicate.Id => new NotPredicate(null!),
        OrPredicate.Id => new OrPredicate([]),
        ConstantPredicate.FalseId => new ConstantPredicate(false),
        ConstantPredicate.TrueId => new ConstantPredicate(true),
        PartitionPredicate.Id => new PartitionPredicate(null!, null!),
        _ => null,
    };
}

internal abstract class PredicateBase : IPredicate
{
    public int FactoryId => Predicates.FactoryId;

    public abstract int ClassId { get; }

    public abstract void WriteData(IObjectDataOutput output);

    public abstract void ReadData(IObjectDataInput input);

    /// <summary>A count, then that many items; not sized from the count (read from the network), each item bounds-checked as it is read.</summary>
    protected static List<T> ReadList<T>(IObjectDataInput input, string what, Func<IObjectDataInput, T> read)
    {
        var count = input.ReadInt();
        if (count < 0) throw new SerializationException($"A predicate declares {count} {what}.");
        var list = new List<T>();
        for (var i = 0; i < count; i++) list.Add(read(input));
        return list;
    }
}

internal sealed class SqlPredicate(string sql) : PredicateBase
{
    public const int Id = 0;
    public string Sql { get; private set; } = sql;
    public override int ClassId => Id;
    public override void WriteData(IObjectDataOutput output) => output.WriteString(Sql);
    public override void ReadData(IObjectDataInput input) => Sql = input.ReadString() ?? "";
    public override string ToString() => Sql;
}

internal abstract class CompositePredicate(IPredicate[] predicates) : PredicateBase
{
    public IPredicate[] Predicates { get; private set; } = predicates;

    public override void WriteData(IObjectDataOutput output)
    {
        output.WriteInt(Predicates.Length);
        foreach (var p in Predicates) output.WriteObject(p);
    }

    public override void ReadData(IObjectDataInput input)
    {
        Predicates = ReadList(input, "predicates", i => i.ReadObject() as IPredicate ?? throw new SerializationException("A composite predicate holds something that is not a predicate.")).ToArray();
    }
}

internal sealed class AndPredicate(IPredicate[] predicates) : CompositePredicate(predicates)
{
    public const int Id = 1;
    public override int ClassId => Id;
}

internal sealed class OrPredicate(IPredicate[] predicates) : CompositePredicate(predicates)
{
    public const int Id = 11;
    public override int ClassId => Id;
}

internal sealed class BetweenPredicate(string attribute, object? from, object? to) : PredicateBase
{
    public const int Id = 2;
    public string Attribute { get; private set; } = attribute;
    public object? From { get; private set; } = from;
    public object? To { get; private set; } = to;
    public override int ClassId => Id;

    // The upper bound is written first (PROTOCOL.md §8).
    public override void WriteData(IObjectDataOutput output)
    {
        output.WriteString(Attribute);
        output.WriteObject(To);
        output.WriteObject(From);
    }

    public override void ReadData(IObjectDataInput input)
    {
        Attribute = input.ReadString() ?? "";
        To = input.ReadObject();
        From = input.ReadObject();
    }
}

internal sealed class EqualPredicate(int classId, string attribute, object? value) : PredicateBase
{
    public const int EqualClassId = 3;
    public const int NotEqualClassId = 9;
    public string Attribute { get; private set; } = attribute;
    public object? Value { get; private set; } = value;
    public override int ClassId { get; } = classId;

    public override void WriteData(IObjectDataOutput output)
    {
        output.WriteString(Attribute);
        output.WriteObject(Value);
    }

    public override void ReadData(IObjectDataInput input)
    {
        Attribute = input.ReadString() ?? "";
        Value = input.ReadObject();
    }
}

internal sealed class GreaterLessPredicate(string attribute, object? value, bool equal, bool less) : PredicateBase
{
    public const int Id = 4;
    public string Attribute { get; private set; } = attribute;
    public object? Value { get; private set; } = value;
    public bool Equal { get; private set; } = equal;
    public bool Less { get; private set; } = less;
    public override int ClassId => Id;

    public override void WriteData(IObjectDataOutput output)
    {
        output.WriteString(Attribute);
        output.WriteObject(Value);
        output.WriteBoolean(Equal);
        output.WriteBoolean(Less);
    }

    public override void ReadData(IObjectDataInput input)
    {
        Attribute = input.ReadString() ?? "";
        Value = input.ReadObject();
        Equal = input.ReadBoolean();
        Less = input.ReadBoolean();
    }
}

internal sealed class LikePredicate(int classId, string attribute, string expression) : PredicateBase
{
    public const int LikeClassId = 5;
    public const int ILikeClassId = 6;
    public const int RegexClassId = 12;
    public string Attribute { get; private set; } = attribute;
    public string Expression { get; private set; } = expression ?? throw new ArgumentNullException(nameof(expression));
    public override int ClassId { get; } = classId;

    public override void WriteData(IObjectDataOutput output)
    {
        output.WriteString(Attribute);
        output.WriteString(Expression);
    }

    public override void ReadData(IObjectDataInput input)
    {
        Attribute = input.ReadString() ?? "";
        Expression = input.ReadString() ?? "";
    }
}

internal sealed class InPredicate(string attribute, object?[] values) : PredicateBase
{
    public const int Id = 7;
    public string Attribute { get; private set; } = attribute;
    public object?[] Values { get; private set; } = values;
    public override int ClassId => Id;

    public override void WriteData(IObjectDataOutput output)
    {
        output.WriteString(Attribute);
        output.WriteInt(Values.Length);
        foreach (var v in Values) output.WriteObject(v);
    }

    public override void ReadData(IObjectDataInput input)
    {
        Attribute = input.ReadString() ?? "";
        Values = ReadList(input, "values", i => i.ReadObject()).ToArray();
    }
}

internal sealed class InstanceOfPredicate(string className) : PredicateBase
{
    public const int Id = 8;
    public string ClassName { get; private set; } = className;
    public override int ClassId => Id;
    public override void WriteData(IObjectDataOutput output) => output.WriteString(ClassName);
    public override void ReadData(IObjectDataInput input) => ClassName = input.ReadString() ?? "";
}

internal sealed class NotPredicate(IPredicate predicate) : PredicateBase
{
    public const int Id = 10;
    public IPredicate Predicate { get; private set; } = predicate;
    public override int ClassId => Id;
    public override void WriteData(IObjectDataOutput output) => output.WriteObject(Predicate);
    public override void ReadData(IObjectDataInput input) => Predicate = (IPredicate)input.ReadObject()!;
}

internal sealed class ConstantPredicate(bool value) : PredicateBase
{
    public const int FalseId = 13;
    public const int TrueId = 14;
    public bool Value { get; } = value;
    public override int ClassId => Value ? TrueId : FalseId;
    public override void WriteData(IObjectDataOutput output) { }
    public override void ReadData(IObjectDataInput input) { }
}

internal sealed class PartitionPredicate(object partitionKey, IPredicate target) : PredicateBase
{
    public const int Id = 16;
    public object? PartitionKey { get; private set; } = partitionKey;
    public IPredicate Target { get; private set; } = target;
    public override int ClassId => Id;

    public override void WriteData(IObjectDataOutput output)
    {
        output.WriteObject(PartitionKey);
        output.WriteObject(Target);
    }

    public override void ReadData(IObjectDataInput input)
    {
        PartitionKey = input.ReadObject();
        Target = (IPredicate)input.ReadObject()!;
    }
}
