using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

// The CP IAtomicReference: a serialized value per group and name.
internal sealed partial class CPService
{
    private readonly Dictionary<(RaftGroupId, string), Data> _refs = [];

    public Data GetRef(RaftGroupId g, string name)
    {
        lock (_mutex)
        {
            CheckAlive(g, RefService, name);
            return _refs.GetValueOrDefault((g, name));
        }
    }

    public Data SetRef(RaftGroupId g, string name, Data value)
    {
        lock (_mutex)
        {
            CheckAlive(g, RefService, name);
            var old = _refs.GetValueOrDefault((g, name));
            if (value.IsNull || value.TypeId == 0) _refs.Remove((g, name));
            else _refs[(g, name)] = new Data(value.ToArray());
            return old;
        }
    }

    public bool CompareAndSetRef(RaftGroupId g, string name, Data expected, Data value)
    {
        lock (_mutex)
        {
            CheckAlive(g, RefService, name);
            if (!SameRef(_refs.GetValueOrDefault((g, name)), expected)) return false;
            SetRef(g, name, value);
            return true;
        }
    }

    public bool ContainsRef(RaftGroupId g, string name, Data value)
    {
        lock (_mutex)
        {
            CheckAlive(g, RefService, name);
            return SameRef(_refs.GetValueOrDefault((g, name)), value);
        }
    }

    private static bool SameRef(Data a, Data b)
    {
        var aNull = a.IsNull || a.TypeId == 0;
        var bNull = b.IsNull || b.TypeId == 0;
        return aNull || bNull ? aNull && bNull : a.Equals(b);
    }
}
