namespace Hazelcast.Testing;

/// <summary>Options of an in-process cluster.</summary>
public sealed class HazelcastClusterOptions
{
    /// <summary>How many members to start, 1 to 5. Default 1.</summary>
    public int MemberCount { get; set; } = 1;

    /// <summary>The cluster name clients must present. Default <c>dev</c>.</summary>
    public string ClusterName { get; set; } = "dev";

    /// <summary>The first member's port; members take consecutive ports. 0 (the default) picks free ephemeral ports.</summary>
    public int BasePort { get; set; }

    /// <summary>The address members bind to and advertise. Default <c>127.0.0.1</c>.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>When set, clients must authenticate with this user name and <see cref="Password"/>.</summary>
    public string? Username { get; set; }

    /// <summary>The password that goes with <see cref="Username"/>.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// When set, clients must authenticate with this token (Hazelcast's TokenCredentials, sent with
    /// Client.AuthenticationCustom as its UTF-8 bytes); username/password authentication is then refused.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>The most client connections one member keeps open; more are closed as soon as they are accepted. Default 1,000.</summary>
    public int MaxConnectionsPerMember { get; set; } = 1000;

    /// <summary>How long a connection may take to authenticate before the member closes it. Default 10 seconds.</summary>
    public TimeSpan AuthenticationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest message taken before a connection has authenticated (an authentication request is a few hundred bytes). Default 64 KiB.</summary>
    public int MaxMessageSizeBeforeAuthentication { get; set; } = 64 * 1024;

    /// <summary>The largest message taken from an authenticated client (and the most bytes of fragmented messages it has open). Default 64 MiB.</summary>
    public int MaxMessageSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>TLS on every member, or null (the default) for plain TCP.</summary>
    public MemberTlsOptions? Tls { get; set; }

    /// <summary>The partition count. Default 271, Hazelcast's default.</summary>
    public int PartitionCount { get; set; } = 271;

    /// <summary>
    /// How many backup replicas each partition has, 0 to 6. Default 1, Hazelcast's default. When members are
    /// killed, a partition whose primary and backups were all on them loses its data, as on a real cluster.
    /// </summary>
    public int BackupCount { get; set; } = 1;

    /// <summary>How long a CP session lives without heartbeats; its locks and permits are then released. Default 300 s, Hazelcast's default.</summary>
    public TimeSpan CPSessionTimeToLive { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Names of the semaphores configured as JDK-compatible (sessionless); the others are session-aware.</summary>
    public ISet<string> JdkCompatibleSemaphores { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The maps that keep per-entry statistics (Hazelcast's <c>MapConfig.perEntryStatsEnabled</c>, off by default): names,
    /// or patterns with one <c>*</c> wildcard as in Hazelcast's configuration (<c>stats-*</c>). Only their entry views
    /// carry hits and times; the others report -1, as a real member does.
    /// </summary>
    public ISet<string> PerEntryStatsMaps { get; } = new HashSet<string>(StringComparer.Ordinal);

    internal bool HasPerEntryStats(string mapName) => PerEntryStatsMaps.Any(p => Matches(p, mapName));

    /// <summary>
    /// The queues' maximum sizes (Hazelcast's <c>QueueConfig.maxSize</c>), by name or pattern with one <c>*</c>: an offer
    /// to a full queue waits or answers false, as on a real member. The others are unbounded (Hazelcast's default, 0).
    /// </summary>
    public IDictionary<string, int> QueueMaxSizes { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>
    /// The ringbuffers' configuration (Hazelcast's <c>RingbufferConfig</c>), by name or pattern with one <c>*</c>; a
    /// reliable topic's ringbuffer is <c>_hz_rb_&lt;topic&gt;</c>. The others have Hazelcast's defaults: capacity
    /// 10,000, no time to live.
    /// </summary>
    public IDictionary<string, RingbufferOptions> Ringbuffers { get; } = new Dictionary<string, RingbufferOptions>(StringComparer.Ordinal);

    internal int QueueMaxSizeOf(string name) => Configured(QueueMaxSizes, name) is { } size and > 0 ? size : int.MaxValue;

    internal RingbufferOptions RingbufferOf(string name) => Configured(Ringbuffers, name) ?? new RingbufferOptions();

    /// <summary>A structure's configuration: its own, or the longest matching pattern's (<see cref="ConfigurationPatterns"/>, the client's rule too).</summary>
    private static T? Configured<T>(IDictionary<string, T> configs, string name) => ConfigurationPatterns.Find(configs, name, out _);

    private static bool Matches(string pattern, string name) => ConfigurationPatterns.Matches(pattern, name);

    /// <summary>
    /// How long after a client's last connection closes its map locks are released. A real member notices a departed
    /// client at its next cleanup round (<c>hazelcast.client.cleanup.period.millis</c>, 10 s by default), so the
    /// release comes up to that long after; this member waits the whole delay. Default 10 s; zero releases at once.
    /// </summary>
    public TimeSpan ClientCleanupDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an operation may wait on a member before it fails with OperationTimeout
    /// (<c>hazelcast.operation.call.timeout.millis</c>, 60 s by default): a map read of a key a ONE_PHASE transaction
    /// locked waits that long at most.
    /// </summary>
    public TimeSpan OperationCallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an SQL cursor a client stopped fetching (without closing it) stays open.</summary>
    public TimeSpan SqlCursorExpiry { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long after a member joins a running cluster its partition replicas move to it. A real cluster migrates
    /// replicas to a member after it joined, by which time the clients told of it have connected to it; so the backup
    /// acks it sends reach them and writes do not wait for the backup-ack timeout. Default 500 ms; zero moves them at once.
    /// </summary>
    public TimeSpan MigrationDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long one step of a migration takes. Zero (the default): a rebalance moves the whole partition table at
    /// once. Positive: as in a real cluster, partitions move <see cref="ParallelMigrations"/> at a time, each step
    /// announced to clients with a new partition table version; requests for a partition in a step wait until it
    /// ends (a real member retries them internally on <c>PartitionMigratingException</c>), and requests routed by
    /// an older table reach the old owner, which serves them as a real member forwards them. A member that dies
    /// has its primaries promoted on their backups at once; the rest of the table moves in steps after.
    /// </summary>
    public TimeSpan MigrationStep { get; set; }

    /// <summary>Partitions that move in one migration step (Hazelcast's <c>hazelcast.partition.max.parallel.migrations</c>). Default 10.</summary>
    public int ParallelMigrations { get; set; } = 10;

    /// <summary>
    /// How many near-cache invalidations a member gathers for one connection before it sends them as one batch event
    /// (Hazelcast's <c>hazelcast.map.invalidation.batch.size</c>, default 100); 1 sends each at once, as a single event.
    /// </summary>
    public int NearCacheInvalidationBatchSize { get; set; } = 100;

    /// <summary>
    /// How often a member sends the invalidations it gathered, however few (Hazelcast's
    /// <c>hazelcast.map.invalidation.batch.frequency.seconds</c>, default 10 s): the longest a near cache may serve a
    /// value changed by someone else when no invalidation is lost and writes are few.
    /// </summary>
    public TimeSpan NearCacheInvalidationBatchFrequency { get; set; } = TimeSpan.FromSeconds(10);

    internal UserClasses UserClasses { get; } = new();

    /// <summary>
    /// Registers a .NET implementation of an entry processor, so that the in-process member runs it (a real member
    /// runs the Java class of the same factory and class id from its classpath): the client sends a
    /// <typeparamref name="TProcessor"/>, the member reads one and calls <paramref name="process"/> on each entry, which
    /// returns the entry's result and may change the entry (<see cref="MutableEntry.Value"/>). A processor the member does
    /// not know is refused with HazelcastSerialization, as a real member refuses a class it does not have.
    /// </summary>
    public HazelcastClusterOptions AddEntryProcessor<TProcessor>(int factoryId, int classId, Func<TProcessor, MutableEntry, object?> process)
        where TProcessor : Serialization.IIdentifiedDataSerializable, new()
    {
        ArgumentNullException.ThrowIfNull(process);
        UserClasses.AddIdentified(factoryId, classId, static () => new TProcessor(), new ProcessEntry((p, e) => process((TProcessor)p, e)));
        return this;
    }

    /// <summary>
    /// Registers a .NET implementation of an entry processor sent as a Compact object of type
    /// <paramref name="compactTypeName"/>: the member reads it into a <typeparamref name="TProcessor"/> and calls
    /// <paramref name="process"/> on each entry.
    /// </summary>
    public HazelcastClusterOptions AddEntryProcessor<TProcessor>(string compactTypeName, Func<TProcessor, MutableEntry, object?> process)
        where TProcessor : class
    {
        ArgumentNullException.ThrowIfNull(process);
        UserClasses.AddCompact(compactTypeName, typeof(TProcessor), new ProcessEntry((p, e) => process((TProcessor)p, e)));
        return this;
    }

    /// <summary>
    /// Registers a .NET implementation of a paging predicate's comparator (IdentifiedDataSerializable), so that the
    /// in-process member orders pages with it (a real member runs the Java class of the same ids): <paramref name="compare"/>
    /// gets two entries, keys and values deserialized, and orders them as a <c>Comparator&lt;Map.Entry&gt;</c> does. A
    /// comparator the member does not know is refused with HazelcastSerialization.
    /// </summary>
    public HazelcastClusterOptions AddComparator<TComparator>(int factoryId, int classId, Func<TComparator, KeyValuePair<object?, object?>, KeyValuePair<object?, object?>, int> compare)
        where TComparator : Serialization.IIdentifiedDataSerializable, new()
    {
        ArgumentNullException.ThrowIfNull(compare);
        UserClasses.AddIdentified(factoryId, classId, static () => new TComparator(), new CompareEntries((c, x, y) => compare((TComparator)c, x, y)));
        return this;
    }

    /// <summary>Registers a .NET implementation of a paging comparator sent as a Compact object of type <paramref name="compactTypeName"/>.</summary>
    public HazelcastClusterOptions AddComparator<TComparator>(string compactTypeName, Func<TComparator, KeyValuePair<object?, object?>, KeyValuePair<object?, object?>, int> compare)
        where TComparator : class
    {
        ArgumentNullException.ThrowIfNull(compare);
        UserClasses.AddCompact(compactTypeName, typeof(TComparator), new CompareEntries((c, x, y) => compare((TComparator)c, x, y)));
        return this;
    }

    /// <summary>The member version announced to clients. Default 5.5.0.</summary>
    public string Version { get; set; } = "5.5.0";

    /// <summary>The clock for TTL and max-idle expiry and lock leases. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How often expired entries are looked for (to raise EXPIRED events). Default 1 second.</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Checks every option and throws an <see cref="ArgumentException"/> whose message names each invalid option and
    /// its value (the same style as <see cref="HazelcastOptions.Validate"/>).
    /// </summary>
    public void Validate()
    {
        var errors = GetValidationErrors();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Key}: {e.Message}")), errors[0].Key);
    }

    /// <summary>Every invalid option, as pairs of option name and a message that quotes the value; empty when the options are valid.</summary>
    public IReadOnlyList<(string Key, string Message)> GetValidationErrors()
    {
        var errors = new List<(string, string)>();
        if (Tls is not null) errors.AddRange(Tls.GetValidationErrors());
        if (MaxConnectionsPerMember < 1) errors.Add((nameof(MaxConnectionsPerMember), $"must be at least 1, not {MaxConnectionsPerMember}."));
        if (AuthenticationTimeout <= TimeSpan.Zero) errors.Add((nameof(AuthenticationTimeout), $"must be positive, not '{AuthenticationTimeout}'."));
        if (MaxMessageSizeBeforeAuthentication < 1024) errors.Add((nameof(MaxMessageSizeBeforeAuthentication), $"must be at least 1024 bytes, not {MaxMessageSizeBeforeAuthentication}."));
        if (MaxMessageSize < MaxMessageSizeBeforeAuthentication) errors.Add((nameof(MaxMessageSize), $"must be at least MaxMessageSizeBeforeAuthentication ({MaxMessageSizeBeforeAuthentication}), not {MaxMessageSize}."));
        if (MemberCount is < 1 or > 5) errors.Add((nameof(MemberCount), $"an in-process cluster has 1 to 5 members, not {MemberCount}."));
        if (string.IsNullOrWhiteSpace(ClusterName)) errors.Add((nameof(ClusterName), $"cannot be empty (value: '{ClusterName}')."));
        if (BasePort is < 0 or > 65535 - 5) errors.Add((nameof(BasePort), $"must be 0 (ephemeral) or a port from 1 to 65530, not {BasePort}."));
        if (BackupCount is < 0 or > 6) errors.Add((nameof(BackupCount), $"must be 0 to 6, not {BackupCount}."));
        if (PartitionCount < 1) errors.Add((nameof(PartitionCount), $"must be positive, not {PartitionCount}."));
        if (Username is null != Password is null) errors.Add((nameof(Username), "set both Username and Password, or neither."));
        if (Token is not null && Username is not null) errors.Add((nameof(Token), "set a Token or a Username, not both."));
        if (Token is { Length: 0 }) errors.Add((nameof(Token), "cannot be empty."));
        if (OperationCallTimeout <= TimeSpan.Zero) errors.Add((nameof(OperationCallTimeout), $"must be positive, not {OperationCallTimeout}."));
        if (SqlCursorExpiry <= TimeSpan.Zero) errors.Add((nameof(SqlCursorExpiry), $"must be positive, not {SqlCursorExpiry}."));
        if (ClientCleanupDelay < TimeSpan.Zero) errors.Add((nameof(ClientCleanupDelay), $"cannot be negative, not {ClientCleanupDelay}."));
        if (NearCacheInvalidationBatchSize < 1) errors.Add((nameof(NearCacheInvalidationBatchSize), $"must be at least 1, not {NearCacheInvalidationBatchSize}."));
        if (NearCacheInvalidationBatchFrequency <= TimeSpan.Zero) errors.Add((nameof(NearCacheInvalidationBatchFrequency), $"must be positive, not {NearCacheInvalidationBatchFrequency}."));
        if (MigrationStep < TimeSpan.Zero) errors.Add((nameof(MigrationStep), $"cannot be negative, not {MigrationStep}."));
        if (ParallelMigrations < 1) errors.Add((nameof(ParallelMigrations), $"must be at least 1, not {ParallelMigrations}."));
        if (MigrationDelay < TimeSpan.Zero) errors.Add((nameof(MigrationDelay), $"cannot be negative, not {MigrationDelay}."));
        foreach (var (name, size) in QueueMaxSizes)
            if (size < 0) errors.Add(($"{nameof(QueueMaxSizes)}:{name}", $"must be 0 (unbounded) or positive, not {size}."));
        foreach (var (name, rb) in Ringbuffers)
        {
            if (rb is null) { errors.Add(($"{nameof(Ringbuffers)}:{name}", "cannot be null.")); continue; }
            if (rb.Capacity < 1) errors.Add(($"{nameof(Ringbuffers)}:{name}:Capacity", $"must be positive, not {rb.Capacity}."));
            if (rb.TimeToLive < TimeSpan.Zero) errors.Add(($"{nameof(Ringbuffers)}:{name}:TimeToLive", $"cannot be negative, not {rb.TimeToLive}."));
        }
        return errors;
    }
}

/// <summary>A ringbuffer's configuration on the in-process member (Hazelcast's RingbufferConfig).</summary>
public sealed class RingbufferOptions
{
    /// <summary>How many items it holds. Default 10,000, Hazelcast's default.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>
    /// How long an item is kept; zero (the default) keeps items until they are overwritten. With a time to live, an
    /// add with <c>OverflowPolicy.Fail</c> fails while every slot holds an item younger than it, as on a real member.
    /// </summary>
    public TimeSpan TimeToLive { get; set; }
}
