using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.DistributedObjects;

/// <summary>
/// The client-side proxy of a Flake ID generator: ids come from the current batch (lock-free), and one caller at a time
/// fetches the next batch when it is used up or too old, the others waiting for that fetch.
/// </summary>
internal sealed class FlakeIdGenerator(string name, ProxyServices services, FlakeIdGeneratorOptions options)
    : DistributedObjectProxy(ServiceNames.FlakeIdGenerator, name, services), IFlakeIdGenerator
{
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private Batch? _batch;

    /// <summary>A batch of ids: base + i × increment for i below the size, handed out until it expires.</summary>
    private sealed class Batch(long first, long increment, int size, long expiresAtMs)
    {
        private int _next = -1;

        public bool TryNext(long nowMs, out long id)
        {
            id = 0;
            if (nowMs >= expiresAtMs) return false;
            var i = Interlocked.Increment(ref _next);
            if (i >= size) return false;
            id = first + i * increment;
            return true;
        }
    }

    public ValueTask<long> GetNewIdAsync(CancellationToken cancellationToken = default)
    {
        var batch = Volatile.Read(ref _batch);
        return batch is not null && batch.TryNext(Services.Time.NowMs(), out var id) ? new ValueTask<long>(id) : NextBatchAsync(batch, cancellationToken);
    }

    private async ValueTask<long> NextBatchAsync(Batch? used, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Another caller may have fetched a batch meanwhile: take from it first.
                if (ReferenceEquals(Volatile.Read(ref _batch), used))
                {
                    var response = FlakeIdGeneratorNewIdBatchCodec.DecodeResponse(
                        await InvokeAsync(FlakeIdGeneratorNewIdBatchCodec.EncodeRequest(Name, options.PrefetchCount), cancellationToken).ConfigureAwait(false));
                    var validity = options.PrefetchValidity <= TimeSpan.Zero ? long.MaxValue / 2 : Math.Max(1, (long)Math.Ceiling(options.PrefetchValidity.TotalMilliseconds));
                    Volatile.Write(ref _batch, new Batch(response.Base, response.Increment, response.BatchSize, Services.Time.NowMs() + validity));
                }
                used = Volatile.Read(ref _batch);
            }
            finally
            {
                _fetching.Release();
            }
            if (used!.TryNext(Services.Time.NowMs(), out var id)) return id;
        }
    }
}
