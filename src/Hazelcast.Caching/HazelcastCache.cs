using System.Buffers;
using Hazelcast.DistributedObjects;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace Hazelcast.Caching;

/// <summary>
/// An <see cref="IDistributedCache"/> and <see cref="IBufferDistributedCache"/> backed by a Hazelcast map, through the
/// app's own client.
/// </summary>
/// <remarks>
/// <para>
/// Expiration is enforced by the members, with no metadata stored beside the value: the absolute expiration
/// becomes the entry's time to live (counted from the write), the sliding expiration its max idle (counted from
/// the last access). A member removes the entry at whichever comes first, so sliding never extends an entry past
/// its absolute time — on a real Hazelcast 5.x member as on the in-process one.
/// </para>
/// <para>
/// Round trips: <c>Set</c> 1 (a set with TTL and max idle), <c>Get</c> 1 (a get, which counts as an access and
/// so slides), <c>Refresh</c> 1 (a containsKey, which members also count as an access, and which sends no value
/// back), <c>Remove</c> 1 (a delete). Each key goes straight to the member that owns it.
/// </para>
/// </remarks>
public sealed class HazelcastCache : IBufferDistributedCache
{
    private readonly IHazelcastClient _client;
    private readonly HazelcastCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _mapGate = new(1, 1);
    private IHMap<string, byte[]>? _map;

    /// <summary>Creates the cache over <paramref name="client"/>.</summary>
    public HazelcastCache(IHazelcastClient client, IOptions<HazelcastCacheOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        var errors = _options.Failures().ToList();
        if (errors.Count > 0) throw new OptionsValidationException(nameof(HazelcastCacheOptions), typeof(HazelcastCacheOptions), errors);
    }

    private string Key(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _options.InstanceName is null ? key : _options.InstanceName + key;
    }

    private ValueTask<IHMap<string, byte[]>> MapAsync(CancellationToken cancellationToken)
        => _map is { } map ? new(map) : CreateMapAsync(cancellationToken);

    private async ValueTask<IHMap<string, byte[]>> CreateMapAsync(CancellationToken cancellationToken)
    {
        await _mapGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_map is { } existing) return existing;
            var map = await _client.GetMapAsync<string, byte[]>(_options.MapName, cancellationToken).ConfigureAwait(false);
            var hasNearCache = map.NearCacheStatistics is not null;
            if (hasNearCache && !_options.UseNearCache)
                throw new InvalidOperationException($"The map '{_options.MapName}' has a near cache (Hazelcast:NearCaches), but {HazelcastCacheOptions.SectionName}:{nameof(HazelcastCacheOptions.UseNearCache)} is off: " +
                    "near-cache hits do not reach the member and would not extend sliding expirations. Set UseNearCache (sliding expirations are then refused) or remove the near cache.");
            if (!hasNearCache && _options.UseNearCache)
                throw new InvalidOperationException($"{HazelcastCacheOptions.SectionName}:{nameof(HazelcastCacheOptions.UseNearCache)} is on, but the map '{_options.MapName}' has no near cache: configure one at Hazelcast:NearCaches:{_options.MapName}.");
            return _map = map;
        }
        finally
        {
            _mapGate.Release();
        }
    }

    /// <summary>Turns ASP.NET Core's entry options into a time to live and a max idle (null: none).</summary>
    private (TimeSpan? TimeToLive, TimeSpan? MaxIdle) Expiration(DistributedCacheEntryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SlidingExpiration is { } s && s <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), s, "The sliding expiration must be positive.");
        if (options.AbsoluteExpirationRelativeToNow is { } r && r <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), r, "The relative expiration value must be positive.");

        // As ASP.NET Core's own caches: an absolute time in the past is an error; a relative one wins over it.
        var now = _time.GetUtcNow();
        if (options.AbsoluteExpiration is { } absolute && absolute <= now)
            throw new ArgumentOutOfRangeException(nameof(options), absolute, "The absolute expiration value must be in the future.");
        var ttl = options.AbsoluteExpirationRelativeToNow ?? (options.AbsoluteExpiration - now);
        if (options.SlidingExpiration is not null && _options.UseNearCache)
            throw new NotSupportedException($"A sliding expiration cannot be kept with {HazelcastCacheOptions.SectionName}:{nameof(HazelcastCacheOptions.UseNearCache)} on: near-cache hits do not reach the member, which counts the idle time.");
        // TimeSpan.Zero means "infinite" to the member: an entry with no expiration lives until removed or evicted.
        return (ttl ?? TimeSpan.Zero, options.SlidingExpiration ?? TimeSpan.Zero);
    }

    /// <inheritdoc />
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        var map = await MapAsync(token).ConfigureAwait(false);
        var value = await map.GetAsync(Key(key), token).ConfigureAwait(false);
        // A near cache in Object format hands every hit the same array: the caller gets its own.
        return _options.UseNearCache && value is not null ? value.AsSpan().ToArray() : value;
    }

    /// <inheritdoc />
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var k = Key(key);
        var (ttl, idle) = Expiration(options);
        var map = await MapAsync(token).ConfigureAwait(false);
        await map.SetAsync(k, value, ttl, idle, token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        var k = Key(key);
        var map = await MapAsync(token).ConfigureAwait(false);
        await map.ContainsKeyAsync(k, token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        var k = Key(key);
        var map = await MapAsync(token).ConfigureAwait(false);
        await map.DeleteAsync(k, token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public bool TryGet(string key, IBufferWriter<byte> destination) => TryGetAsync(key, destination).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var k = Key(key);
        var map = await MapAsync(token).ConfigureAwait(false);
        if (!_options.UseNearCache) return await map.TryGetBytesAsync(k, destination, token).ConfigureAwait(false);
        if (await map.GetAsync(k, token).ConfigureAwait(false) is not { } value) return false;
        value.CopyTo(destination.GetSpan(value.Length));
        destination.Advance(value.Length);
        return true;
    }

    /// <inheritdoc />
    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        var k = Key(key);
        var (ttl, idle) = Expiration(options);
        var map = await MapAsync(token).ConfigureAwait(false);
        await map.SetBytesAsync(k, value, ttl, idle, token).ConfigureAwait(false);
    }
}
