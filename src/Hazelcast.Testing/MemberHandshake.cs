using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Testing;

/// <summary>
/// What a member answers to a new client: the authentication response and the cluster view events. One helper for
/// the in-process member, the scripted fake members of the tests and the benchmarks' canned member.
/// </summary>
internal static class MemberHandshake
{
    /// <summary>The Client.Authentication response; a refused client gets no members and no partitions.</summary>
    public static ClientMessage AuthenticationResponse(AuthenticationStatus status, Guid memberId, Address address, string version, Guid clusterId,
        int partitionCount, int memberListVersion, int partitionListVersion, IReadOnlyList<MemberInfo> members, IReadOnlyList<KeyValuePair<Guid, int[]>> partitions,
        bool custom = false)
    {
        var accepted = status == AuthenticationStatus.Authenticated;
        // Client.AuthenticationCustom's response has the same fields under its own message type.
        if (custom)
            return ClientAuthenticationCustomCodec.EncodeResponse((byte)status, memberId, 1, partitionCount, clusterId, false, memberListVersion, partitionListVersion,
                address, version, null, null, accepted ? members : [], accepted ? partitions : [], []);
        return ClientAuthenticationCodec.EncodeResponse((byte)status, memberId, 1, partitionCount, clusterId, false, memberListVersion, partitionListVersion,
            address, version, null, null, accepted ? members : [], accepted ? partitions : [], []);
    }

    /// <summary>The members view and partitions view events of a cluster view listener registered with <paramref name="correlationId"/>.</summary>
    public static (ClientMessage Members, ClientMessage Partitions) ClusterViewEvents(long correlationId, int memberListVersion, IReadOnlyList<MemberInfo> members,
        int partitionListVersion, IReadOnlyList<KeyValuePair<Guid, int[]>> partitions)
    {
        var membersEvent = ClientAddClusterViewListenerCodec.EncodeMembersViewEvent(memberListVersion, members);
        var partitionsEvent = ClientAddClusterViewListenerCodec.EncodePartitionsViewEvent(partitionListVersion, partitions);
        membersEvent.CorrelationId = partitionsEvent.CorrelationId = correlationId;
        return (membersEvent, partitionsEvent);
    }

    /// <summary>A one-member cluster on loopback that owns every partition (a fake or canned member).</summary>
    public sealed class SingleMember(Guid memberId, int port, int partitionCount = 271, string version = "5.5.0")
    {
        private readonly Address _address = new(port, "127.0.0.1");

        public Guid MemberId { get; } = memberId;

        private MemberInfo Info => new(MemberId, false, _address, [], MemberVersionOf(version), []);

        private KeyValuePair<Guid, int[]> AllPartitions => new(MemberId, Enumerable.Range(0, partitionCount).ToArray());

        public ClientMessage AuthenticationResponse()
            => MemberHandshake.AuthenticationResponse(AuthenticationStatus.Authenticated, MemberId, _address, version, Guid.NewGuid(), partitionCount, 1, 1, [Info], [AllPartitions]);

        public (ClientMessage Members, ClientMessage Partitions) ClusterViewEvents(long correlationId)
            => MemberHandshake.ClusterViewEvents(correlationId, 1, [Info], 1, [AllPartitions]);
    }

    /// <summary>"5.5.0" (or "5.5.0-SNAPSHOT") as the protocol's member version; a missing or unreadable part is 0.</summary>
    public static MemberVersion MemberVersionOf(string version)
    {
        var parts = version.Split('.', '-');
        byte Part(int i) => parts.Length > i && byte.TryParse(parts[i], System.Globalization.CultureInfo.InvariantCulture, out var b) ? b : (byte)0;
        return new MemberVersion(Part(0), Part(1), Part(2));
    }
}
