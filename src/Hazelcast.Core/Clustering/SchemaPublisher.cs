using System.Collections.Concurrent;
using Hazelcast.Invocations;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;
using Hazelcast.Serialization.Compact;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Clustering;

/// <summary>
/// Compact schemas between this client and the cluster. A value is never sent before every member has its schema
/// (Client.SendSchema, retried until each member of the view has acknowledged it); a value read with an unknown
/// schema id has its schema fetched (Client.FetchSchema) and is read again; a restarted cluster gets every schema
/// back (Client.SendAllSchemas) before the client reports itself connected.
/// </summary>
internal sealed class SchemaPublisher
{
    private const int ReplicationAttempts = 100;
    private static readonly RetryPolicy Replication = RetryPolicy.Fixed(TimeSpan.FromMilliseconds(100));

    private readonly ConcurrentDictionary<long, Lazy<Task>> _publishing = new();
    private readonly CompactSchemaRegistry _schemas;
    private readonly InvocationService _invocations;
    private readonly ClusterView _view;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationToken _shutdown;

    public SchemaPublisher(CompactSchemaRegistry schemas, InvocationService invocations, ClusterView view, ILogger logger, TimeProvider time, CancellationToken shutdown)
    {
        _schemas = schemas;
        _invocations = invocations;
        _view = view;
        _logger = logger;
        _time = time;
        _shutdown = shutdown;
    }

    /// <summary>Whether some schema is not on the cluster yet (a request carrying a value must publish first).</summary>
    public bool HasUnpublished => _schemas.HasUnpublished;

    /// <summary>Sends every schema the cluster does not have yet; one send per schema however many callers wait.</summary>
    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        foreach (var schema in _schemas.Unpublished)
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

    /// <summary>Compact serialization became stable (and its protocol final) in Hazelcast 5.2.</summary>
    private static readonly System.Version FirstCompactVersion = new(5, 2);

    private ClusterMember? MemberWithoutCompact()
        => _view.Members.FirstOrDefault(m => System.Version.TryParse(m.Version, out var version) && version < FirstCompactVersion);

    private async Task PublishAsync(CompactSchema schema)
    {
        // A member before 5.2 cannot take Compact values: say so once, clearly, not as a protocol error about a field.
        if (MemberWithoutCompact() is { } member)
            throw new HazelcastException($"Compact serialization needs Hazelcast {FirstCompactVersion} or later, and member {member.Id} at {member.Address} runs {member.Version}: values of '{schema.TypeName}' cannot be sent to this cluster. Upgrade the cluster, or serialize that type another way (IIdentifiedDataSerializable or a custom serializer).");
        for (var attempt = 1; ; attempt++)
        {
            var response = await _invocations.InvokeAsync(ClientSendSchemaCodec.EncodeRequest(schema.ToProtocol()), -1, _shutdown).ConfigureAwait(false);
            var replicated = ClientSendSchemaCodec.DecodeResponse(response).ToHashSet();
            var members = _view.Members;
            if (members.All(m => replicated.Contains(m.Id))) break;
            if (attempt == ReplicationAttempts)
                throw new HazelcastException($"The Compact schema of '{schema.TypeName}' ({schema.Id}) reached {replicated.Count} of {members.Length} members after {attempt} attempts; values of that type are not sent until every member has it (is the cluster split?).");
            await Task.Delay(Replication.DelayBefore(attempt), _time, _shutdown).ConfigureAwait(false);
        }
        _schemas.MarkPublished(schema);
        ClusterLog.SchemaPublished(_logger, schema.Id, schema.TypeName);
    }

    /// <summary>
    /// Called as soon as the client learns it reached a new cluster (before any request can go to it): none of our
    /// schemas is published there, so a request carrying a value publishes first.
    /// </summary>
    public void ForgetPublished()
    {
        _publishing.Clear();
        _schemas.MarkAllUnpublished();
    }

    /// <summary>Sends every schema to a new cluster (after a restart) at once, before the client reports itself connected.</summary>
    public async Task RepublishAllAsync(CancellationToken cancellationToken)
    {
        var all = _schemas.All;
        // A cluster that came back older than 5.2 takes no schema: they stay unpublished, and the first Compact write
        // gets the clear error above (connecting must not fail for it).
        if (all.Count == 0 || MemberWithoutCompact() is not null) return;
        await _invocations.InvokeAsync(ClientSendAllSchemasCodec.EncodeRequest(all.Select(s => s.ToProtocol()).ToList()), -1, cancellationToken).ConfigureAwait(false);
        foreach (var schema in all) _schemas.MarkPublished(schema);
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
            await FetchAsync(schemaId, cancellationToken).ConfigureAwait(false);
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

    private async Task FetchAsync(long schemaId, CancellationToken cancellationToken)
    {
        var response = await _invocations.InvokeAsync(ClientFetchSchemaCodec.EncodeRequest(schemaId), -1, cancellationToken).ConfigureAwait(false);
        var schema = ClientFetchSchemaCodec.DecodeResponse(response)
            ?? throw new SerializationException($"A value refers to the Compact schema {schemaId}, which neither this client nor the cluster has (was it written before the cluster restarted?).");
        var compact = CompactSchema.FromProtocol(schema);
        if (compact.Id != schemaId)
            throw new ProtocolException($"Client.FetchSchema for schema {schemaId} returned '{compact.TypeName}', whose fingerprint is {compact.Id}.");
        _schemas.AddFromCluster(compact);
    }
}
