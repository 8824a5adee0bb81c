using Hazelcast.Networking;
using Hazelcast.Protocol;

namespace Hazelcast.Invocations;

/// <summary>
/// One request in flight: where it may go, how long it may take, and who waits for its response. It is its own
/// completion source (one object less per operation); continuations never run on the read loop.
/// </summary>
internal sealed class Invocation : TaskCompletionSource<ClientMessage>, IWriteObserver
{
    private readonly SemaphoreSlim? _slot;
    private volatile bool _written;
    private int _done;

    public Invocation(ClientMessage request, int partitionId, bool retryable, long deadlineTicks, MessageConnection? boundConnection,
        Action<ClientMessage>? eventHandler, SemaphoreSlim? slot)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
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

    /// <summary>When the invocation times out (<see cref="Environment.TickCount64"/> milliseconds).</summary>
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

    /// <summary>The response, once it arrived, while the backup acks it announced are still awaited.</summary>
    public ClientMessage? ResponseAwaitingAcks { get; set; }

    /// <summary>Backup acks received for the current attempt (they may arrive before the response).</summary>
    public int BackupAcksReceived { get; set; }

    /// <summary>When the missing backup acks stop being awaited.</summary>
    public long BackupDeadlineTicks { get; set; }

    /// <summary>Whether the current attempt was handed to a socket (and may have been applied by the member).</summary>
    public bool Written => _written;

    public bool IsCompleted => Volatile.Read(ref _done) != 0;

    public void OnWritten() => _written = true;

    public void ResetAttempt()
    {
        _written = false;
        BackupAcksReceived = 0;
        ResponseAwaitingAcks = null;
    }

    public bool TryComplete(ClientMessage response) => Finish() && TrySetResult(response);

    public bool TryFail(Exception exception) => Finish() && TrySetException(exception);

    public bool TryCancel(CancellationToken token) => Finish() && TrySetCanceled(token);

    // Exactly one outcome: the first one releases the in-flight slot and the cancellation registration.
    private bool Finish()
    {
        if (Interlocked.Exchange(ref _done, 1) != 0) return false;
        CancellationRegistration.Dispose();
        _slot?.Release();
        return true;
    }
}
