using System.Collections.Concurrent;
using Hazelcast.Invocations;
using Hazelcast.Networking;
using Hazelcast.Protocol.Codecs;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Clustering;

/// <summary>
/// The listeners the client keeps registered on the cluster: on every connection under smart routing (each
/// member reports its own events), on one connection otherwise, moved to another when it closes; and the backup
/// listener on every connection, through which members send the backup acks of this client's writes.
/// </summary>
internal sealed class ListenerService
{
    private static readonly RetryPolicy ReRegistration = RetryPolicy.Fixed(TimeSpan.FromMilliseconds(100));

    /// <summary>Registrations on a connection that failed are tried again, 100 ms doubling up to 5 s, while the connection lives.</summary>
    private static readonly RetryPolicy FailedRegistration = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), 2.0, 0.2);

    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();
    private readonly ConcurrentDictionary<MessageConnection, byte> _backupListeners = new();
    private readonly bool _smartRouting;
    private readonly int _maxQueuedEvents;
    private readonly TimeSpan _connectionTimeout;
    private readonly InvocationService _invocations;
    private readonly IInvocationRouter _router;
    private readonly SchemaPublisher _schemas;
    private readonly Func<IReadOnlyCollection<MessageConnection>> _connections;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationToken _shutdown;

    public ListenerService(bool smartRouting, int maxQueuedEvents, TimeSpan connectionTimeout, InvocationService invocations, IInvocationRouter router, SchemaPublisher schemas,
        Func<IReadOnlyCollection<MessageConnection>> connections, ILogger logger, TimeProvider time, CancellationToken shutdown)
    {
        _smartRouting = smartRouting;
        _maxQueuedEvents = maxQueuedEvents;
        _connectionTimeout = connectionTimeout;
        _invocations = invocations;
        _router = router;
        _schemas = schemas;
        _connections = connections;
        _logger = logger;
        _time = time;
        _shutdown = shutdown;
    }

    /// <summary>Registers a listener on the cluster and returns its client-side id.</summary>
    public async Task<Guid> SubscribeAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        // A predicate that compares with Compact values needs their schemas on the members; one that does not, never waits.
        if (_schemas.HasUnpublished && subscription.CreateRequest(_smartRouting).MayCarryCompact)
            await _schemas.PublishAsync(cancellationToken).ConfigureAwait(false);
        subscription.Start(_maxQueuedEvents, (e, m) => InvocationLog.EventHandlerFailed(_logger, e, m.MessageType), dropped =>
        {
            _invocations.Telemetry.EventsDropped.Add(1);
            // The first drop, then every 10,000th: a Warning that says how many so far, not one per event.
            if (dropped == 1 || dropped % 10_000 == 0) ClusterLog.EventsDropped(_logger, dropped, _maxQueuedEvents);
        });
        _subscriptions[subscription.Id] = subscription;
        var targets = _smartRouting
            ? _connections().Where(c => c.IsActive).ToList()
            : [_router.GetConnection(-1) ?? throw new HazelcastConnectionException("The client is not connected to the cluster.")];
        Exception? failure = null;
        var registered = 0;
        foreach (var connection in targets)
        {
            try
            {
                await RegisterAsync(subscription, connection, cancellationToken).ConfigureAwait(false);
                registered++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = e;
                ClusterLog.ListenerRegistrationFailed(_logger, connection.RemoteEndPoint?.ToString() ?? "?", e.Message);
            }
            catch (OperationCanceledException)
            {
                await UnsubscribeAsync(subscription.Id, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
        if (registered == 0 && targets.Count > 0)
        {
            await UnsubscribeAsync(subscription.Id, CancellationToken.None).ConfigureAwait(false);
            throw failure!;
        }
        return subscription.Id;
    }

    /// <summary>
    /// Registers the subscription on the connection, once: a subscribe that races a new connection (a member joining)
    /// shares the registration the other started, so events never arrive twice. A failed registration is forgotten, so
    /// that the next attempt registers again.
    /// </summary>
    private async Task RegisterAsync(Subscription subscription, MessageConnection connection, CancellationToken cancellationToken)
    {
        var registering = subscription.Registering.GetOrAdd(connection, c => new Lazy<Task>(() => RegisterCoreAsync(subscription, c, cancellationToken)));
        try
        {
            await registering.Value.ConfigureAwait(false);
        }
        catch
        {
            subscription.Registering.TryRemove(KeyValuePair.Create(connection, registering));
            throw;
        }
    }

    private async Task RegisterCoreAsync(Subscription subscription, MessageConnection connection, CancellationToken cancellationToken)
    {
        var request = subscription.CreateRequest(_smartRouting);
        var response = await _invocations.InvokeAsync(request, -1, cancellationToken, connection, subscription.Enqueue).ConfigureAwait(false);
        var serverId = subscription.DecodeResponse(response);
        subscription.Registrations[connection] = (serverId, request.CorrelationId);
        if (!connection.IsActive || !_subscriptions.ContainsKey(subscription.Id))
        {
            subscription.Registrations.TryRemove(connection, out _);
            _invocations.RemoveEventHandler(request.CorrelationId);
        }
    }

    /// <summary>Removes a listener; false if it was not registered.</summary>
    public async Task<bool> UnsubscribeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!_subscriptions.TryRemove(id, out var subscription)) return false;
        foreach (var (connection, (serverId, correlationId)) in subscription.Registrations)
        {
            _invocations.RemoveEventHandler(correlationId);
            if (!connection.IsActive) continue;
            try
            {
                await _invocations.InvokeAsync(subscription.CreateRemoveRequest(serverId), -1, cancellationToken, connection).ConfigureAwait(false);
            }
            catch (HazelcastException)
            {
                // The member forgets a listener when the connection closes; nothing is left behind.
            }
        }
        subscription.Registrations.Clear();
        subscription.Registering.Clear();
        subscription.Stop();
        return true;
    }

    /// <summary>A new authenticated connection: the backup listener, and under smart routing every listener, are registered on it.</summary>
    public async Task OnConnectionAddedAsync(MessageConnection connection, CancellationToken cancellationToken)
    {
        // Awaited, within the connection timeout, so that a client that has connected asks for backup acks at once; a
        // failure never fails the connection (a member that does not know the message; retries go on in the background).
        if (_invocations.BackupAware)
        {
            UpdateBackupListenersReady(); // a connection without its listener yet: writes do not ask for acks meanwhile
            await RegisterBackupListenerAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        if (!_smartRouting) return;
        foreach (var subscription in _subscriptions.Values)
        {
            try
            {
                await RegisterAsync(subscription, connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ClusterLog.ListenerRegistrationFailed(_logger, connection.RemoteEndPoint?.ToString() ?? "?", e.Message);
                // That member's events would be lost for the connection's life: try again while it lives.
                _ = KeepTryingAsync(connection, () => _subscriptions.ContainsKey(subscription.Id), () => RegisterAsync(subscription, connection, _shutdown), "listener");
            }
        }
    }

    /// <summary>Backup acks are events of this registration; the invocation layer reads them (they carry no user data).</summary>
    private async Task RegisterBackupListenerAsync(MessageConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown);
            await BackupListenerRegisteredAsync(connection, _invocations.InvokeAsync(ClientLocalBackupListenerCodec.EncodeRequest(), -1, linked.Token, connection, timeout: _connectionTimeout)).ConfigureAwait(false);
        }
        catch (RemoteException e) when (e.Error == Protocol.RemoteError.UnsupportedOperation)
        {
            // A member that does not know the message: writes through it wait for no ack it cannot send.
            ClusterLog.ListenerRegistrationFailed(_logger, connection.RemoteEndPoint?.ToString() ?? "?", $"backup listener: {e.Message}");
        }
        catch (Exception e) when (e is HazelcastException or OperationCanceledException)
        {
            ClusterLog.ListenerRegistrationFailed(_logger, connection.RemoteEndPoint?.ToString() ?? "?", $"backup listener: {e.Message}");
            if (e is not OperationCanceledException)
                _ = KeepTryingAsync(connection, () => true, () => BackupListenerRegisteredAsync(connection, _invocations.InvokeAsync(ClientLocalBackupListenerCodec.EncodeRequest(), -1, _shutdown, connection)), "backup listener");
        }
    }

    private async Task BackupListenerRegisteredAsync(MessageConnection connection, Task registration)
    {
        await registration.ConfigureAwait(false);
        _backupListeners[connection] = 0;
        UpdateBackupListenersReady();
    }

    /// <summary>Writes ask for backup acks only while every connection has its backup listener (see <see cref="InvocationService.BackupListenersReady"/>).</summary>
    private void UpdateBackupListenersReady()
    {
        var connections = _connections().Where(c => c.IsActive).ToList();
        _invocations.BackupListenersReady = connections.Count > 0 && connections.All(_backupListeners.ContainsKey);
    }

    /// <summary>Tries a registration again, with backoff, until it succeeds, the connection closes, it is not wanted any more, or the client shuts down.</summary>
    private async Task KeepTryingAsync(MessageConnection connection, Func<bool> wanted, Func<Task> register, string what)
    {
        for (var retry = 1; connection.IsActive && wanted() && !_shutdown.IsCancellationRequested; retry++)
        {
            try
            {
                await Task.Delay(FailedRegistration.DelayBefore(retry), _time, _shutdown).ConfigureAwait(false);
                await register().ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HazelcastException e)
            {
                ClusterLog.ListenerRegistrationFailed(_logger, connection.RemoteEndPoint?.ToString() ?? "?", $"{what} (attempt {retry + 1}): {e.Message}");
            }
        }
    }

    /// <summary>A closed connection takes its registrations with it; in unisocket mode they move to another connection.</summary>
    public void OnConnectionRemoved(MessageConnection connection)
    {
        if (_backupListeners.TryRemove(connection, out _)) UpdateBackupListenersReady();
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.Registering.TryRemove(connection, out _);
            if (!subscription.Registrations.TryRemove(connection, out var registration)) continue;
            _invocations.RemoveEventHandler(registration.CorrelationId);
            if (_smartRouting || _shutdown.IsCancellationRequested) continue;
            _ = Task.Run(() => MoveAsync(subscription));
        }
    }

    /// <summary>Waits for a connection to the cluster, then registers again (unisocket).</summary>
    private async Task MoveAsync(Subscription subscription)
    {
        for (var attempt = 1; !_shutdown.IsCancellationRequested && _subscriptions.ContainsKey(subscription.Id); attempt++)
        {
            if (_router.GetConnection(-1) is { } next)
            {
                try
                {
                    await RegisterAsync(subscription, next, _shutdown).ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    ClusterLog.ListenerRegistrationFailed(_logger, next.RemoteEndPoint?.ToString() ?? "?", e.Message);
                }
            }
            try
            {
                await Task.Delay(ReRegistration.DelayBefore(attempt), _time, _shutdown).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task StopAsync()
    {
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.Stop();
            if (subscription.Dispatcher is { } d) await d.ConfigureAwait(false);
        }
        _subscriptions.Clear();
    }
}
