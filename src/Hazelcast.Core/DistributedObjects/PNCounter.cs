using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.DistributedObjects;

/// <summary>
/// The client-side proxy of a PN counter, as Hazelcast's clients do it: every call goes to one replica (a data
/// member among the first <c>replica-count</c> of the member list, picked at random and kept while it answers), with the
/// vector clock of the replica timestamps this proxy has seen; the replica answers with its own, which the proxy
/// merges. A replica that does not answer is left out and another one tried; when none is left, the call fails.
/// </summary>
internal sealed class PNCounter(string name, ProxyServices services) : DistributedObjectProxy(ServiceNames.PNCounter, name, services), IPNCounter
{
    private readonly object _mutex = new();
    private IReadOnlyList<KeyValuePair<Guid, long>> _observed = [];
    private Guid? _target;
    private int _replicaCount = -1;

    /// <summary>The replica this proxy calls now, if it has picked one (for tests).</summary>
    internal Guid? CurrentTarget
    {
        get
        {
            lock (_mutex) return _target;
        }
    }

    public ValueTask<long> GetCurrentValueAsync(CancellationToken cancellationToken = default) => CallAsync(null, false, cancellationToken);

    public ValueTask<long> GetAndAddAsync(long delta, CancellationToken cancellationToken = default) => CallAsync(delta, true, cancellationToken);

    public ValueTask<long> AddAndGetAsync(long delta, CancellationToken cancellationToken = default) => CallAsync(delta, false, cancellationToken);

    public ValueTask<long> GetAndSubtractAsync(long delta, CancellationToken cancellationToken = default) => CallAsync(checked(-delta), true, cancellationToken);

    public ValueTask<long> SubtractAndGetAsync(long delta, CancellationToken cancellationToken = default) => CallAsync(checked(-delta), false, cancellationToken);

    public ValueTask<long> GetAndIncrementAsync(CancellationToken cancellationToken = default) => CallAsync(1, true, cancellationToken);

    public ValueTask<long> IncrementAndGetAsync(CancellationToken cancellationToken = default) => CallAsync(1, false, cancellationToken);

    public ValueTask<long> GetAndDecrementAsync(CancellationToken cancellationToken = default) => CallAsync(-1, true, cancellationToken);

    public ValueTask<long> DecrementAndGetAsync(CancellationToken cancellationToken = default) => CallAsync(-1, false, cancellationToken);

    public ValueTask ResetAsync(CancellationToken cancellationToken = default)
    {
        lock (_mutex) _observed = [];
        return ValueTask.CompletedTask;
    }

    /// <summary>A get (<paramref name="delta"/> null) or an add, on a replica, trying the others while one fails.</summary>
    private async ValueTask<long> CallAsync(long? delta, bool getBeforeUpdate, CancellationToken cancellationToken)
    {
        var excluded = new HashSet<Guid>();
        Exception? lastFailure = null;
        while (true)
        {
            var target = await TargetAsync(excluded, cancellationToken).ConfigureAwait(false);
            if (target is null)
            {
                if (lastFailure is RemoteException { Error: RemoteError.ConsistencyLost } lost)
                    throw new ConsistencyLostException($"The PN counter '{Name}': no replica can give the session guarantees ({excluded.Count} tried): {lost.Message} Call ResetAsync to begin a new session.", lost);
                throw new HazelcastException($"The PN counter '{Name}' has no replica to call: the cluster has no data member the client can reach"
                    + (excluded.Count > 0 ? $" ({excluded.Count} tried)." : "."), lastFailure!);
            }
            IReadOnlyList<KeyValuePair<Guid, long>> observed;
            lock (_mutex) observed = _observed;
            var request = delta is { } d
                ? PNCounterAddCodec.EncodeRequest(Name, d, getBeforeUpdate, observed, target.Value)
                : PNCounterGetCodec.EncodeRequest(Name, observed, target.Value);
            ClientMessage response;
            try
            {
                response = await Services.Invoker.InvokeOnMemberAsync(request, target.Value, cancellationToken).ConfigureAwait(false);
            }
            catch (HazelcastConnectionException e) when (delta is not null && e.RequestSent)
            {
                // The add reached a replica that went before answering: it may have been applied (and replicated), so
                // sending it to another replica could count it twice. The caller decides; a get is simply tried again.
                throw new IndeterminateOperationStateException($"The PN counter '{Name}': the replica {target} went before answering an add it had received; the add may or may not have been applied. {e.Message}");
            }
            catch (HazelcastException e) when (e is HazelcastConnectionException || (e is RemoteException r && (r.IsTransient || r.Error == RemoteError.ConsistencyLost)))
            {
                // That replica is gone, going, or behind what this proxy has seen (replication is asynchronous on a
                // real cluster): another one, as the official clients do.
                excluded.Add(target.Value);
                lock (_mutex) if (_target == target) _target = null;
                lastFailure = e;
                continue;
            }
            var (value, timestamps) = delta is null
                ? PNCounterGetCodec.DecodeResponse(response) is var g ? (g.Value, g.ReplicaTimestamps) : default
                : PNCounterAddCodec.DecodeResponse(response) is var a ? (a.Value, a.ReplicaTimestamps) : default;
            Observe(timestamps);
            return value;
        }
    }

    /// <summary>Merges a replica's vector clock into the one this proxy has seen (each replica's highest timestamp).</summary>
    private void Observe(IReadOnlyList<KeyValuePair<Guid, long>> timestamps)
    {
        lock (_mutex)
        {
            var merged = _observed.ToDictionary(e => e.Key, e => e.Value);
            foreach (var (replica, timestamp) in timestamps)
                merged[replica] = merged.TryGetValue(replica, out var seen) ? Math.Max(seen, timestamp) : timestamp;
            _observed = merged.ToList();
        }
    }

    /// <summary>The replica to call: the current one while it is a member and not excluded, or a random one of the first replica-count data members.</summary>
    private async ValueTask<Guid?> TargetAsync(HashSet<Guid> excluded, CancellationToken cancellationToken)
    {
        if (_replicaCount < 0)
            _replicaCount = PNCounterGetConfiguredReplicaCountCodec.DecodeResponse(
                await InvokeAsync(PNCounterGetConfiguredReplicaCountCodec.EncodeRequest(Name), cancellationToken).ConfigureAwait(false));
        var replicas = Services.Invoker.Members.Where(m => !m.IsLiteMember).Take(Math.Max(1, _replicaCount)).Select(m => m.Id).ToList();
        lock (_mutex)
        {
            if (_target is { } current && replicas.Contains(current) && !excluded.Contains(current)) return current;
            var candidates = replicas.Where(id => !excluded.Contains(id)).ToList();
            _target = candidates.Count == 0 ? null : candidates[Random.Shared.Next(candidates.Count)];
            return _target;
        }
    }
}
