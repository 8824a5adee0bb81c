namespace Hazelcast.DistributedObjects;

/// <summary>A distributed object: a name, a service, and a life on the cluster until destroyed.</summary>
public interface IDistributedObject : IAsyncDisposable
{
    /// <summary>The object's name.</summary>
    string Name { get; }

    /// <summary>The Hazelcast service the object belongs to (<c>hz:impl:queueService</c>, ...).</summary>
    string ServiceName { get; }

    /// <summary>Destroys the object on the cluster: its data is gone for every client.</summary>
    ValueTask DestroyAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// What a distributed queue, list and set have in common. The collection lives in one partition (its name's), so
/// every operation is one round trip to one member. Items cannot be null.
/// </summary>
public interface IHCollection<T> : IDistributedObject, IAsyncEnumerable<T>
{
    /// <summary>Adds an item; false when the collection did not change (a set that has it).</summary>
    /// <exception cref="ArgumentNullException">The item is null.</exception>
    ValueTask<bool> AddAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Adds the items; true when the collection changed.</summary>
    ValueTask<bool> AddAllAsync(IEnumerable<T> items, CancellationToken cancellationToken = default);

    /// <summary>Removes one occurrence of an item; false when there was none.</summary>
    ValueTask<bool> RemoveAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Removes every item that is one of <paramref name="items"/>; true when the collection changed.</summary>
    ValueTask<bool> RemoveAllAsync(IEnumerable<T> items, CancellationToken cancellationToken = default);

    /// <summary>Keeps only the items that are among <paramref name="items"/>; true when the collection changed.</summary>
    ValueTask<bool> RetainAllAsync(IEnumerable<T> items, CancellationToken cancellationToken = default);

    /// <summary>Whether the collection holds the item (compared by serialized bytes, as members compare).</summary>
    ValueTask<bool> ContainsAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Whether the collection holds every one of the items.</summary>
    ValueTask<bool> ContainsAllAsync(IEnumerable<T> items, CancellationToken cancellationToken = default);

    /// <summary>The number of items.</summary>
    ValueTask<int> GetSizeAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the collection is empty.</summary>
    ValueTask<bool> IsEmptyAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes every item.</summary>
    ValueTask ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>A snapshot of the items, in the collection's order (a queue's from head to tail). <c>await foreach</c> enumerates the same snapshot.</summary>
    ValueTask<IReadOnlyList<T>> GetAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes to item events. The subscription follows the client through reconnections and member changes; events
    /// of one collection arrive in the order the member applied the changes.
    /// </summary>
    /// <param name="configure">Registers the handlers (<c>h =&gt; h.ItemAdded(...).ItemRemoved(...)</c>).</param>
    /// <param name="includeItems">Whether events carry the item (false saves the bytes when only the fact matters).</param>
    /// <param name="cancellationToken">Cancels the registration.</param>
    /// <returns>The subscription's id, for <see cref="UnsubscribeAsync"/>.</returns>
    ValueTask<Guid> SubscribeAsync(Action<CollectionItemEventHandlers<T>> configure, bool includeItems = true, CancellationToken cancellationToken = default);

    /// <summary>Removes a subscription; false when this client has none of that id.</summary>
    ValueTask<bool> UnsubscribeAsync(Guid subscriptionId, CancellationToken cancellationToken = default);
}

/// <summary>A distributed set: items without duplicates (by serialized bytes), in no particular order.</summary>
public interface IHSet<T> : IHCollection<T>;

/// <summary>A distributed list: items in order, duplicates allowed, addressed by index.</summary>
public interface IHList<T> : IHCollection<T>
{
    /// <summary>The item at an index.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the list (the member's IndexOutOfBounds).</exception>
    ValueTask<T> GetAsync(int index, CancellationToken cancellationToken = default);

    /// <summary>Replaces the item at an index and returns the one it replaced.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the list.</exception>
    ValueTask<T> SetAsync(int index, T item, CancellationToken cancellationToken = default);

    /// <summary>Inserts an item at an index (0 to the size), moving the following ones.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0 to the size.</exception>
    ValueTask InsertAsync(int index, T item, CancellationToken cancellationToken = default);

    /// <summary>Inserts items at an index, in order; true when the list changed.</summary>
    ValueTask<bool> InsertRangeAsync(int index, IEnumerable<T> items, CancellationToken cancellationToken = default);

    /// <summary>Removes the item at an index and returns it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the list.</exception>
    ValueTask<T> RemoveAtAsync(int index, CancellationToken cancellationToken = default);

    /// <summary>The index of the first occurrence of an item, or −1.</summary>
    ValueTask<int> IndexOfAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>The index of the last occurrence of an item, or −1.</summary>
    ValueTask<int> LastIndexOfAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>The items from <paramref name="fromIndex"/> (inclusive) to <paramref name="toIndex"/> (exclusive).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the list or reversed.</exception>
    ValueTask<IReadOnlyList<T>> GetSublistAsync(int fromIndex, int toIndex, CancellationToken cancellationToken = default);
}

/// <summary>
/// A distributed queue, first in first out, bounded or not (the member's <c>max-size</c>). Blocking operations wait on
/// the member, in turns of at most 10 s. Cancelling a poll or a take consumes no item: one the member hands out after
/// the caller gave up is offered back to the queue (at its tail). Cancelling an offer or a put stops the caller's wait,
/// but the member may still add the item while its current turn lasts (up to 10 s): a cancelled offer is a maybe.
/// </summary>
public interface IHQueue<T> : IHCollection<T>
{
    /// <summary>Adds an item at the tail, waiting up to <paramref name="timeout"/> for room in a full queue; false when there was none.</summary>
    /// <param name="item">The item.</param>
    /// <param name="timeout">How long to wait for room: zero (the default) does not wait; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <param name="cancellationToken">Stops the caller's wait (the item may still be added: see the interface's remarks).</param>
    ValueTask<bool> OfferAsync(T item, TimeSpan timeout = default, CancellationToken cancellationToken = default);

    /// <summary>Adds an item at the tail, waiting as long as it takes for room.</summary>
    ValueTask PutAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Removes and returns the head, waiting up to <paramref name="timeout"/> for one; default when there was none.</summary>
    /// <param name="timeout">How long to wait for an item: zero (the default) does not wait; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
    /// <param name="cancellationToken">Stops the wait; no item is consumed for the cancelled caller.</param>
    ValueTask<T?> PollAsync(TimeSpan timeout = default, CancellationToken cancellationToken = default);

    /// <summary>Removes and returns the head, waiting as long as it takes for one.</summary>
    /// <param name="cancellationToken">Stops the wait; no item is consumed for the cancelled caller.</param>
    ValueTask<T> TakeAsync(CancellationToken cancellationToken = default);

    /// <summary>The head without removing it; default when the queue is empty.</summary>
    ValueTask<T?> PeekAsync(CancellationToken cancellationToken = default);

    /// <summary>The head without removing it.</summary>
    /// <exception cref="InvalidOperationException">The queue is empty.</exception>
    ValueTask<T> GetElementAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes up to <paramref name="maxItems"/> items (all by default) and adds them to <paramref name="destination"/>; returns how many.</summary>
    ValueTask<int> DrainToAsync(ICollection<T> destination, int maxItems = int.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>How many more items the queue takes before it is full (<see cref="int.MaxValue"/> for an unbounded queue).</summary>
    ValueTask<int> GetRemainingCapacityAsync(CancellationToken cancellationToken = default);
}
