using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>
/// The near-cache invalidations of the maps, as a real member sends them (Hazelcast's Invalidator and
/// MetaDataGenerator): each change of a key advances its map's sequence in the key's partition and is sent, with the
/// partition's uuid, to the clients that listen (the owner of the partition sends it to a local-only listener);
/// batched per connection up to <see cref="HazelcastClusterOptions.NearCacheInvalidationBatchSize"/> or every
/// <see cref="HazelcastClusterOptions.NearCacheInvalidationBatchFrequency"/>. A partition whose owner changes gets a
/// new uuid and its sequences start again, so that a client knows what it cached before may be stale.
/// </summary>
internal sealed class NearCacheInvalidator : IDisposable
{
    private readonly ClusterState _state;
    private readonly object _mutex = new();
    private readonly Dictionary<string, long[]> _sequences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(ClientSession Session, long CorrelationId, Guid Id, bool LocalOnly)>> _listeners = new(StringComparer.Ordinal);
    // Per registration (a connection's listener on one map), as a real member batches per map: the invalidations to send.
    private readonly Dictionary<(ClientSession Session, long CorrelationId), List<(Data Key, Guid Source, Guid PartitionUuid, long Sequence)>> _batches = [];
    private readonly Guid[] _uuids;
    private readonly ITimer? _flush;

    public NearCacheInvalidator(ClusterState state)
    {
        _state = state;
        _uuids = new Guid[state.Options.PartitionCount];
        for (var i = 0; i < _uuids.Length; i++) _uuids[i] = Guid.NewGuid();
        if (state.Options.NearCacheInvalidationBatchSize > 1)
            _flush = state.Time.CreateTimer(_ => FlushAll(), null, state.Options.NearCacheInvalidationBatchFrequency, state.Options.NearCacheInvalidationBatchFrequency);
    }

    /// <summary>The client whose request is being served on this flow (the source of the invalidations it causes), if any.</summary>
    public static readonly AsyncLocal<Guid?> CurrentClient = new();

    public Guid AddListener(ClientSession session, long correlationId, string map, bool localOnly)
    {
        var id = Guid.NewGuid();
        lock (_mutex)
        {
            if (!_listeners.TryGetValue(map, out var list)) _listeners[map] = list = [];
            list.Add((session, correlationId, id, localOnly));
        }
        return id;
    }

    public bool RemoveListener(Guid id)
    {
        lock (_mutex)
            foreach (var list in _listeners.Values)
                if (list.RemoveAll(l => l.Id == id) > 0) return true;
        return false;
    }

    public void RemoveSession(ClientSession session)
    {
        lock (_mutex)
        {
            foreach (var list in _listeners.Values) list.RemoveAll(l => l.Session == session);
            foreach (var key in _batches.Keys.Where(k => k.Session == session).ToList()) _batches.Remove(key);
        }
    }

    /// <summary>A key of a map changed (<paramref name="key"/> null: every key, a clear), in <paramref name="partitionId"/>.</summary>
    public void Invalidate(string map, in Data key, int partitionId)
    {
        if ((uint)partitionId >= (uint)_uuids.Length) return;
        var owner = _state.OwnerOf(partitionId);
        var source = CurrentClient.Value ?? owner;
        List<(ClientSession, long)> immediate = [];
        ClientMessage? single = null;
        lock (_mutex)
        {
            if (!_sequences.TryGetValue(map, out var sequences)) _sequences[map] = sequences = new long[_uuids.Length];
            var sequence = ++sequences[partitionId];
            if (!_listeners.TryGetValue(map, out var listeners) || listeners.Count == 0) return;
            var uuid = _uuids[partitionId];
            foreach (var (session, correlationId, _, localOnly) in listeners)
            {
                if (localOnly && session.Member.Uuid != owner) continue; // a smart client hears each partition from its owner
                if (session.Member.DropInvalidations) continue;
                if (_flush is null)
                {
                    single = MapAddNearCacheInvalidationListenerCodec.EncodeIMapInvalidationEvent(key, source, uuid, sequence);
                    single.CorrelationId = correlationId;
                    session.Send(single);
                    continue;
                }
                if (!_batches.TryGetValue((session, correlationId), out var batch)) _batches[(session, correlationId)] = batch = [];
                batch.Add((key, source, uuid, sequence));
                if (batch.Count >= _state.Options.NearCacheInvalidationBatchSize) immediate.Add((session, correlationId));
            }
        }
        foreach (var registration in immediate) Flush(registration);
    }

    private void FlushAll()
    {
        (ClientSession, long)[] registrations;
        lock (_mutex) registrations = _batches.Where(b => b.Value.Count > 0).Select(b => b.Key).ToArray();
        foreach (var registration in registrations) Flush(registration);
    }

    private void Flush((ClientSession Session, long CorrelationId) registration)
    {
        List<(Data Key, Guid Source, Guid PartitionUuid, long Sequence)> batch;
        lock (_mutex)
        {
            if (!_batches.Remove(registration, out batch!) || batch.Count == 0) return;
        }
        var (session, correlationId) = registration;
        var message = MapAddNearCacheInvalidationListenerCodec.EncodeIMapBatchInvalidationEvent(
            batch.Select(b => b.Key).ToList(), batch.Select(b => b.Source).ToArray(), batch.Select(b => b.PartitionUuid).ToArray(), batch.Select(b => b.Sequence).ToArray());
        message.CorrelationId = correlationId;
        session.Send(message);
    }

    /// <summary>What a member reports to a client's repairer: the sequences of the maps in the partitions it owns, and those partitions' uuids.</summary>
    public (List<KeyValuePair<string, IReadOnlyList<KeyValuePair<int, long>>>> Sequences, List<KeyValuePair<int, Guid>> Uuids) Metadata(IReadOnlyList<string> maps, Guid member)
    {
        var owned = Enumerable.Range(0, _uuids.Length).Where(p => _state.OwnerOf(p) == member).ToList();
        lock (_mutex)
        {
            var sequences = maps.Select(name => new KeyValuePair<string, IReadOnlyList<KeyValuePair<int, long>>>(name,
                owned.Select(p => new KeyValuePair<int, long>(p, _sequences.TryGetValue(name, out var s) ? s[p] : 0)).ToList())).ToList();
            return (sequences, owned.Select(p => new KeyValuePair<int, Guid>(p, _uuids[p])).ToList());
        }
    }

    /// <summary>These partitions have new owners: new uuids, and their sequences start again (Hazelcast regenerates them on migration and promotion).</summary>
    public void OwnersChanged(IEnumerable<int> partitions)
    {
        lock (_mutex)
        {
            foreach (var p in partitions)
            {
                if ((uint)p >= (uint)_uuids.Length) continue;
                _uuids[p] = Guid.NewGuid();
                foreach (var sequences in _sequences.Values) sequences[p] = 0;
            }
        }
    }

    public void Dispose() => _flush?.Dispose();
}
