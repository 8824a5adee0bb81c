using Hazelcast.Invocations;
using Hazelcast.Networking;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Clustering;

/// <summary>What a member said when it accepted the client.</summary>
internal readonly record struct AuthenticationResult(Guid MemberId, Guid ClusterId, int PartitionCount, string ServerVersion);

/// <summary>Authenticates a new connection: the Client.Authentication exchange and what its status means.</summary>
internal sealed class Authenticator(HazelcastOptions options, InvocationService invocations, Guid clientId, string clientName)
{
    public const string ClientType = "CSP";
    public static readonly string ClientVersion = typeof(Authenticator).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";

    /// <summary>Authenticates; throws <see cref="AuthenticationException"/> when the member refuses the client.</summary>
    public async Task<AuthenticationResult> AuthenticateAsync(MessageConnection connection, NetworkAddress address, CancellationToken cancellationToken)
    {
        // Asked for at every authentication: a credentials factory may renew an expiring token.
        var credentials = await options.Authentication.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var request = credentials is TokenCredentials token
            ? ClientAuthenticationCustomCodec.EncodeRequest(clientId, 1, options.ClusterName, token.Token, ClientType, ClientVersion, clientName, options.Labels.ToList())
            : ClientAuthenticationCodec.EncodeRequest(clientId, 1, options.ClusterName, (credentials as UsernamePasswordCredentials)?.Username,
                (credentials as UsernamePasswordCredentials)?.Password, ClientType, ClientVersion, clientName, options.Labels.ToList());
        var response = await invocations.InvokeAsync(request, -1, cancellationToken, connection, timeout: options.Networking.ConnectionTimeout).ConfigureAwait(false);
        // The two responses have the same fields; the custom one answers the custom request.
        var r = credentials is TokenCredentials ? Reply.Of(ClientAuthenticationCustomCodec.DecodeResponse(response)) : Reply.Of(ClientAuthenticationCodec.DecodeResponse(response));
        var what = credentials switch
        {
            TokenCredentials => "a token",
            UsernamePasswordCredentials u => $"username '{u.Username}'",
            _ => "none",
        };
        switch ((AuthenticationStatus)r.Status)
        {
            case AuthenticationStatus.Authenticated:
                break;
            case AuthenticationStatus.CredentialsFailed:
                throw new AuthenticationException($"The member at {address} rejected the client: wrong cluster name (Hazelcast:ClusterName is '{options.ClusterName}') or credentials (Hazelcast:Authentication: {what}).");
            case AuthenticationStatus.SerializationVersionMismatch:
                throw new AuthenticationException($"The member at {address} uses serialization version {r.SerializationVersion}; this client uses 1.");
            case AuthenticationStatus.NotAllowedInCluster:
                throw new AuthenticationException($"The member at {address} does not allow this client in the cluster.");
            default:
                throw new AuthenticationException($"The member at {address} answered authentication status {r.Status}.");
        }
        if (r.MemberUuid is not { } memberId) throw new ProtocolException($"The member at {address} authenticated the client without a member uuid.");
        if (r.PartitionCount <= 0) throw new ProtocolException($"The member at {address} announced {r.PartitionCount} partitions.");
        return new AuthenticationResult(memberId, r.ClusterId, r.PartitionCount, r.ServerHazelcastVersion);
    }

    /// <summary>What this client reads of either authentication response.</summary>
    private readonly record struct Reply(byte Status, byte SerializationVersion, Guid? MemberUuid, int PartitionCount, Guid ClusterId, string ServerHazelcastVersion)
    {
        public static Reply Of(ClientAuthenticationCodec.ResponseParameters r) => new(r.Status, r.SerializationVersion, r.MemberUuid, r.PartitionCount, r.ClusterId, r.ServerHazelcastVersion);

        public static Reply Of(ClientAuthenticationCustomCodec.ResponseParameters r) => new(r.Status, r.SerializationVersion, r.MemberUuid, r.PartitionCount, r.ClusterId, r.ServerHazelcastVersion);
    }
}
