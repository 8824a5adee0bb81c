using System.Numerics;
using Hazelcast.Protocol;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>
/// Hazelcast's built-in aggregators and projections, computed by the member over the entries a query selected, with a
/// real member's result types: counts and integral sums are <c>long</c>, floating sums <c>double</c>, averages
/// <c>double</c> (null when there is nothing to average), BigDecimal sums and averages BigDecimal (a .NET decimal here),
/// distinct values a CanonicalizingHashSet, MaxBy/MinBy and the identity projection a map entry (LazyMapEntry). An
/// attribute is read as predicates read it; values whose attribute is null are skipped (but counted by Count). A value
/// of the wrong type is the member's ClassCast error, naming the aggregator and the attribute.
/// </summary>
internal static class Aggregations
{
    public static object? Aggregate(AggregatorData aggregator, IEnumerable<KeyValuePair<Data, Data>> entries, QueryEngine query)
    {
        var attribute = aggregator.Attribute;
        var whole = string.IsNullOrEmpty(attribute) || attribute == "this";
        // Each value read, with the entry it was read from (MaxBy and MinBy answer the entry).
        var values = new List<(object? Value, KeyValuePair<Data, Data> Entry)>();
        foreach (var entry in entries)
        {
            if (whole) values.Add((query.Serialization.ToObject(entry.Value), entry));
            else values.AddRange(query.AttributeValues(attribute!, entry.Key, entry.Value).Select(v => (v, entry)));
        }
        if (aggregator.ClassId == AggregatorData.Count) return (long)values.Count;
        var present = values.Where(v => v.Value is not null).ToList();
        var name = aggregator.ClassId switch
        {
            AggregatorData.BigDecimalAverage => "BigDecimalAverageAggregator", AggregatorData.BigDecimalSum => "BigDecimalSumAggregator",
            AggregatorData.BigIntegerAverage => "BigIntegerAverageAggregator", AggregatorData.BigIntegerSum => "BigIntegerSumAggregator",
            AggregatorData.DoubleAverage => "DoubleAverageAggregator", AggregatorData.DoubleSum => "DoubleSumAggregator",
            AggregatorData.IntegerAverage => "IntegerAverageAggregator", AggregatorData.IntegerSum => "IntegerSumAggregator",
            AggregatorData.LongAverage => "LongAverageAggregator", AggregatorData.LongSum => "LongSumAggregator",
            AggregatorData.FixedPointSum => "FixedSumAggregator", AggregatorData.MaxBy => "MaxByAggregator", AggregatorData.MinBy => "MinByAggregator",
            _ => $"aggregator {aggregator.ClassId}",
        };
        RemoteErrorException NotA(object v, string what) => new(RemoteError.ClassCast, $"{name} on attribute '{attribute ?? "this"}': a value is a {v.GetType().Name}, not {what}.");
        IEnumerable<T> All<T>() => present.Select(v => v.Value is T t ? t : throw NotA(v.Value!, $"a {typeof(T).Name}"));
        double? Average(IEnumerable<double> xs)
        {
            var list = xs.ToList();
            return list.Count == 0 ? null : list.Sum() / list.Count;
        }
        double Number(object v) => v switch
        {
            byte b => b, short s => s, int i => i, long l => l, float f => f, double d => d, decimal m => (double)m, BigInteger n => (double)n,
            _ => throw NotA(v, "a number"),
        };
        object? Extreme(int sign, bool entry)
        {
            if (present.Count == 0) return null;
            // The first of equals wins, as Java's MaxAggregator/MaxByAggregator keep the current one unless strictly beaten.
            var best = present[0];
            foreach (var v in present.Skip(1))
                if (Compare(v.Value!, best.Value!, name, attribute) * sign > 0) best = v;
            return entry ? EntryOf(best.Entry, query) : best.Value;
        }
        return aggregator.ClassId switch
        {
            AggregatorData.Distinct => Distinct(values.Select(v => v.Value)),
            AggregatorData.DoubleAverage => Average(All<double>()),
            AggregatorData.DoubleSum => All<double>().Sum(),
            AggregatorData.IntegerAverage => Average(All<int>().Select(i => (double)i)),
            AggregatorData.IntegerSum => All<int>().Sum(i => (long)i),
            AggregatorData.LongAverage => Average(All<long>().Select(l => (double)l)),
            AggregatorData.LongSum => All<long>().Sum(),
            AggregatorData.FixedPointSum => present.Select(v => v.Value switch
            {
                byte b => b, short s => s, int i => i, long l => l,
                var other => throw NotA(other!, "an integral number"),
            }).Sum(),
            AggregatorData.FloatingPointSum => present.Select(v => Number(v.Value!)).Sum(),
            AggregatorData.NumberAverage => Average(present.Select(v => Number(v.Value!))),
            AggregatorData.BigDecimalSum => All<decimal>().Sum(),
            AggregatorData.BigDecimalAverage => DecimalAverage(All<decimal>().ToList(), name),
            AggregatorData.BigIntegerSum => All<BigInteger>().Aggregate(BigInteger.Zero, (a, b) => a + b),
            AggregatorData.BigIntegerAverage => BigIntegerAverage(All<BigInteger>().ToList(), name),
            AggregatorData.Max => Extreme(+1, entry: false),
            AggregatorData.Min => Extreme(-1, entry: false),
            AggregatorData.MaxBy => Extreme(+1, entry: true),
            AggregatorData.MinBy => Extreme(-1, entry: true),
            _ => throw new RemoteErrorException(RemoteError.HazelcastSerialization, $"The in-process member does not know aggregator class {aggregator.ClassId}."),
        };
    }

    /// <summary>
    /// Java's <c>BigDecimal.divide(BigDecimal)</c>, as the BigDecimal and BigInteger averages use it, of a sum given as
    /// its unscaled value and scale: exact, or Java's ArithmeticException when the quotient has no finite decimal
    /// expansion (its reduced denominator has a prime factor other than 2 and 5).
    /// </summary>
    private static decimal? ExactAverage(BigInteger unscaled, int scale, int count, string name)
    {
        if (count == 0) return null;
        var denominator = count / BigInteger.GreatestCommonDivisor(count, unscaled);
        while (denominator % 2 == 0) denominator /= 2;
        while (denominator % 5 == 0) denominator /= 5;
        if (denominator != 1)
            throw new RemoteErrorException(RemoteError.Undefined, $"{name}: Non-terminating decimal expansion; no exact representable decimal result.", "java.lang.ArithmeticException");
        // Terminating: some power of ten makes the division exact.
        while (!(unscaled % count).IsZero)
        {
            unscaled *= 10;
            scale++;
        }
        return JavaNumbers.TryCompose(unscaled / count, scale, out var average)
            ? average
            : throw new RemoteErrorException(RemoteError.Hazelcast, $"{name}: the average ({unscaled / count}E-{scale}) does not fit the .NET decimal the in-process member computes with.");
    }

    private static decimal? DecimalAverage(List<decimal> values, string name)
    {
        var (unscaled, scale) = JavaNumbers.Decompose(values.Sum());
        return ExactAverage(unscaled, scale, values.Count, name);
    }

    private static decimal? BigIntegerAverage(List<BigInteger> values, string name)
        => ExactAverage(values.Aggregate(BigInteger.Zero, (a, b) => a + b), 0, values.Count, name);

    /// <summary>A built-in projection of one entry: an attribute's value, several attributes' values (an Object[]), or the entry.</summary>
    public static object? Project(ProjectionData projection, KeyValuePair<Data, Data> entry, QueryEngine query)
    {
        object? Attribute(string path)
        {
            if (path.Contains("[any]", StringComparison.Ordinal))
                throw new RemoteErrorException(RemoteError.IllegalArgument, $"attributePath must not contain [any] operators: {path}");
            var values = query.AttributeValues(path, entry.Key, entry.Value);
            return values.Count == 0 ? null : values[0];
        }
        return projection.ClassId switch
        {
            ProjectionData.SingleAttribute => Attribute(projection.Attributes[0]),
            ProjectionData.MultiAttribute => projection.Attributes.Select(Attribute).ToArray(),
            ProjectionData.Identity => EntryOf(entry, query),
            _ => throw new RemoteErrorException(RemoteError.HazelcastSerialization, $"The in-process member does not know projection class {projection.ClassId}."),
        };
    }

    /// <summary>An entry as a member answers one (a LazyMapEntry of the key and the value).</summary>
    private static MapEntryData EntryOf(KeyValuePair<Data, Data> entry, QueryEngine query)
        => new() { Key = query.Serialization.ToObject(entry.Key), Value = query.Serialization.ToObject(entry.Value) };

    private static CanonicalizingSet Distinct(IEnumerable<object?> values)
    {
        var set = new CanonicalizingSet();
        foreach (var v in values.Distinct()) set.Items.Add(v);
        return set;
    }

    private static int Compare(object a, object b, string name, string? attribute)
        => QueryEngine.Compare(a, b) ?? throw new RemoteErrorException(RemoteError.ClassCast, $"{name} on attribute '{attribute ?? "this"}': {a.GetType().Name} and {b.GetType().Name} cannot be compared.");
}
