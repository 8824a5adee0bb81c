using Microsoft.Extensions.Logging;

namespace Hazelcast.Clustering;

/// <summary>The log messages of the clustering layer (event ids: <see cref="HazelcastEventIds"/>).</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(EventId = HazelcastEventIds.Starting, Level = LogLevel.Information, Message = "Hazelcast client {ClientName} starting: cluster '{ClusterName}', addresses {Addresses}")]
    public static partial void Starting(ILogger logger, string clientName, string clusterName, string addresses);

    [LoggerMessage(EventId = HazelcastEventIds.Connected, Level = LogLevel.Information, Message = "Connected to cluster '{ClusterName}' ({ClusterId}) through member {MemberId} at {Address}; {MemberCount} member(s)")]
    public static partial void Connected(ILogger logger, string clusterName, Guid clusterId, Guid memberId, string address, int memberCount);

    [LoggerMessage(EventId = HazelcastEventIds.MemberAdded, Level = LogLevel.Information, Message = "Member added: {MemberId} at {Address}")]
    public static partial void MemberAdded(ILogger logger, Guid memberId, string address);

    [LoggerMessage(EventId = HazelcastEventIds.MemberRemoved, Level = LogLevel.Information, Message = "Member removed: {MemberId} at {Address}")]
    public static partial void MemberRemoved(ILogger logger, Guid memberId, string address);

    [LoggerMessage(EventId = HazelcastEventIds.Disconnected, Level = LogLevel.Warning, Message = "Disconnected from cluster '{ClusterName}': no connection left; reconnecting")]
    public static partial void Disconnected(ILogger logger, string clusterName);

    [LoggerMessage(EventId = HazelcastEventIds.Reconnected, Level = LogLevel.Information, Message = "Reconnected to cluster '{ClusterName}' ({ClusterId})")]
    public static partial void Reconnected(ILogger logger, string clusterName, Guid clusterId);

    [LoggerMessage(EventId = HazelcastEventIds.ShuttingDown, Level = LogLevel.Information, Message = "Hazelcast client {ClientName} shutting down")]
    public static partial void ShuttingDown(ILogger logger, string clientName);

    [LoggerMessage(EventId = HazelcastEventIds.ShutDown, Level = LogLevel.Information, Message = "Hazelcast client {ClientName} shut down")]
    public static partial void ShutDown(ILogger logger, string clientName);

    [LoggerMessage(EventId = HazelcastEventIds.ConnectionOpened, Level = LogLevel.Debug, Message = "Connection opened to member {MemberId} at {Address} (Hazelcast {Version})")]
    public static partial void ConnectionOpened(ILogger logger, Guid memberId, string address, string version);

    [LoggerMessage(EventId = HazelcastEventIds.ConnectionClosed, Level = LogLevel.Debug, Message = "Connection to member {MemberId} at {Address} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, Guid memberId, string address, string reason);

    [LoggerMessage(EventId = HazelcastEventIds.ConnectionAttemptFailed, Level = LogLevel.Debug, Message = "Could not connect to {Address}: {Reason}")]
    public static partial void ConnectionAttemptFailed(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = HazelcastEventIds.HeartbeatTimeout, Level = LogLevel.Warning, Message = "Closing the connection to {Address}: no complete message read for {TimeoutSeconds} s")]
    public static partial void HeartbeatTimeout(ILogger logger, string address, double timeoutSeconds);

    [LoggerMessage(EventId = HazelcastEventIds.ClusterChanged, Level = LogLevel.Warning, Message = "The cluster changed identity: {OldClusterId} -> {NewClusterId} (it restarted; its data is gone)")]
    public static partial void ClusterChanged(ILogger logger, Guid oldClusterId, Guid newClusterId);

    [LoggerMessage(EventId = HazelcastEventIds.MembersUpdated, Level = LogLevel.Debug, Message = "Members view {Version}: {MemberCount} member(s): {Members}")]
    public static partial void MembersUpdated(ILogger logger, int version, int memberCount, string members);

    [LoggerMessage(EventId = HazelcastEventIds.SchemaPublished, Level = LogLevel.Debug, Message = "Compact schema {SchemaId} of '{TypeName}' sent to the cluster")]
    public static partial void SchemaPublished(ILogger logger, long schemaId, string typeName);

    [LoggerMessage(EventId = HazelcastEventIds.ListenerRegistrationFailed, Level = LogLevel.Warning, Message = "Could not register a listener on {Address}: {Reason}")]
    public static partial void ListenerRegistrationFailed(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = HazelcastEventIds.ReconnectFailed, Level = LogLevel.Error, Message = "Could not reconnect to cluster '{ClusterName}' within Networking:Reconnect:Timeout; the client shuts down")]
    public static partial void ReconnectFailed(ILogger logger, Exception exception, string clusterName);

    [LoggerMessage(EventId = HazelcastEventIds.StateHandlerFailed, Level = LogLevel.Warning, Message = "A state-changed handler failed on state {State}")]
    public static partial void StateHandlerFailed(ILogger logger, Exception exception, ClientState state);

    [LoggerMessage(EventId = HazelcastEventIds.StatisticsNotSent, Level = LogLevel.Debug, Message = "Client statistics were not sent: {Reason}")]
    public static partial void StatisticsNotSent(ILogger logger, string reason);

    [LoggerMessage(EventId = HazelcastEventIds.MembershipHandlerFailed, Level = LogLevel.Warning, Message = "A MembershipChanged handler threw")]
    public static partial void MembershipHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = HazelcastEventIds.NotReconnecting, Level = LogLevel.Warning, Message = "Lost cluster '{ClusterName}' and Networking:ReconnectMode is DoNotReconnect: the client shuts down")]
    public static partial void NotReconnecting(ILogger logger, string clusterName);

    [LoggerMessage(EventId = HazelcastEventIds.EventsDropped, Level = LogLevel.Warning, Message = "A listener's handler is more than {Capacity} events behind: {Dropped} event(s) dropped so far (Messaging:MaxQueuedEventsPerListener)")]
    public static partial void EventsDropped(ILogger logger, long dropped, int capacity);
}
