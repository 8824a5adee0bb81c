namespace Hazelcast.NearCaching;

/// <summary>
/// What a near cache knows of each partition's invalidations (Hazelcast's MetaDataContainer and RepairingHandler):
/// the partition's uuid, the last invalidation sequence seen, the sequence below which entries are stale, and how many
/// invalidations were missed (gaps in the sequences of the events, or found by comparing with the members').
/// </summary>
internal sealed class NearCacheMetadata
{
    private readonly Partition[] _partitions;

    public NearCacheMetadata(int partitionCount)
    {
        _partitions = new Partition[partitionCount];
        for (var i = 0; i < partitionCount; i++) _partitions[i] = new Partition();
    }

    // Written under the partition's lock; read without it on every near-cache hit (IsStale): the uuid as an immutable
    // box swapped in one reference write, the stale sequence as one volatile long.
    private sealed class Partition
    {
        public volatile UuidBox Box = UuidBox.Empty;
        public long Sequence;
        public long StaleSequence;
        public long Missed;

        public Guid Uuid
        {
            get => Box.Value;
            set => Box = new UuidBox(value);
        }
    }

    private sealed record UuidBox(Guid Value)
    {
        public static readonly UuidBox Empty = new(Guid.Empty);
    }

    public int PartitionCount => _partitions.Length;

    private Partition? Of(int partitionId) => (uint)partitionId < (uint)_partitions.Length ? _partitions[partitionId] : null;

    /// <summary>The partition's uuid and sequence now, recorded with an entry when it is reserved.</summary>
    public (Guid Uuid, long Sequence) Current(int partitionId)
    {
        if (Of(partitionId) is not { } p) return (Guid.Empty, 0);
        lock (p) return (p.Uuid, p.Sequence);
    }

    /// <summary>Whether an entry reserved with this uuid and sequence may be stale: its partition's uuid changed, or invalidations were missed since.</summary>
    public bool IsStale(int partitionId, Guid uuid, long sequence)
    {
        if (Of(partitionId) is not { } p) return false;
        return p.Box.Value != uuid || sequence < Volatile.Read(ref p.StaleSequence);
    }

    /// <summary>The values a member reported when the cache started: taken as they are (nothing was missed before).</summary>
    public void Initialize(int partitionId, Guid? uuid, long? sequence)
    {
        if (Of(partitionId) is not { } p) return;
        lock (p)
        {
            if (uuid is { } u) p.Uuid = u;
            if (sequence is { } s)
            {
                p.Sequence = s;
                p.Missed = 0; // what events brought before this was not missed
            }
        }
    }

    /// <summary>
    /// A partition uuid from an event or a member: a different one means the partition's owner lost or rebuilt its
    /// invalidation history (a member died, the partition migrated): its sequences start again and what was cached
    /// before is stale.
    /// </summary>
    public void CheckUuid(int partitionId, Guid uuid)
    {
        if (Of(partitionId) is not { } p) return;
        lock (p)
        {
            if (p.Uuid == uuid) return;
            p.Sequence = 0;
            Volatile.Write(ref p.StaleSequence, 0);
            p.Uuid = uuid; // last: a reader that sees the new uuid sees the rest
        }
    }

    /// <summary>
    /// A sequence from an event (<paramref name="fromMember"/> false: the next one expected is the last + 1, a larger
    /// one means events were missed) or from a member's metadata (any difference was missed).
    /// </summary>
    public void CheckSequence(int partitionId, long sequence, bool fromMember)
    {
        if (Of(partitionId) is not { } p) return;
        lock (p)
        {
            if (p.Sequence >= sequence) return;
            var gap = sequence - p.Sequence;
            p.Sequence = sequence;
            var missed = fromMember ? gap : gap - 1;
            if (missed > 0) p.Missed += missed;
        }
    }

    /// <summary>The invalidations missed and not yet repaired, over every partition.</summary>
    public long Missed
    {
        get
        {
            long total = 0;
            foreach (var p in _partitions)
                lock (p) total += p.Missed;
            return total;
        }
    }

    /// <summary>Repairs: in every partition that missed invalidations, what was cached before now is stale. Returns how many partitions.</summary>
    public int MarkMissedAsStale()
    {
        var count = 0;
        foreach (var p in _partitions)
        {
            lock (p)
            {
                if (p.Missed == 0) continue;
                p.Missed = 0;
                Volatile.Write(ref p.StaleSequence, p.Sequence);
                count++;
            }
        }
        return count;
    }
}
