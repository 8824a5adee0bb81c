namespace Hazelcast.Hosting;

/// <summary>How the host starts the client. Bound from the <c>Hazelcast:Hosting</c> section.</summary>
public sealed class HazelcastHostingOptions
{
    /// <summary>
    /// When true (the default), the host does not start until the client is connected, and start-up fails if the
    /// cluster cannot be reached within <c>Hazelcast:Networking:ClusterConnectTimeout</c>. When false, the app starts at
    /// once and the client connects in the background, retrying until it succeeds; operations wait for it (within
    /// the invocation timeout) and readiness reports unhealthy until then.
    /// </summary>
    /// <value>Default <c>true</c>.</value>
    public bool WaitForConnectionOnStart { get; set; } = true;
}
