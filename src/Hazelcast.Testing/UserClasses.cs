using Hazelcast.Protocol;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>
/// The entry an entry processor runs on, on the in-process member: its key and value (deserialized), and what the
/// processor sets: a new value, or null to remove the entry. The member writes the change back, with its events.
/// </summary>
public sealed class MutableEntry
{
    internal MutableEntry(object? key, object? value)
    {
        Key = key;
        Value = value;
        Exists = value is not null;
    }

    /// <summary>The entry's key.</summary>
    public object? Key { get; }

    /// <summary>Whether the entry existed when the processor started.</summary>
    public bool Exists { get; }

    /// <summary>The value; set it to change the entry, to null to remove it.</summary>
    public object? Value
    {
        get => _value;
        set
        {
            _value = value;
            Changed = true;
        }
    }

    private object? _value;

    internal bool Changed { get; private set; }
}

/// <summary>
/// The .NET implementations of user classes (entry processors, comparators) a test registered on the in-process
/// member, where a real member has Java classes on its classpath: IdentifiedDataSerializable ones by factory and class
/// id, Compact ones by type name. Each carries what the member does with it (a processor's process function, a
/// comparator's compare function).
/// </summary>
internal sealed class UserClasses
{
    private readonly Dictionary<int, Factory> _factories = [];
    private readonly Dictionary<string, (Type Type, Delegate Behaviour)> _compact = new(StringComparer.Ordinal);

    /// <summary>The factories the member's serialization reads IdentifiedDataSerializable user classes with.</summary>
    public IEnumerable<KeyValuePair<int, IDataSerializableFactory>> Factories => _factories.Select(f => KeyValuePair.Create(f.Key, (IDataSerializableFactory)f.Value));

    public void AddIdentified(int factoryId, int classId, Func<IIdentifiedDataSerializable> create, Delegate behaviour)
    {
        if (!_factories.TryGetValue(factoryId, out var factory)) _factories[factoryId] = factory = new Factory();
        factory.Classes[classId] = (create, behaviour);
    }

    public void AddCompact(string typeName, Type type, Delegate behaviour)
    {
        if (string.IsNullOrWhiteSpace(typeName)) throw new ArgumentException("A Compact type name cannot be empty.", nameof(typeName));
        _compact[typeName] = (type, behaviour);
    }

    /// <summary>
    /// The user object a request carries, read, and its behaviour of the kind asked for. One the member does not know
    /// is refused with HazelcastSerialization naming it, as a real member refuses a class it lacks; a Compact one is
    /// read again into its registered .NET type.
    /// </summary>
    /// <param name="data">The serialized object, as the request carries it.</param>
    /// <param name="serialization">The member's serialization, which knows the registered factories.</param>
    /// <param name="what">What the object is for, in the error ("entry processor", "paging comparator").</param>
    /// <param name="registerWith">The HazelcastClusterOptions method that registers one, in the error.</param>
    public (object Instance, TBehaviour Behaviour) Resolve<TBehaviour>(Data data, SerializationService serialization, string what, string registerWith) where TBehaviour : Delegate
    {
        RemoteErrorException Unknown(string which) => new(RemoteError.HazelcastSerialization,
            $"The {what} ({which}) is not one this member can run: register its implementation with HazelcastClusterOptions.{registerWith}.");
        object? value;
        try
        {
            value = serialization.ToObject(data);
        }
        catch (SerializationException e)
        {
            throw Unknown(e.Message);
        }
        switch (value)
        {
            case IIdentifiedDataSerializable ids:
                return _factories.TryGetValue(ids.FactoryId, out var factory) && factory.Classes.TryGetValue(ids.ClassId, out var registered) && registered.Behaviour is TBehaviour behaviour
                    ? (value, behaviour)
                    : throw Unknown($"factory {ids.FactoryId}, class id {ids.ClassId}");
            case Serialization.Compact.CompactRecord record:
                return _compact.TryGetValue(record.TypeName, out var compact) && compact.Behaviour is TBehaviour compactBehaviour
                    ? (serialization.ToObject(data, compact.Type)!, compactBehaviour)
                    : throw Unknown($"Compact type '{record.TypeName}'");
            // Once read into its type, the member's serialization knows the type name and reads it so from then on.
            case not null when _compact.Values.FirstOrDefault(c => c.Type == value.GetType()) is { Behaviour: TBehaviour typedBehaviour }:
                return (value, typedBehaviour);
            default:
                throw Unknown($"serializer type {data.TypeId}");
        }
    }

    private sealed class Factory : IDataSerializableFactory
    {
        public Dictionary<int, (Func<IIdentifiedDataSerializable> Create, Delegate Behaviour)> Classes { get; } = [];

        public IIdentifiedDataSerializable? Create(int classId) => Classes.TryGetValue(classId, out var c) ? c.Create() : null;
    }
}

/// <summary>What an entry processor does on the in-process member: the processor read from the request, the entry; returns the entry's result.</summary>
internal delegate object? ProcessEntry(object processor, MutableEntry entry);

/// <summary>What a paging comparator does on the in-process member: compares two entries (keys and values deserialized).</summary>
internal delegate int CompareEntries(object comparator, KeyValuePair<object?, object?> x, KeyValuePair<object?, object?> y);
