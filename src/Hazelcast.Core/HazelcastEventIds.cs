namespace Hazelcast;

/// <summary>
/// The event ids of the client's log messages. They are a contract: ids and names never change.
/// Bands: 1xxx lifecycle and connections, 2xxx invocations, 3xxx events and listeners.
/// </summary>
public static class HazelcastEventIds
{
    /// <summary>The client is starting.</summary>
    public const int Starting = 1000;
    /// <summary>The client connected to the cluster (cluster name, member).</summary>
    public const int Connected = 1001;
    /// <summary>A member joined the cluster.</summary>
    public const int MemberAdded = 1002;
    /// <summary>A member left the cluster.</summary>
    public const int MemberRemoved = 1003;
    /// <summary>The client lost its last connection to the cluster.</summary>
    public const int Disconnected = 1004;
    /// <summary>The client reached the cluster again after losing it.</summary>
    public const int Reconnected = 1005;
    /// <summary>The client is shutting down.</summary>
    public const int ShuttingDown = 1006;
    /// <summary>The client has shut down.</summary>
    public const int ShutDown = 1007;
    /// <summary>A connection to a member was opened and authenticated.</summary>
    public const int ConnectionOpened = 1010;
    /// <summary>A connection to a member closed.</summary>
    public const int ConnectionClosed = 1011;
    /// <summary>An attempt to connect to an address failed.</summary>
    public const int ConnectionAttemptFailed = 1012;
    /// <summary>A connection was closed because nothing was read within the heartbeat timeout.</summary>
    public const int HeartbeatTimeout = 1013;
    /// <summary>The client joined a cluster with a new cluster id (the cluster restarted).</summary>
    public const int ClusterChanged = 1014;
    /// <summary>The members view changed.</summary>
    public const int MembersUpdated = 1015;
    /// <summary>A Compact schema was sent to the cluster (debug).</summary>
    public const int SchemaPublished = 1016;
    /// <summary>The hosted service connects the client in the background (Hosting:WaitForConnectionOnStart is false).</summary>
    public const int ConnectingInBackground = 1050;
    /// <summary>The hosted service's background start failed; it tries again after a pause.</summary>
    public const int BackgroundConnectFailed = 1062;
    /// <summary>A handler of the client's StateChanged event threw.</summary>
    public const int StateHandlerFailed = 1100;
    /// <summary>A handler of the client's MembershipChanged event threw (Warning).</summary>
    public const int MembershipHandlerFailed = 1101;
    /// <summary>Reconnection gave up within Networking:Reconnect:Timeout; the client shuts down.</summary>
    public const int ReconnectFailed = 1104;
    /// <summary>The client lost the cluster and does not reconnect (ReconnectMode DoNotReconnect); it shuts down.</summary>
    public const int NotReconnecting = 1105;
    /// <summary>An invocation is retried.</summary>
    public const int InvocationRetry = 2000;
    /// <summary>A response arrived for an invocation that is no longer pending.</summary>
    public const int UnmatchedResponse = 2001;
    /// <summary>A write completed without all its backup acks (they did not arrive within the backup-ack timeout).</summary>
    public const int BackupAckTimeout = 2002;
    /// <summary>A member answered a request with a message of another type (that operation fails; logged once per pair of types).</summary>
    public const int UnexpectedResponseType = 2003;
    /// <summary>Client statistics could not be sent this period (Debug); the next period tries again.</summary>
    public const int StatisticsNotSent = 2011;
    /// <summary>A transaction disposed of without a commit could not be rolled back by the client; the member rolls it back when its connection closes (Warning).</summary>
    public const int TransactionRollbackFailed = 2010;
    /// <summary>An event arrived for no known registration.</summary>
    public const int UnmatchedEvent = 3000;
    /// <summary>A user event handler threw.</summary>
    public const int EventHandlerFailed = 3001;
    /// <summary>A listener could not be registered on a member.</summary>
    public const int ListenerRegistrationFailed = 3002;
    /// <summary>A listener's handler fell behind by Messaging:MaxQueuedEventsPerListener events: events are dropped (logged at the first and every 10,000th).</summary>
    public const int EventsDropped = 3003;

    /// <summary>An item handed to a queue poll whose caller had given up could not be offered back to the queue: it is lost (Error).</summary>
    public const int QueueGiveBackFailed = 3012;

    /// <summary>A reliable-topic subscription fell behind the ringbuffer's head and skipped the lost messages (Warning).</summary>
    public const int ReliableTopicMessagesLost = 3010;

    /// <summary>A reliable-topic subscription ended on an error: it is no longer read (Error).</summary>
    public const int ReliableTopicTerminated = 3011;

    /// <summary>A near-cache reconciliation round (fetching the members' invalidation metadata) failed; the next one tries again (Debug).</summary>
    public const int NearCacheRepairFailed = 3020;

    /// <summary>A near cache found missed invalidations: the entries of those partitions cached before are dropped when read (Debug).</summary>
    public const int NearCacheRepaired = 3021;
}
