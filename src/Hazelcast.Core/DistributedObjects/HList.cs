using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.DistributedObjects;

/// <summary>The client-side proxy of a distributed list.</summary>
internal sealed class HList<T>(string name, ProxyServices services) : HCollection<T>(CollectionCodecs.List, name, services), IHList<T>
{
    /// <summary>Sends an indexed request: the member's IndexOutOfBounds is the caller's <see cref="ArgumentOutOfRangeException"/>.</summary>
    private async Task<ClientMessage> InvokeIndexedAsync(ClientMessage request, string paramName, int index, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index, paramName);
        try
        {
            return await InvokeAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteException e) when (e.Error is RemoteError.IndexOutOfBounds or RemoteError.ArrayIndexOutOfBounds)
        {
            throw new ArgumentOutOfRangeException(paramName, index, $"The index is outside the list '{Name}': {e.Message}");
        }
    }

    public async ValueTask<T> GetAsync(int index, CancellationToken cancellationToken = default)
        => (await ReadAsync<T>(ListGetCodec.DecodeResponse(await InvokeIndexedAsync(ListGetCodec.EncodeRequest(Name, index), nameof(index), index, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false))!;

    public async ValueTask<T> SetAsync(int index, T item, CancellationToken cancellationToken = default)
    {
        var d = ToData(item, nameof(item));
        var response = await InvokeIndexedAsync(ListSetCodec.EncodeRequest(Name, index, d), nameof(index), index, cancellationToken).ConfigureAwait(false);
        return (await ReadAsync<T>(ListSetCodec.DecodeResponse(response), CancellationToken.None).ConfigureAwait(false))!;
    }

    public async ValueTask InsertAsync(int index, T item, CancellationToken cancellationToken = default)
    {
        var d = ToData(item, nameof(item));
        await InvokeIndexedAsync(ListAddWithIndexCodec.EncodeRequest(Name, index, d), nameof(index), index, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> InsertRangeAsync(int index, IEnumerable<T> items, CancellationToken cancellationToken = default)
    {
        var list = ToDataList(items, nameof(items));
        return ListAddAllWithIndexCodec.DecodeResponse(await InvokeIndexedAsync(ListAddAllWithIndexCodec.EncodeRequest(Name, index, list), nameof(index), index, cancellationToken).ConfigureAwait(false));
    }

    public async ValueTask<T> RemoveAtAsync(int index, CancellationToken cancellationToken = default)
    {
        var response = await InvokeIndexedAsync(ListRemoveWithIndexCodec.EncodeRequest(Name, index), nameof(index), index, cancellationToken).ConfigureAwait(false);
        return (await ReadAsync<T>(ListRemoveWithIndexCodec.DecodeResponse(response), CancellationToken.None).ConfigureAwait(false))!;
    }

    public ValueTask<int> IndexOfAsync(T item, CancellationToken cancellationToken = default)
        => CallAsync(ListIndexOfCodec.EncodeRequest(Name, ToData(item, nameof(item))), ListIndexOfCodec.DecodeResponse, cancellationToken);

    public ValueTask<int> LastIndexOfAsync(T item, CancellationToken cancellationToken = default)
        => CallAsync(ListLastIndexOfCodec.EncodeRequest(Name, ToData(item, nameof(item))), ListLastIndexOfCodec.DecodeResponse, cancellationToken);

    public async ValueTask<IReadOnlyList<T>> GetSublistAsync(int fromIndex, int toIndex, CancellationToken cancellationToken = default)
    {
        if (toIndex < fromIndex) throw new ArgumentOutOfRangeException(nameof(toIndex), toIndex, $"The end of the range comes before its start ({fromIndex}).");
        var response = await InvokeIndexedAsync(ListSubCodec.EncodeRequest(Name, fromIndex, toIndex), nameof(fromIndex), fromIndex, cancellationToken).ConfigureAwait(false);
        return await ReadListAsync<T>(ListSubCodec.DecodeResponse(response), cancellationToken).ConfigureAwait(false);
    }
}
