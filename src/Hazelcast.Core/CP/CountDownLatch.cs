using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.CP;

internal sealed class CountDownLatch(CPSubsystem cp, RaftGroupId group, string name) : CPProxy(cp, group, name, ServiceNames.CountDownLatch), ICountDownLatch
{
    public async Task<bool> TrySetCountAsync(int count, CancellationToken cancellationToken = default)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be positive.");
        return CountDownLatchTrySetCountCodec.DecodeResponse(await InvokeAsync(CountDownLatchTrySetCountCodec.EncodeRequest(Group, Name, count), cancellationToken).ConfigureAwait(false));
    }

    public async Task CountDownAsync(CancellationToken cancellationToken = default)
    {
        // The round pins the count-down to the current round; the uid makes a retried count-down count once.
        var round = await GetRoundAsync(cancellationToken).ConfigureAwait(false);
        await InvokeAsync(CountDownLatchCountDownCodec.EncodeRequest(Group, Name, Guid.NewGuid(), round), cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> GetCountAsync(CancellationToken cancellationToken = default)
        => CountDownLatchGetCountCodec.DecodeResponse(await InvokeAsync(CountDownLatchGetCountCodec.EncodeRequest(Group, Name), cancellationToken).ConfigureAwait(false));

    public async Task<int> GetRoundAsync(CancellationToken cancellationToken = default)
        => CountDownLatchGetRoundCodec.DecodeResponse(await InvokeAsync(CountDownLatchGetRoundCodec.EncodeRequest(Group, Name), cancellationToken).ConfigureAwait(false));

    public async Task<bool> AwaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout cannot be negative.");
        var request = CountDownLatchAwaitCodec.EncodeRequest(Group, Name, Guid.NewGuid(), (long)timeout.TotalMilliseconds);
        return CountDownLatchAwaitCodec.DecodeResponse(await InvokeAsync(request, cancellationToken, waitsOnMember: true).ConfigureAwait(false));
    }
}
