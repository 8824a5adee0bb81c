using System.Numerics;

namespace Hazelcast.Serialization;

/// <summary>
/// Java's BigInteger (its two's-complement big-endian bytes as a byte array) and BigDecimal (the unscaled BigInteger,
/// then the scale), as Hazelcast serializes them: top-level values (types −26 and −27) and Compact decimal fields alike.
/// A .NET <c>decimal</c> is written as a BigDecimal; a BigDecimal is read as a <c>decimal</c>, and refused when it does
/// not fit one (a 96-bit value and a scale of 0 to 28), never rounded.
/// </summary>
internal static class JavaNumbers
{
    public static void WriteBigInteger(IObjectDataOutput output, BigInteger value) => output.WriteByteArray(value.ToByteArray(isUnsigned: false, isBigEndian: true));

    public static BigInteger ReadBigInteger(IObjectDataInput input)
    {
        var bytes = input.ReadByteArray() ?? throw new SerializationException("A serialized BigInteger has a negative length.");
        if (bytes.Length == 0) throw new SerializationException("A serialized BigInteger has no bytes (Java writes at least one).");
        return new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
    }

    public static void WriteBigDecimal(IObjectDataOutput output, decimal value)
    {
        var (unscaled, scale) = Decompose(value);
        WriteBigInteger(output, unscaled);
        output.WriteInt(scale);
    }

    /// <summary>A decimal as Java's BigDecimal holds it: the unscaled value (its 96 bits and sign) and the scale (0 to 28).</summary>
    public static (BigInteger Unscaled, int Scale) Decompose(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var unscaled = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        return (bits[3] < 0 ? -unscaled : unscaled, (bits[3] >> 16) & 0xFF);
    }

    public static decimal ReadBigDecimal(IObjectDataInput input)
    {
        var unscaled = ReadBigInteger(input);
        var scale = input.ReadInt();
        return TryCompose(unscaled, scale, out var value)
            ? value
            : throw new SerializationException($"A serialized BigDecimal ({unscaled}E-{scale}) does not fit a System.Decimal (96-bit value, scale 0 to 28).");
    }

    /// <summary>The decimal of an unscaled value and a scale, when it fits one exactly (negative scales folded in when they can be).</summary>
    public static bool TryCompose(BigInteger unscaled, int scale, out decimal value)
    {
        value = default;
        var negative = unscaled.Sign < 0;
        var magnitude = BigInteger.Abs(unscaled);
        if (magnitude.IsZero) scale = Math.Clamp(scale, 0, 28); // 0E+n and 0E-n are zero; a decimal keeps up to 28 zeros
        // A decimal holds a 96-bit magnitude and a scale of 0 to 28; BigDecimal holds more. Fold what can be folded.
        while (scale < 0 && magnitude.GetBitLength() <= 96)
        {
            magnitude *= 10;
            scale++;
        }
        if (scale < 0 || scale > 28 || magnitude.GetBitLength() > 96) return false;
        var lo = (int)(uint)(magnitude & uint.MaxValue);
        var mid = (int)(uint)((magnitude >> 32) & uint.MaxValue);
        var hi = (int)(uint)((magnitude >> 64) & uint.MaxValue);
        value = new decimal(lo, mid, hi, negative, (byte)scale);
        return true;
    }
}
