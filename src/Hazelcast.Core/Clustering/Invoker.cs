using Hazelcast.Invocations;
using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Serialization;

namespace Hazelcast.Clustering;

/// <summary>
/// The one way a distributed object sends a request: the Compact schemas its values need go first (the schema
/// gate), the request is routed as its generated descriptor says (the owner of its key's partition, a partition the
/// caller names, or any member), and the invocation layer retries it as the descriptor allows.
/// </summary>
internal sealed class Invoker
{
    private readonly InvocationService _invocations;
    private readonly ClusterView _view;
    private readonly SchemaPublisher _schemas;
    private readonly ConnectionManager _connections;

    public Invoker(InvocationService invocations, ClusterView view, SchemaPublisher schemas, ConnectionManager connections)
    {
        _invocations = invocations;
        _view = view;
        _schemas = schemas;
        _connections = connections;
    }

    /// <summary>The configured invocation timeout.</summary>
    public TimeSpan InvocationTimeout => _invocations.InvocationTimeout;

    /// <summary>
    /// How long the invocation of a request that waits <paramref name="waitMs"/> on the member (a lock, a poll) may
    /// take: the wait plus the invocation timeout, or forever for a wait without end (negative).
    /// </summary>
    public TimeSpan WaitingInvocationTimeout(long waitMs)
        => waitMs < 0 || InvocationTimeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : InvocationTimeout + TimeSpan.FromMilliseconds(waitMs);

    /// <summary>The partition of a key, or −1 before the client knows the partition count.</summary>
    public int PartitionIdOf(in Data key) => _view.PartitionIdOf(key.PartitionHash);

    /// <summary>The partition of a partition hash (an object's name's), or −1 before the client knows the partition count.</summary>
    public int PartitionIdOf(int partitionHash) => _view.PartitionIdOf(partitionHash);

    /// <summary>Sends a request routed by its descriptor; <paramref name="timeout"/> replaces the invocation timeout (a wait on the member).</summary>
    public Task<ClientMessage> InvokeAsync(ClientMessage request, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var partitionId = Routing(request) switch
        {
            PartitionRouting.Key => _view.PartitionIdOf(request.PartitionHash!.Value),
            PartitionRouting.None => -1,
            _ => throw new InvalidOperationException($"{request} goes to a partition the caller names (its keys' or its object's): use InvokeOnPartitionAsync."),
        };
        return InvokeCoreAsync(request, partitionId, cancellationToken, timeout);
    }

    /// <summary>
    /// Sends a request to the owner of <paramref name="partitionId"/>: a request that groups keys by partition, a query
    /// restricted to one, or a request to an object that lives in one partition (its name's).
    /// </summary>
    public Task<ClientMessage> InvokeOnPartitionAsync(ClientMessage request, int partitionId, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        if (Routing(request) == PartitionRouting.Key)
            throw new InvalidOperationException($"{request} goes to its key's partition: use InvokeAsync.");
        return InvokeCoreAsync(request, partitionId, cancellationToken, timeout);
    }

    /// <summary>The members as the cluster last announced them (a CRDT picks its replica among the data members).</summary>
    public IReadOnlyList<ClusterMember> Members => _view.Members;

    /// <summary>The cluster's partition count (0 until the client has joined).</summary>
    public int PartitionCount => _view.PartitionCount;

    /// <summary>
    /// Sends a request meant for one member (a CRDT's replica, which the request names) over the connection to it, or,
    /// without one (unisocket, or not connected yet), over any connection: the member forwards it. Over the member's
    /// own connection it fails with <see cref="HazelcastConnectionException"/> when that connection closes before the
    /// answer, so that the caller picks another member.
    /// </summary>
    public Task<ClientMessage> InvokeOnMemberAsync(ClientMessage request, Guid memberId, CancellationToken cancellationToken)
        => _connections.TryGetConnection(memberId, out var connection) && connection.IsActive
            ? _invocations.InvokeAsync(request, -1, cancellationToken, connection)
            : _invocations.InvokeAsync(request, -1, cancellationToken);

    /// <summary>
    /// A connection for a conversation bound to one connection (a transaction): any active one, after waiting for the
    /// client to be connected as any operation waits (a ping, within the invocation timeout) if it has none.
    /// </summary>
    public async Task<MessageConnection> GetAnyConnectionAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_invocations.Router.GetConnection(-1) is { IsActive: true } connection) return connection;
            await InvokeAsync(Protocol.Codecs.ClientPingCodec.EncodeRequest(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends a request over one connection, never another (a transaction's requests): it fails with
    /// <see cref="HazelcastConnectionException"/> if that connection closes before the answer.
    /// </summary>
    public Task<ClientMessage> InvokeOnConnectionAsync(ClientMessage request, MessageConnection connection, CancellationToken cancellationToken, TimeSpan? timeout = null)
        => request.MayCarryCompact && _schemas.HasUnpublished
            ? PublishThenInvokeOnConnectionAsync(request, connection, cancellationToken, timeout)
            : _invocations.InvokeAsync(request, -1, cancellationToken, connection, timeout: timeout);

    private async Task<ClientMessage> PublishThenInvokeOnConnectionAsync(ClientMessage request, MessageConnection connection, CancellationToken cancellationToken, TimeSpan? timeout)
    {
        await _schemas.PublishAsync(cancellationToken).ConfigureAwait(false);
        return await _invocations.InvokeAsync(request, -1, cancellationToken, connection, timeout: timeout).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request that waits on the member (a lock, a blocking poll) and lets the caller stop waiting: the member
    /// knows nothing of the caller's token, so the request is not cancelled; if it completes after the caller gave up,
    /// <paramref name="undo"/> gets its response and gives back what it granted (unlocks, offers the item again), so
    /// that nothing is held or consumed for nobody.
    /// </summary>
    public static async Task<ClientMessage> WaitAsync(Task<ClientMessage> invocation, Func<ClientMessage, Task> undo, CancellationToken cancellationToken)
    {
        try
        {
            return await invocation.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _ = UndoWhenCompletedAsync(invocation, undo);
            throw;
        }
    }

    private static async Task UndoWhenCompletedAsync(Task<ClientMessage> invocation, Func<ClientMessage, Task> undo)
    {
        try
        {
            await undo(await invocation.ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (HazelcastException)
        {
            // Not granted (the request failed), or the undo failed with its connection: a member releases the locks
            // and CP sessions of a client that left (a queue's give-back logs its own failure).
        }
    }

    private static PartitionRouting Routing(ClientMessage request)
        => request.IsDescribed ? request.Routing : throw new InvalidOperationException($"{request} was not built by a generated encoder (it has no descriptor).");

    private Task<ClientMessage> InvokeCoreAsync(ClientMessage request, int partitionId, CancellationToken cancellationToken, TimeSpan? timeout)
        => request.MayCarryCompact && _schemas.HasUnpublished
            ? PublishThenInvokeAsync(request, partitionId, cancellationToken, timeout)
            : _invocations.InvokeAsync(request, partitionId, cancellationToken, timeout: timeout);

    private async Task<ClientMessage> PublishThenInvokeAsync(ClientMessage request, int partitionId, CancellationToken cancellationToken, TimeSpan? timeout)
    {
        await _schemas.PublishAsync(cancellationToken).ConfigureAwait(false);
        return await _invocations.InvokeAsync(request, partitionId, cancellationToken, timeout: timeout).ConfigureAwait(false);
    }

    /// <summary>Deserializes with <paramref name="read"/>, fetching the Compact schemas this client does not have yet.</summary>
    public ValueTask<T> ReadAsync<TState, T>(TState state, Func<TState, T> read, CancellationToken cancellationToken)
        => _schemas.DeserializeAsync(state, read, cancellationToken);
}
