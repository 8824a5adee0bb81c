using Hazelcast.Invocations;
using Hazelcast.Networking;
using Hazelcast.Serialization;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Clustering;

/// <summary>
/// The client's cluster: it builds the clustering services (the view, the connections, the router, the
/// listeners, the schemas, the proxies, the heartbeat, the invoker), keeps the client's state, and tells each
/// service what the connection manager reports. It does nothing itself but that.
/// </summary>
internal sealed class Cluster : IConnectionLifecycle, IAsyncDisposable
{
    private readonly HazelcastOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly object _stateMutex = new();
    private readonly Heartbeat _heartbeat;
    private Task? _shutdownTask;

    public Cluster(HazelcastOptions options, ILoggerFactory loggerFactory, Guid clientId, string clientName, TimeProvider time, ClientTelemetry telemetry)
    {
        _options = options;
        _logger = loggerFactory.CreateLogger("Hazelcast.Client");
        ClientId = clientId;
        ClientName = clientName;
        Time = time;
        var shutdown = _shutdown.Token;
        Serialization = new SerializationService(options.Serialization);
        View = new ClusterView();
        Invocations = new InvocationService(options, loggerFactory.CreateLogger("Hazelcast.Invocations"), time, telemetry);
        Connections = new ConnectionManager(options, _logger, View, Invocations, new Authenticator(options, Invocations, clientId, clientName), this, time, shutdown);
        var router = new Router(options.Networking.SmartRouting, View, Connections);
        Invocations.Router = router; // the router reads the connections, which need the invocation service first
        Schemas = new SchemaPublisher(Serialization.Compact.Schemas, Invocations, View, _logger, time, shutdown);
        Listeners = new ListenerService(options.Networking.SmartRouting, options.Messaging.MaxQueuedEventsPerListener, options.Networking.ConnectionTimeout, Invocations, router, Schemas, () => Connections.Connections, _logger, time, shutdown);
        Proxies = new ProxyRegistry(Invocations, _logger);
        Invoker = new Invoker(Invocations, View, Schemas, Connections);
        _heartbeat = new Heartbeat(options.Heartbeat, Connections, Invocations, _logger, time, shutdown);
        telemetry.Observe(() => Connections.ActiveCount, () => View.Members.Length, () => Invocations.PendingCount);
        Membership = new MembershipEvents(_logger);
    }

    public Guid ClientId { get; }

    public string ClientName { get; }

    public TimeProvider Time { get; }

    public SerializationService Serialization { get; }

    public ClusterView View { get; }

    /// <summary>The membership events, handed over in order off the read loop.</summary>
    public MembershipEvents Membership { get; }

    public InvocationService Invocations { get; }

    public ConnectionManager Connections { get; }

    public SchemaPublisher Schemas { get; }

    public ListenerService Listeners { get; }

    public ProxyRegistry Proxies { get; }

    /// <summary>What every distributed object sends its requests through.</summary>
    public Invoker Invoker { get; }

    public ClientState State { get; private set; } = ClientState.Starting;

    public event EventHandler<ClientStateChangedEventArgs>? StateChanged;

    public bool IsConnected => State == ClientState.Connected;

    /// <summary>Connects to the cluster; fails within the cluster-connect timeout.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        SetState(ClientState.Started);
        ClusterLog.Starting(_logger, ClientName, _options.ClusterName, string.Join(", ", _options.Networking.ParsedAddresses));
        await Connections.ConnectToClusterAsync(cancellationToken).ConfigureAwait(false);
        _heartbeat.Start();
        Connections.StartMaintenance(_heartbeat.Period);
    }

    /// <summary>A round trip to the cluster (any member), for health checks.</summary>
    public async Task PingClusterAsync(CancellationToken cancellationToken)
    {
        var connection = Invocations.Router.GetConnection(-1) ?? throw new HazelcastConnectionException("The client is not connected to the cluster.");
        await Invocations.InvokeAsync(Protocol.Codecs.ClientPingCodec.EncodeRequest(), -1, cancellationToken, connection).ConfigureAwait(false);
    }

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
            ClusterLog.StateHandlerFailed(_logger, e, state);
        }
    }

    // ------------------------------------------------------------------ what the connection manager reports

    Task IConnectionLifecycle.OnConnectionAddedAsync(MessageConnection connection, CancellationToken cancellationToken)
        => Listeners.OnConnectionAddedAsync(connection, cancellationToken);

    void IConnectionLifecycle.OnConnectionRemoved(MessageConnection connection) => Listeners.OnConnectionRemoved(connection);

    void IConnectionLifecycle.OnMembersChanged(IReadOnlyList<ClusterMember> added, IReadOnlyList<ClusterMember> removed, IReadOnlyList<ClusterMember> members)
        => Membership.OnMembersChanged(added, removed, members);

    void IConnectionLifecycle.OnNewCluster()
    {
        Schemas.ForgetPublished();
        Invocations.FailAwaitingBackups();
    }

    async Task IConnectionLifecycle.OnClusterChangedAsync(CancellationToken cancellationToken)
    {
        await Schemas.RepublishAllAsync(cancellationToken).ConfigureAwait(false);
        await Proxies.RecreateAllAsync(cancellationToken).ConfigureAwait(false);
    }

    void IConnectionLifecycle.OnStateChanged(ClientState state) => SetState(state);

    void IConnectionLifecycle.OnReconnectFailed() => _ = ShutdownAsync();

    // ------------------------------------------------------------------ shutdown

    public Task ShutdownAsync()
    {
        lock (_stateMutex) _shutdownTask ??= ShutdownCoreAsync();
        return _shutdownTask;
    }

    private async Task ShutdownCoreAsync()
    {
        SetState(ClientState.ShuttingDown);
        ClusterLog.ShuttingDown(_logger, ClientName);
        await _shutdown.CancelAsync().ConfigureAwait(false);
        await Invocations.DisposeAsync().ConfigureAwait(false);
        await Connections.CloseAllAsync().ConfigureAwait(false);
        await _heartbeat.StopAsync().ConfigureAwait(false);
        await Listeners.StopAsync().ConfigureAwait(false);
        await Membership.DisposeAsync().ConfigureAwait(false); // watchers end
        SetState(ClientState.Shutdown);
        ClusterLog.ShutDown(_logger, ClientName);
    }

    public ValueTask DisposeAsync() => new(ShutdownAsync());
}
