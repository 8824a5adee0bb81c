using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Hazelcast.Testing;

/// <summary>
/// TLS on the in-process members (<see cref="HazelcastClusterOptions.Tls"/>): the server certificate, and optionally
/// the client certificates it requires. Every connection then starts with a TLS handshake; a connection whose first
/// bytes are not a TLS ClientHello is closed.
/// </summary>
public sealed class MemberTlsOptions
{
    /// <summary>The server certificate, with its private key (load it with <c>X509CertificateLoader</c> or create it with <see cref="DevelopmentCertificates"/>).</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>Whether clients must present a certificate issued by one of <see cref="ClientAuthorities"/> (mutual TLS).</summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>The authorities a client certificate must chain to; empty: the machine's trust store.</summary>
    public X509Certificate2Collection ClientAuthorities { get; } = [];

    /// <summary>The TLS versions allowed (<see cref="SslProtocols.None"/>: the system's choice among TLS 1.2 and 1.3).</summary>
    public SslProtocols Protocols { get; set; } = SslProtocols.None;

    /// <summary>How long a client may take to complete the handshake before its connection is closed.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal SslServerAuthenticationOptions ServerOptions() => new()
    {
        ServerCertificate = Certificate,
        ClientCertificateRequired = RequireClientCertificate,
        EnabledSslProtocols = Protocols,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (!RequireClientCertificate) return true;
            if (certificate is null) return false;
            if (ClientAuthorities.Count == 0) return errors == SslPolicyErrors.None;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.AddRange(ClientAuthorities);
            return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        },
    };

    internal IEnumerable<(string Key, string Message)> GetValidationErrors()
    {
        if (Certificate is null) yield return ("Tls:Certificate", "is required when TLS is on.");
        else if (!Certificate.HasPrivateKey) yield return ("Tls:Certificate", $"'{Certificate.Subject}' has no private key: a server certificate needs one.");
        if ((Protocols & ~(SslProtocols.Tls12 | SslProtocols.Tls13)) != 0) yield return ("Tls:Protocols", $"'{Protocols}' allows more than Tls12 and Tls13.");
        if (HandshakeTimeout <= TimeSpan.Zero) yield return ("Tls:HandshakeTimeout", $"must be positive, not '{HandshakeTimeout}'.");
    }
}
