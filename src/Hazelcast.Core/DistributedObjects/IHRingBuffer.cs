namespace Hazelcast.DistributedObjects;

/// <summary>What an add does when a ringbuffer has no room (every slot holds an item within its time to live).</summary>
public enum OverflowPolicy
{
    /// <summary>The oldest item is overwritten (a ringbuffer without time to live always has room this way).</summary>
    Overwrite = 0,

    /// <summary>Nothing is added and the add returns −1.</summary>
    Fail = 1,
}

/// <summary>The result of a <see cref="IHRingBuffer{T}.ReadManyAsync"/>: the items read, in order, with their sequences.</summary>
public sealed class RingBufferReadResult<T> : IReadOnlyList<T>
{
    private readonly IReadOnlyList<T> _items;
    private readonly long[]? _sequences;

    internal RingBufferReadResult(IReadOnlyList<T> items, long[]? sequences, int readCount, long nextSequence)
    {
        _items = items;
        _sequences = sequences;
        ReadCount = readCount;
        NextSequence = nextSequence;
    }

    /// <summary>How many items the member read, before a filter dropped some.</summary>
    public int ReadCount { get; }

    /// <summary>The sequence to read from next.</summary>
    public long NextSequence { get; }

    /// <summary>The sequence of the item at <paramref name="index"/>.</summary>
    /// <exception cref="InvalidOperationException">The member did not send sequences (a member older than 4.0).</exception>
    public long GetSequence(int index)
        => (_sequences ?? throw new InvalidOperationException("The member did not send the items' sequences."))[index];

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <inheritdoc />
    public int Count => _items.Count;

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// A ringbuffer: a bounded, append-only sequence of items, each with a sequence number; readers read from any
/// sequence still held (from head to tail) and do not remove what they read. It lives in one partition (its name's).
/// </summary>
public interface IHRingBuffer<T> : IDistributedObject
{
    /// <summary>How many items it holds at most (the member's configuration, 10,000 by default).</summary>
    ValueTask<long> GetCapacityAsync(CancellationToken cancellationToken = default);

    /// <summary>How many items it holds now.</summary>
    ValueTask<long> GetSizeAsync(CancellationToken cancellationToken = default);

    /// <summary>The sequence of the newest item; −1 when nothing was ever added.</summary>
    ValueTask<long> GetTailSequenceAsync(CancellationToken cancellationToken = default);

    /// <summary>The sequence of the oldest item still held; tail + 1 when empty.</summary>
    ValueTask<long> GetHeadSequenceAsync(CancellationToken cancellationToken = default);

    /// <summary>How many items can be added before one within its time to live is overwritten (the capacity when there is no time to live).</summary>
    ValueTask<long> GetRemainingCapacityAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds an item at the tail and returns its sequence, or −1 when <paramref name="overflowPolicy"/> is <see cref="OverflowPolicy.Fail"/> and there is no room.</summary>
    ValueTask<long> AddAsync(T item, OverflowPolicy overflowPolicy = OverflowPolicy.Overwrite, CancellationToken cancellationToken = default);

    /// <summary>Adds items at the tail, in order, and returns the sequence of the last, or −1 when there was no room for them (<see cref="OverflowPolicy.Fail"/>).</summary>
    ValueTask<long> AddAllAsync(IEnumerable<T> items, OverflowPolicy overflowPolicy = OverflowPolicy.Overwrite, CancellationToken cancellationToken = default);

    /// <summary>Reads the item at a sequence, waiting for it when it is the next one to be added (tail + 1).</summary>
    /// <exception cref="StaleSequenceException">The sequence is older than the head (overwritten or expired).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The sequence is negative or beyond tail + 1.</exception>
    ValueTask<T> ReadOneAsync(long sequence, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads up to <paramref name="maxCount"/> items from <paramref name="startSequence"/> on, waiting until at least
    /// <paramref name="minCount"/> are there.
    /// </summary>
    /// <param name="startSequence">The first sequence to read.</param>
    /// <param name="minCount">How many items to wait for (0 returns at once).</param>
    /// <param name="maxCount">How many items to read at most (at most 1,000, as members allow).</param>
    /// <param name="filter">A filter the member runs on each item (an object its classpath knows, as IFunction); null reads every item.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="StaleSequenceException">The start sequence is older than the head.</exception>
    ValueTask<RingBufferReadResult<T>> ReadManyAsync(long startSequence, int minCount, int maxCount, object? filter = null, CancellationToken cancellationToken = default);
}
