using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;
using Hazelcast.Serialization.Compact;

namespace Hazelcast.Testing;

/// <summary>
/// The member's side of one client connection: authentication first, then each request decoded with the shared
/// codecs, served, and answered. Requests that must wait (a locked key, a lock with a timeout) are served
/// asynchronously so that the read loop never blocks.
/// </summary>
internal sealed partial class ClientSession : IMessageHandler
{
    private readonly ClusterState _state;
    private MessageConnection? _connection;
    private readonly CancellationTokenSource _closed = new();
    private bool _closeAfterReply;

    public ClientSession(HazelcastMember member, ClusterState state)
    {
        Member = member;
        _state = state;
    }

    public HazelcastMember Member { get; }

    public MessageConnection Connection => _connection!;

    public Guid? ClientUuid { get; private set; }

    public string? ClientName { get; private set; }

    public bool IsAuthenticated { get; private set; }

    public long BackupListenerCorrelationId { get; private set; } = -1;

    public void Attach(MessageConnection connection) => _connection = connection;

    public void Send(ClientMessage message)
    {
        if (Member.IsBlackHoled) return; // nothing leaves a black hole
        var latency = Member.Latency;
        if (latency > TimeSpan.Zero || _late is not null) SendLate(message, latency);
        else _connection?.TrySend(message);
    }

    // A slow member (HazelcastMember.Latency): what it sends leaves late, in the order it was produced.
    private System.Threading.Channels.Channel<(long Due, ClientMessage Message)>? _late;
    private readonly object _lateLock = new();

    private void SendLate(ClientMessage message, TimeSpan latency)
    {
        var time = _state.Time;
        if (_late is null)
        {
            lock (_lateLock)
            {
                if (_late is null)
                {
                    var late = System.Threading.Channels.Channel.CreateUnbounded<(long, ClientMessage)>(new() { SingleReader = true });
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await foreach (var (due, next) in late.Reader.ReadAllAsync(_closed.Token).ConfigureAwait(false))
                            {
                                var wait = due - time.GetTimestamp();
                                if (wait > 0) await Task.Delay(time.GetElapsedTime(0, wait), time, _closed.Token).ConfigureAwait(false);
                                _connection?.TrySend(next);
                            }
                        }
                        catch (OperationCanceledException)
                        {
                            // the connection closed: what was still late is gone with it
                        }
                    });
                    _late = late;
                }
            }
        }
        _late.Writer.TryWrite((time.GetTimestamp() + (long)(latency.TotalSeconds * time.TimestampFrequency), message));
    }

    public void OnClosed(MessageConnection connection, Exception? reason)
    {
        _closed.Cancel();
        RollBackTransactions();
        lock (_cursors) _cursors.Clear(); // a real member closes the cursors of a client that left
        Member.Remove(this);
        _state.RemoveSession(this);
    }

    public void OnMessage(MessageConnection connection, ClientMessage request, IResponseTarget? target, ReadBatch batch)
    {
        if (Member.IsBlackHoled) return; // read and dropped
        if (Member.TryHold(() => Serve(request))) return;
        Serve(request);
    }

    /// <summary>Ends the requests waiting on the member for this connection, unanswered (the member is going down).</summary>
    public void Abort() => _closed.Cancel();

    /// <summary>Serves one request: decode, apply, answer (counted while in progress: see <see cref="HazelcastMember.StopAsync"/>).</summary>
    public void Serve(ClientMessage request)
    {
        // Counted first, then checked: a member going down either sees this request counted, or this request sees it going down.
        Member.BeginServing();
        if (Member.IsStopping)
        {
            Member.EndServing();
            return;
        }
        var completesLater = false;
        try
        {
            completesLater = ServeCore(request);
        }
        finally
        {
            if (!completesLater) Member.EndServing();
        }
    }

    /// <summary>Serves a request; true when its answer comes later (it waits on the member), and <see cref="CompleteAsync"/> ends it.</summary>
    private bool ServeCore(ClientMessage request)
    {
        var connection = Connection;
        if (request.IsEvent)
        {
            connection.Close(new ProtocolException($"A client sent an event message (type 0x{request.MessageType:X6})."));
            return false;
        }
        var correlationId = request.CorrelationId;
        Member.Record(request);
        Member.CountRequest(request.PartitionId);
        if (!IsAuthenticated && request.MessageType is not (ClientAuthenticationCodec.RequestMessageType or ClientAuthenticationCustomCodec.RequestMessageType))
        {
            Reply(correlationId, Error(RemoteError.Authentication, $"The first message on a connection must be an authentication request; received 0x{request.MessageType:X6}."));
            connection.CloseAfterWrites();
            return false;
        }

        if (IsAuthenticated && Member.InjectedError(request) is { } injected)
        {
            Member.CountInjectedError();
            Reply(correlationId, Error(injected, $"Injected by the in-process member's fault injection: {injected}."));
            return false;
        }

        if (IsAuthenticated && _state.MigrationOf(request.PartitionId) is { } migration)
        {
            // The partition is moving: served once the step ends, as a real member's retries would serve it.
            _ = migration.ContinueWith(_ =>
            {
                if (Member.IsStopping || _closed.IsCancellationRequested) Member.EndServing();
                else if (!Dispatch(request)) Member.EndServing();
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            return true;
        }
        return Dispatch(request);
    }

    /// <summary>Runs a request's handler and answers; true when the answer comes later (<see cref="CompleteAsync"/> ends it).</summary>
    private bool Dispatch(ClientMessage request)
    {
        var connection = Connection;
        var correlationId = request.CorrelationId;
        ValueTask<ClientMessage?> pending;
        MessageHandlers.Entry? entry = null;
        // The changes the handler makes (now, or later on this flow) are this client's: their invalidations say so.
        var caller = NearCacheInvalidator.CurrentClient.Value;
        NearCacheInvalidator.CurrentClient.Value = ClientUuid;
        try
        {
            pending = MessageHandlers.Table.TryGetValue(request.MessageType, out entry)
                ? entry.Query ? new ValueTask<ClientMessage?>(Task.Run(() => entry.Handle(this, request).AsTask())) : entry.Handle(this, request)
                : Done(Error(RemoteError.UnsupportedOperation, $"The in-process member does not implement message type 0x{request.MessageType:X6}."));
        }
        catch (Exception e)
        {
            Reply(correlationId, ToError(e));
            return false;
        }
        finally
        {
            NearCacheInvalidator.CurrentClient.Value = caller;
        }

        if (pending.IsCompletedSuccessfully)
        {
            var response = pending.Result;
            if (response is not null) Reply(request, response, entry?.Backup);
            if (_closeAfterReply) connection.CloseAfterWrites();
            return false;
        }
        _ = CompleteAsync(pending, request, entry?.Backup);
        return true;
    }

    private async Task CompleteAsync(ValueTask<ClientMessage?> pending, ClientMessage request, MessageHandlers.Backup? backup)
    {
        var correlationId = request.CorrelationId;
        try
        {
            var response = await pending.ConfigureAwait(false);
            if (response is not null) Reply(request, response, backup);
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Reply(correlationId, ToError(e));
        }
        finally
        {
            Member.EndServing();
        }
    }

    private void Reply(long correlationId, ClientMessage response)
    {
        response.CorrelationId = correlationId;
        Send(response);
    }

    /// <summary>
    /// Answers a request; for a backup-aware write that changed data (its table entry says how to tell), the answer
    /// announces one ack per backup replica, and each backup member sends its ack to the client over its own
    /// connection (PROTOCOL.md §3.6).
    /// </summary>
    private void Reply(ClientMessage request, ClientMessage response, MessageHandlers.Backup? rule)
    {
        if (request.IsBackupAware && !response.IsError && rule?.PartitionOf(request, response, _state.Options.PartitionCount) is { } partitionId)
        {
            var backups = _state.BackupsOf(partitionId);
            response.BackupAcks = (byte)backups.Length;
            Reply(request.CorrelationId, response);
            if (_state.BackupsDropped(partitionId)) return; // the backups were never made: no replica acks them
            foreach (var backup in backups) SendBackupAck(backup, request.CorrelationId);
            return;
        }
        Reply(request.CorrelationId, response);
    }

    private void SendBackupAck(HazelcastMember backup, long sourceCorrelationId)
    {
        if (backup.DropBackupAcks) return;
        var session = backup.Sessions.FirstOrDefault(s => s.ClientUuid == ClientUuid && s.BackupListenerCorrelationId >= 0);
        if (session is null) return; // the client is not connected to that member: it will time the ack out
        void Send()
        {
            var ack = ClientLocalBackupListenerCodec.EncodeBackupEvent(sourceCorrelationId);
            ack.Flags |= FrameFlags.BackupEvent;
            ack.CorrelationId = session.BackupListenerCorrelationId;
            session.Send(ack);
            backup.CountBackupAck();
        }
        void SendUnlessPaused()
        {
            if (!backup.TryHold(Send)) Send();
        }
        if (backup.BackupAckDelay <= TimeSpan.Zero) SendUnlessPaused();
        else _ = Task.Delay(backup.BackupAckDelay).ContinueWith(_ => SendUnlessPaused(), TaskScheduler.Default);
    }

    private static ClientMessage ToError(Exception e) => e switch
    {
        RemoteErrorException r => ErrorCodec.Encode([new ErrorHolder((int)r.Error, r.ClassName, r.Message, [])]),
        ProtocolException p => Error(RemoteError.HazelcastSerialization, p.Message),
        ArgumentException a => Error(RemoteError.IllegalArgument, a.Message),
        _ => Error(RemoteError.Hazelcast, e.Message),
    };

    /// <summary>An error response naming the Java class the protocol table gives for the code.</summary>
    public static ClientMessage Error(RemoteError error, string? message)
        => ErrorCodec.Encode([new ErrorHolder((int)error, RemoteErrors.JavaClassName(error), message, [])]);

    private static ValueTask<ClientMessage?> Done(ClientMessage? response) => new(response);

    internal ValueTask<ClientMessage?> ClientAuthentication(ClientMessage request) => Done(Authenticate(request));

    internal ValueTask<ClientMessage?> ClientAddClusterViewListener(ClientMessage request) => Done(AddClusterViewListener(request));

    internal ValueTask<ClientMessage?> ClientPing(ClientMessage request) => Done(ClientPingCodec.EncodeResponse());

    internal ValueTask<ClientMessage?> ClientStatistics(ClientMessage request)
    {
        var p = ClientStatisticsCodec.DecodeRequest(request);
        if (ClientUuid is { } client) _state.RecordStatistics(client, ClientStatisticsReport.Decode(p.Timestamp, p.ClientAttributes, p.MetricsBlob));
        return Done(ClientStatisticsCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> ClientCreateProxy(ClientMessage request) => Done(CreateProxy(request));

    internal ValueTask<ClientMessage?> ClientDestroyProxy(ClientMessage request) => Done(DestroyProxy(request));

    internal ValueTask<ClientMessage?> ClientGetDistributedObjects(ClientMessage request) => Done(ClientGetDistributedObjectsCodec.EncodeResponse(_state.Objects()));

    internal ValueTask<ClientMessage?> ClientLocalBackupListener(ClientMessage request) => Done(AddBackupListener(request));

    internal ValueTask<ClientMessage?> ClientSendSchema(ClientMessage request) => Done(SendSchema(request));

    internal ValueTask<ClientMessage?> ClientFetchSchema(ClientMessage request) => Done(FetchSchema(request));

    internal ValueTask<ClientMessage?> ClientSendAllSchemas(ClientMessage request) => Done(SendAllSchemas(request));

    internal ValueTask<ClientMessage?> ClientAuthenticationCustom(ClientMessage request)
    {
        var p = ClientAuthenticationCustomCodec.DecodeRequest(request);
        // A token is the credential's bytes; a member configured with username/password refuses it, as one with a token refuses a password.
        var options = _state.Options;
        var accepted = options.Token is { } token ? FixedTimeEquals(p.Credentials, System.Text.Encoding.UTF8.GetBytes(token)) : options.Username is null;
        return Done(Authenticate(p.SerializationVersion, p.ClusterName, accepted, p.Uuid, p.ClientName, custom: true));
    }

    private ClientMessage Authenticate(ClientMessage request)
    {
        var p = ClientAuthenticationCodec.DecodeRequest(request);
        var options = _state.Options;
        // Compared in constant time, so that the time to refuse says nothing of how much of a secret was right.
        var accepted = options.Token is null && (options.Username is null
            || (FixedTimeEquals(p.Username, options.Username) & FixedTimeEquals(p.Password, options.Password)));
        return Authenticate(p.SerializationVersion, p.ClusterName, accepted, p.Uuid, p.ClientName);
    }

    private static bool FixedTimeEquals(string? given, string? expected)
        => given is not null && expected is not null && FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected));

    private static bool FixedTimeEquals(byte[] given, byte[] expected)
        => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Security.Cryptography.SHA256.HashData(given), System.Security.Cryptography.SHA256.HashData(expected));

    private ClientMessage Authenticate(byte serializationVersion, string clusterName, bool credentialsAccepted, Guid? clientUuid, string clientName, bool custom = false)
    {
        var options = _state.Options;
        var status = AuthenticationStatus.Authenticated;
        if (serializationVersion != 1) status = AuthenticationStatus.SerializationVersionMismatch;
        else if (!string.Equals(clusterName, options.ClusterName, StringComparison.Ordinal) || !credentialsAccepted) status = AuthenticationStatus.CredentialsFailed;

        if (status == AuthenticationStatus.Authenticated)
        {
            Connection.MaxMessageSize = options.MaxMessageSize;
            IsAuthenticated = true;
            ClientUuid = clientUuid;
            ClientName = clientName;
        }
        else
        {
            // A real member answers, then closes the connection; the client sees the status first.
            _closeAfterReply = true;
        }

        return MemberHandshake.AuthenticationResponse(status, Member.Uuid, Member.Info.Address, options.Version, _state.ClusterId, options.PartitionCount,
            _state.MemberListVersion, _state.PartitionListVersion, _state.MemberInfos(), _state.PartitionTable(), custom);
    }

    private ClientMessage? AddClusterViewListener(ClientMessage request)
    {
        Reply(request.CorrelationId, ClientAddClusterViewListenerCodec.EncodeResponse());
        _state.AddViewListener(this, request.CorrelationId);
        return null;
    }

    private ClientMessage AddBackupListener(ClientMessage request)
    {
        if (Member.RefuseBackupListener)
            return Error(RemoteError.UnsupportedOperation, $"The member does not implement message type 0x{request.MessageType:X6} (fault injection).");
        BackupListenerCorrelationId = request.CorrelationId;
        return ClientLocalBackupListenerCodec.EncodeResponse(Guid.NewGuid());
    }

    // Compact schemas are kept cluster-wide (one store for all members, as every member of a real cluster gets them).
    private ClientMessage SendSchema(ClientMessage request)
    {
        if (Member.RefuseSchemas) return ClientSendSchemaCodec.EncodeResponse([]);
        StoreSchema(ClientSendSchemaCodec.DecodeRequest(request).Schema);
        return ClientSendSchemaCodec.EncodeResponse(_state.MemberIds);
    }

    private ClientMessage SendAllSchemas(ClientMessage request)
    {
        foreach (var schema in ClientSendAllSchemasCodec.DecodeRequest(request).Schemas) StoreSchema(schema);
        return ClientSendAllSchemasCodec.EncodeResponse();
    }

    private void StoreSchema(Schema schema)
    {
        try
        {
            _state.Query.Schemas.AddFromCluster(CompactSchema.FromProtocol(schema));
        }
        catch (SerializationException e)
        {
            throw new RemoteErrorException(RemoteError.HazelcastSerialization, e.Message);
        }
    }

    private ClientMessage FetchSchema(ClientMessage request)
        => ClientFetchSchemaCodec.EncodeResponse(_state.Query.Schemas.TryGet(ClientFetchSchemaCodec.DecodeRequest(request).SchemaId, out var schema) ? schema.ToProtocol() : null);

    private ClientMessage CreateProxy(ClientMessage request)
    {
        var p = ClientCreateProxyCodec.DecodeRequest(request);
        if (p.ServiceName == MapStore.ServiceName) _state.Map(p.Name);
        else _state.CreateObject(p.ServiceName, p.Name);
        return ClientCreateProxyCodec.EncodeResponse();
    }

    private ClientMessage DestroyProxy(ClientMessage request)
    {
        var p = ClientDestroyProxyCodec.DecodeRequest(request);
        _state.DestroyObject(p.ServiceName, p.Name);
        return ClientDestroyProxyCodec.EncodeResponse();
    }
}
