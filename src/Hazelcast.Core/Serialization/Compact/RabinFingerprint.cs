using System.Text;

namespace Hazelcast.Serialization.Compact;

/// <summary>
/// The 64-bit Rabin fingerprint Hazelcast uses as a Compact schema id: over the type name, the field count, then each
/// field's name and kind id in name order. Ints are fed little-endian, strings as their UTF-8 byte count then bytes.
/// </summary>
internal static class RabinFingerprint
{
    private const ulong Init = 0xc15d213aa4d7a795UL;
    private static readonly ulong[] Table = BuildTable();

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < 256; i++)
        {
            var fp = (ulong)i;
            for (var j = 0; j < 8; j++) fp = (fp >> 1) ^ (Init & (0UL - (fp & 1)));
            table[i] = fp;
        }
        return table;
    }

    public static long Of(string typeName, IReadOnlyList<(string Name, FieldKind Kind)> fieldsInNameOrder)
    {
        var fp = Add(Init, typeName);
        fp = Add(fp, fieldsInNameOrder.Count);
        foreach (var (name, kind) in fieldsInNameOrder)
        {
            fp = Add(fp, name);
            fp = Add(fp, (int)kind);
        }
        return unchecked((long)fp);
    }

    private static ulong Add(ulong fp, byte b) => (fp >> 8) ^ Table[(int)((fp ^ b) & 0xff)];

    private static ulong Add(ulong fp, int value)
    {
        fp = Add(fp, (byte)value);
        fp = Add(fp, (byte)(value >> 8));
        fp = Add(fp, (byte)(value >> 16));
        return Add(fp, (byte)(value >> 24));
    }

    private static ulong Add(ulong fp, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        fp = Add(fp, bytes.Length);
        foreach (var b in bytes) fp = Add(fp, b);
        return fp;
    }
}
