using Hazelcast.Networking;

namespace Hazelcast;

/// <summary>
/// Options of a Hazelcast client. Bound from the <c>Hazelcast</c> configuration section by the hosting package;
/// every default is finite, so that nothing waits forever.
/// </summary>
public sealed class HazelcastOptions
{
    /// <summary>The name of the cluster to join; members reject clients that present another name.</summary>
    /// <value>Default <c>dev</c>, the default of Hazelcast members.</value>
    public string ClusterName { get; set; } = "dev";

    /// <summary>The client's name, as members show it.</summary>
    /// <value>Default <c>null</c>: a name of the form <c>hz.client_N</c> is generated.</value>
    public string? ClientName { get; set; }

    /// <summary>Labels sent to the members, for their management tools.</summary>
    /// <value>Default empty.</value>
    public IList<string> Labels { get; } = new List<string>();

    /// <summary>How the client reaches the cluster.</summary>
    public NetworkingOptions Networking { get; set; } = new();

    /// <summary>Credentials presented to the cluster.</summary>
    public AuthenticationOptions Authentication { get; set; } = new();

    /// <summary>How idle connections are kept alive and dead ones detected.</summary>
    public HeartbeatOptions Heartbeat { get; set; } = new();

    /// <summary>How requests are sent, acknowledged and retried.</summary>
    public MessagingOptions Messaging { get; set; } = new();

    /// <summary>
    /// Registers user types: IdentifiedDataSerializable factories and custom serializers. They are code, not
    /// configuration, so they are set here rather than bound from the <c>Hazelcast</c> section.
    /// </summary>
    public HazelcastOptions ConfigureSerialization(Action<Serialization.SerializationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Serialization);
        return this;
    }

    internal Serialization.SerializationOptions Serialization { get; private set; } = new();

    /// <summary>
    /// Options per reliable topic, by name (<c>Hazelcast:ReliableTopics:orders:ReadBatchSize</c>): a name, or a pattern
    /// with one <c>*</c> wildcard as in Hazelcast's configuration (<c>orders-*</c>; the longest matching pattern wins);
    /// <c>default</c> serves the others.
    /// </summary>
    public IDictionary<string, ReliableTopicOptions> ReliableTopics { get; } = new Dictionary<string, ReliableTopicOptions>(StringComparer.Ordinal);

    /// <summary>The options of a reliable topic: its own, or the longest matching pattern's, or <c>default</c>'s, or the defaults.</summary>
    internal ReliableTopicOptions ReliableTopicOptionsOf(string name) => Configured(ReliableTopics, name) ?? new ReliableTopicOptions();

    /// <summary>
    /// Options per Flake ID generator, by name or pattern as <see cref="ReliableTopics"/>
    /// (<c>Hazelcast:FlakeIdGenerators:orders:PrefetchCount</c>); <c>default</c> serves the others.
    /// </summary>
    public IDictionary<string, FlakeIdGeneratorOptions> FlakeIdGenerators { get; } = new Dictionary<string, FlakeIdGeneratorOptions>(StringComparer.Ordinal);

    /// <summary>The options of a Flake ID generator: its own, or the longest matching pattern's, or <c>default</c>'s, or the defaults.</summary>
    internal FlakeIdGeneratorOptions FlakeIdGeneratorOptionsOf(string name) => Configured(FlakeIdGenerators, name) ?? new FlakeIdGeneratorOptions();

    /// <summary>
    /// Near caches, by map name or pattern as <see cref="ReliableTopics"/> (<c>Hazelcast:NearCaches:catalog-*:TimeToLive</c>);
    /// <c>default</c> serves the maps no other entry matches. A map no entry matches has no near cache.
    /// </summary>
    public IDictionary<string, NearCacheOptions> NearCaches { get; } = new Dictionary<string, NearCacheOptions>(StringComparer.Ordinal);

    /// <summary>The near cache of a map, if one is configured for it.</summary>
    internal NearCacheOptions? NearCacheOptionsOf(string name) => Configured(NearCaches, name);

    /// <summary>How near caches find the invalidations they missed.</summary>
    public NearCacheRepairOptions NearCacheRepair { get; set; } = new();

    /// <summary>Client statistics sent to the cluster (what Management Center shows of the client); off by default, as in Hazelcast's clients.</summary>
    public StatisticsOptions Statistics { get; set; } = new();

    /// <summary>The options of a transaction begun without its own (<see cref="IHazelcastClient.BeginTransactionAsync"/>).</summary>
    public global::Hazelcast.Transactions.TransactionOptions Transactions { get; set; } = new();

    private static T? Configured<T>(IDictionary<string, T> entries, string name) where T : class
        => ConfigurationPatterns.Find(entries, name, out var found) is { } options && found ? options
            : entries.TryGetValue("default", out var fallback) ? fallback : null;

    /// <summary>How long an operation may take, retries included, before it fails with <see cref="HazelcastTimeoutException"/>.</summary>
    /// <value>Default 120 seconds (Hazelcast's default).</value>
    public TimeSpan InvocationTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Checks every option and throws an <see cref="ArgumentException"/> whose message names the first invalid option
    /// (by its configuration key) and its value.
    /// </summary>
    public void Validate()
    {
        var errors = GetValidationErrors();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors.Select(e => $"Hazelcast:{e.Key}: {e.Message}")), errors[0].Key);
    }

    /// <summary>
    /// Every invalid option, as pairs of configuration key (relative to the options' section, such as
    /// <c>Networking:Addresses:0</c>) and a message that quotes the value; empty when the options are valid.
    /// </summary>
    public IReadOnlyList<(string Key, string Message)> GetValidationErrors()
    {
        var errors = new List<(string, string)>();
        void Fail(string key, string message) => errors.Add((key, message));
        void Positive(string key, TimeSpan value)
        {
            // Timers take at most int.MaxValue milliseconds (about 24.8 days).
            if (value <= TimeSpan.Zero) Fail(key, $"must be a positive duration, not '{value}'.");
            else if (value.TotalMilliseconds > int.MaxValue) Fail(key, $"'{value}' is longer than the longest timer ({TimeSpan.FromMilliseconds(int.MaxValue)}); use {System.Threading.Timeout.InfiniteTimeSpan} for infinite where it is allowed.");
        }
        void PositiveOrInfinite(string key, TimeSpan value)
        {
            if (value != System.Threading.Timeout.InfiniteTimeSpan) Positive(key, value);
        }

        if (string.IsNullOrWhiteSpace(ClusterName)) Fail(nameof(ClusterName), $"cannot be empty (value: '{ClusterName}').");
        if (Networking is null) Fail(nameof(Networking), "cannot be null.");
        else
        {
            for (var i = 0; i < Networking.Addresses.Count; i++)
            {
                if (!NetworkAddress.TryParse(Networking.Addresses[i], out _, out var error))
                    Fail($"Networking:Addresses:{i}", $"'{Networking.Addresses[i]}' is not a valid address: {error}");
            }
            PositiveOrInfinite("Networking:ConnectionTimeout", Networking.ConnectionTimeout);
            PositiveOrInfinite("Networking:ClusterConnectTimeout", Networking.ClusterConnectTimeout);
            if (!Enum.IsDefined(Networking.ReconnectMode)) Fail("Networking:ReconnectMode", $"'{Networking.ReconnectMode}' is not one of {string.Join(", ", Enum.GetNames<ReconnectMode>())}.");
            if (Networking.Reconnect is null) Fail("Networking:Reconnect", "cannot be null.");
            else
            {
                var r = Networking.Reconnect;
                Positive("Networking:Reconnect:InitialBackoff", r.InitialBackoff);
                Positive("Networking:Reconnect:MaxBackoff", r.MaxBackoff);
                if (r.MaxBackoff < r.InitialBackoff) Fail("Networking:Reconnect:MaxBackoff", $"'{r.MaxBackoff}' must be at least InitialBackoff '{r.InitialBackoff}'.");
                if (!(r.Multiplier >= 1.0)) Fail("Networking:Reconnect:Multiplier", $"must be at least 1, not '{r.Multiplier}'.");
                if (!(r.Jitter is >= 0.0 and <= 1.0)) Fail("Networking:Reconnect:Jitter", $"must be between 0 and 1, not '{r.Jitter}'.");
                PositiveOrInfinite("Networking:Reconnect:Timeout", r.Timeout);
            }
            // Certificate files are read now, so that a missing file or a wrong password fails start-up, naming the key.
            ClientTls.Load(Networking.Ssl, errors);
        }
        if (Authentication is null) Fail(nameof(Authentication), "cannot be null.");
        else errors.AddRange(Authentication.GetValidationErrors());
        if (Heartbeat is null) Fail(nameof(Heartbeat), "cannot be null.");
        else
        {
            Positive("Heartbeat:Interval", Heartbeat.Interval);
            Positive("Heartbeat:Timeout", Heartbeat.Timeout);
            if (Heartbeat.Timeout <= Heartbeat.Interval)
                Fail("Heartbeat:Timeout", $"'{Heartbeat.Timeout}' must be greater than Heartbeat:Interval '{Heartbeat.Interval}'.");
        }
        PositiveOrInfinite(nameof(InvocationTimeout), InvocationTimeout);
        if (Labels is null) Fail(nameof(Labels), "cannot be null.");
        else
            for (var i = 0; i < Labels.Count; i++)
                if (Labels[i] is null) Fail($"Labels:{i}", "cannot be null.");
        if (Messaging is null) Fail(nameof(Messaging), "cannot be null.");
        else
        {
            Positive("Messaging:BackupAckTimeout", Messaging.BackupAckTimeout);
            if (Messaging.MaxConcurrentInvocations < 1) Fail("Messaging:MaxConcurrentInvocations", $"must be at least 1, not '{Messaging.MaxConcurrentInvocations}'.");
            if (Messaging.MaxInFlightBytes < 64 * 1024) Fail("Messaging:MaxInFlightBytes", $"must be at least 65536 (64 KiB), not '{Messaging.MaxInFlightBytes}'.");
            if (Messaging.MaxMessageSize is < 64 * 1024 or > 1024 * 1024 * 1024)
                Fail("Messaging:MaxMessageSize", $"must be from 65536 (64 KiB) to 1073741824 (1 GiB) bytes, not '{Messaging.MaxMessageSize}'.");
            if (Messaging.MaxQueuedEventsPerListener < 1) Fail("Messaging:MaxQueuedEventsPerListener", $"must be at least 1, not '{Messaging.MaxQueuedEventsPerListener}'.");
        }
        foreach (var (name, topic) in ReliableTopics)
        {
            if (topic is null) { Fail($"ReliableTopics:{name}", "cannot be null."); continue; }
            if (topic.ReadBatchSize is < 1 or > 1000) Fail($"ReliableTopics:{name}:ReadBatchSize", $"must be from 1 to 1000, not '{topic.ReadBatchSize}'.");
            if (!Enum.IsDefined(topic.OverloadPolicy)) Fail($"ReliableTopics:{name}:OverloadPolicy", $"'{topic.OverloadPolicy}' is not one of {string.Join(", ", Enum.GetNames<DistributedObjects.TopicOverloadPolicy>())}.");
        }
        foreach (var (name, nearCache) in NearCaches)
        {
            var key = $"NearCaches:{name}";
            if (name.Count(c => c == '*') > 1) Fail(key, "a pattern has at most one '*' wildcard.");
            if (nearCache is null) { Fail(key, "cannot be null."); continue; }
            if (!Enum.IsDefined(nearCache.InMemoryFormat)) Fail($"{key}:InMemoryFormat", $"'{nearCache.InMemoryFormat}' is not one of {string.Join(", ", Enum.GetNames<NearCacheInMemoryFormat>())}.");
            if (!Enum.IsDefined(nearCache.LocalUpdatePolicy)) Fail($"{key}:LocalUpdatePolicy", $"'{nearCache.LocalUpdatePolicy}' is not one of {string.Join(", ", Enum.GetNames<NearCacheLocalUpdatePolicy>())}.");
            if (nearCache.TimeToLive != TimeSpan.Zero) Positive($"{key}:TimeToLive", nearCache.TimeToLive);
            if (nearCache.MaxIdle != TimeSpan.Zero) Positive($"{key}:MaxIdle", nearCache.MaxIdle);
            if (nearCache.Eviction is null) Fail($"{key}:Eviction", "cannot be null.");
            else
            {
                if (!Enum.IsDefined(nearCache.Eviction.Policy)) Fail($"{key}:Eviction:Policy", $"'{nearCache.Eviction.Policy}' is not one of {string.Join(", ", Enum.GetNames<NearCacheEvictionPolicy>())}.");
                if (nearCache.Eviction.MaxSize < 1) Fail($"{key}:Eviction:MaxSize", $"must be at least 1, not '{nearCache.Eviction.MaxSize}'.");
            }
        }
        if (NearCacheRepair is null) Fail(nameof(NearCacheRepair), "cannot be null.");
        else
        {
            Positive("NearCacheRepair:ReconciliationInterval", NearCacheRepair.ReconciliationInterval);
            if (NearCacheRepair.MaxToleratedMissCount < 0) Fail("NearCacheRepair:MaxToleratedMissCount", $"cannot be negative, not '{NearCacheRepair.MaxToleratedMissCount}'.");
        }
        if (Statistics is null) Fail(nameof(Statistics), "cannot be null.");
        else Positive("Statistics:Period", Statistics.Period);
        if (Transactions is null) Fail(nameof(Transactions), "cannot be null.");
        else Transactions.Validate(nameof(Transactions), Fail);
        foreach (var (name, generator) in FlakeIdGenerators)
        {
            if (generator is null) { Fail($"FlakeIdGenerators:{name}", "cannot be null."); continue; }
            if (generator.PrefetchCount is < 1 or > 100_000) Fail($"FlakeIdGenerators:{name}:PrefetchCount", $"must be from 1 to 100000, not '{generator.PrefetchCount}'.");
            if (generator.PrefetchValidity < TimeSpan.Zero) Fail($"FlakeIdGenerators:{name}:PrefetchValidity", $"cannot be negative (zero: ids never expire), not '{generator.PrefetchValidity}'.");
        }
        return errors;
    }

    /// <summary>A copy; <paramref name="redact"/>: with every secret (passwords, the token) replaced by a placeholder.</summary>
    internal HazelcastOptions Clone(bool redact = false) => new HazelcastOptions
    {
        ClusterName = ClusterName,
        ClientName = ClientName,
        Networking = Networking.Clone(redact),
        Authentication = Authentication.Clone(redact),
        Heartbeat = new HeartbeatOptions { Interval = Heartbeat.Interval, Timeout = Heartbeat.Timeout },
        Serialization = Serialization.Clone(),
        Messaging = new MessagingOptions
        {
            BackupAcks = Messaging.BackupAcks,
            BackupAckTimeout = Messaging.BackupAckTimeout,
            FailOnIndeterminateOperationState = Messaging.FailOnIndeterminateOperationState,
            MaxConcurrentInvocations = Messaging.MaxConcurrentInvocations,
            MaxInFlightBytes = Messaging.MaxInFlightBytes,
            WaitWhenOverloaded = Messaging.WaitWhenOverloaded,
            MaxMessageSize = Messaging.MaxMessageSize,
            MaxQueuedEventsPerListener = Messaging.MaxQueuedEventsPerListener,
        },
        InvocationTimeout = InvocationTimeout,
        NearCacheRepair = NearCacheRepair is null ? null! : new NearCacheRepairOptions { ReconciliationInterval = NearCacheRepair.ReconciliationInterval, MaxToleratedMissCount = NearCacheRepair.MaxToleratedMissCount },
        Transactions = Transactions?.Clone()!,
        Statistics = Statistics is null ? null! : new StatisticsOptions { Enabled = Statistics.Enabled, Period = Statistics.Period },
    }.WithLabels(Labels).WithNearCaches(NearCaches).WithReliableTopics(ReliableTopics).WithFlakeIdGenerators(FlakeIdGenerators);

    private HazelcastOptions WithLabels(IEnumerable<string> labels)
    {
        foreach (var label in labels) Labels.Add(label);
        return this;
    }

    private HazelcastOptions WithNearCaches(IDictionary<string, NearCacheOptions> nearCaches)
    {
        foreach (var (name, nearCache) in nearCaches) NearCaches[name] = nearCache?.Clone()!;
        return this;
    }

    private HazelcastOptions WithFlakeIdGenerators(IDictionary<string, FlakeIdGeneratorOptions> generators)
    {
        foreach (var (name, g) in generators) FlakeIdGenerators[name] = g is null ? null! : new FlakeIdGeneratorOptions { PrefetchCount = g.PrefetchCount, PrefetchValidity = g.PrefetchValidity };
        return this;
    }

    private HazelcastOptions WithReliableTopics(IDictionary<string, ReliableTopicOptions> topics)
    {
        foreach (var (name, topic) in topics) ReliableTopics[name] = topic is null ? null! : new ReliableTopicOptions { ReadBatchSize = topic.ReadBatchSize, OverloadPolicy = topic.OverloadPolicy };
        return this;
    }
}

/// <summary>How the client reaches the cluster.</summary>
public sealed class NetworkingOptions
{
    /// <summary>Member addresses to try first (<c>host</c> or <c>host:port</c>); the client then learns every member from the cluster.</summary>
    /// <value>Default <c>127.0.0.1:5701</c> when the list is left empty.</value>
    public IList<string> Addresses { get; set; } = new List<string>();

    /// <summary>
    /// Smart routing: connect to every member and send each key's operation straight to the member that owns its
    /// partition. When false (unisocket), one connection carries everything.
    /// </summary>
    /// <value>Default <c>true</c>.</value>
    public bool SmartRouting { get; set; } = true;

    /// <summary>
    /// Whether operations that are not idempotent (put, set, remove, ...) are sent again when the connection they
    /// were written to fails before the response came. Off by default, as in Hazelcast: such an operation may then
    /// be applied twice. Idempotent operations, and operations that were never written, are always retried.
    /// </summary>
    /// <value>Default <c>false</c>.</value>
    public bool RedoOperations { get; set; }

    /// <summary>How long one TCP connect and authentication may take.</summary>
    /// <value>Default 5 seconds.</value>
    public TimeSpan ConnectionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the client keeps trying to reach the cluster when it starts, before start-up fails
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: until it does). After it lost the cluster, <see cref="ReconnectOptions.Timeout"/> applies.
    /// </summary>
    /// <value>Default 20 seconds, so that a wrong address fails start-up fast.</value>
    public TimeSpan ClusterConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>What the client does when it loses the cluster (every connection): reconnect while operations wait, reconnect while they fail fast, or shut down.</summary>
    /// <value>Default <see cref="Hazelcast.ReconnectMode.ReconnectSync"/>.</value>
    public ReconnectMode ReconnectMode { get; set; } = ReconnectMode.ReconnectSync;

    /// <summary>Backoff between attempts to reach the cluster.</summary>
    public ReconnectOptions Reconnect { get; set; } = new();

    /// <summary>TLS for the connections to the members.</summary>
    public SslOptions Ssl { get; set; } = new();

    /// <summary>The DNS lookup of a member's host name, made again at every connection attempt (a seam for tests of names whose addresses change).</summary>
    internal Func<string, CancellationToken, Task<System.Net.IPAddress[]>> Resolve { get; set; } = System.Net.Dns.GetHostAddressesAsync;

    internal IReadOnlyList<NetworkAddress> ParsedAddresses
        => (Addresses.Count == 0 ? ["127.0.0.1:5701"] : Addresses).Select(a => NetworkAddress.Parse(a)).ToList();

    internal NetworkingOptions Clone(bool redact = false) => new()
    {
        Addresses = Addresses.ToList(),
        SmartRouting = SmartRouting,
        RedoOperations = RedoOperations,
        ConnectionTimeout = ConnectionTimeout,
        ClusterConnectTimeout = ClusterConnectTimeout,
        ReconnectMode = ReconnectMode,
        Reconnect = new ReconnectOptions { InitialBackoff = Reconnect.InitialBackoff, MaxBackoff = Reconnect.MaxBackoff, Multiplier = Reconnect.Multiplier, Jitter = Reconnect.Jitter, Timeout = Reconnect.Timeout },
        Ssl = Ssl.Clone(redact),
        Resolve = Resolve,
    };
}

/// <summary>The options of a Flake ID generator (Hazelcast's ClientFlakeIdGeneratorConfig).</summary>
public sealed class FlakeIdGeneratorOptions
{
    /// <summary>How many ids one request fetches from a member. Default 100 (Hazelcast's default), 1 to 100,000.</summary>
    public int PrefetchCount { get; set; } = 100;

    /// <summary>
    /// How long fetched ids may be handed out: past it, the rest of a batch is dropped (an id's timestamp is its batch's,
    /// so an old one would break the ids' rough ordering in time). Default 10 minutes (Hazelcast's default); zero: no limit.
    /// </summary>
    public TimeSpan PrefetchValidity { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>The options of a reliable topic (Hazelcast's ClientReliableTopicConfig).</summary>
public sealed class ReliableTopicOptions
{
    /// <summary>How many messages a subscriber reads from the ringbuffer at once. Default 10 (Hazelcast's default), 1 to 1000.</summary>
    public int ReadBatchSize { get; set; } = 10;

    /// <summary>What a publish does when the ringbuffer is full of messages within their time to live. Default <see cref="DistributedObjects.TopicOverloadPolicy.Block"/> (Hazelcast's default).</summary>
    public DistributedObjects.TopicOverloadPolicy OverloadPolicy { get; set; } = DistributedObjects.TopicOverloadPolicy.Block;
}

/// <summary>How requests are sent, acknowledged and retried.</summary>
public sealed class MessagingOptions
{
    /// <summary>
    /// Boomerang backups: with smart routing, backup replicas acknowledge a write straight to the client, which
    /// completes the write once the member's response and every announced ack have arrived (three network hops
    /// instead of four). Off in unisocket mode whatever this says.
    /// </summary>
    /// <value>Default <c>true</c>.</value>
    public bool BackupAcks { get; set; } = true;

    /// <summary>How long a write waits for its backup acks after its response before it completes anyway.</summary>
    /// <value>Default 5 seconds (Hazelcast's default).</value>
    public TimeSpan BackupAckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When true, a write whose backup acks did not all arrive in time fails with <see cref="IndeterminateOperationStateException"/>
    /// instead of completing. Whatever it says, a write still waiting for its acks fails so when the client finds the
    /// cluster restarted (new cluster id), or reaches no member at all when the backup-ack timeout passes.
    /// </summary>
    /// <value>Default <c>false</c>.</value>
    public bool FailOnIndeterminateOperationState { get; set; }

    /// <summary>The most operations in flight at once; past it, callers wait (or fail, see <see cref="WaitWhenOverloaded"/>), so memory stays bounded under overload.</summary>
    /// <value>Default 65,536.</value>
    public int MaxConcurrentInvocations { get; set; } = 65_536;

    /// <summary>
    /// The most bytes of requests in flight at once (a request counts until its operation completes); past it, callers
    /// wait (or fail, see <see cref="WaitWhenOverloaded"/>), so that large values cannot pile up in memory when the
    /// cluster is slow. A single request larger than this is sent alone, when nothing else is in flight.
    /// </summary>
    /// <value>Default 256 MiB; at least 64 KiB.</value>
    public long MaxInFlightBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>When a bound is reached: true, callers wait for a slot (within their cancellation token); false, they fail at once with <see cref="HazelcastOverloadException"/>.</summary>
    /// <value>Default <c>true</c>.</value>
    public bool WaitWhenOverloaded { get; set; } = true;

    /// <summary>
    /// The largest message the client takes from a member, fragmented or not (and the most bytes of fragmented messages
    /// being assembled on one connection): a larger one is a protocol error that closes the connection, so that memory
    /// taken from the network stays bounded. Values and results larger than this cannot be read.
    /// </summary>
    /// <value>Default 64 MiB; from 64 KiB to 1 GiB.</value>
    public int MaxMessageSize { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// How many events may wait for one listener's handlers. A handler slower than its events fills the queue; the
    /// events past it are dropped, counted and logged (a Warning, event id 3003), so that a slow handler costs its own
    /// events, not the client's memory or the connection's other traffic.
    /// </summary>
    /// <value>Default 100,000.</value>
    public int MaxQueuedEventsPerListener { get; set; } = 100_000;
}

/// <summary>Exponential backoff with jitter between attempts to reach the cluster.</summary>
public sealed class ReconnectOptions
{
    /// <summary>The pause after the first failed attempt.</summary>
    /// <value>Default 100 milliseconds.</value>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest pause between attempts.</summary>
    /// <value>Default 5 seconds.</value>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The factor by which the pause grows after each failed attempt.</summary>
    /// <value>Default 2.</value>
    public double Multiplier { get; set; } = 2.0;

    /// <summary>The random part of each pause, from 0 (none) to 1 (±100%).</summary>
    /// <value>Default 0.2.</value>
    public double Jitter { get; set; } = 0.2;

    /// <summary>
    /// How long the client keeps trying to reach the cluster again after it lost it, before it shuts down. Infinite by
    /// default, as in Hazelcast's clients: a cluster that restarts slowly (a rolling restart of a StatefulSet, a DNS
    /// blip) finds its clients waiting, not dead.
    /// </summary>
    /// <value>Default <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</value>
    public TimeSpan Timeout { get; set; } = System.Threading.Timeout.InfiniteTimeSpan;
}

/// <summary>What the client does when it loses every connection to the cluster (the names of the official Hazelcast.Net client).</summary>
public enum ReconnectMode
{
    /// <summary>Reconnect in the background; operations wait for the cluster (and fail after <see cref="HazelcastOptions.InvocationTimeout"/>).</summary>
    ReconnectSync,

    /// <summary>Reconnect in the background; operations fail at once with <see cref="ClientOfflineException"/> until the client is back.</summary>
    ReconnectAsync,

    /// <summary>Do not reconnect: the client shuts down.</summary>
    DoNotReconnect,
}

/// <summary>Credentials presented to the cluster.</summary>
public sealed class AuthenticationOptions
{
    /// <summary>The user name, when the cluster requires username/password credentials.</summary>
    /// <value>Default <c>null</c>: no credentials.</value>
    public string? Username { get; set; }

    /// <summary>The password that goes with <see cref="Username"/>. Never logged.</summary>
    /// <value>Default <c>null</c>.</value>
    public string? Password { get; set; }

    /// <summary>
    /// A token, when the cluster's security realm takes token credentials (sent with Client.AuthenticationCustom).
    /// Not with <see cref="Username"/>. Never logged.
    /// </summary>
    /// <value>Default <c>null</c>.</value>
    public string? Token { get; set; }

    /// <summary>How <see cref="Token"/> becomes bytes.</summary>
    /// <value>Default <see cref="Hazelcast.TokenEncoding.Ascii"/>.</value>
    public TokenEncoding TokenEncoding { get; set; } = TokenEncoding.Ascii;

    /// <summary>
    /// Code only: gives the credentials at every authentication, reconnections included, in place of the ones above
    /// (for tokens that expire and are renewed).
    /// </summary>
    public Func<CancellationToken, ValueTask<ICredentials>>? CredentialsFactory { get; set; }

    /// <summary>The credentials the options give, or null for none; the factory's are asked for when there is one.</summary>
    internal async ValueTask<ICredentials?> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        if (CredentialsFactory is { } factory)
            return await factory(cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("Hazelcast:Authentication:CredentialsFactory returned no credentials.");
        if (Token is { } token) return new TokenCredentials(TokenBytes(token));
        if (Username is not null) return new UsernamePasswordCredentials(Username, Password ?? "");
        return null;
    }

    private byte[] TokenBytes(string token) => TokenEncoding == TokenEncoding.Base64 ? Convert.FromBase64String(token) : System.Text.Encoding.ASCII.GetBytes(token);

    /// <summary>What is wrong with these options, never quoting a secret.</summary>
    internal IEnumerable<(string Key, string Message)> GetValidationErrors()
    {
        if (Username is null != Password is null) yield return ("Authentication:Username", "set both Username and Password, or neither.");
        if (Token is not null && Username is not null) yield return ("Authentication:Token", "set a Token or a Username and Password, not both.");
        if (!Enum.IsDefined(TokenEncoding)) yield return ("Authentication:TokenEncoding", $"'{TokenEncoding}' is not one of {string.Join(", ", Enum.GetNames<TokenEncoding>())}.");
        else if (Token is { } token)
        {
            string? problem = null;
            if (token.Length == 0) problem = "cannot be empty.";
            else if (TokenEncoding == TokenEncoding.Ascii && !System.Text.Ascii.IsValid(token)) problem = "is not ASCII (TokenEncoding Ascii); use Base64 for other bytes.";
            else if (TokenEncoding == TokenEncoding.Base64 && !Convert.TryFromBase64String(token, new byte[token.Length], out _)) problem = "is not valid Base64 (TokenEncoding Base64).";
            if (problem is not null) yield return ("Authentication:Token", problem);
        }
    }

    internal AuthenticationOptions Clone(bool redact = false) => new()
    {
        Username = Username,
        Password = Redact(Password, redact),
        Token = Redact(Token, redact),
        TokenEncoding = TokenEncoding,
        CredentialsFactory = CredentialsFactory,
    };

    /// <summary>A secret as shown to whoever reads the options of a running client: that it is set, not what it is.</summary>
    internal static string? Redact(string? secret, bool redact) => redact && secret is not null ? "(redacted)" : secret;
}

/// <summary>Client statistics (<c>Client.Statistics</c>): the client's attributes and metrics, sent to one member every period.</summary>
public sealed class StatisticsOptions
{
    /// <summary>Whether the client sends statistics.</summary>
    /// <value>Default false, as in Hazelcast's clients.</value>
    public bool Enabled { get; set; }

    /// <summary>How often.</summary>
    /// <value>Default 3 seconds (Hazelcast's <c>hazelcast.client.statistics.period.seconds</c>).</value>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(3);
}

/// <summary>Heartbeats: how idle connections are kept alive and dead ones detected.</summary>
public sealed class HeartbeatOptions
{
    /// <summary>A connection that has written nothing for this long sends a ping.</summary>
    /// <value>Default 5 seconds.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A connection that has read nothing for this long is closed as dead.</summary>
    /// <value>Default 60 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);
}
