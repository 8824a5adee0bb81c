using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Hazelcast.Serialization;

namespace Hazelcast.Protocol;

/// <summary>
/// A page of SQL rows, by column (docs/notes/sql-protocol.md §3): each column's values, boxed as the .NET type of its
/// SQL type (OBJECT values as <see cref="Data"/>, deserialized by the reader of the row).
/// </summary>
internal sealed class SqlPage(IReadOnlyList<SqlColumnType> columnTypes, IReadOnlyList<object?[]> columns, bool isLast)
{
    public IReadOnlyList<SqlColumnType> ColumnTypes { get; } = columnTypes;

    /// <summary>The values, column by column; every column has <see cref="RowCount"/> values.</summary>
    public IReadOnlyList<object?[]> Columns { get; } = columns;

    public bool IsLast { get; } = isLast;

    public int RowCount => Columns.Count == 0 ? 0 : Columns[0].Length;

    /// <summary>A page of these rows (each row one value per column).</summary>
    public static SqlPage FromRows(IReadOnlyList<SqlColumnType> types, IReadOnlyList<object?[]> rows, bool isLast)
    {
        var columns = new object?[types.Count][];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = new object?[rows.Count];
            for (var r = 0; r < rows.Count; r++) columns[c][r] = rows[r][c];
        }
        return new SqlPage(types, columns, isLast);
    }
}

/// <summary>
/// Encodes and decodes <see cref="SqlPage"/>: BEGIN, isLast, the column types, one block per column, END. Fixed-size
/// columns are one "CN" frame (a kind byte: 1 all null, 2 none null, 3 mixed with a presence mask per 8 rows; the row
/// count; the values), variable-size ones a list of frames.
/// </summary>
internal static class SqlPageCodec
{
    private const byte AllNull = 1, NoneNull = 2, Mixed = 3;

    public static void Encode(ref MessageWriter w, SqlPage page)
    {
        w.WriteBegin();
        w.AddFixedFrame(1)[0] = page.IsLast ? (byte)1 : (byte)0;
        w.WriteIntList(page.ColumnTypes.Select(t => (int)t).ToArray());
        for (var c = 0; c < page.ColumnTypes.Count; c++)
        {
            var type = page.ColumnTypes[c];
            var values = page.Columns[c];
            switch (type)
            {
                case SqlColumnType.Varchar:
                    w.WriteBegin();
                    foreach (var v in values) w.WriteNullableString((string?)v);
                    w.WriteEnd();
                    break;
                case SqlColumnType.Decimal:
                    w.WriteBegin();
                    foreach (var v in values)
                    {
                        if (v is null) w.WriteNull();
                        else w.WriteFrame(EncodeDecimal((decimal)v));
                    }
                    w.WriteEnd();
                    break;
                case SqlColumnType.Object:
                    w.WriteBegin();
                    foreach (var v in values) w.WriteNullableData(v is null ? default : (Data)v);
                    w.WriteEnd();
                    break;
                case SqlColumnType.Json:
                    w.WriteBegin();
                    foreach (var v in values)
                    {
                        if (v is null)
                        {
                            w.WriteNull();
                            continue;
                        }
                        w.WriteBegin();
                        w.WriteString(((HazelcastJsonValue)v).Value);
                        w.WriteEnd();
                    }
                    w.WriteEnd();
                    break;
                case SqlColumnType.Null:
                    {
                        var count = w.AddFixedFrame(4);
                        BinaryPrimitives.WriteInt32LittleEndian(count, values.Length);
                        break;
                    }
                default:
                    EncodeFixed(ref w, type, values);
                    break;
            }
        }
        w.WriteEnd();
    }

    /// <summary>The size of one value of a fixed-size column type.</summary>
    private static int SizeOf(SqlColumnType type) => type switch
    {
        SqlColumnType.Boolean or SqlColumnType.TinyInt => 1,
        SqlColumnType.SmallInt => 2,
        SqlColumnType.Integer or SqlColumnType.Real => 4,
        SqlColumnType.BigInt or SqlColumnType.Double => 8,
        SqlColumnType.Date => 6,
        SqlColumnType.Time => 7,
        SqlColumnType.Timestamp => 13,
        SqlColumnType.TimestampWithTimeZone => 17,
        _ => throw new ProtocolException($"The SQL column type {(int)type} is not one Hazelcast defines."),
    };

    private static void EncodeFixed(ref MessageWriter w, SqlColumnType type, object?[] values)
    {
        var size = SizeOf(type);
        var present = values.Count(v => v is not null);
        var kind = present == 0 ? AllNull : present == values.Length ? NoneNull : Mixed;
        var length = 5 + present * size + (kind == Mixed ? (values.Length + 7) / 8 : 0);
        var frame = w.AddFixedFrame(length);
        frame[0] = kind;
        BinaryPrimitives.WriteInt32LittleEndian(frame[1..], values.Length);
        var offset = 5;
        for (var i = 0; i < values.Length; i++)
        {
            if (kind == Mixed && i % 8 == 0)
            {
                var mask = 0;
                for (var j = i; j < Math.Min(i + 8, values.Length); j++)
                    if (values[j] is not null) mask |= 1 << (j - i);
                frame[offset++] = (byte)mask;
            }
            if (values[i] is not { } value) continue;
            WriteFixed(frame.Slice(offset, size), type, value);
            offset += size;
        }
    }

    private static void WriteFixed(Span<byte> s, SqlColumnType type, object value)
    {
        switch (type)
        {
            case SqlColumnType.Boolean: s[0] = (bool)value ? (byte)1 : (byte)0; break;
            case SqlColumnType.TinyInt: s[0] = (byte)(sbyte)value; break;
            case SqlColumnType.SmallInt: BinaryPrimitives.WriteInt16LittleEndian(s, (short)value); break;
            case SqlColumnType.Integer: BinaryPrimitives.WriteInt32LittleEndian(s, (int)value); break;
            case SqlColumnType.BigInt: BinaryPrimitives.WriteInt64LittleEndian(s, (long)value); break;
            case SqlColumnType.Real: BinaryPrimitives.WriteSingleLittleEndian(s, (float)value); break;
            case SqlColumnType.Double: BinaryPrimitives.WriteDoubleLittleEndian(s, (double)value); break;
            case SqlColumnType.Date: WriteDate(s, (DateOnly)value); break;
            case SqlColumnType.Time: WriteTime(s, (TimeOnly)value); break;
            case SqlColumnType.Timestamp:
                {
                    var t = (DateTime)value;
                    WriteDate(s, DateOnly.FromDateTime(t));
                    WriteTime(s[6..], TimeOnly.FromDateTime(t));
                    break;
                }
            case SqlColumnType.TimestampWithTimeZone:
                {
                    var t = (DateTimeOffset)value;
                    WriteDate(s, DateOnly.FromDateTime(t.DateTime));
                    WriteTime(s[6..], TimeOnly.FromDateTime(t.DateTime));
                    BinaryPrimitives.WriteInt32LittleEndian(s[13..], (int)t.Offset.TotalSeconds);
                    break;
                }
        }
    }

    private static void WriteDate(Span<byte> s, DateOnly d)
    {
        BinaryPrimitives.WriteInt32LittleEndian(s, d.Year);
        s[4] = (byte)d.Month;
        s[5] = (byte)d.Day;
    }

    private static void WriteTime(Span<byte> s, TimeOnly t)
    {
        s[0] = (byte)t.Hour;
        s[1] = (byte)t.Minute;
        s[2] = (byte)t.Second;
        BinaryPrimitives.WriteInt32LittleEndian(s[3..], (int)(t.Ticks % TimeSpan.TicksPerSecond * 100));
    }

    private static byte[] EncodeDecimal(decimal value)
    {
        var (unscaled, scale) = JavaNumbers.Decompose(value);
        var bytes = unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
        var frame = new byte[8 + bytes.Length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, bytes.Length);
        bytes.CopyTo(frame, 4);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4 + bytes.Length), scale);
        return frame;
    }

    /// <summary>The most rows a page may declare: what a member sends is bounded by the cursor buffer size it was asked for.</summary>
    public const int MaxRows = 1 << 20;

    public static SqlPage Decode(ref FrameReader r, string field)
    {
        r.ReadBegin(field);
        var isLast = r.Next(field).Span is { Length: > 0 } last && last[0] == 1;
        var typeIds = r.ReadIntList(field);
        var types = new SqlColumnType[typeIds.Length];
        var columns = new object?[typeIds.Length][];
        for (var c = 0; c < types.Length; c++)
        {
            var type = types[c] = (SqlColumnType)typeIds[c];
            columns[c] = type switch
            {
                SqlColumnType.Varchar => DecodeList(ref r, field, static (ref FrameReader x, string f) => x.ReadString(f)),
                SqlColumnType.Decimal => DecodeList(ref r, field, static (ref FrameReader x, string f) => DecodeDecimal(x.Next(f).Span, f)),
                SqlColumnType.Object => DecodeList(ref r, field, static (ref FrameReader x, string f) => x.ReadData(f)),
                SqlColumnType.Json => DecodeList(ref r, field, static (ref FrameReader x, string f) =>
                {
                    x.ReadBegin(f);
                    var json = new HazelcastJsonValue(x.ReadString(f));
                    x.SkipToEnd(f);
                    return json;
                }),
                SqlColumnType.Null => new object?[Count(Fixed.ReadInt(r.Next(field).Span, 0, field), field)],
                _ => DecodeFixed(r.Next(field).Span, type, field),
            };
            if (c > 0 && columns[c].Length != columns[0].Length)
                throw new ProtocolException($"An SQL page's column {c} has {columns[c].Length} rows where column 0 has {columns[0].Length}.");
        }
        r.SkipToEnd(field);
        return new SqlPage(types, columns, isLast);
    }

    private static int Count(int count, string field)
        => count is >= 0 and <= MaxRows ? count : throw new ProtocolException($"The {field} of an SQL page declares {count} rows (at most {MaxRows}).");

    private delegate object ItemReader(ref FrameReader r, string field);

    private static object?[] DecodeList(ref FrameReader r, string field, ItemReader read)
    {
        r.ReadBegin(field);
        var list = new List<object?>();
        while (!r.NextIsEnd)
        {
            if (list.Count == MaxRows) Count(MaxRows + 1, field);
            list.Add(r.TryReadNull() ? null : read(ref r, field));
        }
        r.ReadEnd(field);
        return list.ToArray();
    }

    private static object?[] DecodeFixed(ReadOnlySpan<byte> frame, SqlColumnType type, string field)
    {
        var size = SizeOf(type);
        if (frame.Length < 5) throw new ProtocolException($"An SQL page's {type} column frame holds {frame.Length} bytes; it needs at least 5.");
        var kind = frame[0];
        var count = Count(BinaryPrimitives.ReadInt32LittleEndian(frame[1..]), field);
        var values = new object?[count];
        if (kind == AllNull) return values;
        if (kind is not (NoneNull or Mixed)) throw new ProtocolException($"An SQL page's {type} column has the unknown kind {kind}.");
        var offset = 5;
        var mask = 0xff;
        for (var i = 0; i < count; i++)
        {
            if (kind == Mixed && i % 8 == 0)
            {
                if (offset >= frame.Length) throw Truncated(type);
                mask = frame[offset++]; // the presence of the next 8 rows, then their present values
            }
            if ((mask & (1 << (i % 8))) == 0) continue;
            if (offset + size > frame.Length) throw Truncated(type);
            values[i] = ReadFixed(frame.Slice(offset, size), type);
            offset += size;
        }
        return values;
    }

    private static ProtocolException Truncated(SqlColumnType type) => new($"An SQL page's {type} column frame is truncated.");

    private static object ReadFixed(ReadOnlySpan<byte> s, SqlColumnType type) => type switch
    {
        SqlColumnType.Boolean => s[0] != 0,
        SqlColumnType.TinyInt => (sbyte)s[0],
        SqlColumnType.SmallInt => BinaryPrimitives.ReadInt16LittleEndian(s),
        SqlColumnType.Integer => BinaryPrimitives.ReadInt32LittleEndian(s),
        SqlColumnType.BigInt => BinaryPrimitives.ReadInt64LittleEndian(s),
        SqlColumnType.Real => BinaryPrimitives.ReadSingleLittleEndian(s),
        SqlColumnType.Double => BinaryPrimitives.ReadDoubleLittleEndian(s),
        SqlColumnType.Date => ReadDate(s),
        SqlColumnType.Time => ReadTime(s),
        SqlColumnType.Timestamp => ReadDate(s).ToDateTime(ReadTime(s[6..])),
        SqlColumnType.TimestampWithTimeZone => ReadOffset(s),
        _ => throw new ProtocolException($"The SQL column type {(int)type} is not one Hazelcast defines."),
    };

    private static DateOnly ReadDate(ReadOnlySpan<byte> s)
    {
        var year = BinaryPrimitives.ReadInt32LittleEndian(s);
        if (year is < 1 or > 9999 || s[4] is < 1 or > 12 || s[5] < 1 || s[5] > DateTime.DaysInMonth(year, s[4]))
            throw new ProtocolException($"An SQL page holds the date {year}-{s[4]}-{s[5]}, which a DateOnly cannot hold (years 1 to 9999).");
        return new DateOnly(year, s[4], s[5]);
    }

    private static TimeOnly ReadTime(ReadOnlySpan<byte> s)
    {
        var nanos = BinaryPrimitives.ReadInt32LittleEndian(s[3..]);
        if (s[0] > 23 || s[1] > 59 || s[2] > 59 || nanos is < 0 or > 999_999_999)
            throw new ProtocolException($"An SQL page holds the time {s[0]}:{s[1]}:{s[2]}.{nanos}, which is not a time of day.");
        return new TimeOnly(s[0], s[1], s[2]).Add(TimeSpan.FromTicks(nanos / 100));
    }

    private static DateTimeOffset ReadOffset(ReadOnlySpan<byte> s)
    {
        var local = ReadDate(s).ToDateTime(ReadTime(s[6..]));
        var seconds = BinaryPrimitives.ReadInt32LittleEndian(s[13..]);
        if (seconds % 60 != 0 || Math.Abs(seconds) > 14 * 3600)
            throw new ProtocolException($"An SQL page holds a timestamp with an offset of {seconds} s, which a DateTimeOffset cannot hold.");
        return new DateTimeOffset(local, TimeSpan.FromSeconds(seconds));
    }

    private static decimal DecodeDecimal(ReadOnlySpan<byte> s, string field)
    {
        var n = s.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(s) : -1;
        if (n < 0 || s.Length != 8 + n) throw new ProtocolException($"A DECIMAL in the {field} of an SQL page is malformed ({s.Length} bytes).");
        var unscaled = new BigInteger(s.Slice(4, n), isUnsigned: false, isBigEndian: true);
        var scale = BinaryPrimitives.ReadInt32LittleEndian(s[(4 + n)..]);
        return JavaNumbers.TryCompose(unscaled, scale, out var value)
            ? value
            : throw new ProtocolException($"A DECIMAL in an SQL page ({unscaled}E-{scale}) does not fit a System.Decimal (96-bit value, scale 0 to 28).");
    }
}
