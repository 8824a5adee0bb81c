using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.DistributedObjects;

/// <summary>The client-side proxy of a topic.</summary>
internal sealed class HTopic<T>(string name, ProxyServices services) : DistributedObjectProxy(ServiceNames.Topic, name, services), IHTopic<T>
{
    public async ValueTask PublishAsync(T message, CancellationToken cancellationToken = default)
        => await InvokeAsync(TopicPublishCodec.EncodeRequest(Name, ToData(message, nameof(message))), cancellationToken).ConfigureAwait(false);

    public async ValueTask PublishAllAsync(IEnumerable<T> messages, CancellationToken cancellationToken = default)
        => await InvokeAsync(TopicPublishAllCodec.EncodeRequest(Name, ToDataList(messages, nameof(messages))), cancellationToken).ConfigureAwait(false);

    public ValueTask<Guid> SubscribeAsync(Action<TopicMessageEventArgs<T>> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return SubscribeAsync(localOnly => TopicAddMessageListenerCodec.EncodeRequest(Name, localOnly), TopicAddMessageListenerCodec.DecodeResponse,
            id => TopicRemoveMessageListenerCodec.EncodeRequest(Name, id), async message =>
            {
                var e = TopicAddMessageListenerCodec.DecodeTopicEvent(message);
                var payload = await ReadAsync<T>(e.Item, CancellationToken.None).ConfigureAwait(false);
                handler(new TopicMessageEventArgs<T>(payload!, DateTimeOffset.FromUnixTimeMilliseconds(e.PublishTime), e.Uuid, -1));
            }, cancellationToken);
    }
}
