using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Query;

/// <summary>The kinds of map index (Java's <c>IndexType</c>).</summary>
public enum IndexType
{
    /// <summary>An ordered index: equality and range queries.</summary>
    Sorted = 0,

    /// <summary>A hash index: equality queries.</summary>
    Hashed = 1,

    /// <summary>A bitmap index: equality queries on low-cardinality attributes (one attribute only).</summary>
    Bitmap = 2,
}

/// <summary>How a bitmap index turns the unique key of each entry into the integer it stores (Java's <c>UniqueKeyTransformation</c>).</summary>
public enum UniqueKeyTransformation
{
    /// <summary>Any object: the index keeps a mapping from keys to integers (the default).</summary>
    Object = 0,

    /// <summary>The key is a number, used as it is (no mapping, less memory); negative values are refused by the member.</summary>
    Long = 1,

    /// <summary>As <see cref="Long"/>, without the checks: only for keys known to be small non-negative numbers.</summary>
    Raw = 2,
}

/// <summary>The options of a bitmap index (Java's <c>BitmapIndexOptions</c>).</summary>
public sealed class BitmapIndexOptions
{
    /// <summary>The attribute that identifies an entry in the index; default <c>__key</c>.</summary>
    public string UniqueKey { get; set; } = "__key";

    /// <summary>How the unique key becomes the index's integer; default <see cref="UniqueKeyTransformation.Object"/>.</summary>
    public UniqueKeyTransformation UniqueKeyTransformation { get; set; } = UniqueKeyTransformation.Object;
}

/// <summary>A map index (Java's <c>IndexConfig</c>): its kind, optional name, attributes, and bitmap options.</summary>
public sealed class IndexOptions
{
    /// <summary>The kind of index; default <see cref="IndexType.Sorted"/>.</summary>
    public IndexType Type { get; set; } = IndexType.Sorted;

    /// <summary>The index's name, or null for the name the member derives from the map and the attributes.</summary>
    public string? Name { get; set; }

    /// <summary>The indexed attributes (several make a composite index; a bitmap index has exactly one).</summary>
    public IList<string> Attributes { get; } = [];

    /// <summary>The options of a bitmap index; null for the defaults. Only with <see cref="IndexType.Bitmap"/>.</summary>
    public BitmapIndexOptions? BitmapIndexOptions { get; set; }

    private const int MaxAttributes = 255;

    /// <summary>
    /// The index as the official clients send it (Java's and Node.js's IndexUtil.validateAndNormalize): attributes
    /// trimmed and without a leading <c>this.</c>, duplicates refused, the name derived when none is given
    /// (<c>map_sorted_age_name</c>), and bitmap options always present (the defaults for other kinds).
    /// </summary>
    internal IndexConfig Normalize(string mapName)
    {
        if (!Enum.IsDefined(Type)) throw new ArgumentOutOfRangeException(nameof(Type), Type, "Unknown index type.");
        if (Attributes.Count == 0) throw new ArgumentException("An index needs at least one attribute.", nameof(Attributes));
        if (Attributes.Count > MaxAttributes) throw new ArgumentException($"An index cannot have more than {MaxAttributes} attributes; this one has {Attributes.Count}.", nameof(Attributes));
        if (Type == IndexType.Bitmap && Attributes.Count > 1)
            throw new ArgumentException($"A bitmap index has exactly one attribute (composite bitmap indexes are not supported); this one has {Attributes.Count}.", nameof(Attributes));
        if (Type != IndexType.Bitmap && BitmapIndexOptions is not null)
            throw new ArgumentException($"Bitmap index options are for bitmap indexes; this index is {Type}.", nameof(BitmapIndexOptions));
        var attributes = new List<string>();
        foreach (var attribute in Attributes)
        {
            var canonical = Canonical(attribute, nameof(Attributes));
            if (attributes.Contains(canonical)) throw new ArgumentException($"The index names attribute '{canonical}' twice.", nameof(Attributes));
            attributes.Add(canonical);
        }
        var name = string.IsNullOrWhiteSpace(Name) ? null : Name;
        name ??= $"{mapName}_{Type switch { IndexType.Sorted => "sorted", IndexType.Hashed => "hash", _ => "bitmap" }}_{string.Join('_', attributes)}";
        var bitmap = BitmapIndexOptions ?? new BitmapIndexOptions();
        if (!Enum.IsDefined(bitmap.UniqueKeyTransformation)) throw new ArgumentOutOfRangeException(nameof(BitmapIndexOptions), bitmap.UniqueKeyTransformation, "Unknown unique key transformation.");
        return new IndexConfig((int)Type, name, attributes, new Protocol.Codecs.BitmapIndexOptions((int)bitmap.UniqueKeyTransformation, Canonical(bitmap.UniqueKey, nameof(BitmapIndexOptions))));
    }

    private static string Canonical(string? attribute, string paramName)
    {
        var trimmed = attribute?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new ArgumentException("An index attribute cannot be null or empty.", paramName);
        if (trimmed.EndsWith('.')) throw new ArgumentException($"An index attribute cannot end with a dot: '{attribute}'.", paramName);
        return trimmed.StartsWith("this.", StringComparison.Ordinal) ? trimmed[5..] : trimmed;
    }
}
