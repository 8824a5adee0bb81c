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
        var auth = options.Authentication;
        var request = ClientAuthenticationCodec.EncodeRequest(clientId, 1, options.ClusterName, auth.Username, auth.Password,
            ClientType, ClientVersion, clientName, options.Labels.ToList());
        var response = await invocations.InvokeAsync(request, -1, cancellationToken, connection, timeout: options.Networking.ConnectionTimeout).ConfigureAwait(false);
        var r = ClientAuthenticationCodec.DecodeResponse(response);
        switch ((AuthenticationStatus)r.Status)
        {
            case AuthenticationStatus.Authenticated:
                break;
            case AuthenticationStatus.CredentialsFailed:
                throw new AuthenticationException($"The member at {address} rejected the client: wrong cluster name (Hazelcast:ClusterName is '{options.ClusterName}') or credentials (Hazelcast:Authentication{(auth.Username is null ? ": none" : $":Username is '{auth.Username}'")}).");
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
}
