using System.Diagnostics;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Hazelcast.Testing;

namespace Hazelcast.Core.Tests;

/// <summary>Certificates made once for the TLS tests: two authorities, and what each issues.</summary>
public sealed class TlsCertificates : IDisposable
{
    public TlsCertificates()
    {
        Authority = DevelopmentCertificates.CreateAuthority("test CA");
        Stranger = DevelopmentCertificates.CreateAuthority("another CA");
        Server = DevelopmentCertificates.CreateServer(Authority);
        Untrusted = DevelopmentCertificates.CreateServer(Stranger);
        OtherHost = DevelopmentCertificates.CreateServer(Authority, ["other.example"]);
        Expired = DevelopmentCertificates.CreateServer(Authority, notBefore: DateTimeOffset.UtcNow.AddDays(-10), notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        Client = DevelopmentCertificates.CreateClient(Authority);
        Directory.CreateDirectory(Folder);
        File.WriteAllText(AuthorityPem, DevelopmentCertificates.ToPem(Authority));
        File.WriteAllBytes(ClientPfx, Client.Export(X509ContentType.Pkcs12, ClientPfxPassword));
    }

    public X509Certificate2 Authority { get; }
    public X509Certificate2 Stranger { get; }
    public X509Certificate2 Server { get; }
    public X509Certificate2 Untrusted { get; }
    public X509Certificate2 OtherHost { get; }
    public X509Certificate2 Expired { get; }
    public X509Certificate2 Client { get; }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"hz-tls-{Guid.NewGuid():N}");
    public string AuthorityPem => Path.Combine(Folder, "ca.pem");
    public string ClientPfx => Path.Combine(Folder, "client.pfx");
    public const string ClientPfxPassword = "s3cret-pfx-pass";

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>TLS between the client and the in-process member: what is accepted, what is refused, and that nothing goes in cleartext.</summary>
public sealed class TlsTests(TlsCertificates certificates) : IClassFixture<TlsCertificates>
{
    private static async Task<HazelcastCluster> ClusterAsync(X509Certificate2 certificate, bool requireClientCertificate = false, X509Certificate2? clientAuthority = null)
    {
        var tls = new MemberTlsOptions { Certificate = certificate, RequireClientCertificate = requireClientCertificate };
        if (clientAuthority is not null) tls.ClientAuthorities.Add(clientAuthority);
        return await HazelcastCluster.StartAsync(new HazelcastClusterOptions { Tls = tls });
    }

    private HazelcastOptions Options(HazelcastCluster cluster, Action<SslOptions>? ssl = null)
    {
        var options = new HazelcastOptions();
        // "localhost", the name in the server certificate (an IP address is checked against the certificate's IP entries).
        options.Networking.Addresses.Add($"localhost:{cluster.Members[0].Port}");
        options.Networking.ClusterConnectTimeout = TimeSpan.FromSeconds(10);
        options.Networking.Ssl.Enabled = true;
        options.Networking.Ssl.CaCertificatePaths.Add(certificates.AuthorityPem);
        ssl?.Invoke(options.Networking.Ssl);
        return options;
    }

    [Fact]
    public async Task A_client_that_trusts_the_member_s_authority_connects_and_sends_nothing_in_cleartext()
    {
        await using var cluster = await ClusterAsync(certificates.Server);
        await using (var client = await HazelcastClientFactory.StartNewClientAsync(Options(cluster)))
        {
            var map = await client.GetMapAsync<string, string>("secure");
            await map.SetAsync("k", new string('x', 100_000)); // a large message: written as its own TLS records
            Assert.Equal(100_000, (await map.GetAsync("k"))!.Length);
        }
        var first = cluster.Members[0].FirstBytes;
        Assert.NotEmpty(first);
        Assert.All(first, b => Assert.Equal(0x16, b)); // a TLS handshake record, never the "CP2" preamble
        // By IP address, the certificate's IP entry matches too.
        var byIp = Options(cluster);
        byIp.Networking.Addresses[0] = $"127.0.0.1:{cluster.Members[0].Port}";
        await using var second = await HazelcastClientFactory.StartNewClientAsync(byIp);
    }

    public static TheoryData<string> Refused() => new() { "untrusted", "other-host", "expired" };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_server_certificate_that_does_not_check_out_is_refused_at_once(string which)
    {
        var certificate = which switch { "untrusted" => certificates.Untrusted, "other-host" => certificates.OtherHost, _ => certificates.Expired };
        await using var cluster = await ClusterAsync(certificate);
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<AuthenticationException>(async () => await HazelcastClientFactory.StartNewClientAsync(Options(cluster)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"refused after {watch.Elapsed}: not at once"); // not retried until ClusterConnectTimeout
        Assert.Contains("TLS handshake", error.Message);
        Assert.Contains("localhost", error.Message);
        Assert.True(cluster.Members[0].FailedHandshakes <= 1, "one handshake, not a retry storm");
    }

    [Fact]
    public async Task ServerName_checks_the_certificate_against_another_name_than_the_address()
    {
        await using var cluster = await ClusterAsync(certificates.OtherHost);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(Options(cluster, s => s.ServerName = "other.example"));
        Assert.True(client.State == ClientState.Connected);
    }

    [Fact]
    public async Task Mutual_TLS_refuses_a_client_without_a_certificate_and_accepts_one_with_the_right_one()
    {
        await using var cluster = await ClusterAsync(certificates.Server, requireClientCertificate: true, clientAuthority: certificates.Authority);
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<AuthenticationException>(async () => await HazelcastClientFactory.StartNewClientAsync(Options(cluster)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"refused after {watch.Elapsed}: not at once");
        Assert.Contains("requires a client certificate", error.Message);
        // A certificate from another authority: refused too.
        var stranger = Path.Combine(certificates.Folder, "stranger.pfx");
        File.WriteAllBytes(stranger, DevelopmentCertificates.CreateClient(certificates.Stranger).Export(X509ContentType.Pkcs12, "p"));
        error = await Assert.ThrowsAsync<AuthenticationException>(async () => await HazelcastClientFactory.StartNewClientAsync(Options(cluster, s =>
        {
            s.ClientCertificate.Path = stranger;
            s.ClientCertificate.Password = "p";
        })));
        Assert.Contains("refused this client's certificate", error.Message);
        await using var client = await HazelcastClientFactory.StartNewClientAsync(Options(cluster, s =>
        {
            s.ClientCertificate.Path = certificates.ClientPfx;
            s.ClientCertificate.Password = TlsCertificates.ClientPfxPassword;
        }));
        var map = await client.GetMapAsync<int, int>("mtls");
        await map.SetAsync(1, 2);
        Assert.Equal(2, await map.GetAsync(1));
    }

    [Fact]
    public async Task A_client_without_TLS_is_closed_by_a_TLS_member_and_a_TLS_client_fails_on_a_plain_member()
    {
        await using var cluster = await ClusterAsync(certificates.Server);
        var plain = Options(cluster, s => s.Enabled = false);
        plain.Networking.ClusterConnectTimeout = TimeSpan.FromSeconds(1);
        await Assert.ThrowsAnyAsync<HazelcastException>(async () => await HazelcastClientFactory.StartNewClientAsync(plain));
        Assert.Contains((byte)'C', cluster.Members[0].FirstBytes); // it saw the cleartext preamble and closed the connection

        await using var plainCluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions());
        var tls = Options(plainCluster);
        tls.Networking.ClusterConnectTimeout = TimeSpan.FromSeconds(1);
        await Assert.ThrowsAnyAsync<HazelcastException>(async () => await HazelcastClientFactory.StartNewClientAsync(tls));
    }

    [Fact]
    public void Certificates_that_cannot_be_loaded_fail_validation_naming_the_key_and_never_the_password()
    {
        var options = new HazelcastOptions();
        options.Networking.Ssl.Enabled = true;
        options.Networking.Ssl.CaCertificatePaths.Add(Path.Combine(certificates.Folder, "missing.pem"));
        options.Networking.Ssl.ClientCertificate.Path = certificates.ClientPfx;
        options.Networking.Ssl.ClientCertificate.Password = "wrong-password-123";
#pragma warning disable SYSLIB0039 // TLS 1.1 on purpose: it must be refused
        options.Networking.Ssl.Protocols = SslProtocols.Tls11 | SslProtocols.Tls12;
#pragma warning restore SYSLIB0039
        var errors = options.GetValidationErrors().ToDictionary(e => e.Key, e => e.Message);
        Assert.Contains("Networking:Ssl:CaCertificatePaths:0", errors.Keys);
        Assert.Contains("missing.pem", errors["Networking:Ssl:CaCertificatePaths:0"]);
        Assert.Contains("Networking:Ssl:ClientCertificate:Path", errors.Keys);
        Assert.Contains("Networking:Ssl:Protocols", errors.Keys);
        Assert.DoesNotContain(errors.Values, m => m.Contains("wrong-password-123", StringComparison.Ordinal));
        var thrown = Assert.Throws<ArgumentException>(options.Validate);
        Assert.DoesNotContain("wrong-password-123", thrown.Message, StringComparison.Ordinal);
        // Off, TLS options are still checked: a typo does not wait for the day TLS is switched on.
        options.Networking.Ssl.Enabled = false;
        Assert.Contains(options.GetValidationErrors(), e => e.Key == "Networking:Ssl:CaCertificatePaths:0");
    }
}
