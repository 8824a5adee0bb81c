using System.Collections.Concurrent;
using System.Threading.Channels;
using Hazelcast.Networking;
using Hazelcast.Protocol;

namespace Hazelcast.Clustering;

/// <summary>
/// A listener the client keeps registered on the cluster: on every connection under smart routing (each member
/// reports its own events, <c>localOnly</c>), on one connection otherwise. Events are handled one at a time, in
/// arrival order, off the connection's read loop.
/// </summary>
internal sealed class Subscription
{
    private readonly Channel<ClientMessage> _events = Channel.CreateUnbounded<ClientMessage>(new UnboundedChannelOptions { SingleReader = true });

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

    public Task? Dispatcher { get; private set; }

    public void Enqueue(ClientMessage message) => _events.Writer.TryWrite(message);

    public void Start(Action<Exception, ClientMessage> onHandlerError)
    {
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
