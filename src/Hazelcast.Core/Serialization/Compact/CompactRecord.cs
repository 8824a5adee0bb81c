namespace Hazelcast.Serialization.Compact;

/// <summary>
/// A Compact object read without a .NET type: its type name and field values by name (nested objects of unknown types
/// as records). Users see it as an <see cref="IGenericRecord"/>; the in-process member reads values this way to
/// evaluate queries on Compact fields.
/// </summary>
internal sealed class CompactRecord(CompactSchema schema, IReadOnlyDictionary<string, object?> fields) : GenericRecord
{
    private IReadOnlyCollection<string>? _fieldNames;

    public CompactSchema Schema { get; } = schema;

    public override string TypeName => Schema.TypeName;

    public override IReadOnlyDictionary<string, object?> Fields { get; } = fields;

    public override IReadOnlyCollection<string> FieldNames => _fieldNames ??= Schema.Fields.Select(f => f.Name).ToArray();

    protected override string Description => $"Compact record '{TypeName}'";

    public static CompactRecord Read(CompactReader reader)
        => new(reader.Schema, reader.Schema.Fields.ToDictionary(f => f.Name, f => reader.ReadStored(f), StringComparer.Ordinal));

    public override FieldKind GetFieldKind(string fieldName) => Schema.GetField(fieldName)?.Kind ?? FieldKind.NotAvailable;

    public override IGenericRecordBuilder NewBuilderWithClone()
    {
        var builder = new CompactRecordBuilder(TypeName);
        foreach (var field in Schema.Fields) builder.Set(field.Name, field.Kind, Fields[field.Name]);
        return builder;
    }
}

/// <summary>Builds a <see cref="CompactRecord"/>: its fields, in the order they are set, make its schema.</summary>
internal sealed class CompactRecordBuilder(string typeName) : GenericRecordBuilderBase
{
    private readonly List<(string Name, FieldKind Kind)> _fields = [];
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    public override IGenericRecordBuilder Set(string fieldName, FieldKind kind, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(fieldName);
        if (!FieldKinds.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a Compact field kind.");
        if (!GenericRecordBuilderBase.Suits(kind, value)) throw new ArgumentException($"The field '{fieldName}' is {kind}, which cannot hold a {value?.GetType().FullName ?? "null"}.", nameof(value));
        var index = _fields.FindIndex(f => f.Name == fieldName);
        if (index >= 0) _fields[index] = (fieldName, kind); // set again: the last kind and value win
        else _fields.Add((fieldName, kind));
        _values[fieldName] = value;
        return this;
    }

    public override IGenericRecord Build() => new CompactRecord(new CompactSchema(typeName, _fields), new Dictionary<string, object?>(_values, StringComparer.Ordinal));
}
