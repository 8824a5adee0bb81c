using System.Runtime.CompilerServices;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.DistributedObjects;

/// <summary>
/// The requests a queue, list and set share: one message per operation in each service, with the same layout. A
/// service's table names its codecs, and <see cref="HCollection{T}"/> implements the shared operations once.
/// </summary>
internal sealed record CollectionCodecs(
    string ServiceName,
    Func<string, Data, ClientMessage> Add, Func<ClientMessage, bool> DecodeAdd,
    Func<string, IReadOnlyList<Data>, ClientMessage> AddAll, Func<ClientMessage, bool> DecodeAddAll,
    Func<string, Data, ClientMessage> Remove, Func<ClientMessage, bool> DecodeRemove,
    Func<string, IReadOnlyList<Data>, ClientMessage> RemoveAll, Func<ClientMessage, bool> DecodeRemoveAll,
    Func<string, IReadOnlyList<Data>, ClientMessage> RetainAll, Func<ClientMessage, bool> DecodeRetainAll,
    Func<string, Data, ClientMessage> Contains, Func<ClientMessage, bool> DecodeContains,
    Func<string, IReadOnlyList<Data>, ClientMessage> ContainsAll, Func<ClientMessage, bool> DecodeContainsAll,
    Func<string, ClientMessage> Size, Func<ClientMessage, int> DecodeSize,
    Func<string, ClientMessage> IsEmpty, Func<ClientMessage, bool> DecodeIsEmpty,
    Func<string, ClientMessage> Clear,
    Func<string, ClientMessage> GetAll, Func<ClientMessage, IReadOnlyList<Data>> DecodeGetAll,
    Func<string, bool, bool, ClientMessage> AddListener, Func<ClientMessage, Guid> DecodeAddListener,
    Func<string, Guid, ClientMessage> RemoveListener)
{
    /// <summary>A queue adds with Offer (no wait): a full queue answers false.</summary>
    public static readonly CollectionCodecs Queue = new(ServiceNames.Queue,
        (n, d) => QueueOfferCodec.EncodeRequest(n, d, 0), QueueOfferCodec.DecodeResponse,
        QueueAddAllCodec.EncodeRequest, QueueAddAllCodec.DecodeResponse,
        (n, d) => QueueRemoveCodec.EncodeRequest(n, d), QueueRemoveCodec.DecodeResponse,
        QueueCompareAndRemoveAllCodec.EncodeRequest, QueueCompareAndRemoveAllCodec.DecodeResponse,
        QueueCompareAndRetainAllCodec.EncodeRequest, QueueCompareAndRetainAllCodec.DecodeResponse,
        (n, d) => QueueContainsCodec.EncodeRequest(n, d), QueueContainsCodec.DecodeResponse,
        QueueContainsAllCodec.EncodeRequest, QueueContainsAllCodec.DecodeResponse,
        QueueSizeCodec.EncodeRequest, QueueSizeCodec.DecodeResponse,
        QueueIsEmptyCodec.EncodeRequest, QueueIsEmptyCodec.DecodeResponse,
        QueueClearCodec.EncodeRequest,
        QueueIteratorCodec.EncodeRequest, QueueIteratorCodec.DecodeResponse,
        QueueAddListenerCodec.EncodeRequest, QueueAddListenerCodec.DecodeResponse,
        QueueRemoveListenerCodec.EncodeRequest);

    public static readonly CollectionCodecs List = new(ServiceNames.List,
        (n, d) => ListAddCodec.EncodeRequest(n, d), ListAddCodec.DecodeResponse,
        ListAddAllCodec.EncodeRequest, ListAddAllCodec.DecodeResponse,
        (n, d) => ListRemoveCodec.EncodeRequest(n, d), ListRemoveCodec.DecodeResponse,
        ListCompareAndRemoveAllCodec.EncodeRequest, ListCompareAndRemoveAllCodec.DecodeResponse,
        ListCompareAndRetainAllCodec.EncodeRequest, ListCompareAndRetainAllCodec.DecodeResponse,
        (n, d) => ListContainsCodec.EncodeRequest(n, d), ListContainsCodec.DecodeResponse,
        ListContainsAllCodec.EncodeRequest, ListContainsAllCodec.DecodeResponse,
        ListSizeCodec.EncodeRequest, ListSizeCodec.DecodeResponse,
        ListIsEmptyCodec.EncodeRequest, ListIsEmptyCodec.DecodeResponse,
        ListClearCodec.EncodeRequest,
        ListGetAllCodec.EncodeRequest, ListGetAllCodec.DecodeResponse,
        ListAddListenerCodec.EncodeRequest, ListAddListenerCodec.DecodeResponse,
        ListRemoveListenerCodec.EncodeRequest);

    public static readonly CollectionCodecs Set = new(ServiceNames.Set,
        (n, d) => SetAddCodec.EncodeRequest(n, d), SetAddCodec.DecodeResponse,
        SetAddAllCodec.EncodeRequest, SetAddAllCodec.DecodeResponse,
        (n, d) => SetRemoveCodec.EncodeRequest(n, d), SetRemoveCodec.DecodeResponse,
        SetCompareAndRemoveAllCodec.EncodeRequest, SetCompareAndRemoveAllCodec.DecodeResponse,
        SetCompareAndRetainAllCodec.EncodeRequest, SetCompareAndRetainAllCodec.DecodeResponse,
        (n, d) => SetContainsCodec.EncodeRequest(n, d), SetContainsCodec.DecodeResponse,
        SetContainsAllCodec.EncodeRequest, SetContainsAllCodec.DecodeResponse,
        SetSizeCodec.EncodeRequest, SetSizeCodec.DecodeResponse,
        SetIsEmptyCodec.EncodeRequest, SetIsEmptyCodec.DecodeResponse,
        SetClearCodec.EncodeRequest,
        SetGetAllCodec.EncodeRequest, SetGetAllCodec.DecodeResponse,
        SetAddListenerCodec.EncodeRequest, SetAddListenerCodec.DecodeResponse,
        SetRemoveListenerCodec.EncodeRequest);
}

/// <summary>The operations a queue, list and set share, once, over their service's codecs.</summary>
internal abstract class HCollection<T> : DistributedObjectProxy, IHCollection<T>
{
    private readonly CollectionCodecs _codecs;

    protected HCollection(CollectionCodecs codecs, string name, ProxyServices services) : base(codecs.ServiceName, name, services)
        => _codecs = codecs;

    protected async ValueTask<TResult> CallAsync<TResult>(ClientMessage request, Func<ClientMessage, TResult> decode, CancellationToken cancellationToken)
        => decode(await InvokeAsync(request, cancellationToken).ConfigureAwait(false));

    public virtual ValueTask<bool> AddAsync(T item, CancellationToken cancellationToken = default)
        => CallAsync(_codecs.Add(Name, ToData(item, nameof(item))), _codecs.DecodeAdd, cancellationToken);

    public ValueTask<bool> AddAllAsync(IEnumerable<T> items, CancellationToken cancellationToken = default)
        => CallAsync(_codecs.AddAll(Name, ToDataList(items, nameof(items))), _codecs.DecodeAddAll, cancellationToken);

    public ValueTask<bool> RemoveAsync(T item, CancellationToken cancellationToken = default)
        => CallAsync(_codecs.Remove(Name, ToData(item, nameof(item))), _codecs.DecodeRemove, cancellationToken);

    public ValueTask<bool> RemoveAllAsync(IEnumerable<T> items, CancellationToken cancellationToken = default)
        => CallAsync(_codecs.RemoveAll(Name, ToDataList(items, nameof(items))), _codecs.DecodeRemoveAll, cancellationToken);

    public ValueTask<bool> RetainAllAsync(IEnumerable<T> items, CancellationToken cancellationToken = default)
        => CallAsync(_codecs.RetainAll(Name, ToDataList(items, nameof(items))), _codecs.DecodeRetainAll, cancellationToken);

    public ValueTask<bool> ContainsAsync(T item, CancellationToken cancellationToken = default)
        => CallAsync(_codecs.Contains(Name, ToData(item, nameof(item))), _codecs.DecodeContains, cancellationToken);

    public ValueTask<bool> ContainsAllAsync(IEnumerable<T> items, CancellationToken cancellationToken = default)
        => CallAsync(_codecs.ContainsAll(Name, ToDataList(items, nameof(items))), _codecs.DecodeContainsAll, cancellationToken);

    public ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default)
        => CallAsync(_codecs.Size(Name), _codecs.DecodeSize, cancellationToken);

    public ValueTask<bool> IsEmptyAsync(CancellationToken cancellationToken = default)
        => CallAsync(_codecs.IsEmpty(Name), _codecs.DecodeIsEmpty, cancellationToken);

    public async ValueTask ClearAsync(CancellationToken cancellationToken = default)
        => await InvokeAsync(_codecs.Clear(Name), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<T>> GetAllAsync(CancellationToken cancellationToken = default)
        => await ReadListAsync<T>(_codecs.DecodeGetAll(await InvokeAsync(_codecs.GetAll(Name), cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        foreach (var item in await GetAllAsync(cancellationToken).ConfigureAwait(false)) yield return item;
    }

    public ValueTask<Guid> SubscribeAsync(Action<CollectionItemEventHandlers<T>> configure, bool includeItems = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var handlers = new CollectionItemEventHandlers<T>();
        configure(handlers);
        if (handlers.Added is null && handlers.Removed is null) throw new ArgumentException("Register at least one event handler.", nameof(configure));
        return SubscribeAsync(localOnly => _codecs.AddListener(Name, includeItems, localOnly), _codecs.DecodeAddListener,
            id => _codecs.RemoveListener(Name, id), message => DispatchAsync(handlers, ItemEventCodec.Decode(message)), cancellationToken);
    }

    private async ValueTask DispatchAsync(CollectionItemEventHandlers<T> handlers, ItemEvent e)
    {
        var type = (CollectionItemEventType)e.EventType;
        var handler = type switch
        {
            CollectionItemEventType.Added => handlers.Added,
            CollectionItemEventType.Removed => handlers.Removed,
            _ => null,
        };
        if (handler is null) return;
        handler(new CollectionItemEventArgs<T>(type, e.Uuid, await ReadAsync<T>(e.Item, CancellationToken.None).ConfigureAwait(false)));
    }
}

/// <summary>The client-side proxy of a distributed set.</summary>
internal sealed class HSet<T>(string name, ProxyServices services) : HCollection<T>(CollectionCodecs.Set, name, services), IHSet<T>;
