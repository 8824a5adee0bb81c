using System.Numerics;
using Hazelcast.Serialization;

namespace Hazelcast.Core.Tests;

/// <summary>The Java default types a member sends and reads: BigInteger, BigDecimal and Object[], in Hazelcast's layout.</summary>
public sealed class SerializationTests
{
    private readonly SerializationService _service = new();

    private static string Hex(Data data) => Convert.ToHexString(data.Bytes.Span);

    [Fact]
    public void A_BigInteger_is_type_minus_26_with_its_two_s_complement_bytes()
    {
        // header: partition hash 0, type −26 (FFFFFFE6); then Java's BigInteger.toByteArray() as a byte array.
        Assert.Equal("00000000FFFFFFE6" + "00000002" + "0100", Hex(_service.ToData(new BigInteger(256))));
        Assert.Equal("00000000FFFFFFE6" + "00000001" + "FF", Hex(_service.ToData(BigInteger.MinusOne)));
        var huge = BigInteger.Pow(-3, 101);
        Assert.Equal(huge, _service.ToObject<BigInteger>(_service.ToData(huge)));
    }

    [Fact]
    public void A_decimal_is_a_BigDecimal_type_minus_27_unscaled_value_then_scale()
    {
        Assert.Equal("00000000FFFFFFE5" + "00000001" + "F1" + "00000001", Hex(_service.ToData(-1.5m)));
        foreach (var value in new[] { 0m, 1.5m, -0.0000000001m, decimal.MaxValue, decimal.MinValue, 1234567890.123456789m })
            Assert.Equal(value, _service.ToObject<decimal>(_service.ToData(value)));
    }

    [Fact]
    public void A_BigDecimal_that_does_not_fit_a_decimal_is_refused_naming_it()
    {
        // unscaled 1, scale 29: 1E-29, beyond a decimal's 28 digits after the point.
        var data = new Data(Convert.FromHexString("00000000FFFFFFE5" + "00000001" + "01" + "0000001D"));
        var error = Assert.Throws<SerializationException>(() => _service.ToObject<decimal>(data));
        Assert.Contains("BigDecimal", error.Message);
        // scale −2: 5E+2 is 500, which fits.
        Assert.Equal(500m, _service.ToObject<decimal>(new Data(Convert.FromHexString("00000000FFFFFFE5" + "00000001" + "05" + "FFFFFFFE"))));
    }

    [Fact]
    public void An_object_array_is_type_minus_28_with_each_item_as_an_object()
    {
        object?[] values = ["a", 2L, null];
        Assert.Equal("00000000FFFFFFE4" + "00000003" + "FFFFFFF5" + "00000001" + "61" + "FFFFFFF8" + "0000000000000002" + "00000000", Hex(_service.ToData(values)));
        Assert.Equal(values, _service.ToObject<object?[]>(_service.ToData(values)));
        // A typed array is not Java's Object[]: it is refused as any unknown type is.
        Assert.Throws<SerializationException>(() => _service.ToData(new Uri[] { new("http://x") }));
    }
}
