using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Net.Sockets;
using Hazelcast.Invocations;
using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Clustering;

/// <summary>
/// The client's view of the cluster and its connections: authentication, the members and partitions views,
/// smart routing, heartbeats, reconnection, and listener registrations on every connection.
/// </summary>
internal sealed partial class Cluster : IInvocationRouter, IMessageHandler, IAsyncDisposable
{
    private readonly HazelcastOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<Guid, MessageConnection> _connections = new();
    private readonly ConcurrentDictionary<MessageConnection, Guid> _memberOfConnection = new();
    private readonly ConcurrentDictionary<Guid, Task> _connecting = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly object _stateMutex = new();
    private readonly SemaphoreSlim _reconnectGate = new(1, 1);
    private ImmutableArray<ClusterMember> _members = [];
    private int _membersVersion = -1;
    private Guid[] _partitionOwners = [];
    private int _partitionsVersion = -1;
    private MessageConnection? _viewConnection;
    private TaskCompletionSource _firstMembersView = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _heartbeat;
    private int _roundRobin;

    public Cluster(HazelcastOptions options, ILoggerFactory loggerFactory, Guid clientId, string clientName)
    {
        _options = options;
        _logger = loggerFactory.CreateLogger("Hazelcast.Client");
        ClientId = clientId;
        ClientName = clientName;
        Invocations = new InvocationService(this, options, loggerFactory.CreateLogger("Hazelcast.Invocations"));
        Serialization = new SerializationService(options.Serialization);
    }

    public Guid ClientId { get; }

    public string ClientName { get; }

    public InvocationService Invocations { get; }

    public SerializationService Serialization { get; }

    public int PartitionCount { get; private set; }

    public Guid? ClusterId { get; private set; }

    public ClientState State { get; private set; } = ClientState.Starting;

    public event EventHandler<ClientStateChangedEventArgs>? StateChanged;

    public IReadOnlyList<ClusterMember> Members => _members;

    public int ConnectionCount => _connections.Count(c => c.Value.IsActive);

    public bool IsConnected => State == ClientState.Connected;

    /// <summary>Socket send calls and messages written over every connection opened so far (for benchmarks).</summary>
    public (long SendCalls, long Messages) WriteCounters
    {
        get
        {
            long sends = _closedSendCalls, messages = _closedMessages;
            foreach (var c in _connections.Values)
            {
                sends += c.SendCalls;
                messages += c.MessagesWritten;
            }
            return (sends, messages);
        }
    }

    private long _closedSendCalls;
    private long _closedMessages;

    internal IReadOnlyCollection<MessageConnection> Connections => _connections.Values.ToArray();

    // ------------------------------------------------------------------ state

    private void SetState(ClientState state)
    {
        ClientState previous;
        lock (_stateMutex)
        {
            previous = State;
            if (previous == state || previous == ClientState.Shutdown) return;
            if (previous == ClientState.ShuttingDown && state != ClientState.Shutdown) return;
            State = state;
        }
        try
        {
            StateChanged?.Invoke(this, new ClientStateChangedEventArgs(previous, state));
        }
        catch (Exception e)
        {
            Log.StateHandlerFailed(_logger, e, state);
        }
    }

    // ------------------------------------------------------------------ routing

    public MessageConnection? GetConnection(int partitionId)
    {
        if (_options.Networking.SmartRouting && partitionId >= 0)
        {
            var owners = _partitionOwners;
            if (partitionId < owners.Length && _connections.TryGetValue(owners[partitionId], out var owner) && owner.IsActive) return owner;
        }
        var view = _viewConnection;
        if (!_options.Networking.SmartRouting && view is { IsActive: true }) return view;
        var all = _connections.Values.ToArray();
        if (all.Length == 0) return null;
        var start = (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)all.Length);
        for (var i = 0; i < all.Length; i++)
        {
            var c = all[(start + i) % all.Length];
            if (c.IsActive) return c;
        }
        return null;
    }

    public int PartitionIdOf(in Data key)
        => PartitionCount == 0 ? -1 : MurmurHash3.PartitionId(key.PartitionHash, PartitionCount);

    // ------------------------------------------------------------------ connect

    /// <summary>Connects to the cluster: the first reachable configured address, then (smart routing) every member.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        SetState(ClientState.Started);
        Log.Starting(_logger, ClientName, _options.ClusterName, string.Join(", ", _options.Networking.ParsedAddresses));
        await ConnectToClusterAsync(cancellationToken).ConfigureAwait(false);
        _heartbeat ??= Task.Run(HeartbeatLoopAsync, CancellationToken.None);
    }

    private async Task ConnectToClusterAsync(CancellationToken cancellationToken)
    {
        var timeout = _options.Networking.ClusterConnectTimeout;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        cts.CancelAfter(timeout);
        var backoff = new Backoff(_options.Networking.Reconnect);
        var tried = new List<string>();
        Exception? last = null;
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            foreach (var address in CandidateAddresses())
            {
                if (!tried.Contains(address.ToString())) tried.Add(address.ToString());
                try
                {
                    var connection = await ConnectToAddressAsync(address, cts.Token).ConfigureAwait(false);
                    await RegisterClusterViewAsync(connection, cts.Token).ConfigureAwait(false);
                    await _firstMembersView.Task.WaitAsync(cts.Token).ConfigureAwait(false);
                    if (_options.Networking.SmartRouting) await ConnectToAllMembersAsync(cts.Token).ConfigureAwait(false);
                    if (_clusterChanged)
                    {
                        SetState(ClientState.ClusterChanged);
                        await RepublishSchemasAsync(cts.Token).ConfigureAwait(false);
                        await RecreateProxiesAsync(cts.Token).ConfigureAwait(false);
                        _clusterChanged = false;
                    }
                    SetState(ClientState.Connected);
                    Log.Connected(_logger, _options.ClusterName, ClusterId ?? Guid.Empty, _memberOfConnection.GetValueOrDefault(connection), connection.RemoteEndPoint?.ToString() ?? address.ToString(), _members.Length);
                    return;
                }
                catch (AuthenticationException)
                {
                    throw;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception e) when (e is not OperationCanceledException || cts.IsCancellationRequested)
                {
                    last = e is OperationCanceledException ? last ?? e : e;
                    Log.ConnectionAttemptFailed(_logger, address.ToString(), e.Message);
                    if (cts.IsCancellationRequested) break;
                }
            }
            if (cts.IsCancellationRequested || _shutdown.IsCancellationRequested) break;
            try
            {
                await Task.Delay(backoff.Next(), cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (_shutdown.IsCancellationRequested) throw new ClientNotActiveException("The client was shut down while connecting.");
        throw new HazelcastConnectionException(
            $"Could not connect to cluster '{_options.ClusterName}' within {timeout.TotalSeconds:0.###} s (ClusterConnectTimeout); tried {string.Join(", ", tried)}. Last error: {last?.Message ?? "none"}",
            innerException: last);
    }

    /// <summary>Known members first (they may have moved since start-up), then the configured addresses.</summary>
    private List<NetworkAddress> CandidateAddresses()
    {
        var list = _members.Select(m => m.Address).ToList();
        foreach (var a in _options.Networking.ParsedAddresses)
            if (!list.Contains(a)) list.Add(a);
        return list;
    }

    private async Task<MessageConnection> ConnectToAddressAsync(NetworkAddress address, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Networking.ConnectionTimeout);
        var ips = await address.ResolveAsync(timeout.Token).ConfigureAwait(false);
        Exception? last = null;
        foreach (var ip in ips)
        {
            var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(ip, address.Port, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                if (cancellationToken.IsCancellationRequested) throw;
                last = e is OperationCanceledException
                    ? new TimeoutException($"Connecting to {address} ({ip}) timed out after {_options.Networking.ConnectionTimeout.TotalSeconds:0.###} s (ConnectionTimeout).")
                    : e;
                continue;
            }
            var connection = new MessageConnection(socket, ConnectionRole.Client, this);
            connection.Start();
            try
            {
                await AuthenticateAsync(connection, address, timeout.Token).ConfigureAwait(false);
                return connection;
            }
            catch
            {
                connection.Close(null);
                throw;
            }
        }
        throw new HazelcastConnectionException($"Could not connect to {address}: {last?.Message}", innerException: last);
    }

    private async Task AuthenticateAsync(MessageConnection connection, NetworkAddress address, CancellationToken cancellationToken)
    {
        var auth = _options.Authentication;
        var request = ClientAuthenticationCodec.EncodeRequest(ClientId, 1, _options.ClusterName, auth.Username, auth.Password,
            ClientInfo.ClientType, ClientInfo.Version, ClientName, _options.Labels.ToList());
        var response = await Invocations.InvokeAsync(request, -1, true, cancellationToken, connection, timeout: _options.Networking.ConnectionTimeout).ConfigureAwait(false);
        var r = ClientAuthenticationCodec.DecodeResponse(response);
        switch (r.Status)
        {
            case 0:
                break;
            case 1:
                throw new AuthenticationException($"The member at {address} rejected the client: wrong cluster name (Hazelcast:ClusterName is '{_options.ClusterName}') or credentials (Hazelcast:Authentication{(auth.Username is null ? ": none" : $":Username is '{auth.Username}'")}).");
            case 2:
                throw new AuthenticationException($"The member at {address} uses serialization version {r.SerializationVersion}; this client uses 1.");
            case 3:
                throw new AuthenticationException($"The member at {address} does not allow this client in the cluster.");
            default:
                throw new AuthenticationException($"The member at {address} answered authentication status {r.Status}.");
        }
        if (r.MemberUuid is not { } memberId) throw new ProtocolException($"The member at {address} authenticated the client without a member uuid.");
        if (r.PartitionCount <= 0) throw new ProtocolException($"The member at {address} announced {r.PartitionCount} partitions.");

        lock (_stateMutex)
        {
            if (PartitionCount != 0 && PartitionCount != r.PartitionCount)
                throw new HazelcastException($"The member at {address} has {r.PartitionCount} partitions; the cluster had {PartitionCount}.");
            if (ClusterId is { } current && current != r.ClusterId)
            {
                if (!_connections.IsEmpty)
                    throw new HazelcastException($"The member at {address} belongs to cluster {r.ClusterId}, not {current}.");
                Log.ClusterChanged(_logger, current, r.ClusterId);
                OnNewCluster();
            }
            ClusterId = r.ClusterId;
            PartitionCount = r.PartitionCount;
        }
        if (!_connections.TryAdd(memberId, connection))
        {
            if (_connections.TryGetValue(memberId, out var existing) && existing.IsActive)
                throw new HazelcastException($"Already connected to member {memberId}.");
            _connections[memberId] = connection;
        }
        _memberOfConnection[connection] = memberId;
        Log.ConnectionOpened(_logger, memberId, address.ToString(), r.ServerHazelcastVersion);
        if (!connection.IsActive)
        {
            OnClosed(connection, connection.CloseReason);
            throw new HazelcastConnectionException($"The connection to {address} closed during authentication.");
        }
        await OnConnectionAddedAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    private async Task ConnectToAllMembersAsync(CancellationToken cancellationToken)
    {
        var tasks = _members.Where(m => !_connections.ContainsKey(m.Id)).Select(m => EnsureConnectedAsync(m, cancellationToken)).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Connects to a member unless already connected or connecting; failures are logged, not thrown.</summary>
    private Task EnsureConnectedAsync(ClusterMember member, CancellationToken cancellationToken)
    {
        if (_shutdown.IsCancellationRequested || _connections.ContainsKey(member.Id)) return Task.CompletedTask;
        return _connecting.GetOrAdd(member.Id, id => Task.Run(async () =>
        {
            try
            {
                await ConnectToAddressAsync(member.Address, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Log.ConnectionAttemptFailed(_logger, member.Address.ToString(), e.Message);
            }
            finally
            {
                _connecting.TryRemove(id, out var _);
            }
        }, CancellationToken.None));
    }

    // ------------------------------------------------------------------ cluster view

    private async Task RegisterClusterViewAsync(MessageConnection connection, CancellationToken cancellationToken)
    {
        _viewConnection = connection;
        var request = ClientAddClusterViewListenerCodec.EncodeRequest();
        await Invocations.InvokeAsync(request, -1, false, cancellationToken, connection, OnClusterViewEvent).ConfigureAwait(false);
    }

    private void OnClusterViewEvent(ClientMessage message)
    {
        switch (message.MessageType)
        {
            case ClientAddClusterViewListenerCodec.MembersViewEventMessageType:
                var members = ClientAddClusterViewListenerCodec.DecodeMembersViewEvent(message);
                ApplyMembersView(members.Version, members.MemberInfos);
                break;
            case ClientAddClusterViewListenerCodec.PartitionsViewEventMessageType:
                var partitions = ClientAddClusterViewListenerCodec.DecodePartitionsViewEvent(message);
                ApplyPartitionsView(partitions.Version, partitions.Partitions);
                break;
        }
    }

    private void ApplyMembersView(int version, IReadOnlyList<MemberInfo> infos)
    {
        List<ClusterMember> added, removed;
        lock (_stateMutex)
        {
            if (_membersVersion >= 0 && version <= _membersVersion) return;
            var next = infos.Select(i => new ClusterMember(i.Uuid, new NetworkAddress(i.Address.Host, i.Address.Port), i.LiteMember,
                $"{i.Version.Major}.{i.Version.Minor}.{i.Version.Patch}")).ToImmutableArray();
            added = next.Where(m => !_members.Any(o => o.Id == m.Id)).ToList();
            removed = _members.Where(o => !next.Any(m => m.Id == o.Id)).ToList();
            _members = next;
            _membersVersion = version;
        }
        Log.MembersUpdated(_logger, version, _members.Length, string.Join(", ", _members.Select(m => $"{m.Address} {m.Id}")));
        foreach (var m in added) Log.MemberAdded(_logger, m.Id, m.Address.ToString());
        foreach (var m in removed)
        {
            Log.MemberRemoved(_logger, m.Id, m.Address.ToString());
            // No new request goes to a departed member; those already on its connection may still be answered
            // (a member that leaves gracefully finishes them), so the connection closes once they are done.
            if (_connections.TryRemove(m.Id, out var c)) _ = DrainAndCloseAsync(c, m.Id);
        }
        _firstMembersView.TrySetResult();
        if (_options.Networking.SmartRouting && State == ClientState.Connected)
            foreach (var m in added) _ = EnsureConnectedAsync(m, _shutdown.Token);
    }

    private void ApplyPartitionsView(int version, IReadOnlyList<KeyValuePair<Guid, int[]>> partitions)
    {
        lock (_stateMutex)
        {
            if (partitions.Count == 0 || (_partitionsVersion >= 0 && version <= _partitionsVersion)) return;
            var owners = new Guid[PartitionCount];
            foreach (var (member, ids) in partitions)
                foreach (var id in ids)
                    if ((uint)id < (uint)owners.Length) owners[id] = member;
            _partitionOwners = owners;
            _partitionsVersion = version;
        }
    }

    private readonly ConcurrentDictionary<(string Service, string Name), byte> _proxies = new();
    private volatile bool _clusterChanged;

    /// <summary>Remembers a distributed object this client created, to create it again on a new cluster.</summary>
    public void AddProxy(string service, string name) => _proxies.TryAdd((service, name), 0);

    public void RemoveProxy(string service, string name) => _proxies.TryRemove((service, name), out _);

    private async Task RecreateProxiesAsync(CancellationToken cancellationToken)
    {
        foreach (var (service, name) in _proxies.Keys)
        {
            try
            {
                await Invocations.InvokeAsync(ClientCreateProxyCodec.EncodeRequest(name, service), -1, false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HazelcastException or TimeoutException)
            {
                Log.ConnectionAttemptFailed(_logger, $"proxy {service}/{name}", e.Message);
            }
        }
    }

    private void OnNewCluster()
    {
        _clusterChanged = true;
        ForgetPublishedSchemas();
        _membersVersion = -1;
        _partitionsVersion = -1;
        _members = [];
        _partitionOwners = [];
        PartitionCount = 0;
    }

    // ------------------------------------------------------------------ connection events

    public void OnMessage(MessageConnection connection, ClientMessage message) => Invocations.OnMessage(connection, message);

    public bool MayPool(long correlationId) => Invocations.MayPool(correlationId);

    public void OnClosed(MessageConnection connection, Exception? reason)
    {
        Interlocked.Add(ref _closedSendCalls, connection.SendCalls);
        Interlocked.Add(ref _closedMessages, connection.MessagesWritten);
        if (_memberOfConnection.TryRemove(connection, out var memberId))
        {
            _connections.TryRemove(new KeyValuePair<Guid, MessageConnection>(memberId, connection));
            if (!_shutdown.IsCancellationRequested) Log.ConnectionClosed(_logger, memberId, connection.RemoteEndPoint?.ToString() ?? "?", reason?.Message ?? "closed");
        }
        Invocations.OnConnectionClosed(connection, reason);
        OnConnectionRemoved(connection);
        if (_shutdown.IsCancellationRequested) return;

        if (connection == _viewConnection)
        {
            _viewConnection = null;
            var next = _connections.Values.FirstOrDefault(c => c.IsActive);
            if (next is not null) _ = ReRegisterClusterViewAsync(next);
        }
        if (_connections.IsEmpty && State == ClientState.Connected)
        {
            SetState(ClientState.Disconnected);
            Log.Disconnected(_logger, _options.ClusterName);
            _ = Task.Run(ReconnectAsync);
        }
    }

    private async Task DrainAndCloseAsync(MessageConnection connection, Guid memberId)
    {
        var deadline = Environment.TickCount64 + 2000;
        while (connection.IsActive && Invocations.HasPendingOn(connection) && Environment.TickCount64 < deadline)
        {
            try
            {
                await Task.Delay(10, _shutdown.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        connection.Close(new HazelcastConnectionException($"Member {memberId} left the cluster."));
    }

    private async Task ReRegisterClusterViewAsync(MessageConnection connection)
    {
        try
        {
            _membersVersion = -1;
            _partitionsVersion = -1;
            await RegisterClusterViewAsync(connection, _shutdown.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!_shutdown.IsCancellationRequested)
        {
            Log.ConnectionAttemptFailed(_logger, connection.RemoteEndPoint?.ToString() ?? "?", e.Message);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReconnectAsync()
    {
        if (!await _reconnectGate.WaitAsync(0).ConfigureAwait(false)) return;
        try
        {
            _firstMembersView = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _membersVersion = -1;
            _partitionsVersion = -1;
            await ConnectToClusterAsync(_shutdown.Token).ConfigureAwait(false);
            Log.Reconnected(_logger, _options.ClusterName, ClusterId ?? Guid.Empty);
        }
        catch (Exception e) when (!_shutdown.IsCancellationRequested)
        {
            Log.ReconnectFailed(_logger, e, _options.ClusterName);
            _ = ShutdownAsync();
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _reconnectGate.Release();
        }
    }

    // ------------------------------------------------------------------ heartbeat

    private async Task HeartbeatLoopAsync()
    {
        var interval = _options.Heartbeat.Interval;
        var period = TimeSpan.FromMilliseconds(Math.Max(10, Math.Min(interval.TotalMilliseconds, _options.Heartbeat.Timeout.TotalMilliseconds) / 2));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(_shutdown.Token).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                // Smart routing wants a connection to every member: reopen those that closed while the member stayed.
                if (_options.Networking.SmartRouting && State == ClientState.Connected)
                    foreach (var member in _members)
                        if (!_connections.ContainsKey(member.Id)) _ = EnsureConnectedAsync(member, _shutdown.Token);
                foreach (var connection in _connections.Values)
                {
                    if (!connection.IsActive) continue;
                    if (now - connection.LastReadTicks > (long)_options.Heartbeat.Timeout.TotalMilliseconds)
                    {
                        Log.HeartbeatTimeout(_logger, connection.RemoteEndPoint?.ToString() ?? "?", _options.Heartbeat.Timeout.TotalSeconds);
                        connection.Close(new HazelcastConnectionException($"Nothing was read from {connection.RemoteEndPoint} for {_options.Heartbeat.Timeout.TotalSeconds:0.###} s (Heartbeat:Timeout)."));
                    }
                    else if (now - connection.LastWriteTicks > (long)interval.TotalMilliseconds)
                    {
                        _ = PingAsync(connection);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PingAsync(MessageConnection connection)
    {
        try
        {
            await Invocations.InvokeAsync(ClientPingCodec.EncodeRequest(), -1, true, _shutdown.Token, connection).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failed ping needs no handling: the heartbeat timeout closes a connection that stays silent.
        }
    }

    /// <summary>A round trip to the cluster (any member), for health checks.</summary>
    public async Task PingClusterAsync(CancellationToken cancellationToken)
    {
        var connection = GetConnection(-1) ?? throw new HazelcastConnectionException("The client is not connected to the cluster.");
        await Invocations.InvokeAsync(ClientPingCodec.EncodeRequest(), -1, true, cancellationToken, connection).ConfigureAwait(false);
    }

    // ------------------------------------------------------------------ shutdown

    private Task? _shutdownTask;

    public Task ShutdownAsync()
    {
        lock (_stateMutex) _shutdownTask ??= ShutdownCoreAsync();
        return _shutdownTask;
    }

    private async Task ShutdownCoreAsync()
    {
        SetState(ClientState.ShuttingDown);
        Log.ShuttingDown(_logger, ClientName);
        await _shutdown.CancelAsync().ConfigureAwait(false);
        await Invocations.DisposeAsync().ConfigureAwait(false);
        foreach (var connection in _connections.Values) connection.Close(null);
        if (_heartbeat is not null) await _heartbeat.ConfigureAwait(false);
        await StopListenersAsync().ConfigureAwait(false);
        SetState(ClientState.Shutdown);
        Log.ShutDown(_logger, ClientName);
    }

    public ValueTask DisposeAsync() => new(ShutdownAsync());
}

/// <summary>Exponential backoff with jitter.</summary>
internal sealed class Backoff(ReconnectOptions options)
{
    private double _current = options.InitialBackoff.TotalMilliseconds;

    public TimeSpan Next()
    {
        var jitter = 1 + options.Jitter * (Random.Shared.NextDouble() * 2 - 1);
        var delay = TimeSpan.FromMilliseconds(Math.Max(0, _current * jitter));
        _current = Math.Min(_current * options.Multiplier, options.MaxBackoff.TotalMilliseconds);
        return delay;
    }
}

internal static class ClientInfo
{
    public const string ClientType = "CSP";
    public static readonly string Version = typeof(ClientInfo).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";
}
