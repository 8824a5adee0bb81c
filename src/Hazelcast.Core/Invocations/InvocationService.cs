using System.Collections.Concurrent;
using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Invocations;

/// <summary>Picks the connection for an invocation; implemented by the clustering layer above.</summary>
internal interface IInvocationRouter
{
    /// <summary>A connection for the partition (its owner's, under smart routing), or any connection; null when there is none.</summary>
    MessageConnection? GetConnection(int partitionId);
}

/// <summary>
/// Sends requests, matches responses and events to them by correlation id, retries what may be retried, and
/// makes sure that every invocation completes: with a response, an error, a timeout or a cancellation. It is the
/// message handler of the client's connections: they hand it what they read and tell it when they close.
/// </summary>
internal sealed class InvocationService : IMessageHandler, IAsyncDisposable
{
    private readonly PendingInvocations _pending = new();
    private readonly ConcurrentDictionary<long, Invocation> _listeners = new();
    private readonly ConcurrentDictionary<(int Request, int Response), byte> _unexpectedResponseTypes = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposed = new();
    private readonly CancellationToken _disposedToken; // usable after _disposed is disposed (it is cancelled first)
    private readonly Task _timeoutLoop;
    private readonly InFlightLimiter _slots;
    private readonly MessagingOptions _messaging;
    private readonly bool _redo;
    private readonly bool _failFastOffline;
    private long _nextCorrelationId;

    public InvocationService(HazelcastOptions options, ILogger logger, TimeProvider time, ClientTelemetry telemetry)
    {
        Telemetry = telemetry;
        _time = time;
        InvocationTimeout = options.InvocationTimeout;
        _messaging = options.Messaging;
        _redo = options.Networking.RedoOperations;
        _failFastOffline = options.Networking.ReconnectMode == ReconnectMode.ReconnectAsync;
        BackupAware = options.Messaging.BackupAcks && options.Networking.SmartRouting;
        _slots = new InFlightLimiter(options.Messaging.MaxConcurrentInvocations, options.Messaging.MaxInFlightBytes);
        _logger = logger;
        _disposedToken = _disposed.Token;
        _timeoutLoop = Task.Run(TimeoutLoopAsync);
    }

    public TimeSpan InvocationTimeout { get; }

    /// <summary>The client's instruments and activities: invocations time themselves here, the layers above count in it.</summary>
    public ClientTelemetry Telemetry { get; }

    /// <summary>Picks the connection of each attempt (the clustering layer's router, set once it exists).</summary>
    public IInvocationRouter Router { get; set; } = NoRouter.Instance;

    /// <summary>Raised once per connection that closed, after its invocations were failed over or failed.</summary>
    public event Action<MessageConnection, Exception?>? ConnectionClosed;

    /// <summary>Whether requests ask for backup acks to be sent to this client (boomerang backups).</summary>
    public bool BackupAware { get; }

    /// <summary>
    /// Whether every connection has its backup listener (set by the clustering layer as listeners come and go). A
    /// write asks for backup acks only then: a member that cannot send its acks to the client (no listener) would
    /// make it wait for the backup-ack timeout; without the flag, the member completes its backups before answering.
    /// </summary>
    public bool BackupListenersReady { get; set; }

    public int PendingCount => _pending.Count;

    private bool IsDisposed => _disposed.IsCancellationRequested;

    /// <summary>
    /// Sends a request and waits for its response; an error response is thrown as a <see cref="RemoteException"/>.
    /// Whether it may be resent after a connection failure comes from its descriptor.
    /// </summary>
    public Task<ClientMessage> InvokeAsync(ClientMessage request, int partitionId, CancellationToken cancellationToken,
        MessageConnection? connection = null, Action<ClientMessage>? eventHandler = null, TimeSpan? timeout = null)
    {
        if (!request.IsDescribed) throw new InvalidOperationException($"{request} was not built by a generated encoder (it has no descriptor).");
        var retryable = request.Retryable;
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<ClientMessage>(cancellationToken);
        if (IsDisposed) return Task.FromException<ClientMessage>(new ClientNotActiveException("The client is shut down."));
        if (!_slots.TryAcquire(request.Length))
        {
            if (!_messaging.WaitWhenOverloaded)
                return Task.FromException<ClientMessage>(new HazelcastOverloadException(OverloadMessage(request.Length)));
            return InvokeWhenSlotFreeAsync(request, partitionId, retryable, cancellationToken, connection, eventHandler, timeout);
        }
        return Start(request, partitionId, retryable, cancellationToken, connection, eventHandler, timeout);
    }

    private async Task<ClientMessage> InvokeWhenSlotFreeAsync(ClientMessage request, int partitionId, bool retryable, CancellationToken cancellationToken,
        MessageConnection? connection, Action<ClientMessage>? eventHandler, TimeSpan? timeout)
    {
        using var deadline = new CancellationTokenSource(timeout ?? InvocationTimeout, _time);
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposedToken, deadline.Token))
        {
            try
            {
                await _slots.AcquireAsync(request.Length, limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (IsDisposed) throw new ClientNotActiveException("The client is shut down.");
                throw new HazelcastTimeoutException($"No room freed up within the invocation timeout: {OverloadMessage(request.Length)}");
            }
        }
        return await Start(request, partitionId, retryable, cancellationToken, connection, eventHandler, timeout).ConfigureAwait(false);
    }

    private string OverloadMessage(int bytes) => _slots.CountIsExhausted
        ? $"{_messaging.MaxConcurrentInvocations} operations are already in flight (Hazelcast:Messaging:MaxConcurrentInvocations)."
        : $"the requests in flight hold too many of the {_messaging.MaxInFlightBytes} bytes allowed to add one of {bytes} bytes (Hazelcast:Messaging:MaxInFlightBytes).";

    private Task<ClientMessage> Start(ClientMessage request, int partitionId, bool retryable, CancellationToken cancellationToken,
        MessageConnection? connection, Action<ClientMessage>? eventHandler, TimeSpan? timeout)
    {
        var limit = timeout ?? InvocationTimeout;
        var deadline = limit == Timeout.InfiniteTimeSpan ? long.MaxValue : _time.NowMs() + (long)limit.TotalMilliseconds;
        var invocation = new Invocation(request, partitionId, retryable, deadline, connection, eventHandler, _slots);
        if (Telemetry.TimesInvocations) invocation.StartTelemetry(Telemetry);
        if (cancellationToken.CanBeCanceled)
        {
            invocation.CancellationRegistration = cancellationToken.UnsafeRegister(static (state, token) =>
            {
                var (service, inv) = ((InvocationService, Invocation))state!;
                service.Forget(inv, inv.CorrelationId);
                inv.TryCancel(token);
            }, (this, invocation));
        }
        Send(invocation);
        return invocation.Task;
    }

    private void Send(Invocation invocation)
    {
        if (invocation.IsCompleted) return;
        if (IsDisposed)
        {
            invocation.TryFail(new ClientNotActiveException("The client is shut down."));
            return;
        }
        var connection = invocation.BoundConnection ?? Router.GetConnection(invocation.PartitionId);
        if (connection is null || !connection.IsActive)
        {
            if (invocation.BoundConnection is not null)
            {
                invocation.TryFail(new HazelcastConnectionException($"The connection {invocation.BoundConnection} is closed."));
                return;
            }
            if (_failFastOffline && Router.GetConnection(-1) is null)
            {
                // ReconnectAsync: while the client has no connection at all, operations fail at once, not after a wait.
                invocation.TryFail(new ClientOfflineException("The client is reconnecting to the cluster (Networking:ReconnectMode is ReconnectAsync): the operation was not sent."));
                return;
            }
            Retry(invocation, new HazelcastConnectionException("The client has no connection to the cluster."));
            return;
        }

        var correlationId = Interlocked.Increment(ref _nextCorrelationId);
        lock (invocation)
        {
            // Under the invocation's lock, as the response and ack paths read them: a late response or ack of the
            // previous attempt sees the new correlation id and is dropped.
            invocation.CorrelationId = correlationId;
            invocation.Connection = connection;
            invocation.ResetAttempt();
        }
        invocation.OnAttempt(connection);
        invocation.Request.CorrelationId = correlationId;
        invocation.Request.PartitionId = invocation.PartitionId;
        invocation.Request.IsBackupAware = BackupAware && BackupListenersReady;
        _pending[correlationId] = invocation;
        if (invocation.EventHandler is not null) _listeners[correlationId] = invocation;
        if (!connection.TrySend(invocation.Request, invocation, correlationId))
        {
            // The connection closed since it was picked. Its close may have taken this attempt out of the pending
            // table and retried it already: only whoever takes the entry out retries (never two attempts at once).
            if (Forget(invocation, correlationId))
                Retry(invocation, new HazelcastConnectionException($"The connection {connection} closed before the request was sent."));
        }
        else if (invocation.IsCompleted)
        {
            Forget(invocation, correlationId); // cancelled meanwhile
        }
    }

    /// <summary>Takes the attempt with this correlation id out of the tables; false if something else took it first.</summary>
    private bool Forget(Invocation invocation, long correlationId)
    {
        var removed = _pending.TryRemove(new KeyValuePair<long, Invocation>(correlationId, invocation));
        if (invocation.EventHandler is not null && !invocation.Succeeded)
            _listeners.TryRemove(new KeyValuePair<long, Invocation>(correlationId, invocation));
        return removed;
    }

    /// <summary>Stops delivering events for a listener registration (after it was removed, or its connection closed).</summary>
    public void RemoveEventHandler(long correlationId) => _listeners.TryRemove(correlationId, out _);

    /// <summary>Retries after a transient failure unless the deadline passed; the pause grows with the attempts (<see cref="RetryPolicy.Invocation"/>).</summary>
    private void Retry(Invocation invocation, Exception reason)
    {
        invocation.LastError = reason;
        if (invocation.IsCompleted) return;
        if (IsDisposed)
        {
            invocation.TryFail(new ClientNotActiveException("The client was shut down while the operation was in flight."));
            return;
        }
        if (_time.NowMs() >= invocation.DeadlineTicks)
        {
            invocation.TryFail(new HazelcastTimeoutException(
                $"The operation (message 0x{invocation.Request.MessageType:X6}) did not complete within the invocation timeout of {InvocationTimeout.TotalSeconds:0.###} s; last failure: {reason.Message}", reason));
            return;
        }
        var attempt = ++invocation.Attempt;
        InvocationLog.Retrying(_logger, invocation.Request.MessageType, attempt, reason.Message);
        invocation.OnRetry(attempt, reason);
        if (Telemetry.Retries.Enabled) Telemetry.Retries.Add(1, new KeyValuePair<string, object?>("db.operation.name", RequestDescriptor.OperationNameOf(invocation.Request.MessageType)));
        var delay = RetryPolicy.Invocation.DelayBefore(attempt);
        if (delay == TimeSpan.Zero) _ = System.Threading.Tasks.Task.Run(() => Send(invocation));
        else _ = System.Threading.Tasks.Task.Delay(delay, _time, _disposedToken).ContinueWith(_ => Send(invocation), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>The one lookup of a response: the invocation that awaits it (its request says whether the response may be pooled).</summary>
    public IResponseTarget? FindTarget(long correlationId) => _pending.TryGetValue(correlationId, out var invocation) ? invocation : null;

    /// <summary>
    /// Called by the connection's read loop for every message, with what <see cref="FindTarget"/> found for a
    /// response; completions go to <paramref name="batch"/>, which runs them after the read.
    /// </summary>
    public void OnMessage(MessageConnection connection, ClientMessage message, IResponseTarget? target, ReadBatch batch)
    {
        if (message.IsEvent)
        {
            if (message.MessageType == ClientLocalBackupListenerCodec.BackupEventMessageType)
            {
                long source;
                try
                {
                    source = ClientLocalBackupListenerCodec.DecodeBackupEvent(message).SourceInvocationCorrelationId;
                }
                catch (ProtocolException e)
                {
                    // A malformed ack is that ack's problem: the write times its acks out; the connection stays.
                    InvocationLog.EventHandlerFailed(_logger, e, message.MessageType);
                    return;
                }
                OnBackupAck(source, batch);
                return;
            }
            if (_listeners.TryGetValue(message.CorrelationId, out var listener))
            {
                if (Telemetry.EventsReceived.Enabled) Telemetry.EventsReceived.Add(1);
                try
                {
                    listener.EventHandler!(message);
                }
                catch (Exception e)
                {
                    InvocationLog.EventHandlerFailed(_logger, e, message.MessageType);
                }
            }
            else InvocationLog.UnmatchedEvent(_logger, message.MessageType, message.CorrelationId);
            return;
        }

        if (target is not Invocation invocation || invocation.CorrelationId != message.CorrelationId)
        {
            InvocationLog.UnmatchedResponse(_logger, message.MessageType, message.CorrelationId);
            message.Release();
            return;
        }
        if (!message.IsError && message.MessageType != invocation.Request.MessageType + 1)
        {
            // Responses are matched by correlation id, as the official clients match them: a member that answers one
            // request with another message type (Hazelcast 5.0 answers CountDownLatch.GetCount with the GetRound
            // response, a member bug fixed later) fails that invocation only; the connection and what else is in
            // flight on it stay. Logged once per pair of types.
            var error = new ProtocolException($"Received a message of type 0x{message.MessageType:X6} in answer to a request of type 0x{invocation.Request.MessageType:X6} (the member answered with another message; this operation fails, the connection stays).");
            if (_pending.TryRemove(new KeyValuePair<long, Invocation>(message.CorrelationId, invocation))) invocation.TryFail(error, batch);
            if (invocation.EventHandler is not null) _listeners.TryRemove(new KeyValuePair<long, Invocation>(message.CorrelationId, invocation));
            if (_unexpectedResponseTypes.TryAdd((invocation.Request.MessageType, message.MessageType), 0))
                InvocationLog.UnexpectedResponseType(_logger, message.MessageType, invocation.Request.MessageType, connection.RemoteEndPoint?.ToString() ?? "?");
            message.Release();
            return;
        }
        if (!message.IsError && message.BackupAcks > 0)
        {
            lock (invocation)
            {
                if (invocation.CorrelationId != message.CorrelationId)
                {
                    message.Release(); // the attempt was retried since the lookup: this response is not its
                    return;
                }
                if (invocation.BackupAcksReceived < message.BackupAcks)
                {
                    // The write is applied on the primary; it completes when its backups say so too.
                    invocation.ResponseAwaitingAcks = message;
                    invocation.BackupDeadlineTicks = _time.NowMs() + (long)_messaging.BackupAckTimeout.TotalMilliseconds;
                    return;
                }
            }
        }
        if (!_pending.TryRemove(new KeyValuePair<long, Invocation>(message.CorrelationId, invocation)))
        {
            message.Release();
            return;
        }
        if (message.IsError)
        {
            RemoteException error;
            try
            {
                error = ErrorResponses.Decode(message);
            }
            catch (ProtocolException e)
            {
                invocation.TryFail(e, batch);
                throw; // a message that cannot be read: the read loop closes the connection
            }
            finally
            {
                message.Release(); // decoded into the exception: a pooled buffer goes back now
            }
            if (invocation.EventHandler is not null) _listeners.TryRemove(invocation.CorrelationId, out _); // (the message is released)
            if (invocation.BoundConnection is null && (error.IsRetryable || (error.Error == RemoteError.TargetDisconnected && (invocation.Retryable || _redo))))
            {
                Retry(invocation, error);
                return;
            }
            invocation.TryFail(error, batch);
            return;
        }
        if (!invocation.TryComplete(message, batch)) message.Release(); // cancelled or timed out meanwhile: nobody reads it
    }

    /// <summary>Whether a response is still awaited on this connection.</summary>
    public bool HasPendingOn(MessageConnection connection)
    {
        foreach (var (_, invocation) in _pending)
            if (invocation.Connection == connection && invocation.ResponseAwaitingAcks is null && invocation.EventHandler is null) return true;
        return false;
    }

    /// <summary>A backup replica acknowledged the write sent with <paramref name="correlationId"/>.</summary>
    private void OnBackupAck(long correlationId, ReadBatch batch)
    {
        if (!_pending.TryGetValue(correlationId, out var invocation)) return; // late: already completed or timed out
        ClientMessage? response;
        lock (invocation)
        {
            if (invocation.CorrelationId != correlationId) return; // an ack of an earlier attempt
            invocation.BackupAcksReceived++;
            response = invocation.ResponseAwaitingAcks;
            if (response is null || invocation.BackupAcksReceived < response.BackupAcks) return;
        }
        if (_pending.TryRemove(new KeyValuePair<long, Invocation>(correlationId, invocation))) invocation.TryComplete(response, batch);
    }

    /// <summary>Fails over or fails every invocation that was waiting on a closed connection, then tells <see cref="ConnectionClosed"/>.</summary>
    public void OnClosed(MessageConnection connection, Exception? reason)
    {
        foreach (var (correlationId, invocation) in _pending)
        {
            if (invocation.Connection != connection) continue;
            // A write whose response came waits for acks from the other members, not from this connection.
            if (invocation.ResponseAwaitingAcks is not null) continue;
            if (!_pending.TryRemove(new KeyValuePair<long, Invocation>(correlationId, invocation))) continue;
            var error = new HazelcastConnectionException($"The connection {connection} closed while the operation was in flight: {reason?.Message ?? "closed"}",
                invocation.Written, reason);
            if (invocation.BoundConnection is not null) invocation.TryFail(error);
            else if (!invocation.Written || invocation.Retryable || _redo) Retry(invocation, error);
            else invocation.TryFail(error);
        }
        foreach (var (correlationId, listener) in _listeners)
        {
            if (listener.Connection == connection) _listeners.TryRemove(correlationId, out _);
        }
        ConnectionClosed?.Invoke(connection, reason);
    }

    private async Task TimeoutLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_disposedToken).ConfigureAwait(false))
            {
                var now = _time.NowMs();
                foreach (var (correlationId, invocation) in _pending)
                {
                    if (invocation.ResponseAwaitingAcks is { } response)
                    {
                        if (now >= invocation.BackupDeadlineTicks && _pending.TryRemove(new KeyValuePair<long, Invocation>(correlationId, invocation)))
                            CompleteWithoutAllAcks(invocation, response);
                        continue;
                    }
                    if (now < invocation.DeadlineTicks) continue;
                    if (!_pending.TryRemove(new KeyValuePair<long, Invocation>(correlationId, invocation))) continue;
                    if (invocation.EventHandler is not null) _listeners.TryRemove(correlationId, out _);
                    invocation.TryFail(new HazelcastTimeoutException(
                        $"No response to message 0x{invocation.Request.MessageType:X6} from {invocation.Connection?.RemoteEndPoint} within the invocation timeout of {InvocationTimeout.TotalSeconds:0.###} s.",
                        invocation.LastError));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void CompleteWithoutAllAcks(Invocation invocation, ClientMessage response)
    {
        int received;
        lock (invocation) received = invocation.BackupAcksReceived;
        InvocationLog.BackupAckTimeout(_logger, response.MessageType, received, response.BackupAcks, _messaging.BackupAckTimeout.TotalMilliseconds);
        if (_messaging.FailOnIndeterminateOperationState)
            invocation.TryFail(new IndeterminateOperationStateException(
                $"The write (message 0x{invocation.Request.MessageType:X6}) was applied by its primary but only {received} of its {response.BackupAcks} backups acknowledged it within {_messaging.BackupAckTimeout.TotalMilliseconds:0} ms."));
        else if (Router.GetConnection(-1) is null)
            // The client reaches no member: whether the primary that answered, or any backup, still holds the write is
            // unknown (the whole cluster may be gone). Reporting it stored would be a guess.
            invocation.TryFail(new IndeterminateOperationStateException(
                $"The write (message 0x{invocation.Request.MessageType:X6}) was applied by its primary, but the client lost every connection to the cluster before its backups acknowledged it ({received} of {response.BackupAcks}): it may be lost."));
        else invocation.TryComplete(response);
    }

    /// <summary>
    /// The cluster restarted (a new cluster id): the writes still waiting for backup acks were applied by members of
    /// the old cluster, whose data is gone. They fail as indeterminate, never as stored.
    /// </summary>
    public void FailAwaitingBackups()
    {
        foreach (var (correlationId, invocation) in _pending)
        {
            if (invocation.ResponseAwaitingAcks is null) continue;
            if (!_pending.TryRemove(new KeyValuePair<long, Invocation>(correlationId, invocation))) continue;
            invocation.TryFail(new IndeterminateOperationStateException(
                $"The write (message 0x{invocation.Request.MessageType:X6}) was applied by its primary, but the cluster restarted (new cluster id) before its backups acknowledged it: it may be lost."));
        }
    }

    /// <summary>Fails every pending invocation: the client is shutting down.</summary>
    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        foreach (var (correlationId, invocation) in _pending)
        {
            if (_pending.TryRemove(correlationId, out _)) invocation.TryFail(new ClientNotActiveException("The client was shut down while the operation was in flight."));
        }
        _listeners.Clear();
        await _timeoutLoop.ConfigureAwait(false);
        _disposed.Dispose();
    }

    /// <summary>Before the clustering layer attaches its router: no connection.</summary>
    private sealed class NoRouter : IInvocationRouter
    {
        public static readonly NoRouter Instance = new();

        public MessageConnection? GetConnection(int partitionId) => null;
    }
}
