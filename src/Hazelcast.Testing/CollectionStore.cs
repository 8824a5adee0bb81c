using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Testing;

/// <summary>A registered item listener (a queue's, list's or set's); its events have the type id of the message that registered it.</summary>
internal sealed record ItemListener(Guid Id, ClientSession Session, long CorrelationId, bool IncludeValue, bool LocalOnly, int EventMessageType);

/// <summary>
/// One queue's, list's or set's items, in one partition (its name's), with its item listeners and, for a queue, the
/// callers waiting for an item or for room. Every operation runs under the store's lock, and events are queued to the
/// listeners' connections before it is released, so they arrive in the order of the changes. Items compare by their
/// serialized bytes, as on a real member.
/// </summary>
internal sealed class CollectionStore
{
    public enum Kinds { Queue, List, Set }

    private readonly ClusterState _cluster;
    private readonly List<Data> _items = [];
    private readonly List<ItemListener> _listeners = [];
    private readonly LinkedList<Poller> _pollers = new();
    private readonly LinkedList<Offerer> _offerers = new();
    private readonly object _mutex = new();

    // Silent: a transaction's poll, which takes the item at once and publishes its removal at commit.
    private sealed record Poller(TaskCompletionSource<Data> Result, bool Silent = false);

    // Reservation: a transaction's offer, which holds room for its item until it commits or rolls back.
    private sealed record Offerer(Data Item, TaskCompletionSource<bool> Result, bool Reservation = false);

    // The room transactions hold for the items they offered (a queue's): counted against MaxSize.
    private int _reservedOffers;

    private bool HasRoom => _items.Count + _reservedOffers < MaxSize;

    public CollectionStore(Kinds kind, string serviceName, string name, int partitionId, int maxSize, ClusterState cluster)
    {
        Kind = kind;
        ServiceName = serviceName;
        Name = name;
        PartitionId = partitionId;
        MaxSize = maxSize;
        _cluster = cluster;
    }

    public Kinds Kind { get; }

    public string ServiceName { get; }

    public string Name { get; }

    /// <summary>The partition the collection lives in: its name's.</summary>
    public int PartitionId { get; }

    /// <summary>How many items it holds at most (a queue's max-size; unbounded otherwise).</summary>
    public int MaxSize { get; }

    // ------------------------------------------------------------------ reads

    public int Size()
    {
        lock (_mutex) return _items.Count;
    }

    public List<Data> Items()
    {
        lock (_mutex) return [.. _items];
    }

    public Data Peek()
    {
        lock (_mutex) return _items.Count > 0 ? _items[0] : default;
    }

    public bool Contains(Data item)
    {
        lock (_mutex) return _items.Contains(item);
    }

    public bool ContainsAll(IEnumerable<Data> items)
    {
        lock (_mutex) return items.All(_items.Contains);
    }

    public int RemainingCapacity()
    {
        lock (_mutex) return MaxSize == int.MaxValue ? int.MaxValue : MaxSize - _items.Count - _reservedOffers;
    }

    public Data Get(int index)
    {
        lock (_mutex)
        {
            CheckIndex(index);
            return _items[index];
        }
    }

    public int IndexOf(Data item, bool last)
    {
        lock (_mutex) return last ? _items.LastIndexOf(item) : _items.IndexOf(item);
    }

    public List<Data> Sub(int from, int to)
    {
        lock (_mutex)
        {
            if (from < 0 || to > _items.Count || from > to)
                throw new RemoteErrorException(RemoteError.IndexOutOfBounds, $"fromIndex: {from}, toIndex: {to}, size: {_items.Count}");
            return _items.GetRange(from, to - from);
        }
    }

    /// <summary>An index of an item (0 to size − 1) or, for an insertion, of a place (0 to size), as java.util.ArrayList checks it.</summary>
    private void CheckIndex(int index, bool insertion = false)
    {
        if (index < 0 || index > (insertion ? _items.Count : _items.Count - 1))
            throw new RemoteErrorException(RemoteError.IndexOutOfBounds, $"Index: {index}, Size: {_items.Count}");
    }

    // ------------------------------------------------------------------ writes

    /// <summary>Adds an item at the tail; false when a queue is full or a set already holds it.</summary>
    public bool Add(Data item)
    {
        lock (_mutex) return AddCore(item);
    }

    private bool AddCore(Data item)
    {
        if (!HasRoom) return false;
        if (Kind == Kinds.Set && _items.Contains(item)) return false;
        _items.Add(item);
        Publish(item, added: true);
        ServePollers();
        return true;
    }

    /// <summary>Adds items at the tail (or at <paramref name="index"/>); a queue takes all or none (false when it has no room for them all).</summary>
    public bool AddAll(IReadOnlyList<Data> items, int index = -1)
    {
        lock (_mutex)
        {
            if (index >= 0)
            {
                CheckIndex(index, insertion: true);
                _items.InsertRange(index, items);
                foreach (var item in items) Publish(item, added: true);
                return items.Count > 0;
            }
            if (Kind == Kinds.Queue)
            {
                // As a real member's AddAllOperation: all or nothing, and true when there was room (for none too).
                if (_items.Count + _reservedOffers + items.Count > MaxSize) return false;
                foreach (var item in items) AddCore(item);
                return true;
            }
            var changed = false;
            foreach (var item in items) changed |= AddCore(item);
            return changed;
        }
    }

    public void Insert(int index, Data item)
    {
        lock (_mutex)
        {
            CheckIndex(index, insertion: true);
            _items.Insert(index, item);
            Publish(item, added: true);
        }
    }

    public Data Set(int index, Data item)
    {
        lock (_mutex)
        {
            CheckIndex(index);
            var old = _items[index];
            _items[index] = item;
            Publish(old, added: false);
            Publish(item, added: true);
            return old;
        }
    }

    public Data RemoveAt(int index)
    {
        lock (_mutex)
        {
            CheckIndex(index);
            var old = _items[index];
            RemoveAtCore(index);
            return old;
        }
    }

    public bool Remove(Data item)
    {
        lock (_mutex)
        {
            var index = _items.IndexOf(item);
            if (index < 0) return false;
            RemoveAtCore(index);
            return true;
        }
    }

    /// <summary>Removes an item; the callers waiting for room are let in after, unless the caller lets them in once it is done (a bulk removal).</summary>
    private void RemoveAtCore(int index, bool serveOfferers = true, bool publish = true)
    {
        var item = _items[index];
        _items.RemoveAt(index);
        if (publish) Publish(item, added: false);
        if (serveOfferers) ServeOfferers();
    }

    /// <summary>Removes the items that are (<paramref name="retain"/> false) or are not (true) among <paramref name="items"/>.</summary>
    public bool RemoveAll(IReadOnlyList<Data> items, bool retain)
    {
        lock (_mutex)
        {
            var set = items.ToHashSet();
            var changed = false;
            for (var i = _items.Count - 1; i >= 0; i--)
            {
                if (set.Contains(_items[i]) == retain) continue;
                RemoveAtCore(i, serveOfferers: false);
                changed = true;
            }
            ServeOfferers();
            return changed;
        }
    }

    public void Clear()
    {
        lock (_mutex)
        {
            while (_items.Count > 0) RemoveAtCore(0, serveOfferers: false);
            ServeOfferers();
        }
    }

    /// <summary>Removes up to <paramref name="max"/> items from the head.</summary>
    public List<Data> Drain(int max)
    {
        lock (_mutex)
        {
            var drained = new List<Data>();
            while (_items.Count > 0 && drained.Count < max)
            {
                drained.Add(_items[0]);
                RemoveAtCore(0, serveOfferers: false);
            }
            ServeOfferers();
            return drained;
        }
    }

    // ------------------------------------------------------------------ blocking queue operations

    /// <summary>
    /// Offers an item, waiting up to <paramref name="timeoutMs"/> (−1: forever) for room: false when the timeout passes;
    /// cancelled, adding nothing, when the caller's connection closes.
    /// </summary>
    public Task<bool> OfferAsync(Data item, long timeoutMs, CancellationToken closed)
    {
        TaskCompletionSource<bool> result;
        LinkedListNode<Offerer> node;
        lock (_mutex)
        {
            if (AddCore(item)) return Task.FromResult(true);
            if (timeoutMs == 0) return Task.FromResult(false);
            result = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _offerers.AddLast(new Offerer(item, result));
        }
        EndWaitAfter(result, timeoutMs, closed, () => Unlink(node), false);
        return result.Task;
    }

    /// <summary>
    /// Polls the head, waiting up to <paramref name="timeoutMs"/> (−1: forever) for an item: no item when the timeout
    /// passes; cancelled when the caller's connection closes: no item is taken for a caller who left.
    /// </summary>
    /// <remarks><paramref name="silent"/>: a transaction's poll, whose removal event waits for its commit (<see cref="PublishRemoved"/>).</remarks>
    public Task<Data> PollAsync(long timeoutMs, CancellationToken closed, bool silent = false)
    {
        TaskCompletionSource<Data> result;
        LinkedListNode<Poller> node;
        lock (_mutex)
        {
            if (_items.Count > 0)
            {
                var head = _items[0];
                RemoveAtCore(0, publish: !silent);
                return Task.FromResult(head);
            }
            if (timeoutMs == 0) return Task.FromResult(default(Data));
            result = new TaskCompletionSource<Data>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _pollers.AddLast(new Poller(result, silent));
        }
        EndWaitAfter(result, timeoutMs, closed, () => Unlink(node), default(Data));
        return result.Task;
    }

    private const long MaxTimerMs = 0xFFFFFFFE;

    /// <summary>Takes a waiter out of its line; false when it was served already.</summary>
    private static bool Unlink<T>(LinkedListNode<T> node)
    {
        if (node.List is not { } list) return false;
        list.Remove(node);
        return true;
    }

    /// <summary>
    /// Ends a wait that is still waiting (<paramref name="unlink"/>, under the lock, says so): when its timeout passes
    /// it is answered (<paramref name="timedOut"/>); when its connection closes it is cancelled, and nothing is
    /// answered nor taken for it. The timer and the registration go when the wait completes.
    /// </summary>
    private void EndWaitAfter<T>(TaskCompletionSource<T> wait, long timeoutMs, CancellationToken closed, Func<bool> unlink, T timedOut)
    {
        // Past a timer's longest due time (about 49.7 days; Java clients send Long.MAX_VALUE for "forever") the wait has no end.
        if (timeoutMs > MaxTimerMs) timeoutMs = -1;
        void End(bool cancelled)
        {
            bool waiting;
            lock (_mutex) waiting = unlink();
            if (!waiting) return;
            if (cancelled) wait.TrySetCanceled(closed);
            else wait.TrySetResult(timedOut);
        }
        var registration = closed.Register(() => End(cancelled: true));
        var timer = timeoutMs > 0 ? _cluster.Time.CreateTimer(_ => End(cancelled: false), null, TimeSpan.FromMilliseconds(timeoutMs), Timeout.InfiniteTimeSpan) : null;
        wait.Task.ContinueWith(_ =>
        {
            registration.Dispose();
            timer?.Dispose();
        }, TaskScheduler.Default);
    }

    /// <summary>Hands items to the callers waiting for one, first come first served.</summary>
    private void ServePollers()
    {
        while (_items.Count > 0 && _pollers.First is { } first)
        {
            _pollers.RemoveFirst();
            var head = _items[0];
            RemoveAtCore(0, publish: !first.Value.Silent);
            first.Value.Result.TrySetResult(head);
        }
    }

    /// <summary>Lets the callers waiting for room add their items, first come first served.</summary>
    private void ServeOfferers()
    {
        while (HasRoom && _offerers.First is { } first)
        {
            _offerers.RemoveFirst();
            if (first.Value.Reservation)
            {
                _reservedOffers++;
            }
            else
            {
                _items.Add(first.Value.Item);
                Publish(first.Value.Item, added: true);
            }
            first.Value.Result.TrySetResult(true);
            ServePollers();
        }
    }

    // ------------------------------------------------------------------ a transaction's reservations

    /// <summary>
    /// Holds room for an item a transaction offers, waiting up to <paramref name="timeoutMs"/> for it as an offer
    /// does; the item joins the queue at commit (<see cref="CommitOffer"/>) or the room is given back
    /// (<see cref="CancelOfferReservation"/>).
    /// </summary>
    public Task<bool> ReserveOfferAsync(long timeoutMs, CancellationToken closed)
    {
        TaskCompletionSource<bool> result;
        LinkedListNode<Offerer> node;
        lock (_mutex)
        {
            if (HasRoom)
            {
                _reservedOffers++;
                return Task.FromResult(true);
            }
            if (timeoutMs == 0) return Task.FromResult(false);
            result = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _offerers.AddLast(new Offerer(default, result, Reservation: true));
        }
        EndWaitAfter(result, timeoutMs, closed, () => Unlink(node), false);
        return result.Task;
    }

    /// <summary>A transaction that offered an item commits: the item takes the room it held.</summary>
    public void CommitOffer(Data item)
    {
        lock (_mutex)
        {
            _reservedOffers--;
            _items.Add(item);
            Publish(item, added: true);
            ServePollers();
        }
    }

    /// <summary>A transaction that offered an item rolls back (or takes its own item back): the room it held is free.</summary>
    public void CancelOfferReservation()
    {
        lock (_mutex)
        {
            _reservedOffers--;
            ServeOfferers();
        }
    }

    /// <summary>Takes an item out for a transaction's removal, without an event (it comes at commit); the index it had, or −1.</summary>
    public int TakeSilently(Data item)
    {
        lock (_mutex)
        {
            var index = _items.IndexOf(item);
            if (index >= 0) RemoveAtCore(index, publish: false);
            return index;
        }
    }

    /// <summary>A transaction that took an item (a poll, a removal) rolls back: the item goes back where it was, without an event.</summary>
    public void Restore(Data item, int index)
    {
        lock (_mutex)
        {
            _items.Insert(Math.Min(index, _items.Count), item);
            ServePollers();
        }
    }

    /// <summary>A transaction that took an item commits: its removal is published now.</summary>
    public void PublishRemoved(Data item)
    {
        lock (_mutex) Publish(item, added: false);
    }

    // ------------------------------------------------------------------ listeners and lifecycle

    public void AddListener(ItemListener listener)
    {
        lock (_mutex) _listeners.Add(listener);
    }

    public bool RemoveListener(Guid id)
    {
        lock (_mutex) return _listeners.RemoveAll(l => l.Id == id) > 0;
    }

    public void OnSessionClosed(ClientSession session)
    {
        lock (_mutex) _listeners.RemoveAll(l => l.Session == session);
    }

    /// <summary>
    /// Sends an item event to every listener: a local-only registration (smart routing) hears it from the member that
    /// owns the collection's partition only, so that a client hears each change once.
    /// </summary>
    private void Publish(Data item, bool added)
    {
        if (_listeners.Count == 0) return;
        var owner = _cluster.OwnerOf(PartitionId);
        foreach (var l in _listeners)
        {
            if (l.LocalOnly && l.Session.Member.Uuid != owner) continue;
            var message = ItemEventCodec.Encode(l.EventMessageType, l.IncludeValue ? item : default, owner, added ? 1 : 2, PartitionId);
            message.CorrelationId = l.CorrelationId;
            l.Session.Send(message);
        }
    }

    /// <summary>The partition's replicas are all gone (members killed): the items are lost, as on a real cluster.</summary>
    public void Drop()
    {
        lock (_mutex) _items.Clear();
    }

    /// <summary>The collection is destroyed: its items go, and the callers waiting on it are told so.</summary>
    public void Destroy()
    {
        List<Poller> pollers;
        List<Offerer> offerers;
        lock (_mutex)
        {
            _items.Clear();
            _listeners.Clear();
            pollers = [.. _pollers];
            offerers = [.. _offerers];
            _pollers.Clear();
            _offerers.Clear();
        }
        var destroyed = new RemoteErrorException(RemoteError.DistributedObjectDestroyed, $"The {Kind} '{Name}' was destroyed.");
        foreach (var p in pollers) p.Result.TrySetException(destroyed);
        foreach (var o in offerers) o.Result.TrySetException(destroyed);
    }
}
