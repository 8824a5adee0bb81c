using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Hazelcast.Protocol;

/// <summary>A metric of the blob: prefix, name, discriminator and its value, unit (Java's ProbeUnit ordinal, −1 none) and value.</summary>
internal sealed record ClientMetric(string? Prefix, string Metric, string? Discriminator, string? DiscriminatorValue, int Unit, double Value);

/// <summary>
/// The metrics blob of <c>Client.Statistics</c> (Hazelcast's MetricsCompressor, format version 1): a dictionary of the
/// words, sorted, each written as what it shares with the previous word and the rest; then the metrics, each a mask of
/// what repeats the previous metric's descriptor, the dictionary ids of what does not, and its value (a long or a
/// double). Dictionary and metrics are each zlib-compressed. Big-endian throughout.
/// </summary>
internal static class MetricsBlob
{
    private const int MaskPrefix = 1, MaskMetric = 2, MaskDiscriminator = 4, MaskDiscriminatorValue = 8, MaskUnit = 16, MaskExcludedTargets = 32, MaskTagCount = 64;

    /// <summary>The most a blob may inflate to (it is read from the network): 16 MiB.</summary>
    public const int MaxInflatedBytes = 16 * 1024 * 1024;

    /// <summary>Writes metrics into a blob; their values are longs unless <c>isDouble</c>.</summary>
    public static byte[] Write(IEnumerable<(string? Prefix, string Metric, string? Discriminator, string? DiscriminatorValue, int Unit, double Value, bool IsDouble)> metrics)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int Id(string? word)
        {
            if (word is null) return -1;
            if (word.Length > 255) throw new ArgumentException($"A metric word is longer than 255 characters: '{word[..40]}...'.", nameof(metrics));
            if (!ids.TryGetValue(word, out var id)) ids.Add(word, id = ids.Count);
            return id;
        }
        using var metricsStream = new MemoryStream();
        using var w = new BinaryWriter(metricsStream);
        var count = 0;
        (string? Prefix, string Metric, string? Discriminator, string? DiscriminatorValue, int Unit)? last = null;
        foreach (var m in metrics)
        {
            var mask = MaskExcludedTargets | MaskTagCount; // no excluded targets, no tags: the bytes are left out
            if (last is { } l)
            {
                if (l.Prefix == m.Prefix) mask |= MaskPrefix;
                if (l.Metric == m.Metric) mask |= MaskMetric;
                if (l.Discriminator == m.Discriminator) mask |= MaskDiscriminator;
                if (l.DiscriminatorValue == m.DiscriminatorValue) mask |= MaskDiscriminatorValue;
                if (l.Unit == m.Unit) mask |= MaskUnit;
            }
            w.Write((byte)mask);
            if ((mask & MaskPrefix) == 0) WriteInt(w, Id(m.Prefix));
            if ((mask & MaskMetric) == 0) WriteInt(w, Id(m.Metric));
            if ((mask & MaskDiscriminator) == 0) WriteInt(w, Id(m.Discriminator));
            if ((mask & MaskDiscriminatorValue) == 0) WriteInt(w, Id(m.DiscriminatorValue));
            if ((mask & MaskUnit) == 0) w.Write((byte)(sbyte)m.Unit);
            if (m.IsDouble)
            {
                w.Write((byte)1);
                WriteLong(w, BitConverter.DoubleToInt64Bits(m.Value));
            }
            else
            {
                w.Write((byte)0);
                WriteLong(w, (long)m.Value);
            }
            last = (m.Prefix, m.Metric, m.Discriminator, m.DiscriminatorValue, m.Unit);
            count++;
        }
        w.Flush();

        using var dictionaryStream = new MemoryStream();
        using var d = new BinaryWriter(dictionaryStream);
        WriteInt(d, ids.Count);
        var previous = "";
        foreach (var (word, id) in ids.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var common = 0;
            while (common < Math.Min(previous.Length, word.Length) && word[common] == previous[common]) common++;
            WriteInt(d, id);
            d.Write((byte)common);
            d.Write((byte)(word.Length - common));
            foreach (var c in word.AsSpan(common)) WriteChar(d, c);
            previous = word;
        }
        d.Flush();

        var dictionary = Deflate(dictionaryStream.ToArray());
        var metricsBytes = Deflate(metricsStream.ToArray());
        var blob = new byte[2 + 4 + dictionary.Length + 4 + metricsBytes.Length];
        BinaryPrimitives.WriteInt16BigEndian(blob, 1); // format version
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(2), dictionary.Length);
        dictionary.CopyTo(blob, 6);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(6 + dictionary.Length), count);
        metricsBytes.CopyTo(blob, 10 + dictionary.Length);
        return blob;
    }

    /// <summary>Reads a blob; a malformed one fails with a <see cref="ProtocolException"/> that says what is wrong.</summary>
    public static IReadOnlyList<ClientMetric> Read(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 10) throw new ProtocolException($"A metrics blob of {blob.Length} bytes is too short (at least 10).");
        var version = BinaryPrimitives.ReadInt16BigEndian(blob);
        if (version != 1) throw new ProtocolException($"A metrics blob of format version {version}: only version 1 is known.");
        var dictionaryLength = BinaryPrimitives.ReadInt32BigEndian(blob[2..]);
        if (dictionaryLength < 0 || dictionaryLength > blob.Length - 10) throw new ProtocolException($"A metrics blob declares a dictionary of {dictionaryLength} bytes in {blob.Length}.");
        var dictionary = Inflate(blob.Slice(6, dictionaryLength));
        var count = BinaryPrimitives.ReadInt32BigEndian(blob[(6 + dictionaryLength)..]);
        var metrics = Inflate(blob[(10 + dictionaryLength)..]);

        var words = new Dictionary<int, string>();
        var r = new SpanReader(dictionary);
        var wordCount = r.Int();
        var previous = "";
        for (var i = 0; i < wordCount; i++)
        {
            var id = r.Int();
            var common = r.Byte();
            var diff = r.Byte();
            if (common > previous.Length) throw new ProtocolException($"A metrics dictionary word shares {common} characters with a previous word of {previous.Length}.");
            var builder = new StringBuilder(previous, 0, common, common + diff);
            for (var c = 0; c < diff; c++) builder.Append((char)r.Short());
            previous = builder.ToString();
            words[id] = previous;
        }
        string? Word(int id) => id == -1 ? null : words.TryGetValue(id, out var w) ? w : throw new ProtocolException($"A metric refers to dictionary id {id}, which the dictionary does not hold.");

        if (count < 0 || count > metrics.Length) throw new ProtocolException($"A metrics blob declares {count} metrics in {metrics.Length} bytes.");
        var result = new List<ClientMetric>(count);
        var m = new SpanReader(metrics);
        string? prefix = null, metric = null, discriminator = null, discriminatorValue = null;
        var unit = -1;
        for (var i = 0; i < count; i++)
        {
            var mask = m.Byte();
            if ((mask & MaskPrefix) == 0) prefix = Word(m.Int());
            if ((mask & MaskMetric) == 0) metric = Word(m.Int());
            if ((mask & MaskDiscriminator) == 0) discriminator = Word(m.Int());
            if ((mask & MaskDiscriminatorValue) == 0) discriminatorValue = Word(m.Int());
            if ((mask & MaskUnit) == 0) unit = (sbyte)m.Byte();
            if ((mask & MaskExcludedTargets) == 0) m.Byte();
            if ((mask & MaskTagCount) == 0)
            {
                var tags = m.Byte();
                for (var t = 0; t < tags; t++)
                {
                    m.Int();
                    m.Int();
                }
            }
            var type = m.Byte();
            var raw = m.Long();
            var value = type switch
            {
                0 => raw,
                1 => BitConverter.Int64BitsToDouble(raw),
                _ => throw new ProtocolException($"A metric has value type {type} (0 long, 1 double)."),
            };
            result.Add(new ClientMetric(prefix, metric ?? throw new ProtocolException("A metric has no name."), discriminator, discriminatorValue, unit, value));
        }
        return result;
    }

    private static void WriteInt(BinaryWriter w, int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        w.Write(b);
    }

    private static void WriteLong(BinaryWriter w, long value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, value);
        w.Write(b);
    }

    private static void WriteChar(BinaryWriter w, char value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        w.Write(b);
    }

    private static byte[] Deflate(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true)) z.Write(bytes);
        return output.ToArray();
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed)
    {
        try
        {
            using var z = new ZLibStream(new MemoryStream(compressed.ToArray()), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = z.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxInflatedBytes) throw new ProtocolException($"A metrics blob inflates beyond {MaxInflatedBytes} bytes.");
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new ProtocolException($"A metrics blob is not valid zlib data: {e.Message}", e);
        }
    }

    private ref struct SpanReader(ReadOnlySpan<byte> span)
    {
        private readonly ReadOnlySpan<byte> _span = span;
        private int _position;

        private ReadOnlySpan<byte> Take(int n)
        {
            if (_position + n > _span.Length) throw new ProtocolException($"A metrics blob ends after {_span.Length} bytes, in the middle of a value.");
            var s = _span.Slice(_position, n);
            _position += n;
            return s;
        }

        public byte Byte() => Take(1)[0];

        public short Short() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

        public int Int() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

        public long Long() => BinaryPrimitives.ReadInt64BigEndian(Take(8));
    }
}
