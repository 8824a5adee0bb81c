using System.Buffers.Binary;
using System.Text;

namespace Hazelcast.Serialization;

/// <summary>A growable big-endian buffer for serialized payloads.</summary>
internal sealed class ObjectDataOutput(SerializationService service, int capacity = 64) : IObjectDataOutput
{
    private byte[] _buffer = new byte[capacity];

    public int Position { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Position);

    public Span<byte> Take(int count)
    {
        if (_buffer.Length - Position < count) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Position + count));
        var span = _buffer.AsSpan(Position, count);
        Position += count;
        return span;
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    public void WriteZeros(int count) => Take(count).Clear();

    /// <summary>Overwrites an int already written (a length known only after what follows it).</summary>
    public void WriteIntAt(int position, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(position, 4), value);

    /// <summary>A span over bytes already written, to fill in place.</summary>
    public Span<byte> At(int position, int length) => _buffer.AsSpan(position, length);

    /// <summary>Sets or clears one bit of a byte already written.</summary>
    public void WriteBitAt(int position, int bit, bool value)
    {
        if (value) _buffer[position] |= (byte)(1 << bit);
        else _buffer[position] &= (byte)~(1 << bit);
    }

    public void WriteBoolean(bool value) => Take(1)[0] = value ? (byte)1 : (byte)0;
    public void WriteByte(byte value) => Take(1)[0] = value;
    public void WriteChar(char value) => BinaryPrimitives.WriteUInt16BigEndian(Take(2), value);
    public void WriteShort(short value) => BinaryPrimitives.WriteInt16BigEndian(Take(2), value);
    public void WriteInt(int value) => BinaryPrimitives.WriteInt32BigEndian(Take(4), value);
    public void WriteLong(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);
    public void WriteFloat(float value) => BinaryPrimitives.WriteInt32BigEndian(Take(4), float.IsNaN(value) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(value));
    public void WriteDouble(double value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), double.IsNaN(value) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(value));

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt(count);
        Encoding.UTF8.GetBytes(value, Take(count));
    }

    public void WriteByteArray(byte[]? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }
        WriteInt(value.Length);
        WriteRaw(value);
    }

    /// <summary>The object's type id and payload, without the Data header's partition hash.</summary>
    /// <summary>Whether a value written with <see cref="WriteObject"/> is, or nests, a Compact value.</summary>
    public bool CarriesCompact { get; set; }

    public void WriteObject(object? value)
    {
        if (value is IPortable or Portable.PortableRecord)
        {
            // Portable positions count from the start of the enclosing value: written in place, not copied.
            WriteInt(SerializationConstants.Portable);
            service.Portable.Write(this, value);
            return;
        }
        var data = service.ToData(value);
        CarriesCompact |= data.CarriesCompact;
        WriteRaw(data.Bytes.Span[4..]);
    }
}

/// <summary>Reads a big-endian serialized payload, with bounds checks that say what is truncated.</summary>
internal sealed class ObjectDataInput(SerializationService service, ReadOnlyMemory<byte> bytes) : IObjectDataInput
{
    private int _position;

    public int Length => bytes.Length;

    /// <summary>The read position, settable for formats read out of order (Compact).</summary>
    public int Position
    {
        get => _position;
        set
        {
            if (value < 0 || value > bytes.Length) throw new SerializationException($"A serialized object points at offset {value}, outside its {bytes.Length} bytes.");
            _position = value;
        }
    }

    internal SerializationService Service => service;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || bytes.Length - _position < count)
            throw new SerializationException($"A serialized object is truncated: {count} more bytes were expected at offset {_position} of {bytes.Length}.");
        var span = bytes.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>The next <paramref name="count"/> bytes, in place.</summary>
    public ReadOnlySpan<byte> ReadSpan(int count) => Take(count);

    public bool ReadBoolean() => Take(1)[0] != 0;
    public byte ReadByte() => Take(1)[0];
    public char ReadChar() => (char)BinaryPrimitives.ReadUInt16BigEndian(Take(2));
    public short ReadShort() => BinaryPrimitives.ReadInt16BigEndian(Take(2));
    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));
    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));
    public float ReadFloat() => BinaryPrimitives.ReadSingleBigEndian(Take(4));
    public double ReadDouble() => BinaryPrimitives.ReadDoubleBigEndian(Take(8));

    public string? ReadString()
    {
        var count = ReadInt();
        return count < 0 ? null : Encoding.UTF8.GetString(Take(count));
    }

    public byte[]? ReadByteArray()
    {
        var count = ReadInt();
        return count < 0 ? null : Take(count).ToArray();
    }

    /// <summary>How deep objects may nest in one payload (a predicate inside a predicate, ...): deeper is refused, not a stack overflow.</summary>
    public const int MaxNesting = 128;

    private int _nesting;

    /// <summary>An object inside a payload: its serializer type id, then its payload, read in place.</summary>
    public object? ReadObject()
    {
        var typeId = ReadInt();
        if (++_nesting > MaxNesting)
            throw new SerializationException($"A serialized value nests objects more than {MaxNesting} levels deep (at serializer type {typeId}); it is refused.");
        try
        {
            return service.Read(typeId, this);
        }
        finally
        {
            _nesting--;
        }
    }

    public int Remaining => bytes.Length - _position;
}
