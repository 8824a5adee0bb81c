using Hazelcast.Invocations;
using Hazelcast.Networking;

namespace Hazelcast.Clustering;

/// <summary>
/// Picks the connection of an invocation: under smart routing the connection to the owner of its partition,
/// otherwise (or when that connection is missing) the cluster view's connection or any active one, round robin.
/// </summary>
internal sealed class Router(bool smartRouting, ClusterView view, ConnectionManager connections) : IInvocationRouter
{
    private int _roundRobin;

    public MessageConnection? GetConnection(int partitionId)
    {
        if (smartRouting && partitionId >= 0 && view.OwnerOf(partitionId) is { } owner
            && connections.TryGetConnection(owner, out var connection) && connection.IsActive)
            return connection;
        if (!smartRouting && connections.ViewConnection is { IsActive: true } viewConnection) return viewConnection;
        var all = connections.Connections;
        if (all.Count == 0) return null;
        var array = all as MessageConnection[] ?? all.ToArray();
        var start = (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)array.Length);
        for (var i = 0; i < array.Length; i++)
        {
            var c = array[(start + i) % array.Length];
            if (c.IsActive) return c;
        }
        return null;
    }
}
