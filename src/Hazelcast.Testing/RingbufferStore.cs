using Hazelcast.Protocol;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>
/// One ringbuffer, in one partition (its name's): a fixed number of slots addressed by sequence, the head advancing
/// as items are overwritten or outlive their time to live; readers that wait for items not added yet are woken by the
/// adds. Errors as a real member's RingbufferContainer raises them: StaleSequence below the head, IllegalArgument
/// beyond tail + 1.
/// </summary>
internal sealed class RingbufferStore
{
    private readonly ClusterState _cluster;
    private readonly (Data Item, long AddedAt)[] _slots;
    private readonly long _ttlMs;
    private readonly List<(long Sequence, int MinCount, TaskCompletionSource Woken)> _readers = [];
    private readonly object _mutex = new();
    private long _head;
    private long _tail = -1;

    public RingbufferStore(string name, int partitionId, RingbufferOptions options, ClusterState cluster)
    {
        Name = name;
        PartitionId = partitionId;
        _slots = new (Data, long)[options.Capacity];
        _ttlMs = (long)options.TimeToLive.TotalMilliseconds;
        _cluster = cluster;
    }

    public string Name { get; }

    public int PartitionId { get; }

    public long Capacity => _slots.Length;

    private long Now => _cluster.NowMillis;

    /// <summary>Moves the head past the items that outlived the time to live.</summary>
    private void Expire()
    {
        if (_ttlMs <= 0) return;
        var now = Now;
        while (_head <= _tail && _slots[_head % _slots.Length].AddedAt + _ttlMs <= now)
        {
            _slots[_head % _slots.Length] = default;
            _head++;
        }
    }

    public long Size()
    {
        lock (_mutex)
        {
            Expire();
            return _tail - _head + 1;
        }
    }

    public long Tail()
    {
        lock (_mutex) return _tail;
    }

    public long Head()
    {
        lock (_mutex)
        {
            Expire();
            return _head;
        }
    }

    /// <summary>As a real member computes it: with no time to live an add always finds room (it overwrites), so the capacity.</summary>
    public long RemainingCapacity()
    {
        lock (_mutex)
        {
            Expire();
            return _ttlMs <= 0 ? _slots.Length : _slots.Length - (_tail - _head + 1);
        }
    }

    /// <summary>Adds items and returns the sequence of the last, or −1 when <paramref name="fail"/> and there is no room for them all.</summary>
    public long Add(IReadOnlyList<Data> items, bool fail)
    {
        lock (_mutex)
        {
            Expire();
            if (fail && _ttlMs > 0 && _slots.Length - (_tail - _head + 1) < items.Count) return -1;
            foreach (var item in items)
            {
                _tail++;
                _slots[_tail % _slots.Length] = (item, Now);
                if (_tail - _head + 1 > _slots.Length) _head = _tail - _slots.Length + 1;
            }
            for (var i = _readers.Count - 1; i >= 0; i--)
            {
                if (_tail - _readers[i].Sequence + 1 < _readers[i].MinCount) continue;
                _readers[i].Woken.TrySetResult();
                _readers.RemoveAt(i);
            }
            return _tail;
        }
    }

    /// <summary>
    /// Reads up to <paramref name="maxCount"/> items from <paramref name="start"/>, waiting until <paramref name="minCount"/>
    /// are there (or the caller's connection closes).
    /// </summary>
    public async Task<(List<Data> Items, long[] Sequences, long Next)> ReadAsync(long start, int minCount, int maxCount, CancellationToken closed)
    {
        while (true)
        {
            Task woken;
            lock (_mutex)
            {
                if (_destroyed) throw new RemoteErrorException(RemoteError.DistributedObjectDestroyed, $"The ringbuffer '{Name}' was destroyed.");
                if (minCount > _slots.Length)
                    throw new RemoteErrorException(RemoteError.IllegalArgument, $"minCount {minCount} can't be larger than the capacity {_slots.Length}.");
                Expire();
                if (start > _tail + 1)
                    throw new RemoteErrorException(RemoteError.IllegalArgument, $"sequence:{start} is too large. The current tailSequence is:{_tail}");
                if (start < _head)
                    throw new RemoteErrorException(RemoteError.StaleSequence, $"sequence:{start} is too small and data store is disabled. The current headSequence is:{_head} tailSequence is:{_tail}");
                var available = _tail - start + 1;
                if (available >= minCount)
                {
                    var count = (int)Math.Min(available, maxCount);
                    var items = new List<Data>(count);
                    var sequences = new long[count];
                    for (var i = 0; i < count; i++)
                    {
                        items.Add(_slots[(start + i) % _slots.Length].Item);
                        sequences[i] = start + i;
                    }
                    return (items, sequences, start + count);
                }
                var reader = (start, minCount, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                _readers.Add(reader);
                woken = reader.Item3.Task;
            }
            try
            {
                await woken.WaitAsync(closed).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                lock (_mutex) _readers.RemoveAll(r => r.Woken.Task == woken);
                throw;
            }
        }
    }

    /// <summary>The ringbuffer is destroyed: the readers waiting on it are told so.</summary>
    public void Destroy()
    {
        List<TaskCompletionSource> readers;
        lock (_mutex)
        {
            readers = _readers.Select(r => r.Woken).ToList();
            _readers.Clear();
            _destroyed = true;
        }
        foreach (var r in readers) r.TrySetResult();
    }

    private bool _destroyed;

    /// <summary>The partition's replicas are all gone: the items are lost, as on a real cluster (sequences go on).</summary>
    public void Drop()
    {
        lock (_mutex)
        {
            Array.Clear(_slots);
            _head = _tail + 1;
        }
    }
}

/// <summary>A topic's message listeners.</summary>
internal sealed class TopicStore(string name, int partitionId, ClusterState cluster)
{
    private readonly List<(Guid Id, ClientSession Session, long CorrelationId, bool LocalOnly)> _listeners = [];
    private readonly object _mutex = new();

    public string Name { get; } = name;

    public void AddListener(Guid id, ClientSession session, long correlationId, bool localOnly)
    {
        lock (_mutex) _listeners.Add((id, session, correlationId, localOnly));
    }

    public bool RemoveListener(Guid id)
    {
        lock (_mutex) return _listeners.RemoveAll(l => l.Id == id) > 0;
    }

    public void OnSessionClosed(ClientSession session)
    {
        lock (_mutex) _listeners.RemoveAll(l => l.Session == session);
    }

    /// <summary>
    /// Delivers messages to every listener, in order (under the lock, so publishers' messages do not interleave within
    /// one call). A publish runs on the owner of the topic's partition, and a local-only registration hears the
    /// messages published there: so each client hears a message once.
    /// </summary>
    public void Publish(IReadOnlyList<Data> messages)
    {
        lock (_mutex)
        {
            if (_listeners.Count == 0) return;
            var owner = cluster.OwnerOf(partitionId);
            var now = cluster.NowMillis;
            foreach (var message in messages)
                foreach (var l in _listeners)
                {
                    if (l.LocalOnly && l.Session.Member.Uuid != owner) continue;
                    var e = Protocol.Codecs.TopicAddMessageListenerCodec.EncodeTopicEvent(message, now, owner, partitionId);
                    e.CorrelationId = l.CorrelationId;
                    l.Session.Send(e);
                }
        }
    }
}
