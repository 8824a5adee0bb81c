using System.Collections.Concurrent;
using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Clustering;

internal sealed partial class Cluster
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    /// <summary>Registers a listener on the cluster and returns its client-side id.</summary>
    public async Task<Guid> SubscribeAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        // A predicate may compare with Compact values: the members need their schemas to evaluate it.
        if (Schemas.HasUnpublished) await PublishSchemasAsync(cancellationToken).ConfigureAwait(false);
        subscription.Start((e, m) => Log.EventHandlerFailed(_logger, e, m.MessageType));
        _subscriptions[subscription.Id] = subscription;
        var targets = _options.Networking.SmartRouting
            ? _connections.Values.Where(c => c.IsActive).ToList()
            : [GetConnection(-1) ?? throw new HazelcastConnectionException("The client is not connected to the cluster.")];
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
                Log.ListenerRegistrationFailed(_logger, connection.RemoteEndPoint?.ToString() ?? "?", e.Message);
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

    private async Task RegisterAsync(Subscription subscription, MessageConnection connection, CancellationToken cancellationToken)
    {
        var request = subscription.CreateRequest(_options.Networking.SmartRouting);
        var response = await Invocations.InvokeAsync(request, -1, false, cancellationToken, connection, subscription.Enqueue).ConfigureAwait(false);
        var serverId = subscription.DecodeResponse(response);
        subscription.Registrations[connection] = (serverId, request.CorrelationId);
        if (!connection.IsActive || !_subscriptions.ContainsKey(subscription.Id))
        {
            subscription.Registrations.TryRemove(connection, out _);
            Invocations.RemoveEventHandler(request.CorrelationId);
        }
    }

    /// <summary>Removes a listener; false if it was not registered.</summary>
    public async Task<bool> UnsubscribeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!_subscriptions.TryRemove(id, out var subscription)) return false;
        foreach (var (connection, (serverId, correlationId)) in subscription.Registrations)
        {
            Invocations.RemoveEventHandler(correlationId);
            if (!connection.IsActive) continue;
            try
            {
                await Invocations.InvokeAsync(subscription.CreateRemoveRequest(serverId), -1, true, cancellationToken, connection).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HazelcastException or TimeoutException)
            {
                // The member forgets a listener when the connection closes; nothing is left behind.
            }
        }
        subscription.Registrations.Clear();
        subscription.Stop();
        return true;
    }

    /// <summary>
    /// A new authenticated connection: it receives the backup acks of this client's writes (boomerang backups),
    /// and under smart routing every listener is registered on it too.
    /// </summary>
    private async Task OnConnectionAddedAsync(MessageConnection connection, CancellationToken cancellationToken)
    {
        // Not awaited, as the official clients do: a member that does not know the message must not fail the connection.
        if (Invocations.BackupAware) _ = RegisterBackupListenerAsync(connection);
        if (!_options.Networking.SmartRouting) return;
        foreach (var subscription in _subscriptions.Values)
        {
            try
            {
                await RegisterAsync(subscription, connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ListenerRegistrationFailed(_logger, connection.RemoteEndPoint?.ToString() ?? "?", e.Message);
            }
        }
    }

    private async Task RegisterBackupListenerAsync(MessageConnection connection)
    {
        try
        {
            await Invocations.InvokeAsync(ClientLocalBackupListenerCodec.EncodeRequest(), -1, false, _shutdown.Token, connection,
                m => Invocations.OnBackupAck(ClientLocalBackupListenerCodec.DecodeBackupEvent(m).SourceInvocationCorrelationId)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HazelcastException or TimeoutException or OperationCanceledException)
        {
            Log.ListenerRegistrationFailed(_logger, connection.RemoteEndPoint?.ToString() ?? "?", $"backup listener: {e.Message}");
        }
    }

    /// <summary>A closed connection takes its registrations with it; in unisocket mode they move to another connection.</summary>
    private void OnConnectionRemoved(MessageConnection connection)
    {
        foreach (var subscription in _subscriptions.Values)
        {
            if (!subscription.Registrations.TryRemove(connection, out var registration)) continue;
            Invocations.RemoveEventHandler(registration.CorrelationId);
            if (_options.Networking.SmartRouting || _shutdown.IsCancellationRequested) continue;
            _ = Task.Run(async () =>
            {
                // Wait for a connection to the cluster, then register again.
                while (!_shutdown.IsCancellationRequested && _subscriptions.ContainsKey(subscription.Id))
                {
                    var next = GetConnection(-1);
                    if (next is not null)
                    {
                        try
                        {
                            await RegisterAsync(subscription, next, _shutdown.Token).ConfigureAwait(false);
                            return;
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            Log.ListenerRegistrationFailed(_logger, next.RemoteEndPoint?.ToString() ?? "?", e.Message);
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }
                    }
                    await Task.Delay(100, _shutdown.Token).ConfigureAwait(false);
                }
            });
        }
    }

    private async Task StopListenersAsync()
    {
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.Stop();
            if (subscription.Dispatcher is { } d) await d.ConfigureAwait(false);
        }
        _subscriptions.Clear();
    }
}
