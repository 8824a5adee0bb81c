using System.Collections.Concurrent;
using System.Net.Sockets;
using Hazelcast.Invocations;
using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Clustering;

/// <summary>What the connection manager tells the cluster about (implemented by <see cref="Cluster"/>).</summary>
internal interface IConnectionLifecycle
{
    /// <summary>A connection is authenticated and in the table: register what must be registered on it.</summary>
    Task OnConnectionAddedAsync(MessageConnection connection, CancellationToken cancellationToken);

    /// <summary>A connection closed and left the table.</summary>
    void OnConnectionRemoved(MessageConnection connection);

    /// <summary>The members view changed: who joined, who left, the members now (called on the read loop: queue it).</summary>
    void OnMembersChanged(IReadOnlyList<ClusterMember> added, IReadOnlyList<ClusterMember> removed, IReadOnlyList<ClusterMember> members);

    /// <summary>The client reached a cluster with a new id, before any request goes to it.</summary>
    void OnNewCluster();

    /// <summary>The client is connected to a new cluster: give it what the old one had, before reporting Connected.</summary>
    Task OnClusterChangedAsync(CancellationToken cancellationToken);

    /// <summary>The connection state changed (Connected, Disconnected, ClusterChanged).</summary>
    void OnStateChanged(ClientState state);

    /// <summary>Reconnection gave up: the client shuts down.</summary>
    void OnReconnectFailed();
}

/// <summary>
/// The client's connections: it opens and authenticates them, keeps one per member under smart routing, keeps the
/// cluster view listener on one of them, and reconnects when the last one closes.
/// </summary>
internal sealed class ConnectionManager
{
    private readonly HazelcastOptions _options;
    private readonly ILogger _logger;
    private readonly ClusterView _view;
    private readonly InvocationService _invocations;
    private readonly Authenticator _authenticator;
    private readonly IConnectionLifecycle _lifecycle;
    private readonly TimeProvider _time;
    private readonly CancellationToken _shutdown;
    private readonly ClientTls? _tls;
    private readonly ConcurrentDictionary<Guid, MessageConnection> _connections = new();
    private readonly ConcurrentDictionary<MessageConnection, Guid> _memberOfConnection = new();
    private readonly ConcurrentDictionary<Guid, Task> _connecting = new();
    private readonly SemaphoreSlim _reconnectGate = new(1, 1);
    private readonly object _joinMutex = new();
    private volatile MessageConnection? _viewConnection;
    private volatile bool _clusterChanged;
    private volatile bool _connected;
    private Task? _maintenance;

    public ConnectionManager(HazelcastOptions options, ILogger logger, ClusterView view, InvocationService invocations, Authenticator authenticator,
        IConnectionLifecycle lifecycle, TimeProvider time, CancellationToken shutdown)
    {
        _options = options;
        _logger = logger;
        _view = view;
        _invocations = invocations;
        _authenticator = authenticator;
        _lifecycle = lifecycle;
        _time = time;
        _shutdown = shutdown;
        var errors = new List<(string Key, string Message)>();
        _tls = ClientTls.Load(options.Networking.Ssl, errors);
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.Select(e => $"Hazelcast:{e.Key}: {e.Message}")), errors[0].Key);
        invocations.ConnectionClosed += OnClosed;
    }

    public int ActiveCount => _connections.Count(c => c.Value.IsActive);

    public bool IsEmpty => _connections.IsEmpty;

    public IReadOnlyCollection<MessageConnection> Connections => _connections.Values.ToArray();

    /// <summary>The connection that carries the cluster view listener.</summary>
    public MessageConnection? ViewConnection => _viewConnection;

    public bool TryGetConnection(Guid memberId, out MessageConnection connection) => _connections.TryGetValue(memberId, out connection!);

    // ------------------------------------------------------------------ connect

    /// <summary>Connects to the cluster at start-up: the first reachable address, then (smart routing) every member; fails within ClusterConnectTimeout.</summary>
    public Task ConnectToClusterAsync(CancellationToken cancellationToken)
        => ConnectToClusterAsync(_options.Networking.ClusterConnectTimeout, "ClusterConnectTimeout", cancellationToken);

    private async Task ConnectToClusterAsync(TimeSpan timeout, string timeoutOption, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown, deadline.Token);
        var retry = RetryPolicy.FromOptions(_options.Networking.Reconnect);
        var tried = new List<string>();
        Exception? last = null;
        for (var round = 1; ; round++)
        {
            foreach (var address in CandidateAddresses())
            {
                if (!tried.Contains(address.ToString())) tried.Add(address.ToString());
                try
                {
                    await ConnectThroughAsync(address, cts.Token).ConfigureAwait(false);
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
                    ClusterLog.ConnectionAttemptFailed(_logger, address.ToString(), e.Message);
                    if (cts.IsCancellationRequested) break;
                }
            }
            if (cts.IsCancellationRequested) break;
            try
            {
                await Task.Delay(retry.DelayBefore(round), _time, cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (_shutdown.IsCancellationRequested) throw new ClientNotActiveException("The client was shut down while connecting.");
        throw new HazelcastConnectionException(
            $"Could not connect to cluster '{_options.ClusterName}' within {timeout.TotalSeconds:0.###} s ({timeoutOption}); tried {string.Join(", ", tried)}. Last error: {last?.Message ?? "none"}",
            innerException: last);
    }

    private async Task ConnectThroughAsync(NetworkAddress address, CancellationToken cancellationToken)
    {
        var connection = await ConnectToAddressAsync(address, cancellationToken).ConfigureAwait(false);
        try
        {
            await RegisterClusterViewAsync(connection, cancellationToken).ConfigureAwait(false);
            await _view.FirstMembersView.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (_options.Networking.SmartRouting) await ConnectToAllMembersAsync(cancellationToken).ConfigureAwait(false);
            if (_clusterChanged)
            {
                _lifecycle.OnStateChanged(ClientState.ClusterChanged);
                await _lifecycle.OnClusterChangedAsync(cancellationToken).ConfigureAwait(false);
                _clusterChanged = false;
            }
        }
        catch
        {
            // No orphan: a connection through which the client could not join the cluster is closed (and so leaves the
            // table), with those it opened to the other members; the next attempt starts afresh instead of finding a
            // member "already connected".
            foreach (var opened in _connections.Values) opened.Close(new HazelcastConnectionException($"Joining the cluster through {address} failed."));
            connection.Close(new HazelcastConnectionException($"Joining the cluster through {address} failed."));
            throw;
        }
        _connected = true;
        _lifecycle.OnStateChanged(ClientState.Connected);
        ClusterLog.Connected(_logger, _options.ClusterName, _view.ClusterId ?? Guid.Empty, _memberOfConnection.GetValueOrDefault(connection),
            connection.RemoteEndPoint?.ToString() ?? address.ToString(), _view.Members.Length);
    }

    /// <summary>Known members first (they may have moved since start-up), then the configured addresses.</summary>
    private List<NetworkAddress> CandidateAddresses()
    {
        var list = _view.Members.Select(m => m.Address).ToList();
        foreach (var a in _options.Networking.ParsedAddresses)
            if (!list.Contains(a)) list.Add(a);
        return list;
    }

    private async Task<MessageConnection> ConnectToAddressAsync(NetworkAddress address, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_options.Networking.ConnectionTimeout, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var ips = await address.ResolveAsync(_options.Networking.Resolve, timeout.Token).ConfigureAwait(false);
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
                    ? new HazelcastTimeoutException($"Connecting to {address} ({ip}) timed out after {_options.Networking.ConnectionTimeout.TotalSeconds:0.###} s (ConnectionTimeout).")
                    : e;
                continue;
            }
            TlsSession? tls = null;
            if (_tls is not null)
            {
                try
                {
                    tls = await _tls.AuthenticateAsync(socket, address, timeout.Token).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    socket.Dispose();
                    if (e is not OperationCanceledException || cancellationToken.IsCancellationRequested) throw;
                    throw new HazelcastTimeoutException($"The TLS handshake with {address} ({ip}) timed out after {_options.Networking.ConnectionTimeout.TotalSeconds:0.###} s (ConnectionTimeout).", e);
                }
            }
            var connection = new MessageConnection(socket, ConnectionRole.Client, _invocations, _time, _options.Messaging.MaxMessageSize, tls?.Stream, _invocations.Telemetry);
            connection.Start();
            try
            {
                await AddAsync(connection, address, timeout.Token).ConfigureAwait(false);
                return connection;
            }
            catch (HazelcastConnectionException e) when (tls?.RefusalMessage(address) is { } refusal && !connection.IsActive)
            {
                // Closed by a member that asked for a client certificate, before it answered authentication: mutual TLS refused us.
                connection.Close(null);
                throw new AuthenticationException(refusal, e);
            }
            catch
            {
                connection.Close(null);
                throw;
            }
        }
        throw new HazelcastConnectionException($"Could not connect to {address}: {last?.Message}", innerException: last);
    }

    /// <summary>Authenticates a connection and puts it in the table.</summary>
    private async Task AddAsync(MessageConnection connection, NetworkAddress address, CancellationToken cancellationToken)
    {
        var r = await _authenticator.AuthenticateAsync(connection, address, cancellationToken).ConfigureAwait(false);
        lock (_joinMutex)
        {
            var oldId = _view.ClusterId;
            if (_view.Join(r.ClusterId, r.PartitionCount, address.ToString(), mayChangeCluster: _connections.IsEmpty))
            {
                ClusterLog.ClusterChanged(_logger, oldId ?? Guid.Empty, r.ClusterId);
                _clusterChanged = true;
                _lifecycle.OnNewCluster();
            }
            if (!_connections.TryAdd(r.MemberId, connection))
            {
                if (_connections.TryGetValue(r.MemberId, out var existing) && existing.IsActive)
                    throw new HazelcastConnectionException($"Already connected to member {r.MemberId}: the new connection is closed.");
                _connections[r.MemberId] = connection;
            }
            _memberOfConnection[connection] = r.MemberId;
        }
        ClusterLog.ConnectionOpened(_logger, r.MemberId, address.ToString(), r.ServerVersion);
        if (!connection.IsActive)
        {
            OnClosed(connection, connection.CloseReason);
            throw new HazelcastConnectionException($"The connection to {address} closed during authentication.");
        }
        await _lifecycle.OnConnectionAddedAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    private async Task ConnectToAllMembersAsync(CancellationToken cancellationToken)
    {
        var tasks = _view.Members.Where(m => !_connections.ContainsKey(m.Id)).Select(m => EnsureConnectedAsync(m, cancellationToken)).ToArray();
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
                ClusterLog.ConnectionAttemptFailed(_logger, member.Address.ToString(), e.Message);
            }
            finally
            {
                _connecting.TryRemove(id, out var _);
            }
        }, CancellationToken.None));
    }

    /// <summary>Smart routing wants a connection to every member: reopens, once per period, those that closed while their member stayed.</summary>
    public void StartMaintenance(TimeSpan period)
    {
        if (!_options.Networking.SmartRouting) return;
        _maintenance ??= Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(period, _time);
            try
            {
                while (await timer.WaitForNextTickAsync(_shutdown).ConfigureAwait(false))
                {
                    if (!_connected) continue;
                    foreach (var member in _view.Members)
                        if (!_connections.ContainsKey(member.Id)) _ = EnsureConnectedAsync(member, _shutdown);
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
    }

    // ------------------------------------------------------------------ cluster view

    private async Task RegisterClusterViewAsync(MessageConnection connection, CancellationToken cancellationToken)
    {
        _viewConnection = connection;
        var request = ClientAddClusterViewListenerCodec.EncodeRequest();
        await _invocations.InvokeAsync(request, -1, cancellationToken, connection, OnClusterViewEvent).ConfigureAwait(false);
    }

    private void OnClusterViewEvent(ClientMessage message)
    {
        switch (message.MessageType)
        {
            case ClientAddClusterViewListenerCodec.MembersViewEventMessageType:
                var members = ClientAddClusterViewListenerCodec.DecodeMembersViewEvent(message);
                OnMembersView(members.Version, members.MemberInfos);
                break;
            case ClientAddClusterViewListenerCodec.PartitionsViewEventMessageType:
                var partitions = ClientAddClusterViewListenerCodec.DecodePartitionsViewEvent(message);
                _view.ApplyPartitions(partitions.Version, partitions.Partitions);
                break;
        }
    }

    private void OnMembersView(int version, IReadOnlyList<MemberInfo> infos)
    {
        var (added, removed) = _view.ApplyMembers(version, infos);
        if (added.Count == 0 && removed.Count == 0) return;
        var members = _view.Members;
        ClusterLog.MembersUpdated(_logger, version, members.Length, string.Join(", ", members.Select(m => $"{m.Address} {m.Id}")));
        foreach (var m in added) ClusterLog.MemberAdded(_logger, m.Id, m.Address.ToString());
        foreach (var m in removed)
        {
            ClusterLog.MemberRemoved(_logger, m.Id, m.Address.ToString());
            // No new request goes to a departed member; those already on its connection may still be answered
            // (a member that leaves gracefully finishes them), so the connection closes once they are done.
            if (_connections.TryRemove(m.Id, out var c)) _ = DrainAndCloseAsync(c, m.Id);
        }
        if (_options.Networking.SmartRouting && _connected)
            foreach (var m in added) _ = EnsureConnectedAsync(m, _shutdown);
        _lifecycle.OnMembersChanged(added, removed, members);
    }

    private async Task DrainAndCloseAsync(MessageConnection connection, Guid memberId)
    {
        var deadline = _time.GetTimestamp() + _time.TimestampFrequency * 2;
        while (connection.IsActive && _invocations.HasPendingOn(connection) && _time.GetTimestamp() < deadline)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), _time, _shutdown).ConfigureAwait(false);
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
            _view.ResetVersions();
            await RegisterClusterViewAsync(connection, _shutdown).ConfigureAwait(false);
        }
        catch (Exception e) when (!_shutdown.IsCancellationRequested)
        {
            ClusterLog.ConnectionAttemptFailed(_logger, connection.RemoteEndPoint?.ToString() ?? "?", e.Message);
        }
        catch (OperationCanceledException)
        {
        }
    }

    // ------------------------------------------------------------------ close and reconnect

    private void OnClosed(MessageConnection connection, Exception? reason)
    {
        if (_memberOfConnection.TryRemove(connection, out var memberId))
        {
            _connections.TryRemove(new KeyValuePair<Guid, MessageConnection>(memberId, connection));
            if (!_shutdown.IsCancellationRequested) ClusterLog.ConnectionClosed(_logger, memberId, connection.RemoteEndPoint?.ToString() ?? "?", reason?.Message ?? "closed");
        }
        _lifecycle.OnConnectionRemoved(connection);
        if (_shutdown.IsCancellationRequested) return;

        if (connection == _viewConnection)
        {
            _viewConnection = null;
            var next = _connections.Values.FirstOrDefault(c => c.IsActive);
            if (next is not null) _ = ReRegisterClusterViewAsync(next);
        }
        if (_connections.IsEmpty && _connected)
        {
            _connected = false;
            _lifecycle.OnStateChanged(ClientState.Disconnected);
            ClusterLog.Disconnected(_logger, _options.ClusterName);
            if (_options.Networking.ReconnectMode == ReconnectMode.DoNotReconnect)
            {
                ClusterLog.NotReconnecting(_logger, _options.ClusterName);
                _lifecycle.OnReconnectFailed();
                return;
            }
            _ = Task.Run(ReconnectAsync);
        }
    }

    private async Task ReconnectAsync()
    {
        if (!await _reconnectGate.WaitAsync(0).ConfigureAwait(false)) return;
        try
        {
            _view.AwaitNextMembersView();
            await ConnectToClusterAsync(_options.Networking.Reconnect.Timeout, "Networking:Reconnect:Timeout", _shutdown).ConfigureAwait(false);
            ClusterLog.Reconnected(_logger, _options.ClusterName, _view.ClusterId ?? Guid.Empty);
            _invocations.Telemetry.Reconnects.Add(1);
        }
        catch (Exception e) when (!_shutdown.IsCancellationRequested)
        {
            ClusterLog.ReconnectFailed(_logger, e, _options.ClusterName);
            _lifecycle.OnReconnectFailed();
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _reconnectGate.Release();
        }
    }

    /// <summary>Closes every connection (shutdown) and waits for the maintenance loop.</summary>
    public async Task CloseAllAsync()
    {
        foreach (var connection in _connections.Values) connection.Close(null);
        if (_maintenance is not null) await _maintenance.ConfigureAwait(false);
    }
}
