namespace Hazelcast.Serialization;

/// <summary>
/// A built-in aggregator on the wire (factory −29, classes 0 to 18): its attribute path, then its initial state, which differs per
/// class (zeros: an aggregation starts empty); the member reads it back with the same layout.
/// </summary>
internal sealed class AggregatorData(int classId) : IIdentifiedDataSerializable
{
    public const int FactoryIdValue = -29;
    public const int BigDecimalAverage = 0, BigDecimalSum = 1, BigIntegerAverage = 2, BigIntegerSum = 3, Count = 4, Distinct = 5,
        DoubleAverage = 6, DoubleSum = 7, FixedPointSum = 8, FloatingPointSum = 9, IntegerAverage = 10, IntegerSum = 11,
        LongAverage = 12, LongSum = 13, Max = 14, Min = 15, NumberAverage = 16, MaxBy = 17, MinBy = 18;

    public string? Attribute { get; set; }

    public int FactoryId => FactoryIdValue;

    public int ClassId => classId;

    public void WriteData(IObjectDataOutput output)
    {
        output.WriteString(Attribute);
        switch (classId)
        {
            case Count or FixedPointSum or IntegerSum or LongSum: output.WriteLong(0); break;
            case Distinct: output.WriteInt(0); break;
            case DoubleSum or FloatingPointSum: output.WriteDouble(0); break;
            case DoubleAverage or NumberAverage: output.WriteDouble(0); output.WriteLong(0); break;
            case IntegerAverage or LongAverage: output.WriteLong(0); output.WriteLong(0); break;
            case Max or Min: output.WriteObject(null); break;
            case BigDecimalSum: output.WriteObject(0m); break;
            case BigDecimalAverage: output.WriteObject(0m); output.WriteLong(0); break;
            case BigIntegerSum: output.WriteObject(System.Numerics.BigInteger.Zero); break;
            case BigIntegerAverage: output.WriteObject(System.Numerics.BigInteger.Zero); output.WriteLong(0); break;
            case MaxBy or MinBy: output.WriteObject(null); output.WriteObject(null); break; // the extreme value, its entry
            default: throw new SerializationException($"Unknown aggregator class id {classId}.");
        }
    }

    public void ReadData(IObjectDataInput input)
    {
        Attribute = input.ReadString();
        switch (classId)
        {
            case Count or FixedPointSum or IntegerSum or LongSum: input.ReadLong(); break;
            case Distinct:
                for (var n = input.ReadInt(); n > 0; n--) input.ReadObject();
                break;
            case DoubleSum or FloatingPointSum: input.ReadDouble(); break;
            case DoubleAverage or NumberAverage: input.ReadDouble(); input.ReadLong(); break;
            case IntegerAverage or LongAverage: input.ReadLong(); input.ReadLong(); break;
            case Max or Min or BigDecimalSum or BigIntegerSum: input.ReadObject(); break;
            case BigDecimalAverage or BigIntegerAverage: input.ReadObject(); input.ReadLong(); break;
            case MaxBy or MinBy: input.ReadObject(); input.ReadObject(); break;
            default: throw new SerializationException($"Unknown aggregator class id {classId}: not one of Hazelcast's built-in aggregators this client knows.");
        }
    }
}

/// <summary>The result of a distinct aggregation (Hazelcast's CanonicalizingHashSet, factory −29, class 19): a count, then the values.</summary>
internal sealed class CanonicalizingSet : IIdentifiedDataSerializable
{
    public const int ClassIdValue = 19;

    public List<object?> Items { get; } = [];

    public int FactoryId => AggregatorData.FactoryIdValue;

    public int ClassId => ClassIdValue;

    public void WriteData(IObjectDataOutput output)
    {
        output.WriteInt(Items.Count);
        foreach (var item in Items) output.WriteObject(item);
    }

    public void ReadData(IObjectDataInput input)
    {
        for (var n = input.ReadInt(); n > 0; n--) Items.Add(input.ReadObject());
    }
}
