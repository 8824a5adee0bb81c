using System.Diagnostics;
using Hazelcast.Networking;
using Hazelcast.Protocol;

namespace Hazelcast.Invocations;

/// <summary>
/// One request in flight: where it may go, how long it may take, and who waits for its response. It is its own
/// completion source (one object less per operation) and its own thread-pool work item: its outcome is applied, and
/// the caller's continuation runs, in a work item, never on the read loop nor on the thread that failed or cancelled
/// it (completed by a read, it joins that read's <see cref="ReadBatch"/>). As the response target of its correlation
/// id it tells the reader whether the response may be read into a pooled buffer.
/// </summary>
internal sealed class Invocation : TaskCompletionSource<ClientMessage>, IWriteObserver, IResponseTarget, IThreadPoolWorkItem
{
    private object? _outcome; // a ClientMessage, an Exception, or a Cancelled
    private readonly InFlightLimiter? _slot;
    private volatile bool _written;
    private ClientTelemetry? _telemetry; // set when someone listens to durations or activities
    private long _started;

    public Invocation(ClientMessage request, int partitionId, bool retryable, long deadlineTicks, MessageConnection? boundConnection,
        Action<ClientMessage>? eventHandler, InFlightLimiter? slot)
        : base(TaskCreationOptions.None) // continuations run inline in Execute, which always runs in a work item
    {
        Request = request;
        PartitionId = partitionId;
        Retryable = retryable;
        DeadlineTicks = deadlineTicks;
        BoundConnection = boundConnection;
        EventHandler = eventHandler;
        _slot = slot;
    }

    public ClientMessage Request { get; }

    /// <summary>The partition the request is bound to, or −1.</summary>
    public int PartitionId { get; }

    /// <summary>Safe to resend after a connection failure even if it was written.</summary>
    public bool Retryable { get; }

    /// <summary>When the invocation times out (milliseconds of the client's <see cref="TimeProvider"/>, see <c>NowMs</c>).</summary>
    public long DeadlineTicks { get; }

    /// <summary>A connection the request must go through (listener registrations, heartbeats, authentication); never retried elsewhere.</summary>
    public MessageConnection? BoundConnection { get; }

    /// <summary>Handles the events that arrive with this request's correlation id (listener registrations).</summary>
    public Action<ClientMessage>? EventHandler { get; }

    /// <summary>The connection the current attempt was sent on.</summary>
    public MessageConnection? Connection { get; set; }

    public long CorrelationId { get; set; }

    public int Attempt { get; set; }

    /// <summary>The last failure, reported as the cause when the invocation finally times out.</summary>
    public Exception? LastError { get; set; }

    public CancellationTokenRegistration CancellationRegistration { get; set; }

    /// <summary>The client activity of this invocation, when someone listens to the activity source.</summary>
    public Activity? Activity { get; private set; }

    /// <summary>The response, once it arrived, while the backup acks it announced are still awaited.</summary>
    public ClientMessage? ResponseAwaitingAcks { get; set; }

    /// <summary>Backup acks received for the current attempt (they may arrive before the response).</summary>
    public int BackupAcksReceived { get; set; }

    /// <summary>When the missing backup acks stop being awaited.</summary>
    public long BackupDeadlineTicks { get; set; }

    /// <summary>Whether the current attempt was handed to a socket (and may have been applied by the member).</summary>
    public bool Written => _written;

    public bool IsCompleted => Volatile.Read(ref _outcome) is not null;

    /// <summary>The caller reads the response once, at once, then releases it (see <see cref="ClientMessage.ResponseIsReleased"/>).</summary>
    public bool PoolResponse => Request.ResponseIsReleased;

    /// <summary>Whether the outcome is a response (set as soon as it is decided, before the caller sees it).</summary>
    public bool Succeeded => Volatile.Read(ref _outcome) is ClientMessage;

    /// <summary>Not sent: the invocation has its outcome (cancelled, timed out), or the attempt was retried under another correlation id.</summary>
    public bool IsAbandoned(long token) => IsCompleted || token != CorrelationId;

    /// <summary>The writer handed the attempt with this correlation id to the socket (a late report about an earlier attempt is ignored).</summary>
    public void OnWritten(long token)
    {
        if (token == CorrelationId) _written = true;
    }

    /// <summary>
    /// Starts timing the invocation and, when someone listens, its activity: a child of the caller's, which stays the
    /// caller's current one (the invocation ends later, elsewhere).
    /// </summary>
    public void StartTelemetry(ClientTelemetry telemetry)
    {
        _telemetry = telemetry;
        _started = Stopwatch.GetTimestamp();
        if (!ClientTelemetry.Source.HasListeners()) return;
        var operation = RequestDescriptor.OperationNameOf(Request.MessageType);
        var activity = ClientTelemetry.Source.CreateActivity(operation, ActivityKind.Client);
        if (activity is null) return;
        if (activity.IsAllDataRequested) activity.AddTag("db.system.name", "hazelcast").AddTag("db.operation.name", operation);
        var previous = Activity.Current;
        activity.Start();
        Activity.Current = previous;
        Activity = activity;
    }

    /// <summary>An attempt goes to <paramref name="connection"/>: the activity names its member.</summary>
    public void OnAttempt(MessageConnection connection)
    {
        if (Activity is { IsAllDataRequested: true } activity) activity.SetTag("server.address", connection.ServerAddress).SetTag("server.port", connection.ServerPort);
    }

    /// <summary>The invocation is sent again: an event on its activity.</summary>
    public void OnRetry(int attempt, Exception reason)
    {
        Activity?.AddEvent(new ActivityEvent("hazelcast.retry", tags: new ActivityTagsCollection { ["hazelcast.attempt"] = attempt, ["exception.message"] = reason.Message }));
    }

    // The duration, tagged with the operation, the member and the error if any; the activity ends with the same.
    private void EndTelemetry(object outcome)
    {
        var telemetry = _telemetry!;
        var operation = RequestDescriptor.OperationNameOf(Request.MessageType);
        var errorType = outcome switch
        {
            RemoteException remote => remote.ClassName,
            Exception exception => exception.GetType().FullName,
            Cancelled => typeof(OperationCanceledException).FullName,
            _ => null,
        };
        if (telemetry.Duration.Enabled)
        {
            var tags = new TagList { { "db.system.name", "hazelcast" }, { "db.operation.name", operation } };
            if (Connection is { } connection)
            {
                tags.Add("server.address", connection.ServerAddress);
                tags.Add("server.port", connection.ServerPort);
            }
            if (errorType is not null) tags.Add("error.type", errorType);
            telemetry.Duration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        }
        if (Activity is not { } activity) return;
        if (errorType is not null)
        {
            activity.SetTag("error.type", errorType);
            activity.SetStatus(ActivityStatusCode.Error, (outcome as Exception)?.Message ?? "cancelled");
            if (outcome is Exception exception) activity.AddException(exception);
        }
        activity.Dispose();
    }

    public void ResetAttempt()
    {
        _written = false;
        BackupAcksReceived = 0;
        ResponseAwaitingAcks = null;
    }

    /// <summary>Completes with a response; a read passes its batch, so the completion runs after the read.</summary>
    public bool TryComplete(ClientMessage response, ReadBatch? batch = null) => Finish(response, batch);

    public bool TryFail(Exception exception, ReadBatch? batch = null) => Finish(exception, batch);

    public bool TryCancel(CancellationToken token) => Finish(new Cancelled(token), null);

    /// <summary>Applies the outcome; the caller's continuation runs here.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        switch (_outcome)
        {
            case ClientMessage response: TrySetResult(response); break;
            case Cancelled cancelled: TrySetCanceled(cancelled.Token); break;
            case Exception error: TrySetException(error); break;
        }
    }

    // Exactly one outcome: the first one claims it, releases the in-flight slot and the cancellation registration,
    // and is applied in a work item (the read's batch when a read completed it).
    private bool Finish(object outcome, ReadBatch? batch)
    {
        if (Interlocked.CompareExchange(ref _outcome, outcome, null) is not null) return false;
        CancellationRegistration.Dispose();
        if (_telemetry is not null) EndTelemetry(outcome);
        _slot?.Release(Request.Length);
        if (batch is not null) batch.Defer(this);
        else ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        return true;
    }

    private sealed record Cancelled(CancellationToken Token);
}
