using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Hazelcast;

/// <summary>
/// TLS for the connections to the members (<c>Hazelcast:Networking:Ssl</c>): required by Hazelcast Cloud (Viridian)
/// and by Enterprise clusters with TLS on. The handshake comes before anything else on a connection, the protocol's
/// preamble included, within <see cref="NetworkingOptions.ConnectionTimeout"/>.
/// </summary>
public sealed class SslOptions
{
    /// <summary>Whether connections use TLS.</summary>
    /// <value>Default <c>false</c>.</value>
    public bool Enabled { get; set; }

    /// <summary>
    /// The name the server certificate must be issued to, and the SNI name sent; null for the host of the address
    /// connected to (set it when connecting by IP address to members whose certificates carry a DNS name).
    /// </summary>
    public string? ServerName { get; set; }

    /// <summary>
    /// Certificate files (PEM or DER) of the authorities to trust for the server certificate instead of the machine's
    /// trust store (a private CA). Empty: the machine's trust store.
    /// </summary>
    public IList<string> CaCertificatePaths { get; set; } = new List<string>();

    /// <summary>Whether and how the server certificate's revocation is checked.</summary>
    /// <value>Default <see cref="X509RevocationMode.NoCheck"/>, as .NET's own default (an online check needs the CA's servers reachable).</value>
    public X509RevocationMode RevocationMode { get; set; } = X509RevocationMode.NoCheck;

    /// <summary>The TLS versions allowed: <see cref="SslProtocols.Tls12"/>, <see cref="SslProtocols.Tls13"/> or both.</summary>
    /// <value>Default <see cref="SslProtocols.None"/>: the system's choice among TLS 1.2 and 1.3.</value>
    public SslProtocols Protocols { get; set; } = SslProtocols.None;

    /// <summary>The client certificate for mutual TLS, when the members require one.</summary>
    public ClientCertificateOptions ClientCertificate { get; set; } = new();

    /// <summary>
    /// Code only: decides whether a server certificate is accepted, in place of the default rule (accepted only when
    /// .NET reports no error). Called with the errors .NET found, which it may overrule.
    /// </summary>
    public RemoteCertificateValidationCallback? ValidationCallback { get; set; }

    internal SslOptions Clone(bool redact = false) => new()
    {
        Enabled = Enabled,
        ServerName = ServerName,
        CaCertificatePaths = CaCertificatePaths.ToList(),
        RevocationMode = RevocationMode,
        Protocols = Protocols,
        ClientCertificate = new ClientCertificateOptions
        {
            Path = ClientCertificate.Path, KeyPath = ClientCertificate.KeyPath, Password = AuthenticationOptions.Redact(ClientCertificate.Password, redact), Thumbprint = ClientCertificate.Thumbprint,
        },
        ValidationCallback = ValidationCallback,
    };
}

/// <summary>
/// The client certificate for mutual TLS, from one of: a PKCS#12 file (<see cref="Path"/> with its
/// <see cref="Password"/>), a PEM certificate and key (<see cref="Path"/> and <see cref="KeyPath"/>, the key optionally
/// encrypted with <see cref="Password"/>), or the current user's or the machine's certificate store (<see cref="Thumbprint"/>).
/// </summary>
public sealed class ClientCertificateOptions
{
    /// <summary>A PKCS#12 file (.pfx, .p12) or a PEM certificate file (.pem, .crt).</summary>
    public string? Path { get; set; }

    /// <summary>The PEM private key file of a PEM certificate.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of the PKCS#12 file or of the encrypted PEM key. Never logged, never in an error message.</summary>
    public string? Password { get; set; }

    /// <summary>The SHA-1 thumbprint of a certificate in the <c>My</c> store of the current user or of the machine.</summary>
    public string? Thumbprint { get; set; }

    internal bool IsSet => Path is not null || KeyPath is not null || Thumbprint is not null;
}
