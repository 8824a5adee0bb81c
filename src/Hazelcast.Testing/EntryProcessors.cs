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

/// <summary>The .NET entry processors a test registered on the in-process member, by IdentifiedDataSerializable factory and class id.</summary>
internal sealed class EntryProcessorRegistry : IDataSerializableFactory
{
    private readonly Dictionary<int, (Func<IIdentifiedDataSerializable> Create, Func<object, MutableEntry, object?> Process)> _byClass = [];

    public EntryProcessorRegistry(int factoryId) => FactoryId = factoryId;

    public int FactoryId { get; }

    public void Add(int classId, Func<IIdentifiedDataSerializable> create, Func<object, MutableEntry, object?> process) => _byClass[classId] = (create, process);

    public IIdentifiedDataSerializable? Create(int classId) => _byClass.TryGetValue(classId, out var p) ? p.Create() : null;

    public Func<object, MutableEntry, object?>? ProcessorOf(int classId) => _byClass.TryGetValue(classId, out var p) ? p.Process : null;
}
