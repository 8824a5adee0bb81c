namespace Hazelcast.Serialization;

/// <summary>
/// Java's <c>LocalDate</c>, <c>LocalTime</c>, <c>LocalDateTime</c> and <c>OffsetDateTime</c> as Hazelcast writes them
/// (the built-in serializers −51 to −54 and the Compact DATE, TIME, TIMESTAMP and TIMESTAMP_WITH_TIMEZONE fields:
/// the same bytes), read into .NET's types with their limits said: years 1 to 9999, 100 ns ticks (finer nanoseconds
/// are truncated), offsets in whole minutes up to 14 h.
/// </summary>
internal static class JavaTimes
{
    /// <summary>Portable writes a date's year as a short ("for backward compatibility"), not an int.</summary>
    public const bool PortableYear = true;

    public static void WriteDate(IObjectDataOutput output, DateOnly date, bool shortYear = false)
    {
        if (shortYear) output.WriteShort((short)date.Year);
        else output.WriteInt(date.Year);
        output.WriteByte((byte)date.Month);
        output.WriteByte((byte)date.Day);
    }

    public static void WriteTime(IObjectDataOutput output, TimeOnly time)
    {
        output.WriteByte((byte)time.Hour);
        output.WriteByte((byte)time.Minute);
        output.WriteByte((byte)time.Second);
        output.WriteInt((int)(time.Ticks % TimeSpan.TicksPerSecond * 100));
    }

    public static void WriteTimestamp(IObjectDataOutput output, DateTime value, bool shortYear = false)
    {
        WriteDate(output, DateOnly.FromDateTime(value), shortYear);
        WriteTime(output, TimeOnly.FromDateTime(value));
    }

    public static void WriteTimestampWithTimezone(IObjectDataOutput output, DateTimeOffset value, bool shortYear = false)
    {
        WriteTimestamp(output, value.DateTime, shortYear);
        output.WriteInt((int)value.Offset.TotalSeconds);
    }

    public static DateOnly ReadDate(IObjectDataInput input, bool shortYear = false)
    {
        var year = shortYear ? input.ReadShort() : input.ReadInt();
        var month = input.ReadByte();
        var day = input.ReadByte();
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            throw new SerializationException($"The date {year}-{month}-{day} is not one a DateOnly can hold (years 1 to 9999).");
        return new DateOnly(year, month, day);
    }

    public static TimeOnly ReadTime(IObjectDataInput input)
    {
        var hour = input.ReadByte();
        var minute = input.ReadByte();
        var second = input.ReadByte();
        var nanos = input.ReadInt();
        if (hour > 23 || minute > 59 || second > 59 || nanos is < 0 or > 999_999_999)
            throw new SerializationException($"The time {hour}:{minute}:{second}.{nanos} is not a time of day.");
        // .NET keeps 100 ns ticks: finer nanoseconds are truncated.
        return new TimeOnly(hour, minute, second).Add(TimeSpan.FromTicks(nanos / 100));
    }

    public static DateTime ReadTimestamp(IObjectDataInput input, bool shortYear = false) => ReadDate(input, shortYear).ToDateTime(ReadTime(input));

    public static DateTimeOffset ReadTimestampWithTimezone(IObjectDataInput input, bool shortYear = false)
    {
        var local = ReadTimestamp(input, shortYear);
        var seconds = input.ReadInt();
        if (seconds % 60 != 0 || Math.Abs(seconds) > 14 * 3600)
            throw new SerializationException($"A timestamp has an offset of {seconds} s, which a DateTimeOffset cannot hold (whole minutes, at most 14 h).");
        try
        {
            return new DateTimeOffset(local, TimeSpan.FromSeconds(seconds));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new SerializationException($"The timestamp {local:s} with offset {seconds} s is outside what a DateTimeOffset can hold.");
        }
    }

    /// <summary>Java's <c>java.util.Date</c> (−25): milliseconds since the epoch, read as a UTC <see cref="DateTime"/>.</summary>
    public static DateTime ReadJavaDate(IObjectDataInput input)
    {
        var ms = input.ReadLong();
        if (ms < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            throw new SerializationException($"The date {ms} ms after the epoch is outside what a DateTime can hold (years 1 to 9999).");
        return DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
    }
}
