using System.Globalization;
using Hazelcast.Testing;

// Hosts the in-process member(s) in a console: `dotnet run --project tools/Hazelcast.Member -- --members 3 --port 5701 --cluster-name dev`.
// Prints one line containing "ready" once every member listens, then runs until SIGINT/SIGTERM or end of input.
// Fault injection from standard input, one command a line, one line of output each:
//   status | add | remove N | kill N | restart N | pause N | resume N | restart-cluster | help
// (N is the member's index in `status`, from 0).

var options = new HazelcastClusterOptions { BasePort = 5701 };
string? tlsCert = null, tlsKey = null, tlsPassword = null, tlsClientCa = null, tlsDev = null;
// A secret from the environment or a file, so that it shows neither in the process list nor in shell history.
static string Secret(string option, string source, bool fromFile)
{
    if (!fromFile) return Environment.GetEnvironmentVariable(source) ?? throw new ArgumentException($"The option {option}: the environment variable '{source}' is not set.");
    try
    {
        return File.ReadAllText(source).TrimEnd('\r', '\n');
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        throw new ArgumentException($"The option {option}: cannot read '{source}': {e.Message}");
    }
}
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"The option {args[i]} needs a value.");
        int IntValue(string name)
        {
            var text = Value();
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new ArgumentException($"The option {name} needs a whole number, not '{text}'.");
        }
        (string Name, string Value) NameValue(string option)
        {
            var text = Value();
            var eq = text.IndexOf('=');
            return eq > 0 ? (text[..eq], text[(eq + 1)..]) : throw new ArgumentException($"The option {option} needs NAME=VALUE (a name or a pattern with one *), not '{text}'.");
        }
        switch (args[i])
        {
            case "--members": options.MemberCount = IntValue("--members"); break;
            case "--port": options.BasePort = IntValue("--port"); break;
            case "--cluster-name": options.ClusterName = Value(); break;
            case "--host": options.Host = Value(); break;
            case "--partitions": options.PartitionCount = IntValue("--partitions"); break;
            case "--username": options.Username = Value(); break;
            case "--backups": options.BackupCount = IntValue("--backups"); break;
            case "--password": options.Password = Value(); break;
            case "--password-env": options.Password = Secret("--password-env", Value(), fromFile: false); break;
            case "--password-file": options.Password = Secret("--password-file", Value(), fromFile: true); break;
            case "--tls-cert": tlsCert = Value(); break;
            case "--tls-key": tlsKey = Value(); break;
            case "--tls-password-env": tlsPassword = Secret("--tls-password-env", Value(), fromFile: false); break;
            case "--tls-password-file": tlsPassword = Secret("--tls-password-file", Value(), fromFile: true); break;
            case "--tls-client-ca": tlsClientCa = Value(); break;
            case "--tls-dev": tlsDev = Value(); break;
            case "--per-entry-stats": options.PerEntryStatsMaps.Add(Value()); break;
            case "--client-cleanup-delay": options.ClientCleanupDelay = TimeSpan.FromSeconds(IntValue("--client-cleanup-delay")); break;
            case "--queue-max-size":
            {
                var (name, size) = NameValue("--queue-max-size");
                options.QueueMaxSizes[name] = int.TryParse(size, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"--queue-max-size {name}={size}: the size must be a whole number.");
                break;
            }
            case "--ringbuffer":
            {
                // NAME=CAPACITY or NAME=CAPACITY:TTL-SECONDS
                var (name, spec) = NameValue("--ringbuffer");
                var parts = spec.Split(':');
                if (parts.Length > 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var capacity)
                    || (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
                    throw new ArgumentException($"--ringbuffer {name}={spec}: expected NAME=CAPACITY or NAME=CAPACITY:TTL-SECONDS.");
                options.Ringbuffers[name] = new RingbufferOptions { Capacity = capacity, TimeToLive = TimeSpan.FromSeconds(parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0) };
                break;
            }
            case "--migration-step": options.MigrationStep = TimeSpan.FromMilliseconds(IntValue("--migration-step")); break;
            case "--invalidation-batch-size": options.NearCacheInvalidationBatchSize = IntValue("--invalidation-batch-size"); break;
            case "--invalidation-batch-frequency": options.NearCacheInvalidationBatchFrequency = TimeSpan.FromMilliseconds(IntValue("--invalidation-batch-frequency")); break;
            case "--help" or "-h":
                Console.WriteLine("Usage: Hazelcast.Member [--members N (1-5, default 1)] [--port P (default 5701, 0 = ephemeral)] [--cluster-name NAME (default dev)] [--host 127.0.0.1] [--partitions 271] [--backups 1 (0-6)] [--username U (--password P | --password-env VAR | --password-file PATH)] [--tls-cert PFX-OR-PEM [--tls-key PEM-KEY] [--tls-password-env VAR | --tls-password-file PATH] | --tls-dev DIR (writes a development CA, ca.pem, and client.pfx with no password; serves a localhost certificate it issued)] [--tls-client-ca PEM (require client certificates it issued)] [--per-entry-stats MAP-OR-PATTERN (repeatable; e.g. stats-*)] [--client-cleanup-delay SECONDS (default 10)] [--queue-max-size QUEUE-OR-PATTERN=N (repeatable)] [--ringbuffer RINGBUFFER-OR-PATTERN=CAPACITY[:TTL-SECONDS] (repeatable; a reliable topic T's is _hz_rb_T)] [--migration-step MS (partitions migrate 10 at a time, MS each; default 0: at once)] [--invalidation-batch-size N (near-cache invalidations per batch, default 100; 1: each at once)] [--invalidation-batch-frequency MS (default 10000)]; then commands on standard input (help lists them): status, add, remove N, kill N, restart N, pause N, resume N, black-hole N, end-black-hole N, drop-connections N, accept-connections N, slow N MS, drop-backups N, keep-backups N, fail N ERROR MS, restart-cluster [MS]");
                return 0;
            default: throw new ArgumentException($"Unknown option '{args[i]}' (see --help).");
        }
    }
    options.Tls = Tls.Options(tlsCert, tlsKey, tlsPassword, tlsClientCa, tlsDev);
    options.Validate();
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}

await using var cluster = await HazelcastCluster.StartAsync(options);
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
{
    ctx.Cancel = true;
    stop.TrySetResult();
});

foreach (var member in cluster.Members) Console.WriteLine($"member {member.Uuid} listening on {member.EndPoint}");
Console.WriteLine($"ready: cluster '{options.ClusterName}' ({cluster.ClusterId}) with {cluster.Members.Count} member(s) at {string.Join(", ", cluster.Addresses)}");
// Standard input closed (a detached process) just leaves the cluster running until a signal.
_ = Task.Run(async () =>
{
    while (await Console.In.ReadLineAsync() is { } line)
    {
        if (line.Trim().Length == 0) continue;
        Console.WriteLine(await Commands.RunAsync(cluster, line.Trim()));
    }
});
await stop.Task;
Console.WriteLine("stopping");
return 0;

internal static class Tls
{
    /// <summary>The members' TLS from the console's options, or null for plain TCP.</summary>
    public static MemberTlsOptions? Options(string? cert, string? key, string? password, string? clientCa, string? devFolder)
    {
        if (cert is null && devFolder is null)
        {
            if (key is not null || password is not null || clientCa is not null) throw new ArgumentException("--tls-key, --tls-password-* and --tls-client-ca need --tls-cert or --tls-dev.");
            return null;
        }
        if (cert is not null && devFolder is not null) throw new ArgumentException("Use --tls-cert or --tls-dev, not both.");
        var tls = new MemberTlsOptions();
        try
        {
            if (devFolder is not null)
            {
                Directory.CreateDirectory(devFolder);
                var authority = DevelopmentCertificates.CreateAuthority();
                File.WriteAllText(Path.Combine(devFolder, "ca.pem"), DevelopmentCertificates.ToPem(authority));
                var client = DevelopmentCertificates.CreateClient(authority);
                File.WriteAllBytes(Path.Combine(devFolder, "client.pfx"), client.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12));
                File.WriteAllText(Path.Combine(devFolder, "client.pem"), DevelopmentCertificates.ToPem(client));
                File.WriteAllText(Path.Combine(devFolder, "client.key"), System.Security.Cryptography.X509Certificates.RSACertificateExtensions.GetRSAPrivateKey(client)!.ExportPkcs8PrivateKeyPem());
                tls.Certificate = DevelopmentCertificates.CreateServer(authority);
            }
            else if (key is not null)
            {
                var pem = password is null
                    ? System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(cert!, key)
                    : System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromEncryptedPemFile(cert!, password, key);
                tls.Certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(pem.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12), null);
            }
            else
            {
                tls.Certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(cert!, password);
            }
            if (clientCa is not null)
            {
                tls.RequireClientCertificate = true;
                tls.ClientAuthorities.ImportFromPemFile(clientCa);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ArgumentException($"The TLS certificate cannot be loaded: {e.Message}");
        }
        return tls;
    }
}

internal static class Commands
{
    public static async Task<string> RunAsync(HazelcastCluster cluster, string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            HazelcastMember Member()
            {
                if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
                    throw new ArgumentException($"'{parts[0]}' needs a member index (see status).");
                var members = cluster.Members;
                if (index < 0 || index >= members.Count) throw new ArgumentException($"There is no member {index}; the members are 0 to {members.Count - 1}.");
                return members[index];
            }
            switch (parts[0])
            {
                case "status":
                    var members = cluster.Members;
                    return $"ok status: cluster {cluster.ClusterId}, {members.Count} member(s): " +
                        string.Join("; ", members.Select((m, i) => $"{i} {m.Uuid} {m.EndPoint}{(m.IsPaused ? " paused" : "")} connections={m.ConnectionCount}"));
                case "add":
                    var added = await cluster.AddMemberAsync();
                    return $"ok add: member {added.Uuid} at {added.EndPoint}";
                case "remove":
                    var removed = Member();
                    await cluster.RemoveMemberAsync(removed);
                    return $"ok remove: member {removed.Uuid} left gracefully";
                case "kill":
                    var killed = Member();
                    await cluster.KillMemberAsync(killed);
                    return $"ok kill: member {killed.Uuid} killed";
                case "restart":
                    var old = Member();
                    var restarted = await cluster.RestartMemberAsync(old);
                    return $"ok restart: member {old.Uuid} replaced by {restarted.Uuid} at {restarted.EndPoint}";
                case "pause":
                    var paused = Member();
                    paused.Pause();
                    return $"ok pause: member {paused.Uuid} paused";
                case "resume":
                    var resumed = Member();
                    resumed.Resume();
                    return $"ok resume: member {resumed.Uuid} resumed";
                case "black-hole":
                    var hole = Member();
                    hole.BlackHole();
                    return $"ok black-hole: member {hole.Uuid} drops everything, its sockets stay open";
                case "end-black-hole":
                    var back = Member();
                    back.EndBlackHole();
                    return $"ok end-black-hole: member {back.Uuid} answers again";
                case "fail":
                    // fail N ERROR MS: answer N's data requests with ERROR (a RemoteError name, e.g. WrongTarget) for MS milliseconds
                    var failing = Member();
                    if (parts.Length < 4 || !Enum.TryParse<Hazelcast.Protocol.RemoteError>(parts[2], ignoreCase: true, out var error) || !int.TryParse(parts[3], out var ms) || ms < 0)
                        throw new ArgumentException("usage: fail N ERROR MILLISECONDS, for example fail 0 WrongTarget 2000.");
                    failing.FailRequests(error, TimeSpan.FromMilliseconds(ms));
                    return $"ok fail: member {failing.Uuid} answers {error} for {ms} ms";
                case "drop-connections":
                    var firewalled = Member();
                    firewalled.DropNewConnections();
                    return $"ok drop-connections: member {firewalled.Uuid} answers no new connection (SYN dropped), the open ones go on";
                case "accept-connections":
                    var open = Member();
                    open.AcceptNewConnections();
                    return $"ok accept-connections: member {open.Uuid} accepts connections again";
                case "slow":
                    // slow N MS: everything member N sends leaves MS milliseconds late (0 ends it)
                    var slow = Member();
                    if (parts.Length < 3 || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var latency) || latency < 0)
                        throw new ArgumentException("usage: slow N MILLISECONDS, for example slow 0 300 (slow 0 0 ends it).");
                    slow.Latency = TimeSpan.FromMilliseconds(latency);
                    return $"ok slow: member {slow.Uuid} sends {latency} ms late";
                case "drop-backups":
                case "keep-backups":
                    var owner = Member();
                    owner.DropBackups = parts[0] == "drop-backups";
                    return owner.DropBackups
                        ? $"ok drop-backups: the backups of member {owner.Uuid}'s partitions are not made (killed now, it takes those writes with it)"
                        : $"ok keep-backups: member {owner.Uuid}'s backups are made again, the replicas caught up";
                case "restart-cluster":
                    // restart-cluster [MS]: the whole cluster down for MS milliseconds (an outage), then back empty
                    var downtime = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var down) && down >= 0 ? down : 0;
                    await cluster.RestartClusterAsync(TimeSpan.FromMilliseconds(downtime));
                    return $"ok restart-cluster: new cluster id {cluster.ClusterId}";
                case "help":
                    return "ok help: status | add | remove N | kill N | restart N | pause N | resume N | black-hole N | end-black-hole N | " +
                        "drop-connections N | accept-connections N | slow N MS | drop-backups N | keep-backups N | fail N ERROR MS | restart-cluster [MS]";
                default:
                    return $"error: unknown command '{parts[0]}' (try help)";
            }
        }
        catch (ArgumentException e)
        {
            return $"error: {e.Message}";
        }
    }
}
