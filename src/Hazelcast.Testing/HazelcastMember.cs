using System.Net;
using System.Net.Sockets;
using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Testing;

/// <summary>One member of an in-process cluster: a TCP listener and the client connections it accepted.</summary>
public sealed class HazelcastMember
{
    private readonly HazelcastCluster _cluster;
    private readonly object _listening = new(); // the listener, or the silent port in its place
    private Socket _listener;
    private SilentPort? _silent;
    private readonly List<ClientSession> _sessions = [];
    private readonly CancellationTokenSource _stopping = new();
    private long _requests;
    private long _misrouted;

    internal HazelcastMember(HazelcastCluster cluster, Guid uuid, IPAddress address, int port)
    {
        _cluster = cluster;
        Uuid = uuid;
        NodeId = cluster.State.NextNodeId();
        _listener = Listen(new IPEndPoint(address, port));
        EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        Info = new MemberInfo(uuid, false, new Address(EndPoint.Port, cluster.Options.Host), [],
            MemberHandshake.MemberVersionOf(cluster.Options.Version), []);
    }

    /// <summary>The member's node id in Flake IDs (its join order in the cluster's life: a restarted member has a new one).</summary>
    public int NodeId { get; }

    /// <summary>The member's uuid (it is a new one when a member restarts).</summary>
    public Guid Uuid { get; }

    /// <summary>The address the member listens on.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The member's port.</summary>
    public int Port => EndPoint.Port;

    /// <summary>Requests this member has served.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Partition-bound requests this member received for a partition it does not own.</summary>
    public long MisroutedRequests => Interlocked.Read(ref _misrouted);

    /// <summary>Client connections currently open on this member.</summary>
    public int ConnectionCount
    {
        get { lock (_sessions) return _sessions.Count; }
    }

    internal MemberInfo Info { get; }

    internal HazelcastCluster Cluster => _cluster;

    private readonly List<byte[]> _recorded = [];

    /// <summary>When true, the member keeps a copy of every request it receives (see <see cref="TakeRecordedRequests"/>).</summary>
    public bool RecordRequests { get; set; }

    /// <summary>The requests recorded since the last call, as the exact bytes received (frames and headers).</summary>
    public IReadOnlyList<byte[]> TakeRecordedRequests()
    {
        lock (_recorded)
        {
            var result = _recorded.ToList();
            _recorded.Clear();
            return result;
        }
    }

    internal void Record(Hazelcast.Protocol.ClientMessage request)
    {
        if (!RecordRequests) return;
        lock (_recorded) _recorded.Add(request.Span.ToArray());
    }

    internal void CountRequest(int partitionId)
    {
        Interlocked.Increment(ref _requests);
        if (partitionId >= 0 && _cluster.State.OwnerOf(partitionId) != Uuid) Interlocked.Increment(ref _misrouted);
    }

    /// <summary>The transactions open on this member's connections (created, neither committed nor rolled back yet).</summary>
    public int OpenTransactions => Sessions.Sum(s => s.OpenTransactions);

    /// <summary>The SQL cursors open on this member's connections (queries whose last page was not fetched, not closed).</summary>
    public int OpenSqlCursors => Sessions.Sum(s => s.OpenSqlCursors);

    internal ClientSession[] Sessions
    {
        get { lock (_sessions) return _sessions.ToArray(); }
    }

    private static Socket Listen(IPEndPoint endPoint)
    {
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(endPoint);
        listener.Listen(128);
        return listener;
    }

    internal void Start()
    {
        var listener = _listener;
        _ = Task.Run(() => AcceptLoopAsync(listener));
    }

    /// <summary>
    /// Fault injection: new connections get no answer (their SYN is dropped, as by a firewall or a host gone from the
    /// network: a client's connect hangs until its own timeout), while the connections already open go on. See
    /// <see cref="AcceptNewConnections"/>.
    /// </summary>
    public void DropNewConnections()
    {
        lock (_listening)
        {
            if (_silent is not null || IsStopping) return;
            _listener.Dispose();
            _silent = SilentPort.Hold(EndPoint);
        }
    }

    /// <summary>Ends <see cref="DropNewConnections"/>: the member accepts connections again (a client's SYN retransmitted meanwhile gets through).</summary>
    public void AcceptNewConnections()
    {
        lock (_listening)
        {
            if (_silent is null || IsStopping) return;
            _silent.Dispose();
            _silent = null;
            _listener = Listen(EndPoint);
            Start();
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (ConnectionCount >= _cluster.Options.MaxConnectionsPerMember)
            {
                // Past the limit: closed at once, before it costs a handshake or a session.
                Interlocked.Increment(ref _refusedConnections);
                socket.Dispose();
                continue;
            }
            if (_cluster.Options.Tls is { } tls) _ = AcceptTlsAsync(socket, tls);
            else Serve(socket, null);
        }
    }

    private void Serve(Socket socket, System.Net.Security.SslStream? tls)
    {
        var session = new ClientSession(this, _cluster.State);
        // Until it authenticates, a connection gets room for an authentication request only, and a deadline.
        var connection = new MessageConnection(socket, ConnectionRole.Member, session, maxMessageSize: _cluster.Options.MaxMessageSizeBeforeAuthentication, tls: tls);
        session.Attach(connection);
        lock (_sessions) _sessions.Add(session);
        connection.Start();
        _ = Task.Delay(_cluster.Options.AuthenticationTimeout, _stopping.Token).ContinueWith(_ =>
        {
            if (session.IsAuthenticated || !connection.IsActive) return;
            Interlocked.Increment(ref _authenticationTimeouts);
            connection.Close(new HazelcastConnectionException($"The client did not authenticate within {_cluster.Options.AuthenticationTimeout.TotalSeconds:0.###} s."));
        }, CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>Connections closed at once because the member had <see cref="HazelcastClusterOptions.MaxConnectionsPerMember"/> open.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    private long _refusedConnections;

    /// <summary>Connections closed because they did not authenticate within <see cref="HazelcastClusterOptions.AuthenticationTimeout"/>.</summary>
    public long AuthenticationTimeouts => Interlocked.Read(ref _authenticationTimeouts);

    private long _authenticationTimeouts;

    /// <summary>
    /// The first byte of each connection this member accepted with TLS on (a TLS record starts with 0x16, a handshake):
    /// what shows that a client sent nothing in cleartext, not even the protocol's preamble.
    /// </summary>
    public IReadOnlyList<byte> FirstBytes
    {
        get { lock (_firstBytes) return _firstBytes.ToArray(); }
    }

    private readonly List<byte> _firstBytes = [];

    /// <summary>TLS handshakes that failed on this member (a refused or missing client certificate, a client that is not TLS, a timeout).</summary>
    public long FailedHandshakes => Interlocked.Read(ref _failedHandshakes);

    private long _failedHandshakes;

    /// <summary>The TLS handshake of one accepted connection, off the accept loop and within the handshake timeout.</summary>
    private async Task AcceptTlsAsync(Socket socket, MemberTlsOptions options)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(options.HandshakeTimeout);
        var stream = new System.Net.Security.SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
        try
        {
            var first = new byte[1];
            if (await socket.ReceiveAsync(first, SocketFlags.Peek, timeout.Token).ConfigureAwait(false) == 1)
            {
                lock (_firstBytes) _firstBytes.Add(first[0]);
                // Not a TLS handshake record (a client speaking the protocol in cleartext): close at once.
                if (first[0] != 0x16) throw new System.Security.Authentication.AuthenticationException($"The first byte is 0x{first[0]:X2}, not a TLS handshake.");
            }
            await stream.AuthenticateAsServerAsync(options.ServerOptions(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _failedHandshakes);
            await stream.DisposeAsync().ConfigureAwait(false);
            return;
        }
        Serve(socket, stream);
    }

    internal void Remove(ClientSession session)
    {
        lock (_sessions) _sessions.Remove(session);
    }

    /// <summary>
    /// Fault injection: a slow member. Everything it sends (responses, events, backup acks) leaves this much later,
    /// in order, as from an overloaded member or over a congested network; requests are still served at once.
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Fault injection: how long this member waits before sending the backup acks it owes clients.</summary>
    public TimeSpan BackupAckDelay { get; set; }

    /// <summary>
    /// Fault injection: this member sends no near-cache invalidations (their sequences still advance, as when the events
    /// are lost on the way), so that near caches must find what they missed by comparing sequences with the members'.
    /// </summary>
    public bool DropInvalidations { get; set; }

    /// <summary>Fault injection: this member applies backups but never sends their acks to clients.</summary>
    public bool DropBackupAcks { get; set; }

    /// <summary>
    /// Fault injection: the backups of the writes to the partitions this member owns are lost on their way to the
    /// backup replicas (no replica applies them, none acks them to the client), as when the member's backup operations
    /// are dropped by a lossy network or an overloaded peer. Turned off, the replicas catch up at once (Hazelcast's
    /// replica sync). If the member is killed meanwhile, the replicas promoted in its place lack those writes: they are
    /// lost for real (<see cref="HazelcastCluster.ChangesLostWithBackups"/> counts them). A client learns of it only as
    /// backup acks that never come: the write completes at the backup-ack timeout, or fails with
    /// <c>IndeterminateOperationStateException</c> when it asked so.
    /// </summary>
    public bool DropBackups
    {
        get => _dropBackups;
        set
        {
            _dropBackups = value;
            _cluster.State.SetDroppingBackups(Uuid, value);
        }
    }

    private bool _dropBackups;

    /// <summary>
    /// Fault injection: this member answers Client.SendSchema without taking the schema (it lists no member as having
    /// it), as a member cut off from the rest of its cluster would.
    /// </summary>
    public bool RefuseSchemas { get; set; }

    /// <summary>Fault injection: this member refuses Client.LocalBackupListener (as a member that does not know it), so it can send no backup ack.</summary>
    public bool RefuseBackupListener { get; set; }

    /// <summary>Backup acks this member has sent to clients.</summary>
    public long BackupAcksSent => Interlocked.Read(ref _backupAcksSent);

    private long _backupAcksSent;

    internal void CountBackupAck() => Interlocked.Increment(ref _backupAcksSent);

    /// <summary>
    /// Fault injection: a black hole, as a host cut off by a firewall that drops packets: the sockets stay open (no
    /// FIN, no RST), what clients send is read and dropped, and nothing is sent (no response, no event, no ack) until
    /// <see cref="EndBlackHole"/>. Unlike <see cref="Pause"/>, nothing is held to be served later.
    /// </summary>
    public void BlackHole() => IsBlackHoled = true;

    /// <summary>Ends a black hole: requests are served again (those dropped meanwhile are gone).</summary>
    public void EndBlackHole() => IsBlackHoled = false;

    /// <summary>Whether the member is a black hole (see <see cref="BlackHole"/>).</summary>
    public bool IsBlackHoled { get; private set; }

    /// <summary>
    /// Fault injection: for <paramref name="duration"/>, every data request (anything but the Client.* messages of the
    /// handshake, pings and schemas) is answered with <paramref name="error"/>, as a real member answers
    /// <see cref="RemoteError.WrongTarget"/> or <see cref="RemoteError.PartitionMigrating"/> while partitions move.
    /// </summary>
    public void FailRequests(RemoteError error, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        _injected = (error, _cluster.Options.TimeProvider.GetUtcNow() + duration);
    }

    /// <summary>The error to answer a data request with now, if one is injected.</summary>
    internal RemoteError? InjectedError(ClientMessage request)
    {
        if (_injected is not { } injected || _cluster.Options.TimeProvider.GetUtcNow() >= injected.Until) return null;
        return (request.MessageType >> 16) == 0 ? null : injected.Error; // service 0x00: the client's own messages
    }

    private (RemoteError Error, DateTimeOffset Until)? _injected;

    /// <summary>Requests answered with an injected error so far.</summary>
    public long InjectedErrors => Interlocked.Read(ref _injectedErrors);

    private long _injectedErrors;

    internal void CountInjectedError() => Interlocked.Increment(ref _injectedErrors);

    /// <summary>Whether the member is paused: it keeps its sockets open but answers nothing until resumed.</summary>
    public bool IsPaused { get; private set; }

    private readonly List<Action> _held = [];

    /// <summary>Pauses the member, as a stopped process would be: connections stay open, requests wait unanswered.</summary>
    public void Pause()
    {
        lock (_held) IsPaused = true;
    }

    /// <summary>Resumes a paused member: what it held (requests to serve, backup acks to send) runs in order.</summary>
    public void Resume()
    {
        List<Action> held;
        lock (_held)
        {
            IsPaused = false;
            held = [.. _held];
            _held.Clear();
        }
        foreach (var action in held) action();
    }

    /// <summary>Holds work while paused; false when the member is running and should do it now.</summary>
    internal bool TryHold(Action work)
    {
        lock (_held)
        {
            if (!IsPaused) return false;
            _held.Add(work);
            return true;
        }
    }

    private int _serving;

    /// <summary>Whether the member is going down: it reads no more requests.</summary>
    internal bool IsStopping => _stopping.IsCancellationRequested;

    /// <summary>A request is being served (its handler runs, or it waits on the member for an item, a lock, a read).</summary>
    internal void BeginServing() => Interlocked.Increment(ref _serving);

    /// <summary>A request was answered, or dropped with its connection.</summary>
    internal void EndServing() => Interlocked.Decrement(ref _serving);

    /// <summary>
    /// Stops the member as a process that dies does: it reads no more requests, the requests waiting on it end
    /// unanswered (no item is taken nor lock granted for them), and what it already did is answered: the responses it
    /// produced reach the wire before the sockets close, as bytes written to a socket outlive the process that wrote
    /// them. So every change a client was told of was made, and every change made was told (at most a brief drain:
    /// the handlers in progress finish, 1 s at most).
    /// </summary>
    internal async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        lock (_listening)
        {
            _listener.Dispose();
            _silent?.Dispose();
        }
        var sessions = Sessions;
        foreach (var session in sessions) session.Abort();
        for (var i = 0; i < 100 && Volatile.Read(ref _serving) > 0; i++) await Task.Delay(10).ConfigureAwait(false);
        foreach (var session in sessions) session.Connection.CloseAfterWrites();
        await Task.WhenAny(Task.WhenAll(sessions.Select(s => s.Connection.Closed)), Task.Delay(1000)).ConfigureAwait(false);
        foreach (var session in sessions) session.Connection.Close(null);
    }

    /// <inheritdoc />
    public override string ToString() => $"Member {Uuid} at {EndPoint}";
}
