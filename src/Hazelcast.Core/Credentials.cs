namespace Hazelcast;

/// <summary>
/// What a client authenticates with: <see cref="UsernamePasswordCredentials"/> or <see cref="TokenCredentials"/>
/// (Hazelcast's TokenCredentials, sent with Client.AuthenticationCustom). Their <c>ToString</c> never shows a secret.
/// </summary>
public interface ICredentials;

/// <summary>A user name and a password.</summary>
public sealed class UsernamePasswordCredentials(string username, string password) : ICredentials
{
    /// <summary>The user name.</summary>
    public string Username { get; } = username ?? throw new ArgumentNullException(nameof(username));

    /// <summary>The password.</summary>
    public string Password { get; } = password ?? throw new ArgumentNullException(nameof(password));

    /// <inheritdoc />
    public override string ToString() => $"username '{Username}', password (redacted)";
}

/// <summary>A token, as the bytes the cluster's security realm checks (a JWT's ASCII text, say).</summary>
public sealed class TokenCredentials : ICredentials
{
    /// <summary>Creates credentials from the token's bytes.</summary>
    public TokenCredentials(byte[] token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length == 0) throw new ArgumentException("A token cannot be empty.", nameof(token));
        Token = token;
    }

    /// <summary>Creates credentials from a token's text, as its ASCII bytes (a JWT, an opaque token).</summary>
    public TokenCredentials(string token) : this(System.Text.Encoding.ASCII.GetBytes(token ?? throw new ArgumentNullException(nameof(token))))
    {
        if (!System.Text.Ascii.IsValid(token)) throw new ArgumentException("A token given as text must be ASCII; pass its bytes otherwise.", nameof(token));
    }

    /// <summary>The token's bytes.</summary>
    public byte[] Token { get; }

    /// <inheritdoc />
    public override string ToString() => $"token of {Token.Length} bytes (redacted)";
}

/// <summary>How <see cref="AuthenticationOptions.Token"/> is turned into bytes (Hazelcast's TokenEncoding).</summary>
public enum TokenEncoding
{
    /// <summary>The text's ASCII bytes (a JWT, an opaque token).</summary>
    Ascii = 0,

    /// <summary>The text is Base64 of the bytes.</summary>
    Base64 = 1,
}
