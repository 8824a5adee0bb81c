using System.Buffers;

namespace Hazelcast.DistributedObjects;

/// <summary>
/// Raw <c>byte[]</c> values of a map, copied straight between the network buffers and the caller's buffers (no
/// intermediate array per value): what a cache built on a map needs (<c>IBufferDistributedCache</c>). The values are
/// Hazelcast byte arrays (serializer type id −12), so the map reads and writes them as <c>byte[]</c> too.
/// </summary>
public static class HMapByteArrayExtensions
{
    /// <summary>
    /// Gets the value of <paramref name="key"/> and writes its bytes to <paramref name="destination"/>; false when
    /// there is no entry.
    /// </summary>
    /// <exception cref="SerializationException">The value is not a byte array.</exception>
    public static ValueTask<bool> TryGetBytesAsync<TKey>(this IHMap<TKey, byte[]> map, TKey key, IBufferWriter<byte> destination, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(destination);
        return map is HMap<TKey, byte[]> proxy ? proxy.TryGetBytesAsync(key, destination, cancellationToken) : CopyAsync(map, key, destination, cancellationToken);

        static async ValueTask<bool> CopyAsync(IHMap<TKey, byte[]> map, TKey key, IBufferWriter<byte> destination, CancellationToken cancellationToken)
        {
            var value = await map.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (value is null) return false;
            destination.Write(value);
            return true;
        }
    }

    /// <summary>
    /// Sets the value of <paramref name="key"/> to the bytes of <paramref name="value"/>, with a time to live and a max
    /// idle as <see cref="IHMap{TKey, TValue}.SetAsync(TKey, TValue, TimeSpan?, TimeSpan?, CancellationToken)"/> takes them.
    /// </summary>
    public static ValueTask SetBytesAsync<TKey>(this IHMap<TKey, byte[]> map, TKey key, ReadOnlySequence<byte> value, TimeSpan? timeToLive, TimeSpan? maxIdle, CancellationToken cancellationToken = default)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(map);
        return map is HMap<TKey, byte[]> proxy
            ? proxy.SetBytesAsync(key, value, timeToLive, maxIdle, cancellationToken)
            : map.SetAsync(key, value.ToArray(), timeToLive, maxIdle, cancellationToken);
    }
}
