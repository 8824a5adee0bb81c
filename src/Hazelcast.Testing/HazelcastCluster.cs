using System.Net;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Testing;

/// <summary>
/// An in-process Hazelcast cluster: 1 to 5 members on loopback that speak the client protocol 2.x as a real
/// member does. It is a test double of Hazelcast for tests and local development, not a replacement for it.
/// </summary>
/// <remarks>
/// All members of one cluster share a single, partitioned data store in this process (partitions are owned by
/// members round-robin, and each member only raises events for the partitions it owns). A request that reaches a
/// member which does not own its partition is served, as a real member would forward it, and counted in
/// <see cref="HazelcastMember.MisroutedRequests"/> so that tests can check a client's routing.
/// </remarks>
public sealed class HazelcastCluster : IAsyncDisposable
{
    private readonly List<HazelcastMember> _members = [];

    private HazelcastCluster(HazelcastClusterOptions options)
    {
        Options = options;
        State = new ClusterState(options);
    }

    /// <summary>The options the cluster was started with.</summary>
    public HazelcastClusterOptions Options { get; }

    internal ClusterState State { get; }

    /// <summary>The running members.</summary>
    public IReadOnlyList<HazelcastMember> Members
    {
        get { lock (State.Mutex) return _members.ToArray(); }
    }

    /// <summary>The cluster id announced to clients; it changes only when the whole cluster restarts.</summary>
    public Guid ClusterId => State.ClusterId;

    /// <summary>The members' addresses as <c>host:port</c>, for a client's configuration.</summary>
    public IReadOnlyList<string> Addresses => Members.Select(m => $"{Options.Host}:{m.Port}").ToArray();

    /// <summary>Starts a cluster.</summary>
    public static async Task<HazelcastCluster> StartAsync(HazelcastClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new HazelcastClusterOptions();
        options.Validate();
        var cluster = new HazelcastCluster(options);
        try
        {
            for (var i = 0; i < options.MemberCount; i++)
            {
                var port = options.BasePort == 0 ? 0 : options.BasePort + i;
                await cluster.AddMemberCoreAsync(port, migrateLater: false, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return cluster;
    }

    /// <summary>
    /// Starts one more member (on <paramref name="port"/>, or an ephemeral port when 0). It joins at once (the
    /// members view announces it); the partitions are rebalanced onto it <see cref="HazelcastClusterOptions.MigrationDelay"/>
    /// later, as a real cluster migrates replicas to a member after it joined (so clients have connected to it first).
    /// </summary>
    public Task<HazelcastMember> AddMemberAsync(int port = 0, CancellationToken cancellationToken = default)
        => AddMemberCoreAsync(port, migrateLater: true, cancellationToken);

    private Task<HazelcastMember> AddMemberCoreAsync(int port, bool migrateLater, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var member = new HazelcastMember(this, Guid.NewGuid(), IPAddress.Parse(Options.Host), port);
        bool later;
        lock (State.Mutex)
        {
            later = migrateLater && _members.Count > 0 && (Options.MigrationDelay > TimeSpan.Zero || Options.MigrationStep > TimeSpan.Zero);
            _members.Add(member);
            State.AddMember(member, rebalance: !later);
        }
        member.Start();
        State.PublishClusterView();
        if (later)
        {
            _ = Task.Delay(Options.MigrationDelay, Options.TimeProvider, CancellationToken.None).ContinueWith(_ =>
            {
                State.Rebalance();
                State.PublishClusterView();
            }, TaskScheduler.Default);
        }
        return Task.FromResult(member);
    }

    /// <summary>Kills a member abruptly: its listener and connections drop, and the others take over its partitions.</summary>
    public async Task KillMemberAsync(HazelcastMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (State.Mutex)
        {
            if (!_members.Remove(member)) throw new ArgumentException($"{member} is not a member of this cluster.", nameof(member));
        }
        await member.StopAsync().ConfigureAwait(false);
        State.RemoveMember(member, graceful: false);
        State.PublishClusterView();
    }

    /// <summary>Removes a member gracefully: the cluster announces the new view first, then the member closes.</summary>
    public async Task RemoveMemberAsync(HazelcastMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        lock (State.Mutex)
        {
            if (!_members.Remove(member)) throw new ArgumentException($"{member} is not a member of this cluster.", nameof(member));
        }
        State.RemoveMember(member, graceful: true);
        State.PublishClusterView();
        await Task.Delay(50).ConfigureAwait(false);
        await member.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Kills a member and starts a new one (with a new uuid) on the same port.</summary>
    public async Task<HazelcastMember> RestartMemberAsync(HazelcastMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        var port = member.Port;
        await KillMemberAsync(member).ConfigureAwait(false);
        return await AddMemberAsync(port, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Restarts the whole cluster: every member stops, the cluster comes back on the same ports (after
    /// <paramref name="downtime"/>, an outage) with new member uuids, a new cluster id and no data, as after a full
    /// restart of a real cluster.
    /// </summary>
    public async Task RestartClusterAsync(TimeSpan downtime = default, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(downtime, TimeSpan.Zero);
        var ports = Members.Select(m => m.Port).ToList();
        await KillAllAsync().ConfigureAwait(false);
        if (downtime > TimeSpan.Zero) await Task.Delay(downtime, Options.TimeProvider, cancellationToken).ConfigureAwait(false);
        State.Reset();
        foreach (var port in ports) await AddMemberCoreAsync(port, migrateLater: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops every member; <see cref="AddMemberAsync"/> can start new ones on the same ports later.</summary>
    public async Task KillAllAsync()
    {
        foreach (var member in Members) await KillMemberAsync(member).ConfigureAwait(false);
    }

    /// <summary>Fault injection: every CP session expires now (their locks and permits are released), as when clients die.</summary>
    public void ExpireCPSessions() => State.CP.ExpireAllSessions();

    /// <summary>
    /// Whether partitions are still migrating in steps (<see cref="HazelcastClusterOptions.MigrationStep"/>): until
    /// they are done, a partition may have fewer backup replicas than configured, and a member killed then may take
    /// the only copy of some data with it, as in a real cluster.
    /// </summary>
    public bool IsMigrating => State.IsMigrating;

    /// <summary>
    /// Map entries that went back to an older value, or away, because the member that owned them was killed while it
    /// dropped their backups (<see cref="HazelcastMember.DropBackups"/>).
    /// </summary>
    public long ChangesLostWithBackups => State.ChangesLostWithBackups;

    /// <summary>The last client statistics each client sent (by client uuid), decoded as a member decodes them.</summary>
    public IReadOnlyDictionary<Guid, ClientStatisticsReport> ClientStatistics => State.ClientStatistics;

    /// <summary>Entry listeners registered on a map, counted once per member they were registered on.</summary>
    public int EntryListenerCount(string mapName) => State.Map(mapName).ListenerCount;

    /// <summary>Stops all members and closes their connections.</summary>
    public async ValueTask DisposeAsync()
    {
        HazelcastMember[] members;
        lock (State.Mutex) members = _members.ToArray();
        foreach (var member in members) await member.StopAsync().ConfigureAwait(false);
        State.Dispose();
    }
}
