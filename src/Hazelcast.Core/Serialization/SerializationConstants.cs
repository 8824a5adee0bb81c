namespace Hazelcast.Serialization;

/// <summary>Serializer type ids of the built-in serializers (Java's <c>SerializationConstants</c>, PROTOCOL.md §6.2).</summary>
internal static class SerializationConstants
{
    public const int Null = 0;
    public const int Portable = -1;
    public const int IdentifiedDataSerializable = -2;
    public const int Byte = -3;
    public const int Boolean = -4;
    public const int Char = -5;
    public const int Short = -6;
    public const int Int = -7;
    public const int Long = -8;
    public const int Float = -9;
    public const int Double = -10;
    public const int String = -11;
    public const int ByteArray = -12;
    public const int BooleanArray = -13;
    public const int CharArray = -14;
    public const int ShortArray = -15;
    public const int IntArray = -16;
    public const int LongArray = -17;
    public const int FloatArray = -18;
    public const int DoubleArray = -19;
    public const int StringArray = -20;
    public const int Uuid = -21;
    public const int SimpleEntry = -22;
    public const int SimpleImmutableEntry = -23;
    public const int JavaDate = -25;
    public const int BigInteger = -26;
    public const int BigDecimal = -27;
    public const int ObjectArray = -28;
    public const int ArrayList = -29;
    public const int LinkedList = -30;
    public const int HashMap = -32;
    public const int HashSet = -37;
    public const int LocalDate = -51;
    public const int LocalTime = -52;
    public const int LocalDateTime = -53;
    public const int OffsetDateTime = -54;
    public const int Compact = -55;
    public const int Json = -130;
}
