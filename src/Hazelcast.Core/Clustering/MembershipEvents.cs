using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Clustering;

/// <summary>
/// The client's membership events: the changes of the members view, handed over in order by one loop (never on the
/// connection's read loop, so a slow handler holds up no response), to the event's handlers and to each watcher. A
/// watcher first gets the membership as the events so far left it, so it misses nothing and sees nothing twice.
/// </summary>
internal sealed class MembershipEvents : IAsyncDisposable
{
    /// <summary>How many changes a watcher may fall behind; past that its oldest go (each carries the whole membership, so its view ends right).</summary>
    internal const int WatcherCapacity = 64;

    private readonly Channel<MembershipChangedEventArgs> _queue = Channel.CreateUnbounded<MembershipChangedEventArgs>(new() { SingleReader = true });
    private readonly List<Channel<MembershipChangedEventArgs>> _watchers = [];
    private readonly ILogger _logger;
    private readonly Task _loop;
    private IReadOnlyList<ClusterMember> _members = [];

    public MembershipEvents(ILogger logger)
    {
        _logger = logger;
        _loop = Task.Run(LoopAsync);
    }

    private volatile EventHandler<MembershipChangedEventArgs>[] _handlers = [];

    /// <summary>The sender the handlers are given: the client.</summary>
    public object? Sender { get; set; }

    /// <summary>Adds a handler of <see cref="IHazelcastClient.MembershipChanged"/>.</summary>
    public void Add(EventHandler<MembershipChangedEventArgs>? handler)
    {
        if (handler is null) return;
        lock (_watchers) _handlers = [.. _handlers, handler];
    }

    /// <summary>Removes a handler (its last registration).</summary>
    public void Remove(EventHandler<MembershipChangedEventArgs>? handler)
    {
        if (handler is null) return;
        lock (_watchers)
        {
            var index = Array.LastIndexOf(_handlers, handler);
            if (index >= 0) _handlers = [.. _handlers[..index], .. _handlers[(index + 1)..]];
        }
    }

    /// <summary>The members view changed (called by the connection manager, on the read loop): queued, never run here.</summary>
    public void OnMembersChanged(IReadOnlyList<ClusterMember> added, IReadOnlyList<ClusterMember> removed, IReadOnlyList<ClusterMember> members)
        => _queue.Writer.TryWrite(new MembershipChangedEventArgs(added, removed, members, isInitial: false));

    private async Task LoopAsync()
    {
        await foreach (var e in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            lock (_watchers)
            {
                _members = e.Members;
                foreach (var watcher in _watchers) watcher.Writer.TryWrite(e);
            }
            foreach (var handler in _handlers)
            {
                try
                {
                    handler(Sender, e);
                }
                catch (Exception exception)
                {
                    ClusterLog.MembershipHandlerFailed(_logger, exception); // the other handlers still run
                }
            }
        }
        lock (_watchers)
            foreach (var watcher in _watchers) watcher.Writer.TryComplete();
    }

    /// <summary>The membership now (as the events handed over so far say), then each change, until the token or the client's end.</summary>
    public async IAsyncEnumerable<MembershipChangedEventArgs> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watcher = Channel.CreateBounded<MembershipChangedEventArgs>(new BoundedChannelOptions(WatcherCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
        lock (_watchers)
        {
            watcher.Writer.TryWrite(new MembershipChangedEventArgs(_members, [], _members, isInitial: true));
            if (_loop.IsCompleted) watcher.Writer.TryComplete();
            else _watchers.Add(watcher);
        }
        try
        {
            await foreach (var e in watcher.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return e;
        }
        finally
        {
            lock (_watchers) _watchers.Remove(watcher);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
