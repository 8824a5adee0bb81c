using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Hazelcast.Serialization;

/// <summary>
/// .NET's common collections as Hazelcast's built-in serializers write Java's: <c>List&lt;T&gt;</c> as
/// <c>ArrayList</c> (−29), <c>LinkedList&lt;T&gt;</c> as <c>LinkedList</c> (−30), <c>Dictionary&lt;TKey, TValue&gt;</c> as
/// <c>HashMap</c> (−32), <c>HashSet&lt;T&gt;</c> as <c>HashSet</c> (−37), <c>KeyValuePair&lt;TKey, TValue&gt;</c> as
/// <c>AbstractMap.SimpleEntry</c> (−22): a count, then each item (each key and value) as a nested object. Read
/// back, the items are what they were serialized as; <see cref="TryConvert"/> turns the collection into the caller's
/// element types.
/// </summary>
internal static class JavaCollections
{
    /// <summary>The serializer type id of a collection value, or 0 when it is none of those above.</summary>
    public static int TypeIdOf(Type type)
    {
        if (!type.IsGenericType) return 0;
        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(List<>)) return SerializationConstants.ArrayList;
        if (definition == typeof(LinkedList<>)) return SerializationConstants.LinkedList;
        if (definition == typeof(HashSet<>)) return SerializationConstants.HashSet;
        if (definition == typeof(Dictionary<,>)) return SerializationConstants.HashMap;
        if (definition == typeof(KeyValuePair<,>)) return SerializationConstants.SimpleEntry;
        return 0;
    }

    public static void Write(IObjectDataOutput output, int typeId, object value)
    {
        switch (typeId)
        {
            case SerializationConstants.HashMap:
                var map = (IDictionary)value;
                output.WriteInt(map.Count);
                foreach (DictionaryEntry entry in map)
                {
                    output.WriteObject(entry.Key);
                    output.WriteObject(entry.Value);
                }
                break;
            case SerializationConstants.SimpleEntry:
                var (key, item) = PairOf(value);
                output.WriteObject(key);
                output.WriteObject(item);
                break;
            default:
                // A HashSet<T> is no (non-generic) ICollection: its count comes from its items.
                var items = value as ICollection ?? ((IEnumerable)value).Cast<object?>().ToList();
                output.WriteInt(items.Count);
                foreach (var i in items) output.WriteObject(i);
                break;
        }
    }

    public static object Read(IObjectDataInput input, int typeId)
    {
        switch (typeId)
        {
            case SerializationConstants.HashMap:
                var count = Count(input, "HashMap", 8);
                var map = new Dictionary<object, object?>(count);
                for (var i = 0; i < count; i++)
                {
                    var key = input.ReadObject() ?? throw new SerializationException("A serialized HashMap has a null key, which a .NET dictionary cannot hold.");
                    map[key] = input.ReadObject();
                }
                return map;
            case SerializationConstants.SimpleEntry or SerializationConstants.SimpleImmutableEntry:
                var k = input.ReadObject();
                return new KeyValuePair<object?, object?>(k, input.ReadObject());
            case SerializationConstants.HashSet:
                var setCount = Count(input, "HashSet", 4);
                var set = new HashSet<object?>(setCount);
                for (var i = 0; i < setCount; i++) set.Add(input.ReadObject());
                return set;
            case SerializationConstants.LinkedList:
                var linkedCount = Count(input, "LinkedList", 4);
                var linked = new LinkedList<object?>();
                for (var i = 0; i < linkedCount; i++) linked.AddLast(input.ReadObject());
                return linked;
            default:
                var listCount = Count(input, "ArrayList", 4);
                var list = new List<object?>(listCount);
                for (var i = 0; i < listCount; i++) list.Add(input.ReadObject());
                return list;
        }
    }

    // Every nested object takes at least its 4-byte type id: a count that cannot fit is refused before anything is allocated.
    private static int Count(IObjectDataInput input, string what, int leastBytesPerItem)
    {
        var count = input.ReadInt();
        var remaining = input is ObjectDataInput o ? o.Remaining : int.MaxValue;
        if (count < 0 || (long)count * leastBytesPerItem > remaining)
            throw new SerializationException($"A serialized {what} declares {count} items but holds {remaining} bytes.");
        return count;
    }

    private static readonly ConcurrentDictionary<Type, Func<object, (object?, object?)>> Pairs = new();

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "KeyValuePair's Key and Value are public properties the type always has; they are kept with it.")]
    private static (object? Key, object? Value) PairOf(object pair) => Pairs.GetOrAdd(pair.GetType(), static t =>
    {
        var key = t.GetProperty("Key")!;
        var value = t.GetProperty("Value")!;
        return p => (key.GetValue(p), value.GetValue(p));
    })(pair);

    private static readonly ConcurrentDictionary<Type, Func<object, object>?> Converters = new();

    /// <summary>
    /// Turns a collection read back (items of the types they were serialized as) into <paramref name="target"/>:
    /// <c>List&lt;T&gt;</c>, <c>LinkedList&lt;T&gt;</c>, <c>HashSet&lt;T&gt;</c>, <c>Dictionary&lt;TKey, TValue&gt;</c>,
    /// <c>KeyValuePair&lt;TKey, TValue&gt;</c>, <c>T[]</c>, or an interface one of them implements; false when
    /// <paramref name="target"/> is none of those.
    /// </summary>
    /// <exception cref="SerializationException">An item is not a <c>T</c>.</exception>
    public static bool TryConvert(object value, Type target, out object converted)
    {
        converted = value;
        var converter = Converters.GetOrAdd(target, Build);
        if (converter is null) return false;
        converted = converter(value);
        return true;
    }

    private static Func<object, object>? Build(Type target)
    {
        if (target.IsArray && target.GetArrayRank() == 1) return Method(nameof(ToArray), target.GetElementType()!);
        if (!target.IsGenericType) return null;
        var definition = target.GetGenericTypeDefinition();
        var args = target.GetGenericArguments();
        if (definition == typeof(KeyValuePair<,>)) return Method(nameof(ToPair), args);
        if (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)) return Method(nameof(ToDictionary), args);
        if (definition == typeof(HashSet<>) || definition == typeof(ISet<>) || definition == typeof(IReadOnlySet<>)) return Method(nameof(ToSet), args);
        if (definition == typeof(LinkedList<>)) return Method(nameof(ToLinkedList), args);
        if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(ICollection<>)
            || definition == typeof(IReadOnlyCollection<>) || definition == typeof(IEnumerable<>)) return Method(nameof(ToList), args);
        return null;
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2060", Justification = "The converters have no requirements on their type arguments.")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Reading a collection into a caller's element type instantiates a converter at run time; under native AOT read it as List<object> (README).")]
    private static Func<object, object> Method(string name, params Type[] args)
    {
        var method = typeof(JavaCollections).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(args);
        return method.CreateDelegate<Func<object, object>>();
    }

    private static T Item<T>(object? item)
    {
        if (item is T typed) return typed;
        if (item is null && default(T) is null) return default!;
        if (item is not null && TryConvert(item, typeof(T), out var converted) && converted is T nested) return nested;
        throw new SerializationException($"A collection item is a {item?.GetType().FullName ?? "null"}, which cannot be read as a {typeof(T).FullName}.");
    }

    private static IEnumerable Items(object value) => value as IEnumerable
        ?? throw new SerializationException($"A {value.GetType().FullName} is not a collection.");

    private static object ToList<T>(object value) => Items(value).Cast<object?>().Select(Item<T>).ToList();

    private static object ToArray<T>(object value) => Items(value).Cast<object?>().Select(Item<T>).ToArray();

    private static object ToLinkedList<T>(object value) => new LinkedList<T>(Items(value).Cast<object?>().Select(Item<T>));

    private static object ToSet<T>(object value) => Items(value).Cast<object?>().Select(Item<T>).ToHashSet();

    private static object ToDictionary<TKey, TValue>(object value) where TKey : notnull
    {
        if (value is not IDictionary map) throw new SerializationException($"A {value.GetType().FullName} is not a map.");
        var result = new Dictionary<TKey, TValue>(map.Count);
        foreach (DictionaryEntry entry in map) result[Item<TKey>(entry.Key)] = Item<TValue>(entry.Value);
        return result;
    }

    private static object ToPair<TKey, TValue>(object value)
    {
        var (key, item) = PairOf(value);
        return new KeyValuePair<TKey, TValue>(Item<TKey>(key), Item<TValue>(item));
    }
}
