using System.Collections.Concurrent;
using System.Threading.Channels;
using Hazelcast.Networking;
using Hazelcast.Protocol;

namespace Hazelcast.Clustering;

/// <summary>
/// A listener the client keeps registered on the cluster: on every connection under smart routing (each member
/// reports its own events, <c>localOnly</c>), on one connection otherwise. Events are handled one at a time, in
/// arrival order, off the connection's read loop; a bounded number wait (the others are dropped and counted).
/// </summary>
internal sealed class Subscription
{
    private Channel<ClientMessage> _events = Channel.CreateBounded<ClientMessage>(1);
    private Action<long>? _onDropped;
    private long _dropped;

    public Subscription(Func<bool, ClientMessage> createRequest, Func<ClientMessage, Guid> decodeResponse,
        Func<Guid, ClientMessage> createRemoveRequest, Func<ClientMessage, ValueTask> handleEvent)
    {
        CreateRequest = createRequest;
        DecodeResponse = decodeResponse;
        CreateRemoveRequest = createRemoveRequest;
        HandleEvent = handleEvent;
    }

    public Guid Id { get; } = Guid.NewGuid();

    /// <summary>Builds the registration request; the argument is <c>localOnly</c>.</summary>
    public Func<bool, ClientMessage> CreateRequest { get; }

    /// <summary>Reads the member's registration id from the registration response.</summary>
    public Func<ClientMessage, Guid> DecodeResponse { get; }

    public Func<Guid, ClientMessage> CreateRemoveRequest { get; }

    public Func<ClientMessage, ValueTask> HandleEvent { get; }

    /// <summary>The registration on each connection: the member's registration id and the request's correlation id.</summary>
    public ConcurrentDictionary<MessageConnection, (Guid ServerId, long CorrelationId)> Registrations { get; } = new();

    /// <summary>
    /// The registration under way or done on each connection: one per connection, whoever asks first (lazy, because
    /// GetOrAdd may run a factory on two racing threads and keep one result: the other would register a second time).
    /// </summary>
    public ConcurrentDictionary<MessageConnection, Lazy<Task>> Registering { get; } = new();

    public Task? Dispatcher { get; private set; }

    /// <summary>Events dropped because the handler fell behind by the queue's capacity.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues an event for the handler (on the read loop: never waits); past the queue's capacity the event is dropped and counted.</summary>
    public void Enqueue(ClientMessage message)
    {
        if (_events.Writer.TryWrite(message)) return;
        _onDropped?.Invoke(Interlocked.Increment(ref _dropped));
    }

    /// <summary>
    /// Starts handling events, at most <paramref name="capacity"/> waiting (<c>Messaging:MaxQueuedEventsPerListener</c>);
    /// <paramref name="onDropped"/> is told the count of dropped events each time one is dropped.
    /// </summary>
    public void Start(int capacity, Action<Exception, ClientMessage> onHandlerError, Action<long> onDropped)
    {
        _events = Channel.CreateBounded<ClientMessage>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _onDropped = onDropped;
        Dispatcher = Task.Run(async () =>
        {
            await foreach (var message in _events.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                try
                {
                    await HandleEvent(message).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    onHandlerError(e, message);
                }
            }
        });
    }

    public void Stop() => _events.Writer.TryComplete();
}
