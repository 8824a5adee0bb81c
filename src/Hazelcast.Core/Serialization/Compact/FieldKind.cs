namespace Hazelcast.Serialization.Compact;

/// <summary>
/// The kind of a Compact field, with the ids Hazelcast puts in schemas (and hashes into schema ids). An array kind is
/// its item kind + 1; each primitive kind has a nullable counterpart (NULLABLE_…, ids 33 to 46).
/// </summary>
public enum FieldKind
{
    /// <summary>The field does not exist in the schema.</summary>
    NotAvailable = 0,
#pragma warning disable CS1591 // The names say what they are; ids are Hazelcast's.
    Boolean = 1, ArrayOfBoolean = 2,
    Int8 = 3, ArrayOfInt8 = 4,
    /// <summary>A UTF-16 code unit: Portable only (a Compact schema cannot have it).</summary>
    Char = 5,
    /// <summary>An array of UTF-16 code units: Portable only.</summary>
    ArrayOfChar = 6,
    Int16 = 7, ArrayOfInt16 = 8,
    Int32 = 9, ArrayOfInt32 = 10,
    Int64 = 11, ArrayOfInt64 = 12,
    Float32 = 13, ArrayOfFloat32 = 14,
    Float64 = 15, ArrayOfFloat64 = 16,
    String = 17, ArrayOfString = 18,
    Decimal = 19, ArrayOfDecimal = 20,
    Time = 21, ArrayOfTime = 22,
    Date = 23, ArrayOfDate = 24,
    Timestamp = 25, ArrayOfTimestamp = 26,
    TimestampWithTimezone = 27, ArrayOfTimestampWithTimezone = 28,
    Compact = 29, ArrayOfCompact = 30,
    NullableBoolean = 33, ArrayOfNullableBoolean = 34,
    NullableInt8 = 35, ArrayOfNullableInt8 = 36,
    NullableInt16 = 37, ArrayOfNullableInt16 = 38,
    NullableInt32 = 39, ArrayOfNullableInt32 = 40,
    NullableInt64 = 41, ArrayOfNullableInt64 = 42,
    NullableFloat32 = 43, ArrayOfNullableFloat32 = 44,
    NullableFloat64 = 45, ArrayOfNullableFloat64 = 46,
#pragma warning restore CS1591
}

/// <summary>Facts about field kinds: sizes, arrays and their items, nullable counterparts.</summary>
internal static class FieldKinds
{
    public const int VariableSize = -1;

    /// <summary>Whether a Compact schema can have a field of that kind.</summary>
    public static bool IsDefined(FieldKind kind) => kind is not (FieldKind.NotAvailable or FieldKind.Char or FieldKind.ArrayOfChar) && Enum.IsDefined(kind);

    /// <summary>Bytes in the fixed-size section (0 for a boolean, which takes a bit), or <see cref="VariableSize"/>.</summary>
    public static int SizeOf(FieldKind kind) => kind switch
    {
        FieldKind.Boolean => 0,
        FieldKind.Int8 => 1,
        FieldKind.Int16 or FieldKind.Char => 2,
        FieldKind.Int32 or FieldKind.Float32 => 4,
        FieldKind.Int64 or FieldKind.Float64 => 8,
        _ => VariableSize,
    };

    public static bool IsArray(FieldKind kind) => kind != FieldKind.NotAvailable && ((int)kind & 1) == 0;

    /// <summary>The kind of one item of an array kind.</summary>
    public static FieldKind ItemOf(FieldKind arrayKind) => (FieldKind)((int)arrayKind - 1);

    /// <summary>The nullable counterpart of a primitive kind (or array of primitives), or the kind itself.</summary>
    public static FieldKind Nullable(FieldKind kind) => kind switch
    {
        // Booleans and int8s are 32 apart; CHAR (5, 6) has no nullable form, so the others are 30 apart.
        FieldKind.Boolean or FieldKind.ArrayOfBoolean or FieldKind.Int8 or FieldKind.ArrayOfInt8 => kind + 32,
        >= FieldKind.Int16 and <= FieldKind.ArrayOfFloat64 => kind + 30,
        _ => kind,
    };

    /// <summary>The non-nullable counterpart of a nullable kind, or the kind itself.</summary>
    public static FieldKind NonNullable(FieldKind kind) => kind switch
    {
        >= FieldKind.NullableBoolean and <= FieldKind.ArrayOfNullableInt8 => kind - 32,
        >= FieldKind.NullableInt16 and <= FieldKind.ArrayOfNullableFloat64 => kind - 30,
        _ => kind,
    };

    /// <summary>Two kinds a reader may treat as one: the same, or a primitive and its nullable counterpart.</summary>
    public static bool Compatible(FieldKind a, FieldKind b) => NonNullable(a) == NonNullable(b);
}
