namespace Hazelcast.Networking;

/// <summary>
/// Completions produced while a read loop parses one read (the connection hands its batch to the message handler
/// with each message, explicitly): they run together, after the read, in one thread-pool
/// work item. So a caller's continuation never runs on the read loop (a blocking continuation cannot stall reads, nor
/// deadlock waiting for a response the read loop would deliver), yet at high concurrency one work item serves a whole
/// read, not one per response. The item goes to the global queue, not the read loop thread's own: a read loop that
/// keeps finding bytes does not return to the pool, and other threads only take from a thread's own queue when the
/// global one is empty, so completions queued there could wait behind a busy pool (measured: no faster either way).
/// A continuation may block until another completion of the same batch has run (sync over async on a call started
/// earlier): whoever takes an item while others remain first makes sure a helper is queued that any pool thread can
/// run to take the rest, so a blocked item never holds the items behind it.
/// </summary>
internal sealed class ReadBatch : IThreadPoolWorkItem
{
    private readonly List<IThreadPoolWorkItem> _items = [];
    private int _next;          // the next item to take (items are taken once, by whichever thread comes first)
    private int _helperQueued;  // 1 while a helper is queued and has not started

    /// <summary>Defers <paramref name="item"/> to the end of the read.</summary>
    public void Defer(IThreadPoolWorkItem item) => _items.Add(item);

    /// <summary>
    /// Ends the read: queues what was deferred (one item alone, several as one batch) and returns the batch for the
    /// next read: this one when it was not handed to the thread pool, a new one when it was.
    /// </summary>
    public ReadBatch Flush()
    {
        switch (_items.Count)
        {
            case 0:
                return this;
            case 1:
                var item = _items[0];
                _items.Clear();
                ThreadPool.UnsafeQueueUserWorkItem(item, preferLocal: false);
                return this;
            default:
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return new ReadBatch();
        }
    }

    public void Execute()
    {
        Volatile.Write(ref _helperQueued, 0);
        while (true)
        {
            var index = Interlocked.Increment(ref _next) - 1;
            if (index >= _items.Count) return;
            if (index + 1 < _items.Count && Interlocked.CompareExchange(ref _helperQueued, 1, 0) == 0)
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            _items[index].Execute();
        }
    }
}
