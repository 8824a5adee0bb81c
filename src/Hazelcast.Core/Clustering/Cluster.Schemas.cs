using System.Collections.Concurrent;
using Hazelcast.Invocations;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;
using Hazelcast.Serialization.Compact;

namespace Hazelcast.Clustering;

// Compact schemas between this client and the cluster. A value is never sent before every member has its schema
// (Client.SendSchema, retried until each member of the view has acknowledged it); a value read with an unknown schema
// id has its schema fetched (Client.FetchSchema) and is read again; a restarted cluster gets every schema back
// (Client.SendAllSchemas) before the client reports itself connected.
internal sealed partial class Cluster
{
    private const int SchemaReplicationAttempts = 100;
    private static readonly TimeSpan SchemaReplicationPause = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<long, Lazy<Task>> _publishing = new();

    private CompactSchemaRegistry Schemas => Serialization.Compact.Schemas;

    /// <summary>
    /// Sends a request for a distributed object, after the cluster has the Compact schemas of its values. Only
    /// requests whose values may hold Compact objects wait (so a schema the cluster will not take blocks the writes
    /// that need it, not every operation of the client).
    /// </summary>
    public Task<ClientMessage> InvokeAsync(ClientMessage request, int partitionId, bool retryable, CancellationToken cancellationToken, TimeSpan? timeout = null)
        => request.MayCarryCompact && Schemas.HasUnpublished
            ? PublishThenInvokeAsync(request, partitionId, retryable, cancellationToken, timeout)
            : Invocations.InvokeAsync(request, partitionId, retryable, cancellationToken, timeout: timeout);

    private async Task<ClientMessage> PublishThenInvokeAsync(ClientMessage request, int partitionId, bool retryable, CancellationToken cancellationToken, TimeSpan? timeout)
    {
        await PublishSchemasAsync(cancellationToken).ConfigureAwait(false);
        return await Invocations.InvokeAsync(request, partitionId, retryable, cancellationToken, timeout: timeout).ConfigureAwait(false);
    }

    /// <summary>Sends every schema the cluster does not have yet; one send per schema however many callers wait.</summary>
    public async Task PublishSchemasAsync(CancellationToken cancellationToken)
    {
        foreach (var schema in Schemas.Unpublished)
        {
            // A completed send stays: a caller that saw the schema unpublished a moment ago finds it done. A failed one
            // goes, so that the next request tries again.
            var publishing = _publishing.GetOrAdd(schema.Id, _ => new Lazy<Task>(() => PublishAsync(schema)));
            try
            {
                await publishing.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch when (publishing.Value.IsFaulted || publishing.Value.IsCanceled)
            {
                _publishing.TryRemove(KeyValuePair.Create(schema.Id, publishing));
                throw;
            }
        }
    }

    private async Task PublishAsync(CompactSchema schema)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await Invocations.InvokeAsync(ClientSendSchemaCodec.EncodeRequest(schema.ToProtocol()), -1, ClientSendSchemaCodec.Retryable, _shutdown.Token).ConfigureAwait(false);
            var replicated = ClientSendSchemaCodec.DecodeResponse(response).ToHashSet();
            if (_members.All(m => replicated.Contains(m.Id))) break;
            if (attempt == SchemaReplicationAttempts)
                throw new HazelcastException($"The Compact schema of '{schema.TypeName}' ({schema.Id}) reached {replicated.Count} of {_members.Length} members after {attempt} attempts; values of that type are not sent until every member has it (is the cluster split?).");
            await Task.Delay(SchemaReplicationPause, _shutdown.Token).ConfigureAwait(false);
        }
        Schemas.MarkPublished(schema);
        Log.SchemaPublished(_logger, schema.Id, schema.TypeName);
    }

    /// <summary>
    /// Called as soon as the client learns it reached a new cluster (before any request can go to it): none of our
    /// schemas is published there, so a request carrying a value publishes first.
    /// </summary>
    private void ForgetPublishedSchemas()
    {
        _publishing.Clear();
        Schemas.MarkAllUnpublished();
    }

    /// <summary>Sends every schema to a new cluster (after a restart) at once, before the client reports itself connected.</summary>
    private async Task RepublishSchemasAsync(CancellationToken cancellationToken)
    {
        var all = Schemas.All;
        if (all.Count == 0) return;
        await Invocations.InvokeAsync(ClientSendAllSchemasCodec.EncodeRequest(all.Select(s => s.ToProtocol()).ToList()), -1, ClientSendAllSchemasCodec.Retryable, cancellationToken).ConfigureAwait(false);
        foreach (var schema in all) Schemas.MarkPublished(schema);
    }

    /// <summary>
    /// Runs <paramref name="read"/>; when it meets a Compact schema this client lacks, fetches the schema and runs it
    /// again (a value can nest several unknown schemas). Synchronous when every schema is known.
    /// </summary>
    public ValueTask<T> DeserializeAsync<TState, T>(TState state, Func<TState, T> read, CancellationToken cancellationToken)
    {
        try
        {
            return new ValueTask<T>(read(state));
        }
        catch (MissingCompactSchemaException e)
        {
            return FetchThenDeserializeAsync(state, read, e.SchemaId, cancellationToken);
        }
    }

    private async ValueTask<T> FetchThenDeserializeAsync<TState, T>(TState state, Func<TState, T> read, long schemaId, CancellationToken cancellationToken)
    {
        for (var fetched = 1; ; fetched++)
        {
            await FetchSchemaAsync(schemaId, cancellationToken).ConfigureAwait(false);
            try
            {
                return read(state);
            }
            catch (MissingCompactSchemaException e) when (fetched < 64)
            {
                schemaId = e.SchemaId;
            }
        }
    }

    private async Task FetchSchemaAsync(long schemaId, CancellationToken cancellationToken)
    {
        var response = await Invocations.InvokeAsync(ClientFetchSchemaCodec.EncodeRequest(schemaId), -1, ClientFetchSchemaCodec.Retryable, cancellationToken).ConfigureAwait(false);
        var schema = ClientFetchSchemaCodec.DecodeResponse(response)
            ?? throw new SerializationException($"A value refers to the Compact schema {schemaId}, which neither this client nor the cluster has (was it written before the cluster restarted?).");
        var compact = CompactSchema.FromProtocol(schema);
        if (compact.Id != schemaId)
            throw new ProtocolException($"Client.FetchSchema for schema {schemaId} returned '{compact.TypeName}', whose fingerprint is {compact.Id}.");
        Schemas.AddFromCluster(compact);
    }
}
