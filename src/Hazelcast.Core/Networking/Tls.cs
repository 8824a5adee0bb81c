using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hazelcast.Networking;

/// <summary>
/// The client's TLS, loaded once from <see cref="SslOptions"/>: the authorities to trust, the client certificate, and
/// the handshake that turns a connected socket into a TLS stream.
/// </summary>
internal sealed class ClientTls
{
    private readonly SslOptions _options;
    private readonly X509Certificate2Collection _authorities;
    private readonly X509Certificate2? _clientCertificate;

    private ClientTls(SslOptions options, X509Certificate2Collection authorities, X509Certificate2? clientCertificate)
    {
        _options = options;
        _authorities = authorities;
        _clientCertificate = clientCertificate;
    }

    /// <summary>
    /// Loads what the options name. Every problem is added to <paramref name="errors"/> with its configuration key
    /// (relative to <c>Hazelcast</c>); null when TLS is off or something is wrong.
    /// </summary>
    public static ClientTls? Load(SslOptions? options, List<(string Key, string Message)> errors)
    {
        const string Key = "Networking:Ssl";
        if (options is null)
        {
            errors.Add((Key, "cannot be null."));
            return null;
        }
        var before = errors.Count;
        if ((options.Protocols & ~(SslProtocols.Tls12 | SslProtocols.Tls13)) != 0)
            errors.Add(($"{Key}:Protocols", $"'{options.Protocols}' allows more than Tls12 and Tls13 (older versions are not secure); use Tls12, Tls13, both, or None for the system's choice."));
        if (!Enum.IsDefined(options.RevocationMode))
            errors.Add(($"{Key}:RevocationMode", $"'{options.RevocationMode}' is not one of {string.Join(", ", Enum.GetNames<X509RevocationMode>())}."));
        if (options.ServerName is { } serverName && string.IsNullOrWhiteSpace(serverName))
            errors.Add(($"{Key}:ServerName", "cannot be empty (leave it unset for the host of each address)."));
        var authorities = new X509Certificate2Collection();
        if (options.CaCertificatePaths is null) errors.Add(($"{Key}:CaCertificatePaths", "cannot be null."));
        else
            for (var i = 0; i < options.CaCertificatePaths.Count; i++)
            {
                var path = options.CaCertificatePaths[i];
                try
                {
                    if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("the path is empty");
                    ImportCertificates(authorities, path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
                {
                    errors.Add(($"{Key}:CaCertificatePaths:{i}", $"cannot be read from '{path}': {e.Message}"));
                }
            }
        var client = LoadClientCertificate(options.ClientCertificate, $"{Key}:ClientCertificate", errors);
        if (errors.Count > before || !options.Enabled) return null;
        return new ClientTls(options, authorities, client);
    }

    /// <summary>Every certificate of a PEM file, or the one of a DER file.</summary>
    internal static void ImportCertificates(X509Certificate2Collection into, string path)
    {
        var before = into.Count;
        if (File.ReadAllText(path).Contains("-----BEGIN", StringComparison.Ordinal)) into.ImportFromPemFile(path);
        else into.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        if (into.Count == before) throw new CryptographicException("the file holds no certificate");
    }

    private static X509Certificate2? LoadClientCertificate(ClientCertificateOptions? c, string key, List<(string Key, string Message)> errors)
    {
        if (c is null)
        {
            errors.Add((key, "cannot be null."));
            return null;
        }
        if (!c.IsSet) return null;
        if (c.Thumbprint is not null && (c.Path is not null || c.KeyPath is not null))
        {
            errors.Add(($"{key}:Thumbprint", "set either Thumbprint (a certificate store) or Path (a file), not both."));
            return null;
        }
        try
        {
            if (c.Thumbprint is { } thumbprint) return FromStore(thumbprint);
            if (c.Path is null) throw new ArgumentException("KeyPath needs Path, the certificate that goes with the key");
            if (!File.Exists(c.Path)) throw new FileNotFoundException("the file does not exist");
            X509Certificate2 certificate;
            if (c.KeyPath is not null)
            {
                if (!File.Exists(c.KeyPath))
                {
                    errors.Add(($"{key}:KeyPath", $"cannot be read from '{c.KeyPath}': the file does not exist."));
                    return null;
                }
                certificate = c.Password is null ? X509Certificate2.CreateFromPemFile(c.Path, c.KeyPath) : X509Certificate2.CreateFromEncryptedPemFile(c.Path, c.Password, c.KeyPath);
                // On Linux a PEM key is ephemeral, which SslStream cannot use for a client certificate: go through PKCS#12.
                certificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
            }
            else
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(c.Path, c.Password);
            }
            if (!certificate.HasPrivateKey) throw new CryptographicException("the certificate has no private key");
            return certificate;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            // The message is .NET's (a wrong password says so); the password itself never appears.
            errors.Add(($"{key}:{(c.Thumbprint is not null ? "Thumbprint" : "Path")}", $"cannot be loaded from '{c.Thumbprint ?? c.Path}': {e.Message}"));
            return null;
        }
    }

    private static X509Certificate2 FromStore(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0) return found[0];
        }
        throw new CryptographicException($"no certificate with thumbprint {thumbprint} in the My store of the current user or of the machine");
    }

    /// <summary>
    /// The TLS handshake on a connected socket, as the client: the server certificate checked against the name
    /// (<see cref="SslOptions.ServerName"/> or the host of <paramref name="address"/>) and the trusted authorities.
    /// </summary>
    /// <exception cref="AuthenticationException">The server's certificate was refused, or the handshake failed on a TLS level.</exception>
    /// <exception cref="HazelcastConnectionException">The connection failed during the handshake.</exception>
    public async Task<TlsSession> AuthenticateAsync(Socket socket, NetworkAddress address, CancellationToken cancellationToken)
    {
        var certificateRequested = false;
        var host = _options.ServerName ?? address.Host;
        SslPolicyErrors seen = SslPolicyErrors.None;
        string? chainStatus = null;
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        var authentication = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = _options.Protocols,
            CertificateRevocationCheckMode = _options.RevocationMode,
            // Called when the server asks for a client certificate (mutual TLS), during the handshake.
            LocalCertificateSelectionCallback = (_, _, _, _, _) =>
            {
                certificateRequested = true;
                return _clientCertificate!;
            },
            RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
            {
                seen = errors;
                chainStatus = chain is null ? null : string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
                return _options.ValidationCallback?.Invoke(sender, certificate, chain, errors) ?? errors == SslPolicyErrors.None;
            },
        };
        if (_authorities.Count > 0)
        {
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = _options.RevocationMode };
            policy.CustomTrustStore.AddRange(_authorities);
            authentication.CertificateChainPolicy = policy;
        }
        try
        {
            await stream.AuthenticateAsClientAsync(authentication, cancellationToken).ConfigureAwait(false);
            return new TlsSession(stream, certificateRequested, _clientCertificate is not null);
        }
        catch (System.Security.Authentication.AuthenticationException e)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            var why = seen == SslPolicyErrors.None ? e.Message
                : $"the server certificate was refused ({seen}{(string.IsNullOrEmpty(chainStatus) ? "" : $": {chainStatus}")}) for the name '{host}'";
            throw new AuthenticationException($"The TLS handshake with {address} failed: {why}.", e);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new HazelcastConnectionException($"The connection to {address} failed during the TLS handshake: {e.Message}", innerException: e);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}

/// <summary>
/// A completed client handshake: the stream, and whether the server asked for a client certificate. With TLS 1.3 a
/// server checks the client's certificate after the client has finished its handshake, so a refusal shows only as the
/// server closing the connection: <see cref="RefusalMessage"/> says what that then means.
/// </summary>
internal sealed record TlsSession(SslStream Stream, bool ClientCertificateRequested, bool ClientCertificateSent)
{
    public string? RefusalMessage(NetworkAddress address) => !ClientCertificateRequested ? null : ClientCertificateSent
        ? $"The member at {address} closed the TLS connection after the handshake: it refused this client's certificate (Hazelcast:Networking:Ssl:ClientCertificate), or the cluster requires another one."
        : $"The member at {address} requires a client certificate (mutual TLS) and closed the connection: set Hazelcast:Networking:Ssl:ClientCertificate.";
}
