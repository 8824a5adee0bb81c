using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hazelcast.Testing;

/// <summary>
/// Certificates made at run time for tests and local development (nothing that expires is committed): a certificate
/// authority, and server and client certificates it issues. Never for production.
/// </summary>
public static class DevelopmentCertificates
{
    /// <summary>A self-signed certificate authority (RSA 2048, valid from 30 days ago for <paramref name="validity"/>, default 60 days).</summary>
    public static X509Certificate2 CreateAuthority(string name = "Hazelcast development CA", TimeSpan? validity = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-30), now + (validity ?? TimeSpan.FromDays(60)));
    }

    /// <summary>
    /// A server certificate issued by <paramref name="authority"/> for <paramref name="dnsNames"/> and
    /// <paramref name="addresses"/> (default <c>localhost</c> and 127.0.0.1), valid from <paramref name="notBefore"/>
    /// to <paramref name="notAfter"/> (default from a day ago for 30 days: pass past dates for an expired one).
    /// </summary>
    public static X509Certificate2 CreateServer(X509Certificate2 authority, IEnumerable<string>? dnsNames = null, IEnumerable<IPAddress>? addresses = null,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var names = new SubjectAlternativeNameBuilder();
        var dns = (dnsNames ?? ["localhost"]).ToList();
        foreach (var name in dns) names.AddDnsName(name);
        foreach (var address in addresses ?? (dnsNames is null ? [IPAddress.Loopback] : [])) names.AddIpAddress(address);
        return Issue(authority, $"CN={(dns.Count > 0 ? dns[0] : "server")}", names.Build(), "1.3.6.1.5.5.7.3.1", notBefore, notAfter); // server authentication
    }

    /// <summary>A client certificate issued by <paramref name="authority"/> (for mutual TLS).</summary>
    public static X509Certificate2 CreateClient(X509Certificate2 authority, string name = "hazelcast-client")
        => Issue(authority, $"CN={name}", null, "1.3.6.1.5.5.7.3.2", null, null); // client authentication

    /// <summary>A certificate as a PEM file's text (no key).</summary>
    public static string ToPem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject, X509Extension? alternativeNames, string usage, DateTimeOffset? notBefore, DateTimeOffset? notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (alternativeNames is not null) request.CertificateExtensions.Add(alternativeNames);
        var now = DateTimeOffset.UtcNow;
        var from = notBefore ?? now.AddDays(-1);
        var to = notAfter ?? now.AddDays(30);
        if (from < authority.NotBefore.ToUniversalTime()) from = authority.NotBefore.ToUniversalTime();
        if (to > authority.NotAfter.ToUniversalTime()) to = authority.NotAfter.ToUniversalTime(); // an issued certificate cannot outlive its issuer
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(authority, from, to, serial);
        // With its key, and through PKCS#12: on Linux an ephemeral key cannot serve in a TLS handshake.
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
