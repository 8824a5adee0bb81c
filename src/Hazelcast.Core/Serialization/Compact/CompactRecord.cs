namespace Hazelcast.Serialization.Compact;

/// <summary>
/// A Compact object read without a .NET type: its type name and field values by name (nested objects as records).
/// The in-process member reads values this way to evaluate queries on Compact fields.
/// </summary>
internal sealed class CompactRecord(CompactSchema schema, IReadOnlyDictionary<string, object?> fields)
{
    public CompactSchema Schema { get; } = schema;

    public string TypeName => Schema.TypeName;

    public IReadOnlyDictionary<string, object?> Fields { get; } = fields;

    public static CompactRecord Read(CompactReader reader)
        => new(reader.Schema, reader.Schema.Fields.ToDictionary(f => f.Name, f => reader.ReadStored(f), StringComparer.Ordinal));

    public override string ToString() => $"{TypeName} {{ {string.Join(", ", Fields.Select(f => $"{f.Key} = {f.Value}"))} }}";
}
