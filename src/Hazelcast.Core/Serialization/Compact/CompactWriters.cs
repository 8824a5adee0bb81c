using System.Buffers.Binary;

namespace Hazelcast.Serialization.Compact;

/// <summary>Records the fields a serializer writes: the schema of its type (as Hazelcast's SchemaWriter does).</summary>
internal sealed class SchemaWriter(string typeName) : CompactWriterBase
{
    private readonly Dictionary<string, FieldKind> _fields = new(StringComparer.Ordinal);

    public override void Write(string name, FieldKind kind, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_fields.TryAdd(name, kind)) throw new SerializationException($"The Compact serializer of '{typeName}' writes the field '{name}' twice.");
    }

    public CompactSchema Build() => new(typeName, _fields.Select(f => (f.Key, f.Value)));
}

/// <summary>
/// Writes one Compact object after its schema id: a data length (when there are variable-size fields), the fixed-size
/// section, the variable-size values, then their offset table (Hazelcast's DefaultCompactWriter).
/// </summary>
internal sealed class CompactWriter : CompactWriterBase
{
    private readonly ObjectDataOutput _output;
    private readonly CompactSchema _schema;
    private readonly CompactSerializer _compact;
    private readonly int _dataStart;
    private readonly int[] _offsets;

    public CompactWriter(ObjectDataOutput output, CompactSchema schema, CompactSerializer compact)
    {
        _output = output;
        _schema = schema;
        _compact = compact;
        if (schema.VariableSizeCount > 0)
        {
            _dataStart = output.Position + 4;
            output.WriteZeros(4 + schema.FixedSizeLength);
            _offsets = new int[schema.VariableSizeCount];
            Array.Fill(_offsets, CompactValues.NullOffset);
        }
        else
        {
            _dataStart = output.Position;
            output.WriteZeros(schema.FixedSizeLength);
            _offsets = [];
        }
    }

    public override void Write(string name, FieldKind kind, object? value)
    {
        var field = _schema.GetField(name) ?? throw new SerializationException($"The field '{name}' is not in the schema of Compact type '{_schema.TypeName}' ({_schema}): a serializer must write the same fields for every object.");
        if (field.Kind != kind) throw new SerializationException($"The field '{name}' of Compact type '{_schema.TypeName}' is {field.Kind} in its schema but was written as {kind}.");
        var size = FieldKinds.SizeOf(kind);
        if (size != FieldKinds.VariableSize)
        {
            WriteFixed(field, value ?? throw new SerializationException($"The field '{name}' ({kind}) cannot be null."));
            return;
        }
        if (value is null) return; // the offset stays −1
        _offsets[field.Index] = _output.Position - _dataStart;
        CompactValues.Write(_output, kind, value, _compact);
    }

    private void WriteFixed(SchemaField field, object value)
    {
        var at = _dataStart + field.Offset;
        switch (field.Kind)
        {
            case FieldKind.Boolean: _output.WriteBitAt(at, field.BitOffset, (bool)value); break;
            case FieldKind.Int8: _output.At(at, 1)[0] = value is byte b ? b : (byte)(sbyte)value; break;
            case FieldKind.Int16: BinaryPrimitives.WriteInt16BigEndian(_output.At(at, 2), (short)value); break;
            case FieldKind.Int32: BinaryPrimitives.WriteInt32BigEndian(_output.At(at, 4), (int)value); break;
            case FieldKind.Int64: BinaryPrimitives.WriteInt64BigEndian(_output.At(at, 8), (long)value); break;
            case FieldKind.Float32:
                var f = (float)value;
                BinaryPrimitives.WriteInt32BigEndian(_output.At(at, 4), float.IsNaN(f) ? 0x7fc00000 : BitConverter.SingleToInt32Bits(f));
                break;
            case FieldKind.Float64:
                var d = (double)value;
                BinaryPrimitives.WriteInt64BigEndian(_output.At(at, 8), double.IsNaN(d) ? 0x7ff8000000000000L : BitConverter.DoubleToInt64Bits(d));
                break;
        }
    }

    /// <summary>Writes the data length and the offset table once every field is written.</summary>
    public void End()
    {
        if (_schema.VariableSizeCount == 0) return;
        var dataLength = _output.Position - _dataStart;
        CompactValues.WriteOffsets(_output, dataLength, _offsets);
        _output.WriteIntAt(_dataStart - 4, dataLength);
    }
}
