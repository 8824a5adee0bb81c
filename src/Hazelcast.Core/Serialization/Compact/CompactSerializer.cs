using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Hazelcast.Serialization.Compact;

/// <summary>
/// The Compact serializer (type id −55): a value is its schema id (8 bytes) then its fields. Types with an explicit
/// <see cref="ICompactSerializer{T}"/> use it; other plain classes and structs are serialized by reflection over their
/// public properties (zero configuration).
/// </summary>
internal sealed class CompactSerializer
{
    private readonly ConcurrentDictionary<Type, CompactRegistration?> _byType = new();
    private readonly ConcurrentDictionary<string, CompactRegistration> _byTypeName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _ineligible = new();

    /// <summary>How deep Compact objects may nest (a cycle when writing, or hostile bytes when reading, stop here).</summary>
    public const int MaxDepth = 100;

    [ThreadStatic] private static int t_depth;

    /// <param name="options">Explicit serializers.</param>
    public CompactSerializer(CompactOptions options)
    {
        foreach (var (type, registration) in options.Serializers)
        {
            _explicit.Add(type);
            _byType[type] = registration;
            _byTypeName[registration.TypeName] = registration;
        }
    }

    public CompactSchemaRegistry Schemas { get; } = new();

    private readonly HashSet<Type> _explicit = [];

    /// <summary>Whether <paramref name="type"/> has an explicit serializer (a global serializer comes after those, before zero configuration).</summary>
    public bool HasExplicitSerializer(Type type) => _explicit.Contains(type);

    /// <summary>The registration of <paramref name="type"/>: its explicit serializer, or zero configuration when the type allows it.</summary>
    public bool TryGetRegistration(Type type, [NotNullWhen(true)] out CompactRegistration? registration)
    {
        registration = _byType.GetOrAdd(type, CreateZeroConfig);
        return registration is not null;
    }

    /// <summary>Why <paramref name="type"/> cannot be serialized with zero configuration (after <see cref="TryGetRegistration"/> failed).</summary>
    public string WhyNot(Type type) => _ineligible.GetValueOrDefault(type) ?? "it is not a Compact type";

    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Zero-configuration Compact reflects over the public properties and constructor of user types; trimmed applications register explicit ICompactSerializer<T> instead (README).")]
    private CompactRegistration? CreateZeroConfig(Type type)
    {
        var registration = ReflectiveCompactSerializer.TryCreate(type, out var reason);
        if (registration is null)
        {
            _ineligible[type] = reason!;
            return null;
        }
        var existing = _byTypeName.GetOrAdd(registration.TypeName, registration);
        if (!ReferenceEquals(existing, registration) && existing.Type != type)
        {
            _ineligible[type] = $"its Compact type name '{registration.TypeName}' is already used by {existing.Type.FullName}";
            return null;
        }
        return registration;
    }

    // ------------------------------------------------------------------ write

    /// <summary>Writes a value's schema id and fields; its schema is registered (and queued for the cluster) if new.</summary>
    public void Write(ObjectDataOutput output, object value, CompactRegistration registration)
    {
        output.CarriesCompact = true; // requests that carry Compact values wait for their schemas
        Enter(registration.TypeName, "written (is there a cycle in the object graph?)");
        try
        {
            WriteCore(output, value, registration);
        }
        finally
        {
            t_depth--;
        }
    }

    private static void Enter(string typeName, string what)
    {
        if (++t_depth <= MaxDepth) return;
        t_depth--;
        throw new SerializationException($"Compact objects nest more than {MaxDepth} levels deep at '{typeName}' and cannot be {what}.");
    }

    private void WriteCore(ObjectDataOutput output, object value, CompactRegistration registration)
    {
        var schema = registration.Schema;
        if (schema is null)
        {
            var recorder = new SchemaWriter(registration.TypeName);
            registration.Write(recorder, value);
            registration.Schema = schema = Schemas.AddLocal(recorder.Build());
        }
        else if (!Schemas.TryGet(schema.Id, out _))
        {
            Schemas.AddLocal(schema);
        }
        output.WriteLong(schema.Id);
        var writer = new CompactWriter(output, schema, this);
        registration.Write(writer, value);
        writer.End();
    }

    /// <summary>Writes a generic record: its schema is its own (registered, and queued for the cluster, if new).</summary>
    public void WriteRecord(ObjectDataOutput output, CompactRecord record)
    {
        output.CarriesCompact = true;
        Enter(record.TypeName, "written (is there a cycle in the object graph?)");
        try
        {
            var schema = record.Schema;
            if (!Schemas.TryGet(schema.Id, out _)) Schemas.AddLocal(schema);
            output.WriteLong(schema.Id);
            var writer = new CompactWriter(output, schema, this);
            foreach (var field in schema.Fields) writer.Write(field.Name, field.Kind, record.Fields[field.Name]);
            writer.End();
        }
        finally
        {
            t_depth--;
        }
    }

    /// <summary>Writes a nested Compact object (a field, or an item of an array field).</summary>
    public void WriteNested(ObjectDataOutput output, object value)
    {
        if (value is CompactRecord record)
        {
            WriteRecord(output, record);
            return;
        }
        if (!TryGetRegistration(value.GetType(), out var registration))
            throw new SerializationException($"A Compact field holds a {value.GetType().FullName}, which cannot be serialized as Compact: {WhyNot(value.GetType())}.");
        Write(output, value, registration);
    }

    // ------------------------------------------------------------------ read

    /// <summary>Reads a Compact value: its schema id, then its fields, into the type registered for its type name.</summary>
    /// <param name="input">The payload, at the schema id.</param>
    /// <param name="hint">The type the caller expects, registered on the fly for zero configuration.</param>
    public object? Read(ObjectDataInput input, Type? hint)
    {
        var schemaId = input.ReadLong();
        if (!Schemas.TryGet(schemaId, out var schema)) throw new MissingCompactSchemaException(schemaId);
        Enter(schema.TypeName, "read");
        try
        {
            return ReadCore(input, hint, schema);
        }
        finally
        {
            t_depth--;
        }
    }

    private object? ReadCore(ObjectDataInput input, Type? hint, CompactSchema schema)
    {
        var reader = new CompactReader(input, schema, this);
        // A record: asked for one, or (no type asked for) a type name this client does not know.
        var asRecord = hint == typeof(IGenericRecord) || (!_byTypeName.ContainsKey(schema.TypeName) && (hint is null || hint == typeof(object)));
        var value = asRecord
            ? CompactRecord.Read(reader)
            : RegistrationFor(schema.TypeName, hint).Read(reader);
        reader.Skip();
        return value;
    }

    public object ReadNested(ObjectDataInput input, Type? hint)
        => Read(input, hint) ?? throw new SerializationException("A Compact serializer returned null for a nested object.");

    private CompactRegistration RegistrationFor(string typeName, Type? hint)
    {
        if (_byTypeName.TryGetValue(typeName, out var registration)) return registration;
        if (hint is not null && hint != typeof(object) && TryGetRegistration(hint, out var hinted))
        {
            if (hinted.TypeName == typeName) return hinted;
            throw new SerializationException($"The value is a Compact '{typeName}', but {hint.FullName} has the Compact type name '{hinted.TypeName}'. Name it with [CompactName(\"{typeName}\")] or register an ICompactSerializer<{hint.Name}> with that type name.");
        }
        throw new SerializationException($"The value is a Compact '{typeName}' and no .NET type is known for that type name: read it as the type (IHMap<TKey, TValue> with that TValue) named '{typeName}', or register an ICompactSerializer for it.");
    }
}
