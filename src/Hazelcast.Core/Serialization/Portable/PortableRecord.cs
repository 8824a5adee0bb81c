using Hazelcast.Serialization.Compact;

namespace Hazelcast.Serialization.Portable;

/// <summary>
/// A Portable object read without its class (no factory for its factory id, or read as an <see cref="IGenericRecord"/>):
/// its class definition and its values by field name. The in-process member reads Portable values this way to evaluate
/// queries on their fields, as a real member does.
/// </summary>
internal sealed class PortableRecord(ClassDefinition classDefinition, IReadOnlyDictionary<string, object?> fields) : GenericRecord
{
    public ClassDefinition ClassDefinition { get; } = classDefinition;

    public override string TypeName => $"{ClassDefinition.FactoryId}/{ClassDefinition.ClassId}";

    public override IReadOnlyCollection<string> FieldNames => ClassDefinition.FieldNames;

    public override IReadOnlyDictionary<string, object?> Fields { get; } = fields;

    protected override string Description => $"Portable record {ClassDefinition.FactoryId}/{ClassDefinition.ClassId} version {ClassDefinition.Version}";

    public override FieldKind GetFieldKind(string fieldName)
        => ClassDefinition.GetField(fieldName) is { } field ? KindOf(field.Type) : FieldKind.NotAvailable;

    public override IGenericRecordBuilder NewBuilderWithClone()
    {
        var builder = new PortableRecordBuilder(ClassDefinition);
        foreach (var field in ClassDefinition.Fields) builder.Set(field.Name, KindOf(field.Type), Fields[field.Name]);
        return builder;
    }

    /// <summary>The field kind Hazelcast shows a Portable field type as.</summary>
    public static FieldKind KindOf(FieldType type) => type switch
    {
        FieldType.Portable => FieldKind.Compact,
        FieldType.PortableArray => FieldKind.ArrayOfCompact,
        FieldType.Byte => FieldKind.Int8,
        FieldType.ByteArray => FieldKind.ArrayOfInt8,
        FieldType.Boolean => FieldKind.Boolean,
        FieldType.BooleanArray => FieldKind.ArrayOfBoolean,
        FieldType.Char => FieldKind.Char,
        FieldType.CharArray => FieldKind.ArrayOfChar,
        FieldType.Short => FieldKind.Int16,
        FieldType.ShortArray => FieldKind.ArrayOfInt16,
        FieldType.Int => FieldKind.Int32,
        FieldType.IntArray => FieldKind.ArrayOfInt32,
        FieldType.Long => FieldKind.Int64,
        FieldType.LongArray => FieldKind.ArrayOfInt64,
        FieldType.Float => FieldKind.Float32,
        FieldType.FloatArray => FieldKind.ArrayOfFloat32,
        FieldType.Double => FieldKind.Float64,
        FieldType.DoubleArray => FieldKind.ArrayOfFloat64,
        FieldType.String => FieldKind.String,
        FieldType.StringArray => FieldKind.ArrayOfString,
        FieldType.Decimal => FieldKind.Decimal,
        FieldType.DecimalArray => FieldKind.ArrayOfDecimal,
        FieldType.Time => FieldKind.Time,
        FieldType.TimeArray => FieldKind.ArrayOfTime,
        FieldType.Date => FieldKind.Date,
        FieldType.DateArray => FieldKind.ArrayOfDate,
        FieldType.Timestamp => FieldKind.Timestamp,
        FieldType.TimestampArray => FieldKind.ArrayOfTimestamp,
        FieldType.TimestampWithTimezone => FieldKind.TimestampWithTimezone,
        FieldType.TimestampWithTimezoneArray => FieldKind.ArrayOfTimestampWithTimezone,
        _ => FieldKind.NotAvailable,
    };
}

/// <summary>Builds a <see cref="PortableRecord"/> of one class definition: every field, with the kind its type maps to.</summary>
internal sealed class PortableRecordBuilder(ClassDefinition definition) : GenericRecordBuilderBase
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public override IGenericRecordBuilder Set(string fieldName, FieldKind kind, object? value)
    {
        var field = definition.GetField(fieldName)
            ?? throw new ArgumentException($"The Portable class {definition} has no field '{fieldName}'.", nameof(fieldName));
        var expected = PortableRecord.KindOf(field.Type);
        if (kind != expected) throw new ArgumentException($"The field '{fieldName}' of Portable class {definition.FactoryId}/{definition.ClassId} is {field.Type}, set as {expected}, not {kind}.", nameof(kind));
        if (!Suits(kind, value)) throw new ArgumentException($"The field '{fieldName}' is {kind}, which cannot hold a {value?.GetType().FullName ?? "null"}.", nameof(value));
        _values[fieldName] = value is byte b ? (sbyte)b : value; // a Java byte is signed, as records read it
        return this;
    }

    public override IGenericRecord Build()
    {
        foreach (var field in definition.Fields)
            if (!_values.ContainsKey(field.Name))
                throw new SerializationException($"The field '{field.Name}' of Portable class {definition} is not set: a Portable record has every field of its definition.");
        return new PortableRecord(definition, new Dictionary<string, object?>(_values, StringComparer.Ordinal));
    }
}
