using Hazelcast.Protocol;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>
/// Hazelcast's built-in aggregators, computed by the member over the entries a query selected, with a real member's
/// result types: counts and integral sums are <c>long</c>, floating sums <c>double</c>, averages <c>double</c> (null
/// when there is nothing to average), distinct values a CanonicalizingHashSet. An attribute is read as predicates read
/// it; values whose attribute is null are skipped (but counted by Count). A value of the wrong type is the member's
/// ClassCast error, naming the aggregator and the attribute.
/// </summary>
internal static class Aggregations
{
    public static object? Aggregate(AggregatorData aggregator, IEnumerable<KeyValuePair<Data, Data>> entries, QueryEngine query)
    {
        var attribute = aggregator.Attribute;
        var values = new List<object?>();
        var whole = string.IsNullOrEmpty(attribute) || attribute == "this";
        foreach (var (key, value) in entries)
        {
            if (whole) values.Add(query.Serialization.ToObject(value));
            else values.AddRange(query.AttributeValues(attribute!, key, value));
        }
        if (aggregator.ClassId == AggregatorData.Count) return (long)values.Count;
        var present = values.Where(v => v is not null).Select(v => v!).ToList();
        string Name(int classId) => classId switch
        {
            AggregatorData.DoubleAverage => "DoubleAverageAggregator", AggregatorData.DoubleSum => "DoubleSumAggregator",
            AggregatorData.IntegerAverage => "IntegerAverageAggregator", AggregatorData.IntegerSum => "IntegerSumAggregator",
            AggregatorData.LongAverage => "LongAverageAggregator", AggregatorData.LongSum => "LongSumAggregator",
            _ => $"aggregator {classId}",
        };
        T As<T>(object v) => v is T t ? t : throw new RemoteErrorException(RemoteError.ClassCast,
            $"{Name(aggregator.ClassId)} on attribute '{attribute ?? "this"}': a value is a {v.GetType().Name}, not a {typeof(T).Name}.");
        double? Average(IEnumerable<double> xs)
        {
            var list = xs.ToList();
            return list.Count == 0 ? null : list.Sum() / list.Count;
        }
        double Number(object v) => v switch
        {
            byte b => b, short s => s, int i => i, long l => l, float f => f, double d => d, decimal m => (double)m,
            _ => throw new RemoteErrorException(RemoteError.ClassCast, $"{Name(aggregator.ClassId)} on attribute '{attribute ?? "this"}': a value is a {v.GetType().Name}, not a number."),
        };
        return aggregator.ClassId switch
        {
            AggregatorData.Distinct => Distinct(values),
            AggregatorData.DoubleAverage => Average(present.Select(As<double>)),
            AggregatorData.DoubleSum => present.Select(As<double>).Sum(),
            AggregatorData.IntegerAverage => Average(present.Select(v => (double)As<int>(v))),
            AggregatorData.IntegerSum => present.Select(v => (long)As<int>(v)).Sum(),
            AggregatorData.LongAverage => Average(present.Select(v => (double)As<long>(v))),
            AggregatorData.LongSum => present.Select(As<long>).Sum(),
            AggregatorData.FixedPointSum => present.Select(v => v switch
            {
                byte b => b, short s => s, int i => i, long l => l,
                _ => throw new RemoteErrorException(RemoteError.ClassCast, $"FixedPointSumAggregator on attribute '{attribute ?? "this"}': a value is a {v.GetType().Name}, not an integral number."),
            }).Sum(),
            AggregatorData.FloatingPointSum => present.Select(Number).Sum(),
            AggregatorData.NumberAverage => Average(present.Select(Number)),
            AggregatorData.Max => present.Count == 0 ? null : present.Aggregate((a, b) => Compare(a, b, attribute) >= 0 ? a : b),
            AggregatorData.Min => present.Count == 0 ? null : present.Aggregate((a, b) => Compare(a, b, attribute) <= 0 ? a : b),
            _ => throw new RemoteErrorException(RemoteError.HazelcastSerialization, $"The in-process member does not know aggregator class {aggregator.ClassId}."),
        };
    }

    private static CanonicalizingSet Distinct(List<object?> values)
    {
        var set = new CanonicalizingSet();
        foreach (var v in values.Distinct()) set.Items.Add(v);
        return set;
    }

    private static int Compare(object a, object b, string? attribute)
        => QueryEngine.Compare(a, b) ?? throw new RemoteErrorException(RemoteError.ClassCast, $"Max/Min on attribute '{attribute ?? "this"}': {a.GetType().Name} and {b.GetType().Name} cannot be compared.");
}
