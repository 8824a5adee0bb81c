using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Hazelcast.Serialization.Compact;

/// <summary>
/// Zero-configuration Compact: a class or struct with a public parameterless constructor is written as its public
/// read-write properties. Field kinds follow the property types (int → INT32, int? → NULLABLE_INT32, string → STRING,
/// decimal → DECIMAL, DateOnly → DATE, TimeOnly → TIME, DateTime → TIMESTAMP, DateTimeOffset → TIMESTAMP_WITH_TIMEZONE,
/// enums → STRING of the name, arrays → ARRAY_OF_…, other classes → COMPACT). A field missing from the schema of a
/// value being read leaves its property at its default (schema evolution).
/// </summary>
internal static class ReflectiveCompactSerializer
{
    private sealed record Field(PropertyInfo Property, string Name, FieldKind Kind);

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Zero-configuration Compact is reflection by design; trimmed applications register explicit serializers (README).")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "As above.")]
    public static CompactRegistration? TryCreate(Type type, out string? reason)
    {
        reason = Ineligible(type);
        if (reason is not null) return null;
        var fields = new List<Field>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is not { IsPublic: true } || property.SetMethod is not { IsPublic: true }) continue;
            var kind = KindOf(property.PropertyType);
            if (kind == FieldKind.NotAvailable)
            {
                reason = $"its property {property.Name} is a {property.PropertyType.Name}, which has no Compact field kind (use primitives, their nullables, string, decimal, DateOnly, TimeOnly, DateTime, DateTimeOffset, enums, arrays of those, or other such classes), or register an ICompactSerializer<{type.Name}>";
                return null;
            }
            fields.Add(new Field(property, property.GetCustomAttribute<CompactNameAttribute>()?.Name ?? property.Name, kind));
        }
        if (fields.Count == 0)
        {
            reason = "it has no public read-write property";
            return null;
        }
        var duplicate = fields.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            reason = $"two of its properties have the field name '{duplicate.Key}'";
            return null;
        }
        var typeName = type.GetCustomAttribute<CompactNameAttribute>()?.Name ?? type.FullName ?? type.Name;
        return new CompactRegistration(type, typeName,
            (writer, value) => Write((CompactWriterBase)writer, fields, value),
            reader => Read((CompactReader)reader, type, fields));
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Zero-configuration Compact is reflection by design; trimmed applications register explicit serializers (README).")]
    private static string? Ineligible(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type.IsArray || type.IsPointer || type == typeof(string) || type == typeof(object) || type == typeof(decimal))
            return "it is a primitive, enum, string or array, which Compact does not serialize on its own";
        if (type.IsInterface || type.IsAbstract) return "it is an interface or an abstract class";
        if (type.ContainsGenericParameters) return "it is an open generic type";
        if (Nullable.GetUnderlyingType(type) is not null) return "it is a Nullable<T>";
        if (typeof(IEnumerable).IsAssignableFrom(type)) return "it is a collection (use an array property inside a class)";
        if (type.Namespace is { } ns && (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal)))
            return "it is a System type";
        if (!type.IsValueType && type.GetConstructor(Type.EmptyTypes) is null) return "it has no public parameterless constructor";
        return null;
    }

    /// <summary>The field kind of a property type, or <see cref="FieldKind.NotAvailable"/>.</summary>
    public static FieldKind KindOf(Type type)
    {
        if (type.IsArray)
        {
            var item = type.GetElementType()!;
            if (item.IsEnum || Nullable.GetUnderlyingType(item)?.IsEnum == true) return FieldKind.NotAvailable;
            var itemKind = KindOf(item);
            return itemKind switch
            {
                FieldKind.NotAvailable or FieldKind.ArrayOfInt8 => FieldKind.NotAvailable,
                _ when FieldKinds.IsArray(itemKind) => FieldKind.NotAvailable, // no arrays of arrays
                _ => itemKind + 1,
            };
        }
        var underlying = Nullable.GetUnderlyingType(type);
        var core = underlying ?? type;
        var kind = core switch
        {
            _ when core == typeof(bool) => FieldKind.Boolean,
            _ when core == typeof(sbyte) || core == typeof(byte) => FieldKind.Int8,
            _ when core == typeof(short) => FieldKind.Int16,
            _ when core == typeof(int) => FieldKind.Int32,
            _ when core == typeof(long) => FieldKind.Int64,
            _ when core == typeof(float) => FieldKind.Float32,
            _ when core == typeof(double) => FieldKind.Float64,
            _ when core == typeof(string) || core.IsEnum => FieldKind.String,
            _ when core == typeof(decimal) => FieldKind.Decimal,
            _ when core == typeof(TimeOnly) => FieldKind.Time,
            _ when core == typeof(DateOnly) => FieldKind.Date,
            _ when core == typeof(DateTime) => FieldKind.Timestamp,
            _ when core == typeof(DateTimeOffset) => FieldKind.TimestampWithTimezone,
            _ when Ineligible(core) is null => FieldKind.Compact,
            _ => FieldKind.NotAvailable,
        };
        // Only primitives have nullable kinds; other kinds are variable-size and hold null already.
        return underlying is not null && FieldKinds.SizeOf(kind) != FieldKinds.VariableSize ? FieldKinds.Nullable(kind) : kind;
    }

    private static void Write(CompactWriterBase writer, List<Field> fields, object value)
    {
        foreach (var f in fields)
        {
            var v = f.Property.GetValue(value);
            if (v is Enum e) v = e.ToString();
            writer.Write(f.Name, f.Kind, v);
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Zero-configuration Compact is reflection by design; trimmed applications register explicit serializers (README).")]
    private static object Read(CompactReader reader, Type type, List<Field> fields)
    {
        var result = Activator.CreateInstance(type)!;
        foreach (var f in fields)
        {
            var stored = reader.GetFieldKind(f.Name);
            if (stored == FieldKind.NotAvailable) continue; // written by an older version of the type
            var propertyType = f.Property.PropertyType;
            var hint = f.Kind == FieldKind.Compact ? propertyType : f.Kind == FieldKind.ArrayOfCompact ? propertyType.GetElementType() : null;
            object? value;
            try
            {
                value = reader.Read(f.Name, f.Kind, hint);
            }
            catch (SerializationException e) when (e is not MissingCompactSchemaException)
            {
                throw new SerializationException($"Cannot read {type.FullName}.{f.Property.Name} from Compact '{reader.Schema.TypeName}': {e.Message}", e);
            }
            var converted = Convert(value, propertyType, type, f);
            if (converted is not null && !propertyType.IsInstanceOfType(converted))
                throw new SerializationException($"The Compact field '{f.Name}' of '{reader.Schema.TypeName}' holds a {converted.GetType().FullName}, which {type.FullName}.{f.Property.Name} ({propertyType.Name}) cannot take.");
            f.Property.SetValue(result, converted);
        }
        return result;
    }

    /// <summary>A value as read (sbyte for INT8, nullable items in arrays of objects) made into the property's type.</summary>
    private static object? Convert(object? value, Type propertyType, Type owner, Field f)
    {
        if (value is null)
        {
            if (propertyType.IsValueType && Nullable.GetUnderlyingType(propertyType) is null)
                throw new SerializationException($"The Compact field '{f.Name}' is null but {owner.FullName}.{f.Property.Name} is a non-nullable {propertyType.Name}.");
            return null;
        }
        if (propertyType.IsInstanceOfType(value) && value is not sbyte[]) return value;
        var core = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        if (core.IsEnum)
        {
            return Enum.TryParse(core, (string)value, ignoreCase: false, out var parsed) ? parsed
                : throw new SerializationException($"The Compact field '{f.Name}' holds '{value}', which is not a name of {core.FullName}.");
        }
        if (core == typeof(byte) && value is sbyte sb) return unchecked((byte)sb);
        if (value is sbyte[] signed)
        {
            if (propertyType == typeof(sbyte[])) return signed;
            var bytes = new byte[signed.Length];
            Buffer.BlockCopy(signed, 0, bytes, 0, signed.Length);
            return bytes;
        }
        if (value is Array array && propertyType.IsArray)
        {
            var result = Array.CreateInstanceFromArrayType(propertyType, array.Length);
            var item = propertyType.GetElementType()!;
            for (var i = 0; i < array.Length; i++)
            {
                var v = array.GetValue(i);
                if (v is null && item.IsValueType && Nullable.GetUnderlyingType(item) is null)
                    throw new SerializationException($"Item {i} of the Compact field '{f.Name}' is null but {owner.FullName}.{f.Property.Name} is a {propertyType.Name}.");
                var itemValue = v is sbyte s && item == typeof(byte?) ? unchecked((byte)s) : v;
                if (itemValue is not null && !item.IsInstanceOfType(itemValue) && Nullable.GetUnderlyingType(item)?.IsInstanceOfType(itemValue) != true)
                    throw new SerializationException($"Item {i} of the Compact field '{f.Name}' is a {itemValue.GetType().FullName}, which {owner.FullName}.{f.Property.Name} ({propertyType.Name}) cannot take.");
                result.SetValue(itemValue, i);
            }
            return result;
        }
        return value;
    }
}
