using System.Numerics;
using Hazelcast.Serialization;

namespace Hazelcast.Query;

/// <summary>
/// An aggregation the members compute over a map's entries (or those a predicate selects), each member over its own,
/// so that only the result crosses the network. Build one with <see cref="Aggregators"/>.
/// </summary>
/// <typeparam name="TResult">What the aggregation gives.</typeparam>
public interface IAggregator<TResult>
{
    /// <summary>The attribute the aggregation reads (<c>this</c>, a field, a JSON path), or null for the whole value.</summary>
    string? Attribute { get; }
}

/// <summary>
/// Hazelcast's built-in aggregators (IdentifiedDataSerializable, factory −29), which any member runs. The attribute is
/// read as predicates read it: null or <c>this</c> for the value itself, <c>__key</c> for the key, a field of a JSON or
/// Compact value (<c>address.city</c>). Values whose attribute is null are skipped, except by <see cref="Count"/>.
/// </summary>
public static class Aggregators
{
    /// <summary>How many entries.</summary>
    public static IAggregator<long> Count(string? attribute = null) => new Aggregator<long>(AggregatorData.Count, attribute, r => r is long l ? l : 0);

    /// <summary>The distinct values of the attribute.</summary>
    public static IAggregator<IReadOnlyList<T>> Distinct<T>(string? attribute = null)
        => new Aggregator<IReadOnlyList<T>>(AggregatorData.Distinct, attribute, r => r is CanonicalizingSet s ? s.Items.Select(i => (T)i!).ToList() : []);

    /// <summary>The average of <c>double</c> values; null when there is none.</summary>
    public static IAggregator<double?> DoubleAverage(string? attribute = null) => new Aggregator<double?>(AggregatorData.DoubleAverage, attribute, r => r as double?);

    /// <summary>The sum of <c>double</c> values.</summary>
    public static IAggregator<double> DoubleSum(string? attribute = null) => new Aggregator<double>(AggregatorData.DoubleSum, attribute, r => r is double d ? d : 0);

    /// <summary>The sum of integral values of any width, as a <c>long</c>.</summary>
    public static IAggregator<long> FixedPointSum(string? attribute = null) => new Aggregator<long>(AggregatorData.FixedPointSum, attribute, r => r is long l ? l : 0);

    /// <summary>The sum of numbers of any kind, as a <c>double</c>.</summary>
    public static IAggregator<double> FloatingPointSum(string? attribute = null) => new Aggregator<double>(AggregatorData.FloatingPointSum, attribute, r => r is double d ? d : 0);

    /// <summary>The average of <c>int</c> values; null when there is none.</summary>
    public static IAggregator<double?> IntegerAverage(string? attribute = null) => new Aggregator<double?>(AggregatorData.IntegerAverage, attribute, r => r as double?);

    /// <summary>The sum of <c>int</c> values, as a <c>long</c>.</summary>
    public static IAggregator<long> IntegerSum(string? attribute = null) => new Aggregator<long>(AggregatorData.IntegerSum, attribute, r => r is long l ? l : 0);

    /// <summary>The average of <c>long</c> values; null when there is none.</summary>
    public static IAggregator<double?> LongAverage(string? attribute = null) => new Aggregator<double?>(AggregatorData.LongAverage, attribute, r => r as double?);

    /// <summary>The sum of <c>long</c> values.</summary>
    public static IAggregator<long> LongSum(string? attribute = null) => new Aggregator<long>(AggregatorData.LongSum, attribute, r => r is long l ? l : 0);

    /// <summary>The average of numbers of any kind; null when there is none.</summary>
    public static IAggregator<double?> NumberAverage(string? attribute = null) => new Aggregator<double?>(AggregatorData.NumberAverage, attribute, r => r as double?);

    /// <summary>The largest value (compared as the member compares them); default when there is none.</summary>
    public static IAggregator<T?> Max<T>(string? attribute = null) => new Aggregator<T?>(AggregatorData.Max, attribute, r => r is null ? default : (T)r);

    /// <summary>The smallest value; default when there is none.</summary>
    public static IAggregator<T?> Min<T>(string? attribute = null) => new Aggregator<T?>(AggregatorData.Min, attribute, r => r is null ? default : (T)r);

    /// <summary>
    /// The sum of Java BigDecimal values (a .NET <c>decimal</c> is written as one), read back as a <c>decimal</c> (a
    /// SerializationException if it does not fit one).
    /// </summary>
    public static IAggregator<decimal> BigDecimalSum(string? attribute = null) => new Aggregator<decimal>(AggregatorData.BigDecimalSum, attribute, r => r is decimal d ? d : 0);

    /// <summary>
    /// The average of Java BigDecimal values; null when there is none. A real member divides exactly and fails with
    /// Java's ArithmeticException when the average has no finite decimal expansion (1, 1 and 2: 4/3).
    /// </summary>
    public static IAggregator<decimal?> BigDecimalAverage(string? attribute = null) => new Aggregator<decimal?>(AggregatorData.BigDecimalAverage, attribute, r => r as decimal?);

    /// <summary>The sum of Java BigInteger values (<see cref="System.Numerics.BigInteger"/>).</summary>
    public static IAggregator<BigInteger> BigIntegerSum(string? attribute = null) => new Aggregator<BigInteger>(AggregatorData.BigIntegerSum, attribute, r => r is BigInteger b ? b : BigInteger.Zero);

    /// <summary>The average of Java BigInteger values, a BigDecimal read as a <c>decimal</c>; null when there is none (exact division, as <see cref="BigDecimalAverage"/>).</summary>
    public static IAggregator<decimal?> BigIntegerAverage(string? attribute = null) => new Aggregator<decimal?>(AggregatorData.BigIntegerAverage, attribute, r => r as decimal?);

    /// <summary>The entry whose attribute is the largest (the first the member met among equals); null when there is none.</summary>
    public static IAggregator<KeyValuePair<TKey, TValue>?> MaxBy<TKey, TValue>(string attribute)
        => new Aggregator<KeyValuePair<TKey, TValue>?>(AggregatorData.MaxBy, RequireAttribute(attribute), Entry<TKey, TValue>);

    /// <summary>The entry whose attribute is the smallest; null when there is none.</summary>
    public static IAggregator<KeyValuePair<TKey, TValue>?> MinBy<TKey, TValue>(string attribute)
        => new Aggregator<KeyValuePair<TKey, TValue>?>(AggregatorData.MinBy, RequireAttribute(attribute), Entry<TKey, TValue>);

    private static string RequireAttribute(string attribute)
        => string.IsNullOrWhiteSpace(attribute) ? throw new ArgumentException("MaxBy and MinBy need the attribute to compare entries by.", nameof(attribute)) : attribute;

    private static KeyValuePair<TKey, TValue>? Entry<TKey, TValue>(object? answer) => answer switch
    {
        null => null,
        MapEntryData e => e.ToPair<TKey, TValue>(),
        _ => throw new SerializationException($"The member answered a MaxBy/MinBy aggregation with a {answer.GetType().Name}, not a map entry."),
    };
}

/// <summary>A built-in aggregator and how to turn the member's answer into its result.</summary>
internal sealed class Aggregator<TResult>(int classId, string? attribute, Func<object?, TResult> result) : IAggregator<TResult>
{
    public string? Attribute => attribute;

    /// <summary>What is sent: the aggregator as Hazelcast serializes it.</summary>
    public AggregatorData Data { get; } = new(classId) { Attribute = attribute };

    public TResult Result(object? answer) => result(answer);
}
