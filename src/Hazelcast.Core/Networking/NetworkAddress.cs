using System.Globalization;
using System.Net;

namespace Hazelcast.Networking;

/// <summary>A member address: a host name or IP literal and a port.</summary>
public sealed record NetworkAddress(string Host, int Port)
{
    /// <summary>The default member port.</summary>
    public const int DefaultPort = 5701;

    /// <summary>
    /// Parses <c>host</c>, <c>host:port</c>, <c>[ipv6]</c> or <c>[ipv6]:port</c>. Without a port, <paramref name="defaultPort"/> is used.
    /// </summary>
    /// <exception cref="FormatException">The text is not an address; the message names it.</exception>
    public static NetworkAddress Parse(string text, int defaultPort = DefaultPort)
    {
        if (!TryParse(text, out var address, out var error, defaultPort)) throw new FormatException(error);
        return address;
    }

    /// <summary>Parses an address; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NetworkAddress? address, out string error, int defaultPort = DefaultPort)
    {
        address = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "An address cannot be empty.";
            return false;
        }
        text = text.Trim();
        string host;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"The address '{text}' opens '[' without closing it.";
                return false;
            }
            host = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (rest[0] != ':')
                {
                    error = $"The address '{text}' has unexpected text after ']'.";
                    return false;
                }
                portText = rest[1..];
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                host = text; // a bare IPv6 literal
            }
            else if (colon >= 0)
            {
                host = text[..colon];
                portText = text[(colon + 1)..];
            }
            else host = text;
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            error = $"The address '{text}' has no valid host.";
            return false;
        }
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            error = $"The address '{text}' has an invalid host '{host}'.";
            return false;
        }
        var port = defaultPort;
        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            error = $"The address '{text}' has an invalid port '{portText}' (expected 1 to 65535).";
            return false;
        }
        address = new NetworkAddress(host, port);
        return true;
    }

    /// <summary>Resolves the host to IP addresses through DNS (IP literals resolve to themselves).</summary>
    public Task<IPAddress[]> ResolveAsync(CancellationToken cancellationToken) => ResolveAsync(Dns.GetHostAddressesAsync, cancellationToken);

    /// <summary>Resolves the host to IP addresses with <paramref name="resolve"/> (IP literals resolve to themselves).</summary>
    internal async Task<IPAddress[]> ResolveAsync(Func<string, CancellationToken, Task<IPAddress[]>> resolve, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out var ip)) return [ip];
        var ips = await resolve(Host, cancellationToken).ConfigureAwait(false);
        return ips.Length > 0 ? ips : throw new HazelcastConnectionException($"The host name '{Host}' resolves to no address.");
    }

    /// <inheritdoc />
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
