using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

// Queue, List, Set, Topic, Ringbuffer and the distributed-object listener.
internal sealed partial class ClientSession
{
    private CollectionStore Queue(string name) => _state.Collection(CollectionStore.Kinds.Queue, ServiceNames.Queue, name);

    private CollectionStore List(string name) => _state.Collection(CollectionStore.Kinds.List, ServiceNames.List, name);

    private CollectionStore Set(string name) => _state.Collection(CollectionStore.Kinds.Set, ServiceNames.Set, name);

    private ClientMessage AddItemListener(CollectionStore store, bool includeValue, bool localOnly, long correlationId, int eventMessageType, Func<Guid, ClientMessage> respond)
    {
        var id = Guid.NewGuid();
        store.AddListener(new ItemListener(id, this, correlationId, includeValue, localOnly, eventMessageType));
        return respond(id);
    }

    // ------------------------------------------------------------------ Queue

    internal ValueTask<ClientMessage?> QueueOffer(ClientMessage request)
    {
        var p = QueueOfferCodec.DecodeRequest(request);
        return Later(Queue(p.Name).OfferAsync(p.Value, p.TimeoutMillis, _closed.Token), QueueOfferCodec.EncodeResponse);
    }

    internal ValueTask<ClientMessage?> QueuePut(ClientMessage request)
    {
        var p = QueuePutCodec.DecodeRequest(request);
        return Later(Queue(p.Name).OfferAsync(p.Value, -1, _closed.Token), _ => QueuePutCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> QueuePoll(ClientMessage request)
    {
        var p = QueuePollCodec.DecodeRequest(request);
        return Later(Queue(p.Name).PollAsync(p.TimeoutMillis, _closed.Token), d => QueuePollCodec.EncodeResponse(d));
    }

    internal ValueTask<ClientMessage?> QueueTake(ClientMessage request)
    {
        var p = QueueTakeCodec.DecodeRequest(request);
        return Later(Queue(p.Name).PollAsync(-1, _closed.Token), d => QueueTakeCodec.EncodeResponse(d));
    }

    internal ValueTask<ClientMessage?> QueuePeek(ClientMessage request) => Done(QueuePeekCodec.EncodeResponse(Queue(QueuePeekCodec.DecodeRequest(request).Name).Peek()));

    internal ValueTask<ClientMessage?> QueueSize(ClientMessage request) => Done(QueueSizeCodec.EncodeResponse(Queue(QueueSizeCodec.DecodeRequest(request).Name).Size()));

    internal ValueTask<ClientMessage?> QueueIsEmpty(ClientMessage request) => Done(QueueIsEmptyCodec.EncodeResponse(Queue(QueueIsEmptyCodec.DecodeRequest(request).Name).Size() == 0));

    internal ValueTask<ClientMessage?> QueueRemainingCapacity(ClientMessage request)
        => Done(QueueRemainingCapacityCodec.EncodeResponse(Queue(QueueRemainingCapacityCodec.DecodeRequest(request).Name).RemainingCapacity()));

    internal ValueTask<ClientMessage?> QueueRemove(ClientMessage request)
    {
        var p = QueueRemoveCodec.DecodeRequest(request);
        return Done(QueueRemoveCodec.EncodeResponse(Queue(p.Name).Remove(p.Value)));
    }

    internal ValueTask<ClientMessage?> QueueContains(ClientMessage request)
    {
        var p = QueueContainsCodec.DecodeRequest(request);
        return Done(QueueContainsCodec.EncodeResponse(Queue(p.Name).Contains(p.Value)));
    }

    internal ValueTask<ClientMessage?> QueueContainsAll(ClientMessage request)
    {
        var p = QueueContainsAllCodec.DecodeRequest(request);
        return Done(QueueContainsAllCodec.EncodeResponse(Queue(p.Name).ContainsAll(p.DataList)));
    }

    internal ValueTask<ClientMessage?> QueueAddAll(ClientMessage request)
    {
        var p = QueueAddAllCodec.DecodeRequest(request);
        return Done(QueueAddAllCodec.EncodeResponse(Queue(p.Name).AddAll(p.DataList)));
    }

    internal ValueTask<ClientMessage?> QueueCompareAndRemoveAll(ClientMessage request)
    {
        var p = QueueCompareAndRemoveAllCodec.DecodeRequest(request);
        return Done(QueueCompareAndRemoveAllCodec.EncodeResponse(Queue(p.Name).RemoveAll(p.DataList, retain: false)));
    }

    internal ValueTask<ClientMessage?> QueueCompareAndRetainAll(ClientMessage request)
    {
        var p = QueueCompareAndRetainAllCodec.DecodeRequest(request);
        return Done(QueueCompareAndRetainAllCodec.EncodeResponse(Queue(p.Name).RemoveAll(p.DataList, retain: true)));
    }

    internal ValueTask<ClientMessage?> QueueClear(ClientMessage request)
    {
        Queue(QueueClearCodec.DecodeRequest(request).Name).Clear();
        return Done(QueueClearCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> QueueIterator(ClientMessage request) => Done(QueueIteratorCodec.EncodeResponse(Queue(QueueIteratorCodec.DecodeRequest(request).Name).Items()));

    internal ValueTask<ClientMessage?> QueueDrainTo(ClientMessage request) => Done(QueueDrainToCodec.EncodeResponse(Queue(QueueDrainToCodec.DecodeRequest(request).Name).Drain(int.MaxValue)));

    internal ValueTask<ClientMessage?> QueueDrainToMaxSize(ClientMessage request)
    {
        var p = QueueDrainToMaxSizeCodec.DecodeRequest(request);
        return Done(QueueDrainToMaxSizeCodec.EncodeResponse(Queue(p.Name).Drain(p.MaxSize < 0 ? int.MaxValue : p.MaxSize)));
    }

    internal ValueTask<ClientMessage?> QueueAddListener(ClientMessage request)
    {
        var p = QueueAddListenerCodec.DecodeRequest(request);
        return Done(AddItemListener(Queue(p.Name), p.IncludeValue, p.LocalOnly, request.CorrelationId, QueueAddListenerCodec.ItemEventMessageType, QueueAddListenerCodec.EncodeResponse));
    }

    internal ValueTask<ClientMessage?> QueueRemoveListener(ClientMessage request)
    {
        var p = QueueRemoveListenerCodec.DecodeRequest(request);
        return Done(QueueRemoveListenerCodec.EncodeResponse(Queue(p.Name).RemoveListener(p.RegistrationId)));
    }

    // ------------------------------------------------------------------ List

    internal ValueTask<ClientMessage?> ListSize(ClientMessage request) => Done(ListSizeCodec.EncodeResponse(List(ListSizeCodec.DecodeRequest(request).Name).Size()));

    internal ValueTask<ClientMessage?> ListIsEmpty(ClientMessage request) => Done(ListIsEmptyCodec.EncodeResponse(List(ListIsEmptyCodec.DecodeRequest(request).Name).Size() == 0));

    internal ValueTask<ClientMessage?> ListContains(ClientMessage request)
    {
        var p = ListContainsCodec.DecodeRequest(request);
        return Done(ListContainsCodec.EncodeResponse(List(p.Name).Contains(p.Value)));
    }

    internal ValueTask<ClientMessage?> ListContainsAll(ClientMessage request)
    {
        var p = ListContainsAllCodec.DecodeRequest(request);
        return Done(ListContainsAllCodec.EncodeResponse(List(p.Name).ContainsAll(p.Values)));
    }

    internal ValueTask<ClientMessage?> ListAdd(ClientMessage request)
    {
        var p = ListAddCodec.DecodeRequest(request);
        return Done(ListAddCodec.EncodeResponse(List(p.Name).Add(p.Value)));
    }

    internal ValueTask<ClientMessage?> ListRemove(ClientMessage request)
    {
        var p = ListRemoveCodec.DecodeRequest(request);
        return Done(ListRemoveCodec.EncodeResponse(List(p.Name).Remove(p.Value)));
    }

    internal ValueTask<ClientMessage?> ListAddAll(ClientMessage request)
    {
        var p = ListAddAllCodec.DecodeRequest(request);
        return Done(ListAddAllCodec.EncodeResponse(List(p.Name).AddAll(p.ValueList)));
    }

    internal ValueTask<ClientMessage?> ListAddAllWithIndex(ClientMessage request)
    {
        var p = ListAddAllWithIndexCodec.DecodeRequest(request);
        return Done(ListAddAllWithIndexCodec.EncodeResponse(List(p.Name).AddAll(p.ValueList, p.Index)));
    }

    internal ValueTask<ClientMessage?> ListCompareAndRemoveAll(ClientMessage request)
    {
        var p = ListCompareAndRemoveAllCodec.DecodeRequest(request);
        return Done(ListCompareAndRemoveAllCodec.EncodeResponse(List(p.Name).RemoveAll(p.Values, retain: false)));
    }

    internal ValueTask<ClientMessage?> ListCompareAndRetainAll(ClientMessage request)
    {
        var p = ListCompareAndRetainAllCodec.DecodeRequest(request);
        return Done(ListCompareAndRetainAllCodec.EncodeResponse(List(p.Name).RemoveAll(p.Values, retain: true)));
    }

    internal ValueTask<ClientMessage?> ListClear(ClientMessage request)
    {
        List(ListClearCodec.DecodeRequest(request).Name).Clear();
        return Done(ListClearCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> ListGetAll(ClientMessage request) => Done(ListGetAllCodec.EncodeResponse(List(ListGetAllCodec.DecodeRequest(request).Name).Items()));

    internal ValueTask<ClientMessage?> ListGet(ClientMessage request)
    {
        var p = ListGetCodec.DecodeRequest(request);
        return Done(ListGetCodec.EncodeResponse(List(p.Name).Get(p.Index)));
    }

    internal ValueTask<ClientMessage?> ListSet(ClientMessage request)
    {
        var p = ListSetCodec.DecodeRequest(request);
        return Done(ListSetCodec.EncodeResponse(List(p.Name).Set(p.Index, p.Value)));
    }

    internal ValueTask<ClientMessage?> ListAddWithIndex(ClientMessage request)
    {
        var p = ListAddWithIndexCodec.DecodeRequest(request);
        List(p.Name).Insert(p.Index, p.Value);
        return Done(ListAddWithIndexCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> ListRemoveWithIndex(ClientMessage request)
    {
        var p = ListRemoveWithIndexCodec.DecodeRequest(request);
        return Done(ListRemoveWithIndexCodec.EncodeResponse(List(p.Name).RemoveAt(p.Index)));
    }

    internal ValueTask<ClientMessage?> ListIndexOf(ClientMessage request)
    {
        var p = ListIndexOfCodec.DecodeRequest(request);
        return Done(ListIndexOfCodec.EncodeResponse(List(p.Name).IndexOf(p.Value, last: false)));
    }

    internal ValueTask<ClientMessage?> ListLastIndexOf(ClientMessage request)
    {
        var p = ListLastIndexOfCodec.DecodeRequest(request);
        return Done(ListLastIndexOfCodec.EncodeResponse(List(p.Name).IndexOf(p.Value, last: true)));
    }

    internal ValueTask<ClientMessage?> ListSub(ClientMessage request)
    {
        var p = ListSubCodec.DecodeRequest(request);
        return Done(ListSubCodec.EncodeResponse(List(p.Name).Sub(p.From, p.To)));
    }

    internal ValueTask<ClientMessage?> ListAddListener(ClientMessage request)
    {
        var p = ListAddListenerCodec.DecodeRequest(request);
        return Done(AddItemListener(List(p.Name), p.IncludeValue, p.LocalOnly, request.CorrelationId, ListAddListenerCodec.ItemEventMessageType, ListAddListenerCodec.EncodeResponse));
    }

    internal ValueTask<ClientMessage?> ListRemoveListener(ClientMessage request)
    {
        var p = ListRemoveListenerCodec.DecodeRequest(request);
        return Done(ListRemoveListenerCodec.EncodeResponse(List(p.Name).RemoveListener(p.RegistrationId)));
    }

    // ------------------------------------------------------------------ Set

    internal ValueTask<ClientMessage?> SetSize(ClientMessage request) => Done(SetSizeCodec.EncodeResponse(Set(SetSizeCodec.DecodeRequest(request).Name).Size()));

    internal ValueTask<ClientMessage?> SetIsEmpty(ClientMessage request) => Done(SetIsEmptyCodec.EncodeResponse(Set(SetIsEmptyCodec.DecodeRequest(request).Name).Size() == 0));

    internal ValueTask<ClientMessage?> SetContains(ClientMessage request)
    {
        var p = SetContainsCodec.DecodeRequest(request);
        return Done(SetContainsCodec.EncodeResponse(Set(p.Name).Contains(p.Value)));
    }

    internal ValueTask<ClientMessage?> SetContainsAll(ClientMessage request)
    {
        var p = SetContainsAllCodec.DecodeRequest(request);
        return Done(SetContainsAllCodec.EncodeResponse(Set(p.Name).ContainsAll(p.Items)));
    }

    internal ValueTask<ClientMessage?> SetAdd(ClientMessage request)
    {
        var p = SetAddCodec.DecodeRequest(request);
        return Done(SetAddCodec.EncodeResponse(Set(p.Name).Add(p.Value)));
    }

    internal ValueTask<ClientMessage?> SetRemove(ClientMessage request)
    {
        var p = SetRemoveCodec.DecodeRequest(request);
        return Done(SetRemoveCodec.EncodeResponse(Set(p.Name).Remove(p.Value)));
    }

    internal ValueTask<ClientMessage?> SetAddAll(ClientMessage request)
    {
        var p = SetAddAllCodec.DecodeRequest(request);
        return Done(SetAddAllCodec.EncodeResponse(Set(p.Name).AddAll(p.ValueList)));
    }

    internal ValueTask<ClientMessage?> SetCompareAndRemoveAll(ClientMessage request)
    {
        var p = SetCompareAndRemoveAllCodec.DecodeRequest(request);
        return Done(SetCompareAndRemoveAllCodec.EncodeResponse(Set(p.Name).RemoveAll(p.Values, retain: false)));
    }

    internal ValueTask<ClientMessage?> SetCompareAndRetainAll(ClientMessage request)
    {
        var p = SetCompareAndRetainAllCodec.DecodeRequest(request);
        return Done(SetCompareAndRetainAllCodec.EncodeResponse(Set(p.Name).RemoveAll(p.Values, retain: true)));
    }

    internal ValueTask<ClientMessage?> SetClear(ClientMessage request)
    {
        Set(SetClearCodec.DecodeRequest(request).Name).Clear();
        return Done(SetClearCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> SetGetAll(ClientMessage request) => Done(SetGetAllCodec.EncodeResponse(Set(SetGetAllCodec.DecodeRequest(request).Name).Items()));

    internal ValueTask<ClientMessage?> SetAddListener(ClientMessage request)
    {
        var p = SetAddListenerCodec.DecodeRequest(request);
        return Done(AddItemListener(Set(p.Name), p.IncludeValue, p.LocalOnly, request.CorrelationId, SetAddListenerCodec.ItemEventMessageType, SetAddListenerCodec.EncodeResponse));
    }

    internal ValueTask<ClientMessage?> SetRemoveListener(ClientMessage request)
    {
        var p = SetRemoveListenerCodec.DecodeRequest(request);
        return Done(SetRemoveListenerCodec.EncodeResponse(Set(p.Name).RemoveListener(p.RegistrationId)));
    }

    // ------------------------------------------------------------------ Topic

    internal ValueTask<ClientMessage?> TopicPublish(ClientMessage request)
    {
        var p = TopicPublishCodec.DecodeRequest(request);
        _state.Topic(p.Name).Publish([p.Message]);
        return Done(TopicPublishCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> TopicPublishAll(ClientMessage request)
    {
        var p = TopicPublishAllCodec.DecodeRequest(request);
        _state.Topic(p.Name).Publish(p.Messages);
        return Done(TopicPublishAllCodec.EncodeResponse());
    }

    internal ValueTask<ClientMessage?> TopicAddMessageListener(ClientMessage request)
    {
        var p = TopicAddMessageListenerCodec.DecodeRequest(request);
        var id = Guid.NewGuid();
        _state.Topic(p.Name).AddListener(id, this, request.CorrelationId, p.LocalOnly);
        return Done(TopicAddMessageListenerCodec.EncodeResponse(id));
    }

    internal ValueTask<ClientMessage?> TopicRemoveMessageListener(ClientMessage request)
    {
        var p = TopicRemoveMessageListenerCodec.DecodeRequest(request);
        return Done(TopicRemoveMessageListenerCodec.EncodeResponse(_state.Topic(p.Name).RemoveListener(p.RegistrationId)));
    }

    // ------------------------------------------------------------------ Ringbuffer

    internal ValueTask<ClientMessage?> RingbufferSize(ClientMessage request) => Done(RingbufferSizeCodec.EncodeResponse(_state.Ringbuffer(RingbufferSizeCodec.DecodeRequest(request).Name).Size()));

    internal ValueTask<ClientMessage?> RingbufferTailSequence(ClientMessage request) => Done(RingbufferTailSequenceCodec.EncodeResponse(_state.Ringbuffer(RingbufferTailSequenceCodec.DecodeRequest(request).Name).Tail()));

    internal ValueTask<ClientMessage?> RingbufferHeadSequence(ClientMessage request) => Done(RingbufferHeadSequenceCodec.EncodeResponse(_state.Ringbuffer(RingbufferHeadSequenceCodec.DecodeRequest(request).Name).Head()));

    internal ValueTask<ClientMessage?> RingbufferCapacity(ClientMessage request) => Done(RingbufferCapacityCodec.EncodeResponse(_state.Ringbuffer(RingbufferCapacityCodec.DecodeRequest(request).Name).Capacity));

    internal ValueTask<ClientMessage?> RingbufferRemainingCapacity(ClientMessage request)
        => Done(RingbufferRemainingCapacityCodec.EncodeResponse(_state.Ringbuffer(RingbufferRemainingCapacityCodec.DecodeRequest(request).Name).RemainingCapacity()));

    internal ValueTask<ClientMessage?> RingbufferAdd(ClientMessage request)
    {
        var p = RingbufferAddCodec.DecodeRequest(request);
        return Done(RingbufferAddCodec.EncodeResponse(_state.Ringbuffer(p.Name).Add([p.Value], OverflowFails(p.OverflowPolicy))));
    }

    internal ValueTask<ClientMessage?> RingbufferAddAll(ClientMessage request)
    {
        var p = RingbufferAddAllCodec.DecodeRequest(request);
        if (p.ValueList.Count == 0) throw new RemoteErrorException(RemoteError.IllegalArgument, "items can't be empty");
        return Done(RingbufferAddAllCodec.EncodeResponse(_state.Ringbuffer(p.Name).Add(p.ValueList, OverflowFails(p.OverflowPolicy))));
    }

    private static bool OverflowFails(int policy) => policy switch
    {
        0 => false,
        1 => true,
        _ => throw new RemoteErrorException(RemoteError.IllegalArgument, $"No OverflowPolicy for id: {policy}"),
    };

    internal ValueTask<ClientMessage?> RingbufferReadOne(ClientMessage request)
    {
        var p = RingbufferReadOneCodec.DecodeRequest(request);
        return Later(_state.Ringbuffer(p.Name).ReadAsync(p.Sequence, 1, 1, _closed.Token)
            , r => RingbufferReadOneCodec.EncodeResponse(r.Items[0]));
    }

    internal ValueTask<ClientMessage?> RingbufferReadMany(ClientMessage request)
    {
        var p = RingbufferReadManyCodec.DecodeRequest(request);
        if (!p.Filter.IsNull && p.Filter.TypeId != SerializationConstants.Null) // a serialized null is no filter, as a member reads it
            throw new RemoteErrorException(RemoteError.UnsupportedOperation, "The in-process member cannot run a ringbuffer read filter (a Java IFunction on a real member's classpath).");
        if (p.MinCount < 0 || p.MaxCount < p.MinCount || p.MaxCount > 1000)
            throw new RemoteErrorException(RemoteError.IllegalArgument, $"minCount {p.MinCount} and maxCount {p.MaxCount}: 0 <= minCount <= maxCount <= 1000.");
        return Later(_state.Ringbuffer(p.Name).ReadAsync(p.StartSequence, p.MinCount, p.MaxCount, _closed.Token)
            , r => RingbufferReadManyCodec.EncodeResponse(r.Items.Count, r.Items, r.Sequences, r.Next));
    }

    // ------------------------------------------------------------------ distributed-object listener

    internal ValueTask<ClientMessage?> ClientAddDistributedObjectListener(ClientMessage request)
        => Done(ClientAddDistributedObjectListenerCodec.EncodeResponse(_state.AddObjectListener(this, request.CorrelationId, ClientAddDistributedObjectListenerCodec.DecodeRequest(request).LocalOnly)));

    internal ValueTask<ClientMessage?> ClientAddPartitionLostListener(ClientMessage request)
        => Done(ClientAddPartitionLostListenerCodec.EncodeResponse(_state.AddPartitionLostListener(this, request.CorrelationId, ClientAddPartitionLostListenerCodec.DecodeRequest(request).LocalOnly)));

    internal ValueTask<ClientMessage?> ClientRemovePartitionLostListener(ClientMessage request)
        => Done(ClientRemovePartitionLostListenerCodec.EncodeResponse(_state.RemovePartitionLostListener(ClientRemovePartitionLostListenerCodec.DecodeRequest(request).RegistrationId)));

    internal ValueTask<ClientMessage?> ClientRemoveDistributedObjectListener(ClientMessage request)
        => Done(ClientRemoveDistributedObjectListenerCodec.EncodeResponse(_state.RemoveObjectListener(ClientRemoveDistributedObjectListenerCodec.DecodeRequest(request).RegistrationId)));
}
