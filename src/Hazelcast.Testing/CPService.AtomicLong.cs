using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

// The CP IAtomicLong: a long per group and name, linearizable under the service lock.
internal sealed partial class CPService
{
    private readonly Dictionary<(RaftGroupId, string), long> _longs = [];

    public long AddAndGet(RaftGroupId g, string name, long delta, bool returnOld)
    {
        lock (_mutex)
        {
            CheckAlive(g, LongService, name);
            var old = _longs.GetValueOrDefault((g, name));
            _longs[(g, name)] = old + delta;
            return returnOld ? old : old + delta;
        }
    }

    public long GetAndSet(RaftGroupId g, string name, long value)
    {
        lock (_mutex)
        {
            CheckAlive(g, LongService, name);
            var old = _longs.GetValueOrDefault((g, name));
            _longs[(g, name)] = value;
            return old;
        }
    }

    public bool CompareAndSet(RaftGroupId g, string name, long expected, long updated)
    {
        lock (_mutex)
        {
            CheckAlive(g, LongService, name);
            if (_longs.GetValueOrDefault((g, name)) != expected) return false;
            _longs[(g, name)] = updated;
            return true;
        }
    }
}
