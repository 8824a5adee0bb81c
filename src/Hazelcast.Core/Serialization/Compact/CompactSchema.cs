using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Serialization.Compact;

/// <summary>One field of a <see cref="CompactSchema"/> and where it lives in a serialized object.</summary>
internal sealed class SchemaField(string name, FieldKind kind)
{
    public string Name { get; } = name;
    public FieldKind Kind { get; } = kind;

    /// <summary>Byte offset in the fixed-size section (fixed-size fields and booleans).</summary>
    public int Offset { get; set; } = -1;

    /// <summary>Bit in the byte at <see cref="Offset"/> (booleans).</summary>
    public int BitOffset { get; set; } = -1;

    /// <summary>Index in the offset table (variable-size fields).</summary>
    public int Index { get; set; } = -1;
}

/// <summary>
/// A Compact schema: a type name and its fields, laid out as Hazelcast lays them out. Fixed-size fields first, by size
/// descending then name; then booleans as bits; variable-size fields are reached through an offset table, in name order.
/// Its id is the Rabin fingerprint of the type name and fields.
/// </summary>
internal sealed class CompactSchema : IEquatable<CompactSchema>
{
    private readonly Dictionary<string, SchemaField> _byName;

    public CompactSchema(string typeName, IEnumerable<(string Name, FieldKind Kind)> fields)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        TypeName = typeName;
        var sorted = fields.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        _byName = new Dictionary<string, SchemaField>(sorted.Count, StringComparer.Ordinal);
        var list = new List<SchemaField>(sorted.Count);
        foreach (var (name, kind) in sorted)
        {
            if (string.IsNullOrEmpty(name)) throw new SerializationException($"The Compact schema of '{typeName}' has a field without a name.");
            if (!FieldKinds.IsDefined(kind)) throw new SerializationException($"The field '{name}' of Compact type '{typeName}' has kind {(int)kind}, which is not a Compact field kind.");
            var field = new SchemaField(name, kind);
            if (!_byName.TryAdd(name, field)) throw new SerializationException($"The Compact schema of '{typeName}' has the field '{name}' twice.");
            list.Add(field);
        }
        Fields = list;

        // OrderBy is stable: fields of the same size stay in name order, as in Java and Node.js.
        var offset = 0;
        foreach (var f in list.Where(f => FieldKinds.SizeOf(f.Kind) > 0).OrderByDescending(f => FieldKinds.SizeOf(f.Kind)))
        {
            f.Offset = offset;
            offset += FieldKinds.SizeOf(f.Kind);
        }
        var bit = 0;
        foreach (var f in list.Where(f => f.Kind == FieldKind.Boolean))
        {
            f.Offset = offset;
            f.BitOffset = bit;
            if (++bit == 8)
            {
                bit = 0;
                offset++;
            }
        }
        if (bit != 0) offset++;
        FixedSizeLength = offset;
        var index = 0;
        foreach (var f in list.Where(f => FieldKinds.SizeOf(f.Kind) == FieldKinds.VariableSize)) f.Index = index++;
        VariableSizeCount = index;
        Id = RabinFingerprint.Of(typeName, list.Select(f => (f.Name, f.Kind)).ToList());
    }

    public string TypeName { get; }

    /// <summary>The fields in name order (ordinal, as Java's String.compareTo).</summary>
    public IReadOnlyList<SchemaField> Fields { get; }

    public long Id { get; }

    public int FixedSizeLength { get; }

    public int VariableSizeCount { get; }

    public SchemaField? GetField(string name) => _byName.GetValueOrDefault(name);

    public Schema ToProtocol() => new(TypeName, Fields.Select(f => new FieldDescriptor((int)f.Kind, f.Name)).ToList());

    public static CompactSchema FromProtocol(Schema schema) => new(schema.TypeName, schema.Fields.Select(f => (f.FieldName, (FieldKind)f.Kind)));

    public bool Equals(CompactSchema? other)
        => other is not null && other.Id == Id && other.TypeName == TypeName
           && other.Fields.Count == Fields.Count && other.Fields.Zip(Fields).All(p => p.First.Name == p.Second.Name && p.First.Kind == p.Second.Kind);

    public override bool Equals(object? obj) => Equals(obj as CompactSchema);

    public override int GetHashCode() => Id.GetHashCode();

    public override string ToString() => $"{TypeName} (schema {Id}: {string.Join(", ", Fields.Select(f => $"{f.Name} {f.Kind}"))})";
}
