using System.Collections.Concurrent;
using System.Text;

namespace Hazelcast.Serialization.Portable;

/// <summary>
/// The Portable serializer (type id −1; docs/notes/portable-format.md): factory id, class id, class version, then the
/// body: its end position, its field count, a table of field positions and the fields, each under its name and type.
/// Positions count from byte 0 of the whole serialized value (the Data header included), also for a Portable object
/// nested in another value, so it is always written in place into the enclosing output.
/// </summary>
internal sealed class PortableSerializer
{
    /// <summary>How deep Portable objects may nest (a cycle when writing, or hostile bytes when reading, stop here).</summary>
    public const int MaxDepth = 100;

    [ThreadStatic] private static int t_depth;

    private readonly ConcurrentDictionary<(int FactoryId, int ClassId, int Version), ClassDefinition> _definitions = new();
    private readonly IReadOnlyDictionary<int, IPortableFactory> _factories;

    public PortableSerializer(SerializationService service, SerializationOptions options)
    {
        Service = service;
        if (options.PortableVersion < 0) throw new ArgumentOutOfRangeException(nameof(options), options.PortableVersion, "SerializationOptions.PortableVersion cannot be negative.");
        DefaultVersion = options.PortableVersion;
        _factories = new Dictionary<int, IPortableFactory>(options.PortableFactories);
        foreach (var definition in options.ClassDefinitions) Register(definition);
    }

    public SerializationService Service { get; }

    /// <summary>The version of classes that do not say theirs (<see cref="SerializationOptions.PortableVersion"/>).</summary>
    public int DefaultVersion { get; }

    public bool TryGetDefinition(int factoryId, int classId, int version, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ClassDefinition? definition)
        => _definitions.TryGetValue((factoryId, classId, version), out definition);

    /// <summary>Registers a definition and the nested ones it was built with; the same key with other fields is an error.</summary>
    public ClassDefinition Register(ClassDefinition definition)
    {
        foreach (var nested in definition.NestedDefinitions) Register(nested);
        var existing = _definitions.GetOrAdd((definition.FactoryId, definition.ClassId, definition.Version), definition);
        if (!existing.Fields.SequenceEqual(definition.Fields))
            throw new SerializationException($"Incompatible class definitions for Portable class {definition.FactoryId}/{definition.ClassId} version {definition.Version}: {existing} and {definition}. A class that changes its fields must change its version.");
        return existing;
    }

    public int VersionOf(IPortable portable)
    {
        if (portable is not IVersionedPortable versioned) return DefaultVersion;
        return versioned.ClassVersion >= 0
            ? versioned.ClassVersion
            : throw new SerializationException($"The Portable {portable.GetType().FullName} has a negative class version ({versioned.ClassVersion}).");
    }

    /// <summary>The definition of <paramref name="portable"/>'s class at its version: registered, or recorded from what it writes.</summary>
    public ClassDefinition DefinitionOf(IPortable portable)
    {
        var version = VersionOf(portable);
        if (TryGetDefinition(portable.FactoryId, portable.ClassId, version, out var known)) return known;
        var recorder = new DefinitionRecorder(this, portable.FactoryId, portable.ClassId, version);
        Enter(portable.FactoryId, portable.ClassId, "written (is there a cycle in the object graph?)");
        try
        {
            portable.WritePortable(recorder);
            return Register(recorder.Build());
        }
        catch (ArgumentException e)
        {
            // A field name that is empty, not ASCII or written twice; class id 0.
            throw new SerializationException($"The Portable {portable.GetType().FullName} (class {portable.FactoryId}/{portable.ClassId}) cannot be serialized: {e.Message}", e);
        }
        finally
        {
            t_depth--;
        }
    }

    private static void Enter(int factoryId, int classId, string what)
    {
        if (++t_depth <= MaxDepth) return;
        t_depth--;
        throw new SerializationException($"Portable objects nest more than {MaxDepth} levels deep at class {factoryId}/{classId} and cannot be {what}.");
    }

    // ------------------------------------------------------------------ write

    /// <summary>Writes a Portable object or a Portable generic record (after the type id): factory id, class id, then <see cref="WriteObject"/>.</summary>
    public void Write(IObjectDataOutput output, object value)
    {
        var (factoryId, classId) = value switch
        {
            IPortable p => (p.FactoryId, p.ClassId),
            PortableRecord r => (r.ClassDefinition.FactoryId, r.ClassDefinition.ClassId),
            _ => throw new ArgumentException($"Not a Portable value: {value.GetType().FullName}.", nameof(value)),
        };
        output.WriteInt(factoryId);
        output.WriteInt(classId);
        WriteObject((ObjectDataOutput)output, value);
    }

    /// <summary>Writes a Portable object's version and body (a nested object, or an item of an array, starts here).</summary>
    public void WriteObject(ObjectDataOutput output, object value)
    {
        var definition = value is PortableRecord record ? record.ClassDefinition : DefinitionOf((IPortable)value);
        Enter(definition.FactoryId, definition.ClassId, "written (is there a cycle in the object graph?)");
        try
        {
            output.WriteInt(definition.Version);
            var writer = new PortableWriter(this, output, definition);
            if (value is PortableRecord r) writer.WriteRecord(r);
            else ((IPortable)value).WritePortable(writer);
            writer.End();
        }
        finally
        {
            t_depth--;
        }
    }

    // ------------------------------------------------------------------ read

    /// <summary>Reads a Portable value (after the type id): an object from its factory, or a generic record.</summary>
    /// <param name="input">The payload, at the factory id.</param>
    /// <param name="hint">The type asked for: <see cref="IGenericRecord"/> reads a record even when a factory knows the class.</param>
    public object Read(ObjectDataInput input, Type? hint)
    {
        var factoryId = input.ReadInt();
        var classId = input.ReadInt();
        return ReadObject(input, factoryId, classId, asRecord: hint == typeof(IGenericRecord));
    }

    /// <summary>Reads a version and a body of class <paramref name="factoryId"/>/<paramref name="classId"/>.</summary>
    public object ReadObject(ObjectDataInput input, int factoryId, int classId, bool asRecord)
    {
        var version = input.ReadInt();
        Enter(factoryId, classId, "read");
        try
        {
            var definition = TryGetDefinition(factoryId, classId, version, out var known) ? known : ReadDefinition(input, factoryId, classId, version);
            if (!asRecord && _factories.TryGetValue(factoryId, out var factory))
            {
                var portable = factory.Create(classId)
                    ?? throw new SerializationException($"The Portable factory {factoryId} does not know class id {classId}.");
                if (portable.ClassId != classId || portable.FactoryId != factoryId)
                    throw new SerializationException($"The Portable factory {factoryId} created a {portable.GetType().FullName} of class {portable.FactoryId}/{portable.ClassId} for class id {classId}.");
                // Bytes of another version of the class are read leniently: missing fields as defaults, numbers widened.
                var reader = new PortableReader(this, input, definition, morphing: definition.Version != VersionOf(portable), asRecord: false);
                portable.ReadPortable(reader);
                reader.End();
                return portable;
            }
            var recordReader = new PortableReader(this, input, definition, morphing: false, asRecord: true);
            var values = new Dictionary<string, object?>(definition.Fields.Count, StringComparer.Ordinal);
            foreach (var field in definition.Fields) values[field.Name] = recordReader.ReadValue(field);
            recordReader.End();
            return new PortableRecord(definition, values);
        }
        finally
        {
            t_depth--;
        }
    }

    /// <summary>
    /// Rebuilds a class definition from a body (at its end position), which describes itself: names, types and, for
    /// nested objects, their classes. It is registered unless a nested object or array was null or empty (its class
    /// version is then not in the bytes). The input is left where it was.
    /// </summary>
    private ClassDefinition ReadDefinition(ObjectDataInput input, int factoryId, int classId, int version)
    {
        var start = input.Position;
        input.ReadInt(); // end position
        var count = input.ReadInt();
        if (count < 0 || (long)count * 4 > input.Remaining)
            throw new SerializationException($"A Portable object of class {factoryId}/{classId} declares {count} fields, which its {input.Remaining} remaining bytes cannot hold.");
        var table = input.Position;
        var fields = new FieldDefinition[count];
        var complete = true;
        for (var i = 0; i < count; i++)
        {
            input.Position = table + i * 4;
            input.Position = PortableReader.Relative(input.ReadInt());
            var length = input.ReadShort();
            if (length < 0) throw new SerializationException($"A Portable object of class {factoryId}/{classId} has a field name of negative length.");
            var name = Encoding.Latin1.GetString(input.ReadSpan(length));
            var type = (FieldType)input.ReadByte();
            if (!Enum.IsDefined(type)) throw new SerializationException($"The field '{name}' of a Portable object of class {factoryId}/{classId} has type id {(int)type}, which is not a Portable field type.");
            int nestedFactory = 0, nestedClass = 0, nestedVersion = 0;
            if (type == FieldType.Portable)
            {
                var isNull = input.ReadBoolean();
                nestedFactory = input.ReadInt();
                nestedClass = input.ReadInt();
                if (isNull)
                {
                    complete = false;
                    nestedVersion = DefaultVersion;
                }
                else
                {
                    nestedVersion = NestedDefinition(input, nestedFactory, nestedClass).Version;
                }
            }
            else if (type == FieldType.PortableArray)
            {
                var length2 = input.ReadInt();
                nestedFactory = input.ReadInt();
                nestedClass = input.ReadInt();
                if (length2 <= 0)
                {
                    complete = false;
                    nestedVersion = DefaultVersion;
                }
                else
                {
                    input.Position = PortableReader.Relative(input.ReadInt());
                    nestedVersion = NestedDefinition(input, nestedFactory, nestedClass).Version;
                }
            }
            fields[i] = new FieldDefinition(i, name, type, nestedFactory, nestedClass, nestedVersion);
        }
        input.Position = start;
        var definition = new ClassDefinition(factoryId, classId, version, fields);
        return complete ? Register(definition) : definition;
    }

    // A nested object's definition, at its version int.
    private ClassDefinition NestedDefinition(ObjectDataInput input, int factoryId, int classId)
    {
        var version = input.ReadInt();
        if (TryGetDefinition(factoryId, classId, version, out var known)) return known;
        Enter(factoryId, classId, "read");
        try
        {
            return ReadDefinition(input, factoryId, classId, version);
        }
        finally
        {
            t_depth--;
        }
    }
}

/// <summary>Records the fields a Portable object writes, to build its class definition (nothing is serialized).</summary>
internal sealed class DefinitionRecorder(PortableSerializer serializer, int factoryId, int classId, int version) : IPortableWriter
{
    private readonly ClassDefinitionBuilder _builder = new(factoryId, classId, version);

    public ClassDefinition Build() => _builder.Build();

    private void Add(string name, FieldType type) => _builder.AddField(name, type);

    public void WriteByte(string fieldName, byte value) => Add(fieldName, FieldType.Byte);
    public void WriteBoolean(string fieldName, bool value) => Add(fieldName, FieldType.Boolean);
    public void WriteChar(string fieldName, char value) => Add(fieldName, FieldType.Char);
    public void WriteShort(string fieldName, short value) => Add(fieldName, FieldType.Short);
    public void WriteInt(string fieldName, int value) => Add(fieldName, FieldType.Int);
    public void WriteLong(string fieldName, long value) => Add(fieldName, FieldType.Long);
    public void WriteFloat(string fieldName, float value) => Add(fieldName, FieldType.Float);
    public void WriteDouble(string fieldName, double value) => Add(fieldName, FieldType.Double);
    public void WriteString(string fieldName, string? value) => Add(fieldName, FieldType.String);
    public void WriteDecimal(string fieldName, decimal? value) => Add(fieldName, FieldType.Decimal);
    public void WriteTime(string fieldName, TimeOnly? value) => Add(fieldName, FieldType.Time);
    public void WriteDate(string fieldName, DateOnly? value) => Add(fieldName, FieldType.Date);
    public void WriteTimestamp(string fieldName, DateTime? value) => Add(fieldName, FieldType.Timestamp);
    public void WriteTimestampWithTimezone(string fieldName, DateTimeOffset? value) => Add(fieldName, FieldType.TimestampWithTimezone);
    public void WriteByteArray(string fieldName, byte[]? value) => Add(fieldName, FieldType.ByteArray);
    public void WriteBooleanArray(string fieldName, bool[]? value) => Add(fieldName, FieldType.BooleanArray);
    public void WriteCharArray(string fieldName, char[]? value) => Add(fieldName, FieldType.CharArray);
    public void WriteShortArray(string fieldName, short[]? value) => Add(fieldName, FieldType.ShortArray);
    public void WriteIntArray(string fieldName, int[]? value) => Add(fieldName, FieldType.IntArray);
    public void WriteLongArray(string fieldName, long[]? value) => Add(fieldName, FieldType.LongArray);
    public void WriteFloatArray(string fieldName, float[]? value) => Add(fieldName, FieldType.FloatArray);
    public void WriteDoubleArray(string fieldName, double[]? value) => Add(fieldName, FieldType.DoubleArray);
    public void WriteStringArray(string fieldName, string?[]? value) => Add(fieldName, FieldType.StringArray);
    public void WriteDecimalArray(string fieldName, decimal[]? value) => Add(fieldName, FieldType.DecimalArray);
    public void WriteTimeArray(string fieldName, TimeOnly[]? value) => Add(fieldName, FieldType.TimeArray);
    public void WriteDateArray(string fieldName, DateOnly[]? value) => Add(fieldName, FieldType.DateArray);
    public void WriteTimestampArray(string fieldName, DateTime[]? value) => Add(fieldName, FieldType.TimestampArray);
    public void WriteTimestampWithTimezoneArray(string fieldName, DateTimeOffset[]? value) => Add(fieldName, FieldType.TimestampWithTimezoneArray);

    public void WritePortable(string fieldName, IPortable? value)
    {
        if (value is null)
            throw new SerializationException($"The Portable class {factoryId}/{classId} writes a null '{fieldName}' before the class of that field is known: write it with WriteNullPortable, or register the ClassDefinition of {factoryId}/{classId} in SerializationOptions.ClassDefinitions.");
        _builder.AddPortableField(fieldName, serializer.DefinitionOf(value));
    }

    public void WriteNullPortable(string fieldName, int nestedFactoryId, int nestedClassId)
    {
        if (!serializer.TryGetDefinition(nestedFactoryId, nestedClassId, serializer.DefaultVersion, out var nested))
            throw new SerializationException($"The field '{fieldName}' of Portable class {factoryId}/{classId} is a null {nestedFactoryId}/{nestedClassId}, whose class definition (version {serializer.DefaultVersion}) is not known: register it in SerializationOptions.ClassDefinitions.");
        _builder.AddPortableField(fieldName, nested);
    }

    public void WritePortableArray(string fieldName, IPortable[]? value)
    {
        if (value is not { Length: > 0 })
            throw new SerializationException($"The Portable class {factoryId}/{classId} writes a null or empty array '{fieldName}' before the class of its items is known: register the ClassDefinition of {factoryId}/{classId} in SerializationOptions.ClassDefinitions.");
        PortableWriter.CheckSameClass(fieldName, value);
        _builder.AddPortableArrayField(fieldName, serializer.DefinitionOf(value[0]));
    }

    public IObjectDataOutput GetRawDataOutput() => new ObjectDataOutput(serializer.Service);
}
