using Hazelcast.Networking;

namespace Hazelcast;

/// <summary>The lifecycle state of a client.</summary>
public enum ClientState
{
    /// <summary>The client is starting and has not reached the cluster yet.</summary>
    Starting,
    /// <summary>The client has started (it is about to connect).</summary>
    Started,
    /// <summary>The client is connected to the cluster and can run operations.</summary>
    Connected,
    /// <summary>The client lost the cluster and is trying to reach it again; operations wait and retry.</summary>
    Disconnected,
    /// <summary>
    /// The client reached a cluster with a new cluster id (the cluster restarted and its data is gone); it re-creates
    /// its distributed objects and listeners, then becomes <see cref="Connected"/> again.
    /// </summary>
    ClusterChanged,
    /// <summary>The client is shutting down.</summary>
    ShuttingDown,
    /// <summary>The client has shut down: a terminal state.</summary>
    Shutdown,
}

/// <summary>Data of the <c>IHazelcastClient.StateChanged</c> event.</summary>
public sealed class ClientStateChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public ClientStateChangedEventArgs(ClientState previous, ClientState state)
    {
        PreviousState = previous;
        State = state;
    }

    /// <summary>The state before the change.</summary>
    public ClientState PreviousState { get; }

    /// <summary>The new state.</summary>
    public ClientState State { get; }
}

/// <summary>
/// Data of the <c>IHazelcastClient.MembershipChanged</c> event and of <c>WatchMembershipAsync</c>: who joined, who
/// left, and the membership after the change.
/// </summary>
public sealed class MembershipChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    public MembershipChangedEventArgs(IReadOnlyList<ClusterMember> added, IReadOnlyList<ClusterMember> removed, IReadOnlyList<ClusterMember> members, bool isInitial)
    {
        Added = added;
        Removed = removed;
        Members = members;
        IsInitial = isInitial;
    }

    /// <summary>The members that joined (for the initial membership of a watcher: all of them).</summary>
    public IReadOnlyList<ClusterMember> Added { get; }

    /// <summary>The members that left.</summary>
    public IReadOnlyList<ClusterMember> Removed { get; }

    /// <summary>The members after the change.</summary>
    public IReadOnlyList<ClusterMember> Members { get; }

    /// <summary>Whether this is the membership a watcher starts from rather than a change.</summary>
    public bool IsInitial { get; }
}

/// <summary>A partition lost its data: its owner and its backups all left the cluster before its data could move.</summary>
/// <param name="PartitionId">The partition.</param>
/// <param name="LostBackupCount">How many of its backups were lost with its owner.</param>
/// <param name="Source">The member that detected the loss.</param>
public sealed record PartitionLostEventArgs(int PartitionId, int LostBackupCount, Guid Source);

/// <summary>A member of the cluster, as the client last saw it.</summary>
/// <param name="Id">The member's uuid.</param>
/// <param name="Address">The address the member accepts clients on.</param>
/// <param name="IsLiteMember">Whether the member holds no data.</param>
/// <param name="Version">The member's version, <c>major.minor.patch</c>.</param>
public sealed record ClusterMember(Guid Id, NetworkAddress Address, bool IsLiteMember, string Version);
