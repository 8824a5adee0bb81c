using Hazelcast.Invocations;
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

    public Invoker(InvocationService invocations, ClusterView view, SchemaPublisher schemas)
    {
        _invocations = invocations;
        _view = view;
        _schemas = schemas;
    }

    /// <summary>The configured invocation timeout.</summary>
    public TimeSpan InvocationTimeout => _invocations.InvocationTimeout;

    /// <summary>The partition of a key, or −1 before the client knows the partition count.</summary>
    public int PartitionIdOf(in Data key) => _view.PartitionIdOf(key.PartitionHash);

    /// <summary>Sends a request routed by its descriptor; <paramref name="timeout"/> replaces the invocation timeout (a wait on the member).</summary>
    public Task<ClientMessage> InvokeAsync(ClientMessage request, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var partitionId = Routing(request) switch
        {
            PartitionRouting.Key => _view.PartitionIdOf(request.PartitionHash!.Value),
            PartitionRouting.None => -1,
            _ => throw new InvalidOperationException($"{request} goes to a partition the caller names: use InvokeOnPartitionAsync."),
        };
        return InvokeCoreAsync(request, partitionId, cancellationToken, timeout);
    }

    /// <summary>Sends a request to the owner of <paramref name="partitionId"/> (a request that groups keys by partition, or a query restricted to one).</summary>
    public Task<ClientMessage> InvokeOnPartitionAsync(ClientMessage request, int partitionId, CancellationToken cancellationToken)
    {
        if (Routing(request) == PartitionRouting.Key)
            throw new InvalidOperationException($"{request} goes to its key's partition: use InvokeAsync.");
        return InvokeCoreAsync(request, partitionId, cancellationToken, null);
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
