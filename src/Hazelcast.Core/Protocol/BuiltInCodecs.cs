using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Protocol;

/// <summary>Encoders and decoders of the built-in composite types (PROTOCOL.md §1.6).</summary>
internal static class BuiltInCodecs
{
    public static void EncodeStringList(ref MessageWriter w, IReadOnlyList<string> values)
    {
        w.WriteBegin();
        foreach (var value in values) w.WriteString(value);
        w.WriteEnd();
    }

    public static List<string> DecodeStringList(ref FrameReader r, string field)
    {
        r.ReadBegin(field);
        var list = new List<string>();
        while (!r.NextIsEnd) list.Add(r.ReadString(field));
        r.ReadEnd(field);
        return list;
    }

    public static void EncodeDataList(ref MessageWriter w, IReadOnlyList<Data> values)
    {
        w.WriteBegin();
        foreach (var value in values) w.WriteData(value);
        w.WriteEnd();
    }

    public static List<Data> DecodeDataList(ref FrameReader r, string field)
    {
        r.ReadBegin(field);
        var list = new List<Data>();
        while (!r.NextIsEnd) list.Add(r.ReadData(field));
        r.ReadEnd(field);
        return list;
    }

    public static void EncodeNullableDataList(ref MessageWriter w, IReadOnlyList<Data> values)
    {
        w.WriteBegin();
        foreach (var value in values) w.WriteNullableData(value);
        w.WriteEnd();
    }

    public static List<Data> DecodeNullableDataList(ref FrameReader r, string field)
    {
        r.ReadBegin(field);
        var list = new List<Data>();
        while (!r.NextIsEnd) list.Add(r.ReadNullableData(field));
        r.ReadEnd(field);
        return list;
    }

    public static void EncodeDataEntries(ref MessageWriter w, IReadOnlyList<KeyValuePair<Data, Data>> entries)
    {
        w.WriteBegin();
        foreach (var (key, value) in entries)
        {
            w.WriteData(key);
            w.WriteData(value);
        }
        w.WriteEnd();
    }

    public static List<KeyValuePair<Data, Data>> DecodeDataEntries(ref FrameReader r, string field)
    {
        r.ReadBegin(field);
        var list = new List<KeyValuePair<Data, Data>>();
        while (!r.NextIsEnd)
        {
            var key = r.ReadData(field);
            var value = r.ReadData(field);
            list.Add(new(key, value));
        }
        r.ReadEnd(field);
        return list;
    }

    /// <summary>Entries of a key and its values (a MultiMap's PutAll): begin, then key and value list per entry, end.</summary>
    public static void EncodeDataListEntries(ref MessageWriter w, IReadOnlyList<KeyValuePair<Data, IReadOnlyList<Data>>> entries)
    {
        w.WriteBegin();
        foreach (var (key, values) in entries)
        {
            w.WriteData(key);
            EncodeDataList(ref w, values);
        }
        w.WriteEnd();
    }

    public static List<KeyValuePair<Data, IReadOnlyList<Data>>> DecodeDataListEntries(ref FrameReader r, string field)
    {
        r.ReadBegin(field);
        var list = new List<KeyValuePair<Data, IReadOnlyList<Data>>>();
        while (!r.NextIsEnd)
        {
            var key = r.ReadData(field);
            list.Add(new(key, DecodeDataList(ref r, field)));
        }
        r.ReadEnd(field);
        return list;
    }

    public static void EncodeStringMap(ref MessageWriter w, IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        w.WriteBegin();
        foreach (var (key, value) in entries)
        {
            w.WriteString(key);
            w.WriteString(value);
        }
        w.WriteEnd();
    }

    public static List<KeyValuePair<string, string>> DecodeStringMap(ref FrameReader r, string field)
    {
        r.ReadBegin(field);
        var list = new List<KeyValuePair<string, string>>();
        while (!r.NextIsEnd)
        {
            var key = r.ReadString(field);
            var value = r.ReadString(field);
            list.Add(new(key, value));
        }
        r.ReadEnd(field);
        return list;
    }

    public static void EncodeAddressMap(ref MessageWriter w, IReadOnlyList<KeyValuePair<EndpointQualifier, Address>> entries)
    {
        w.WriteBegin();
        foreach (var (key, value) in entries)
        {
            EndpointQualifierCodec.Encode(ref w, key);
            AddressCodec.Encode(ref w, value);
        }
        w.WriteEnd();
    }

    public static List<KeyValuePair<EndpointQualifier, Address>> DecodeAddressMap(ref FrameReader r, string field)
    {
        r.ReadBegin(field);
        var list = new List<KeyValuePair<EndpointQualifier, Address>>();
        while (!r.NextIsEnd)
        {
            var key = EndpointQualifierCodec.Decode(ref r, field);
            var value = AddressCodec.Decode(ref r, field);
            list.Add(new(key, value));
        }
        r.ReadEnd(field);
        return list;
    }

    /// <summary>BEGIN, one List_Integer per entry, END, then one List_UUID with all the keys (keys come last).</summary>
    public static void EncodeUuidIntListEntries(ref MessageWriter w, IReadOnlyList<KeyValuePair<Guid, int[]>> entries)
    {
        w.WriteBegin();
        foreach (var entry in entries) w.WriteIntList(entry.Value);
        w.WriteEnd();
        var keys = new Guid[entries.Count];
        for (var i = 0; i < keys.Length; i++) keys[i] = entries[i].Key;
        w.WriteUuidList(keys);
    }

    public static List<KeyValuePair<Guid, int[]>> DecodeUuidIntListEntries(ref FrameReader r, string field)
    {
        r.ReadBegin(field);
        var values = new List<int[]>();
        while (!r.NextIsEnd) values.Add(r.ReadIntList(field));
        r.ReadEnd(field);
        var keys = r.ReadUuidList(field);
        if (keys.Length != values.Count)
            throw new ProtocolException($"'{field}' has {keys.Length} keys for {values.Count} values.");
        var list = new List<KeyValuePair<Guid, int[]>>(keys.Length);
        for (var i = 0; i < keys.Length; i++) list.Add(new(keys[i], values[i]));
        return list;
    }

    // Entry lists of two fixed-size types (EntryList_UUID_Long, EntryList_Integer_UUID, EntryList_Integer_Long): one
    // frame of key-value pairs side by side. One implementation; the key and value codecs are static lambdas.
    private delegate void WriteFixed<in T>(Span<byte> span, int offset, T value);

    private delegate T ReadFixed<out T>(ReadOnlySpan<byte> span, int offset, string field);

    private static void EncodeFixedEntries<TKey, TValue>(ref MessageWriter w, IReadOnlyList<KeyValuePair<TKey, TValue>> entries,
        int keySize, int valueSize, WriteFixed<TKey> writeKey, WriteFixed<TValue> writeValue)
    {
        var itemSize = keySize + valueSize;
        var span = w.AddFixedFrame(entries.Count * itemSize);
        for (var i = 0; i < entries.Count; i++)
        {
            writeKey(span, i * itemSize, entries[i].Key);
            writeValue(span, i * itemSize + keySize, entries[i].Value);
        }
    }

    private static List<KeyValuePair<TKey, TValue>> DecodeFixedEntries<TKey, TValue>(ref FrameReader r, string field,
        int keySize, int valueSize, ReadFixed<TKey> readKey, ReadFixed<TValue> readValue)
    {
        var span = r.Next(field).Span;
        var itemSize = keySize + valueSize;
        if (span.Length % itemSize != 0)
            throw new ProtocolException($"'{field}' holds {span.Length} bytes, not a multiple of its item size {itemSize}.");
        var list = new List<KeyValuePair<TKey, TValue>>(span.Length / itemSize);
        for (var offset = 0; offset < span.Length; offset += itemSize)
            list.Add(new(readKey(span, offset, field), readValue(span, offset + keySize, field)));
        return list;
    }

    private static readonly WriteFixed<Guid> WriteUuid = static (s, o, v) => Fixed.WriteUuid(s, o, v);
    private static readonly ReadFixed<Guid> ReadUuid = static (s, o, f) => Fixed.ReadUuid(s, o, f) ?? Guid.Empty;
    private static readonly WriteFixed<int> WriteInt = Fixed.WriteInt;
    private static readonly ReadFixed<int> ReadInt = Fixed.ReadInt;
    private static readonly WriteFixed<long> WriteLong = Fixed.WriteLong;
    private static readonly ReadFixed<long> ReadLong = Fixed.ReadLong;

    public static void EncodeUuidLongEntries(ref MessageWriter w, IReadOnlyList<KeyValuePair<Guid, long>> entries)
        => EncodeFixedEntries(ref w, entries, FixedSize.Uuid, FixedSize.Long, WriteUuid, WriteLong);

    public static List<KeyValuePair<Guid, long>> DecodeUuidLongEntries(ref FrameReader r, string field)
        => DecodeFixedEntries(ref r, field, FixedSize.Uuid, FixedSize.Long, ReadUuid, ReadLong);

    public static void EncodeIntUuidEntries(ref MessageWriter w, IReadOnlyList<KeyValuePair<int, Guid>> entries)
        => EncodeFixedEntries(ref w, entries, FixedSize.Int, FixedSize.Uuid, WriteInt, WriteUuid);

    public static List<KeyValuePair<int, Guid>> DecodeIntUuidEntries(ref FrameReader r, string field)
        => DecodeFixedEntries(ref r, field, FixedSize.Int, FixedSize.Uuid, ReadInt, ReadUuid);

    public static void EncodeIntLongEntries(ref MessageWriter w, IReadOnlyList<KeyValuePair<int, long>> entries)
        => EncodeFixedEntries(ref w, entries, FixedSize.Int, FixedSize.Long, WriteInt, WriteLong);

    public static List<KeyValuePair<int, long>> DecodeIntLongEntries(ref FrameReader r, string field)
        => DecodeFixedEntries(ref r, field, FixedSize.Int, FixedSize.Long, ReadInt, ReadLong);

    /// <summary>EntryList_String_EntryList_Integer_Long: begin, then each name and its (partition, sequence) frame, end.</summary>
    public static void EncodeStringIntLongEntries(ref MessageWriter w, IReadOnlyList<KeyValuePair<string, IReadOnlyList<KeyValuePair<int, long>>>> entries)
    {
        w.WriteBegin();
        foreach (var (name, sequences) in entries)
        {
            w.WriteString(name);
            EncodeIntLongEntries(ref w, sequences);
        }
        w.WriteEnd();
    }

    public static List<KeyValuePair<string, IReadOnlyList<KeyValuePair<int, long>>>> DecodeStringIntLongEntries(ref FrameReader r, string field)
    {
        r.ReadBegin(field);
        var list = new List<KeyValuePair<string, IReadOnlyList<KeyValuePair<int, long>>>>();
        while (!r.NextIsEnd)
        {
            var name = r.ReadString(field);
            list.Add(new(name, DecodeIntLongEntries(ref r, field)));
        }
        r.ReadEnd(field);
        return list;
    }

    public static void EncodeUuidListList(ref MessageWriter w, IReadOnlyList<Guid[]> lists)
    {
        w.WriteBegin();
        foreach (var list in lists) w.WriteUuidList(list);
        w.WriteEnd();
    }

    public static List<Guid[]> DecodeUuidListList(ref FrameReader r, string field)
    {
        r.ReadBegin(field);
        var list = new List<Guid[]>();
        while (!r.NextIsEnd) list.Add(r.ReadUuidList(field));
        r.ReadEnd(field);
        return list;
    }
}
