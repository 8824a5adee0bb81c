using Hazelcast.Clustering;
using Hazelcast.DistributedObjects;
using Hazelcast.Protocol.Codecs;
using DistributedObjectInfo = Hazelcast.DistributedObjects.DistributedObjectInfo;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hazelcast;

/// <summary>Creates and starts clients.</summary>
public static class HazelcastClientFactory
{
    private static int _clientCount;

    /// <summary>
    /// Validates the options, connects to the cluster and returns a started client. Fails within
    /// <see cref="NetworkingOptions.ClusterConnectTimeout"/> when the cluster cannot be reached.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and its value.</exception>
    /// <exception cref="HazelcastConnectionException">The cluster could not be reached in time; the message lists the addresses tried.</exception>
    /// <exception cref="AuthenticationException">The cluster rejected the cluster name or the credentials.</exception>
    public static async ValueTask<IHazelcastClient> StartNewClientAsync(HazelcastOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var client = CreateClient(options, loggerFactory, timeProvider: null);
        try
        {
            await client.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return client;
    }

    /// <summary>Configures options with <paramref name="configure"/>, then starts a client as <see cref="StartNewClientAsync(HazelcastOptions, ILoggerFactory?, CancellationToken)"/> does.</summary>
    public static ValueTask<IHazelcastClient> StartNewClientAsync(Action<HazelcastOptions> configure, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new HazelcastOptions();
        configure(options);
        return StartNewClientAsync(options, loggerFactory, cancellationToken);
    }

    /// <summary>
    /// Creates a client without connecting it: call <see cref="HazelcastClient.StartAsync"/> to connect. The hosting
    /// package uses this so that the host, not the first caller, decides when the client connects.
    /// </summary>
    /// <param name="options">The options; validated here.</param>
    /// <param name="loggerFactory">Where the client logs; none by default.</param>
    /// <param name="timeProvider">The client's clock (timeouts, heartbeats, backoff); <see cref="TimeProvider.System"/> by default. A test can pass a fake one.</param>
    /// <param name="meterFactory">Where the client's meter comes from (the host's, so that its metrics reach the host's listeners); a meter of the client's own when null.</param>
    public static HazelcastClient CreateClient(HazelcastOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var name = options.ClientName ?? $"hz.client_{Interlocked.Increment(ref _clientCount) - 1}";
        return new HazelcastClient(options.Clone(), loggerFactory ?? NullLoggerFactory.Instance, name, timeProvider ?? TimeProvider.System, meterFactory);
    }
}

/// <summary>The client. Create it with <see cref="HazelcastClientFactory"/>; dispose it to shut it down.</summary>
public sealed class HazelcastClient : IHazelcastClient, IDisposable
{
    private readonly Cluster _cluster;
    private readonly HazelcastOptions _options;
    private readonly CP.CPSubsystem _cp;
    private readonly ClientTelemetry _telemetry;
    private int _started;

    private readonly ProxyServices _proxyServices;
    private readonly NearCaching.NearCacheManager _nearCaches;

    internal HazelcastClient(HazelcastOptions options, ILoggerFactory loggerFactory, string name, TimeProvider timeProvider, IMeterFactory? meterFactory = null)
    {
        _options = options;
        Name = name;
        _telemetry = new ClientTelemetry(name, meterFactory);
        _loggerFactory = loggerFactory;
        _time = timeProvider;
        _cluster = new Cluster(options, loggerFactory, Id, name, timeProvider, _telemetry);
        _nearCaches = new NearCaching.NearCacheManager(_cluster.Invoker, options.NearCacheRepair, Id, timeProvider, loggerFactory.CreateLogger("Hazelcast.NearCaching"));
        _telemetry.ObserveNearCaches(() => _nearCaches.Lookups);
        _proxyServices = new ProxyServices(_cluster.Invoker, _cluster.Listeners, _cluster.Proxies, _cluster.Serialization, timeProvider, loggerFactory.CreateLogger("Hazelcast.DistributedObjects"),
            _nearCaches, options.NearCacheOptionsOf);
        _cp = new CP.CPSubsystem(_cluster);
        Sql = new Sql.SqlService(_proxyServices, Id);
        _cluster.Membership.Sender = this;
        _cluster.StateChanged += (_, e) =>
        {
            if (e.State == ClientState.ClusterChanged) _nearCaches.ClearAll(); // a restarted cluster: what was cached is gone there
            StateChanged?.Invoke(this, e);
        };
    }

    /// <inheritdoc />
    public Guid Id { get; } = Guid.NewGuid();

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public string ClusterName => _options.ClusterName;

    /// <inheritdoc />
    public Guid? ClusterId => _cluster.View.ClusterId;

    /// <inheritdoc />
    public HazelcastOptions Options => _options.Clone(redact: true);

    /// <inheritdoc />
    public CP.ICPSubsystem CPSubsystem => _cp;

    /// <inheritdoc />
    public Sql.ISqlService Sql { get; }

    /// <inheritdoc />
    public ClientState State => _cluster.State;

    /// <inheritdoc />
    public bool IsConnected => _cluster.IsConnected;

    /// <inheritdoc />
    public IReadOnlyList<ClusterMember> Members => _cluster.View.Members;

    /// <inheritdoc />
    public int ConnectionCount => _cluster.Connections.ActiveCount;

    /// <inheritdoc />
    public event EventHandler<ClientStateChangedEventArgs>? StateChanged;

    /// <inheritdoc />
    public event EventHandler<MembershipChangedEventArgs>? MembershipChanged
    {
        add => _cluster.Membership.Add(value);
        remove => _cluster.Membership.Remove(value);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<MembershipChangedEventArgs> WatchMembershipAsync(CancellationToken cancellationToken = default)
        => _cluster.Membership.WatchAsync(cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<DistributedObjectEventArgs> WatchDistributedObjectsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var events = System.Threading.Channels.Channel.CreateBounded<DistributedObjectEventArgs>(
            new System.Threading.Channels.BoundedChannelOptions(1024) { SingleReader = true, FullMode = System.Threading.Channels.BoundedChannelFullMode.DropOldest });
        var id = await SubscribeDistributedObjectsAsync(e => events.Writer.TryWrite(e), cancellationToken).ConfigureAwait(false);
        void End(ClientState state)
        {
            if (state is ClientState.Shutdown) events.Writer.TryComplete();
        }
        EventHandler<ClientStateChangedEventArgs> onState = (_, e) => End(e.State);
        StateChanged += onState;
        End(State);
        try
        {
            await foreach (var e in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return e;
        }
        finally
        {
            StateChanged -= onState;
            if (State is not (ClientState.ShuttingDown or ClientState.Shutdown)) await UnsubscribeAsync(id, CancellationToken.None).ConfigureAwait(false);
        }
    }

    internal Cluster Cluster => _cluster;

    /// <summary>
    /// Connects the client to the cluster; fails within the cluster-connect timeout. After a failure it may be
    /// called again (the hosting package does so when it connects in the background).
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _started, 1, 0) != 0) throw new InvalidOperationException("The client is already started or starting.");
        try
        {
            await _cluster.ConnectAsync(cancellationToken).ConfigureAwait(false);
            _statistics ??= new StatisticsSender(_options.Statistics, _cluster.Invocations, Name,
                () => _nearCaches.AllStatistics.Select(s => new NearCacheReport(s.Name, s.Statistics.CreationTime, s.Statistics.Evictions, s.Statistics.Hits,
                    s.Statistics.Misses, s.Statistics.OwnedEntryCount, s.Statistics.Expirations)),
                _loggerFactory.CreateLogger("Hazelcast.Client"), _time);
            Volatile.Write(ref _started, 2);
        }
        catch
        {
            Volatile.Write(ref _started, 0);
            _everStarted = true;
            throw;
        }
    }

    private volatile bool _everStarted;
    private StatisticsSender? _statistics;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _time;

    /// <summary>
    /// Shuts the client down gracefully: waits until the operations in flight have completed (or
    /// <paramref name="cancellationToken"/> fires), then closes the connections; what is still pending then fails.
    /// </summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            // A poll on the real clock, not the client's: a fake clock must not hold a shutdown (the caller's token bounds it).
            while (_cluster.Invocations.PendingCount > 0 && _cluster.State is ClientState.Connected)
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout is over: what is still in flight fails below.
        }
        if (_statistics is not null) await _statistics.DisposeAsync().ConfigureAwait(false);
        await _nearCaches.DisposeAsync().ConfigureAwait(false);
        await _cp.DisposeAsync().ConfigureAwait(false);
        await _cluster.ShutdownAsync().ConfigureAwait(false);
        _telemetry.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask<IHMap<TKey, TValue>> GetMapAsync<TKey, TValue>(string name, CancellationToken cancellationToken = default) where TKey : notnull
    {
        var map = await GetProxyAsync<IHMap<TKey, TValue>>(Protocol.ServiceNames.Map, name, () => new HMap<TKey, TValue>(name, _proxyServices), cancellationToken).ConfigureAwait(false);
        if (map is HMap<TKey, TValue> proxy) await proxy.StartNearCacheAsync(cancellationToken).ConfigureAwait(false); // when one is configured for it
        return map;
    }

    /// <inheritdoc />
    public ValueTask<IHQueue<T>> GetQueueAsync<T>(string name, CancellationToken cancellationToken = default)
        => GetProxyAsync<IHQueue<T>>(Protocol.ServiceNames.Queue, name, () => new HQueue<T>(name, _proxyServices), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IHList<T>> GetListAsync<T>(string name, CancellationToken cancellationToken = default)
        => GetProxyAsync<IHList<T>>(Protocol.ServiceNames.List, name, () => new HList<T>(name, _proxyServices), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IHSet<T>> GetSetAsync<T>(string name, CancellationToken cancellationToken = default)
        => GetProxyAsync<IHSet<T>>(Protocol.ServiceNames.Set, name, () => new HSet<T>(name, _proxyServices), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IHTopic<T>> GetTopicAsync<T>(string name, CancellationToken cancellationToken = default)
        => GetProxyAsync<IHTopic<T>>(Protocol.ServiceNames.Topic, name, () => new HTopic<T>(name, _proxyServices), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IHRingBuffer<T>> GetRingBufferAsync<T>(string name, CancellationToken cancellationToken = default)
        => GetProxyAsync<IHRingBuffer<T>>(Protocol.ServiceNames.Ringbuffer, name, () => new HRingBuffer<T>(name, _proxyServices), cancellationToken);

    /// <inheritdoc />
    public async ValueTask<IHReliableTopic<T>> GetReliableTopicAsync<T>(string name, CancellationToken cancellationToken = default)
    {
        // The topic's ringbuffer is an object of its own on the cluster, as the official clients create it.
        await GetProxyAsync<IHRingBuffer<object>>(Protocol.ServiceNames.Ringbuffer, HReliableTopic<T>.RingbufferPrefix + name,
            () => new HRingBuffer<object>(HReliableTopic<T>.RingbufferPrefix + name, _proxyServices), cancellationToken).ConfigureAwait(false);
        return await GetProxyAsync<IHReliableTopic<T>>(Protocol.ServiceNames.ReliableTopic, name,
            () => new HReliableTopic<T>(name, _proxyServices, _options.ReliableTopicOptionsOf(name)), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<IHMultiMap<TKey, TValue>> GetMultiMapAsync<TKey, TValue>(string name, CancellationToken cancellationToken = default) where TKey : notnull
        => GetProxyAsync<IHMultiMap<TKey, TValue>>(Protocol.ServiceNames.MultiMap, name, () => new HMultiMap<TKey, TValue>(name, _proxyServices), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IHReplicatedMap<TKey, TValue>> GetReplicatedMapAsync<TKey, TValue>(string name, CancellationToken cancellationToken = default) where TKey : notnull
        => GetProxyAsync<IHReplicatedMap<TKey, TValue>>(Protocol.ServiceNames.ReplicatedMap, name, () => new HReplicatedMap<TKey, TValue>(name, _proxyServices), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IFlakeIdGenerator> GetFlakeIdGeneratorAsync(string name, CancellationToken cancellationToken = default)
        => GetProxyAsync<IFlakeIdGenerator>(Protocol.ServiceNames.FlakeIdGenerator, name, () => new FlakeIdGenerator(name, _proxyServices, _options.FlakeIdGeneratorOptionsOf(name)), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IPNCounter> GetPNCounterAsync(string name, CancellationToken cancellationToken = default)
        => GetProxyAsync<IPNCounter>(Protocol.ServiceNames.PNCounter, name, () => new PNCounter(name, _proxyServices), cancellationToken);

    /// <summary>
    /// The one way to get a proxy: the object is created on the cluster once per service and name (Client.CreateProxy),
    /// and every caller gets the same proxy object for a name and type.
    /// </summary>
    /// <inheritdoc />
    public async ValueTask<Transactions.ITransactionContext> BeginTransactionAsync(Transactions.TransactionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ThrowIfNotActive();
        options = (options ?? _options.Transactions).Clone();
        var errors = new List<string>();
        options.Validate(nameof(options), (key, message) => errors.Add($"{key}: {message}"));
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));
        return await Transactions.TransactionContext.BeginAsync(_proxyServices, options, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<TProxy> GetProxyAsync<TProxy>(string service, string name, Func<TProxy> create, CancellationToken cancellationToken) where TProxy : class
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ThrowIfNotActive();
        await _cluster.Proxies.EnsureCreatedAsync(service, name, cancellationToken).ConfigureAwait(false);
        return _cluster.Proxies.GetOrAdd(service, name, create);
    }

    /// <inheritdoc />
    public async ValueTask<Guid> SubscribeDistributedObjectsAsync(Action<DistributedObjectEventArgs> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ThrowIfNotActive();
        var subscription = new Subscription(ClientAddDistributedObjectListenerCodec.EncodeRequest, ClientAddDistributedObjectListenerCodec.DecodeResponse,
            ClientRemoveDistributedObjectListenerCodec.EncodeRequest, message =>
            {
                var e = ClientAddDistributedObjectListenerCodec.DecodeDistributedObjectEvent(message);
                var type = e.EventType == "DESTROYED" ? DistributedObjectEventType.Destroyed : DistributedObjectEventType.Created;
                handler(new DistributedObjectEventArgs(type, e.ServiceName, e.Name, e.Source));
                return ValueTask.CompletedTask;
            });
        return await _cluster.Listeners.SubscribeAsync(subscription, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<Guid> SubscribePartitionLostAsync(Action<PartitionLostEventArgs> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ThrowIfNotActive();
        var subscription = new Subscription(ClientAddPartitionLostListenerCodec.EncodeRequest, ClientAddPartitionLostListenerCodec.DecodeResponse,
            ClientRemovePartitionLostListenerCodec.EncodeRequest, message =>
            {
                var e = ClientAddPartitionLostListenerCodec.DecodePartitionLostEvent(message);
                handler(new PartitionLostEventArgs(e.PartitionId, e.LostBackupCount, e.Source));
                return ValueTask.CompletedTask;
            });
        return await _cluster.Listeners.SubscribeAsync(subscription, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> UnsubscribeAsync(Guid subscriptionId, CancellationToken cancellationToken = default)
        => await _cluster.Listeners.UnsubscribeAsync(subscriptionId, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<DistributedObjectInfo>> GetDistributedObjectsAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotActive();
        var response = await _cluster.Invoker.InvokeAsync(ClientGetDistributedObjectsCodec.EncodeRequest(), cancellationToken).ConfigureAwait(false);
        return ClientGetDistributedObjectsCodec.DecodeResponse(response).Select(o => new DistributedObjectInfo(o.ServiceName, o.Name)).ToList();
    }

    /// <inheritdoc />
    public async ValueTask PingAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfNotActive();
        await _cluster.PingClusterAsync(cancellationToken).ConfigureAwait(false);
    }

    private void ThrowIfNotActive()
    {
        if (_cluster.State is ClientState.ShuttingDown or ClientState.Shutdown) throw new ClientNotActiveException($"The client {Name} is shut down.");
        if (Volatile.Read(ref _started) == 0 && !_everStarted) throw new InvalidOperationException($"The client {Name} has not been started: call StartAsync first (or let the host start it).");
    }

    /// <summary>Shuts the client down: pending operations fail with <see cref="ClientNotActiveException"/>, connections close.</summary>
    public async ValueTask DisposeAsync()
    {
        // CP sessions close first, while the connections are up, so that their locks and permits are released at once.
        if (_statistics is not null) await _statistics.DisposeAsync().ConfigureAwait(false);
        await _nearCaches.DisposeAsync().ConfigureAwait(false);
        await _cp.DisposeAsync().ConfigureAwait(false);
        await _cluster.DisposeAsync().ConfigureAwait(false);
        _telemetry.Dispose();
    }

    /// <summary>
    /// Shuts the client down synchronously, for containers that dispose synchronously; prefer <see cref="DisposeAsync"/>.
    /// </summary>
    /// <remarks>Blocks the calling thread until the connections are closed; no continuation needs the caller's context.</remarks>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
