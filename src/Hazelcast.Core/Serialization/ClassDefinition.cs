namespace Hazelcast.Serialization;

/// <summary>
/// The fields of one version of a Portable class: what its bytes hold. Clients build definitions from the first
/// object they write, or read them from the bytes; register one in <see cref="SerializationOptions.ClassDefinitions"/>
/// to write a null nested object or an empty array first, or to build a generic record
/// (<see cref="GenericRecordBuilder.Portable"/>).
/// </summary>
public sealed class ClassDefinition : IEquatable<ClassDefinition>
{
    private readonly Dictionary<string, FieldDefinition> _byName;

    internal ClassDefinition(int factoryId, int classId, int version, IReadOnlyList<FieldDefinition> fields)
    {
        FactoryId = factoryId;
        ClassId = classId;
        Version = version;
        Fields = fields;
        _byName = new Dictionary<string, FieldDefinition>(fields.Count, StringComparer.Ordinal);
        foreach (var field in fields)
            if (!_byName.TryAdd(field.Name, field))
                throw new SerializationException($"The Portable class {factoryId}/{classId} version {version} has two fields named '{field.Name}'.");
        FieldNames = fields.Select(f => f.Name).ToArray();
    }

    /// <summary>The factory id.</summary>
    public int FactoryId { get; }

    /// <summary>The class id.</summary>
    public int ClassId { get; }

    /// <summary>The class version.</summary>
    public int Version { get; }

    /// <summary>The fields, by index.</summary>
    public IReadOnlyList<FieldDefinition> Fields { get; }

    /// <summary>The names of the fields, by index.</summary>
    public IReadOnlyCollection<string> FieldNames { get; }

    /// <summary>The definitions of nested classes given when this one was built (registered with it).</summary>
    internal IReadOnlyList<ClassDefinition> NestedDefinitions { get; init; } = [];

    /// <summary>The field of that name, or <c>null</c>.</summary>
    public FieldDefinition? GetField(string name) => _byName.GetValueOrDefault(name);

    /// <inheritdoc />
    public bool Equals(ClassDefinition? other)
        => other is not null && FactoryId == other.FactoryId && ClassId == other.ClassId && Version == other.Version && Fields.SequenceEqual(other.Fields);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ClassDefinition);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(FactoryId, ClassId, Version, Fields.Count);

    /// <inheritdoc />
    public override string ToString() => $"{FactoryId}/{ClassId} v{Version} {{ {string.Join(", ", Fields.Select(f => $"{f.Name}: {f.Type}"))} }}";
}

/// <summary>Field names as Portable writes them: a length in chars, then one byte per char (Java's <c>writeBytes</c>).</summary>
internal static class PortableNames
{
    public static void Check(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > short.MaxValue) throw new ArgumentException($"A Portable field name is at most {short.MaxValue} chars.", nameof(name));
        foreach (var c in name)
            if (c > 0x7f) throw new ArgumentException($"The Portable field name '{name}' is not ASCII: Hazelcast writes one byte per char, so other clients would read another name.", nameof(name));
    }
}

/// <summary>A field of a <see cref="ClassDefinition"/>; for a nested Portable (or array), the class it holds.</summary>
/// <param name="Index">Its position in the definition.</param>
/// <param name="Name">Its name.</param>
/// <param name="Type">Its type.</param>
/// <param name="FactoryId">For <see cref="FieldType.Portable"/> and <see cref="FieldType.PortableArray"/>: the nested class's factory id, else 0.</param>
/// <param name="ClassId">The nested class's id, else 0.</param>
/// <param name="Version">The nested class's version, else 0.</param>
public sealed record FieldDefinition(int Index, string Name, FieldType Type, int FactoryId = 0, int ClassId = 0, int Version = 0);

/// <summary>Builds a <see cref="ClassDefinition"/>, field by field in index order.</summary>
/// <param name="factoryId">The factory id.</param>
/// <param name="classId">The class id (not 0).</param>
/// <param name="version">The class version (not negative).</param>
public sealed class ClassDefinitionBuilder(int factoryId, int classId, int version = 0)
{
    private readonly List<FieldDefinition> _fields = [];
    private readonly List<ClassDefinition> _nested = [];

    /// <summary>Adds a field of a type other than <see cref="FieldType.Portable"/> and <see cref="FieldType.PortableArray"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty or taken, or the type is a Portable one (use <see cref="AddPortableField"/>).</exception>
    public ClassDefinitionBuilder AddField(string name, FieldType type)
    {
        if (type is FieldType.Portable or FieldType.PortableArray)
            throw new ArgumentException($"The field '{name}' holds Portable objects: add it with AddPortableField or AddPortableArrayField, which name their class.", nameof(type));
        if (!Enum.IsDefined(type)) throw new ArgumentOutOfRangeException(nameof(type), type, "Not a Portable field type.");
        return Add(name, type, null);
    }

    /// <summary>Adds a nested Portable field of the class <paramref name="definition"/> describes.</summary>
    public ClassDefinitionBuilder AddPortableField(string name, ClassDefinition definition) => Add(name, FieldType.Portable, definition);

    /// <summary>Adds an array-of-Portable field of the class <paramref name="definition"/> describes.</summary>
    public ClassDefinitionBuilder AddPortableArrayField(string name, ClassDefinition definition) => Add(name, FieldType.PortableArray, definition);

#pragma warning disable CS1591 // Shorthands of AddField.
    public ClassDefinitionBuilder AddByteField(string name) => AddField(name, FieldType.Byte);
    public ClassDefinitionBuilder AddBooleanField(string name) => AddField(name, FieldType.Boolean);
    public ClassDefinitionBuilder AddCharField(string name) => AddField(name, FieldType.Char);
    public ClassDefinitionBuilder AddShortField(string name) => AddField(name, FieldType.Short);
    public ClassDefinitionBuilder AddIntField(string name) => AddField(name, FieldType.Int);
    public ClassDefinitionBuilder AddLongField(string name) => AddField(name, FieldType.Long);
    public ClassDefinitionBuilder AddFloatField(string name) => AddField(name, FieldType.Float);
    public ClassDefinitionBuilder AddDoubleField(string name) => AddField(name, FieldType.Double);
    public ClassDefinitionBuilder AddStringField(string name) => AddField(name, FieldType.String);
    public ClassDefinitionBuilder AddDecimalField(string name) => AddField(name, FieldType.Decimal);
    public ClassDefinitionBuilder AddDateField(string name) => AddField(name, FieldType.Date);
    public ClassDefinitionBuilder AddTimeField(string name) => AddField(name, FieldType.Time);
    public ClassDefinitionBuilder AddTimestampField(string name) => AddField(name, FieldType.Timestamp);
    public ClassDefinitionBuilder AddTimestampWithTimezoneField(string name) => AddField(name, FieldType.TimestampWithTimezone);
    public ClassDefinitionBuilder AddIntArrayField(string name) => AddField(name, FieldType.IntArray);
    public ClassDefinitionBuilder AddLongArrayField(string name) => AddField(name, FieldType.LongArray);
    public ClassDefinitionBuilder AddStringArrayField(string name) => AddField(name, FieldType.StringArray);
#pragma warning restore CS1591

    private ClassDefinitionBuilder Add(string name, FieldType type, ClassDefinition? nested)
    {
        PortableNames.Check(name);
        if (_fields.Any(f => f.Name == name)) throw new ArgumentException($"The class {factoryId}/{classId} already has a field named '{name}'.", nameof(name));
        if (nested is not null) _nested.Add(nested);
        _fields.Add(new FieldDefinition(_fields.Count, name, type, nested?.FactoryId ?? 0, nested?.ClassId ?? 0, nested?.Version ?? 0));
        return this;
    }

    /// <summary>The definition.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The class id is 0 or the version negative.</exception>
    public ClassDefinition Build()
    {
        if (classId == 0) throw new ArgumentOutOfRangeException(nameof(classId), classId, "A Portable class id cannot be 0.");
        if (version < 0) throw new ArgumentOutOfRangeException(nameof(version), version, "A Portable class version cannot be negative.");
        return new ClassDefinition(factoryId, classId, version, _fields.ToArray()) { NestedDefinitions = _nested.ToArray() };
    }
}
