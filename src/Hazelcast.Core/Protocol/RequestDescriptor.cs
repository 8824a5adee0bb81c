namespace Hazelcast.Protocol;

/// <summary>How a request finds its member.</summary>
internal enum PartitionRouting
{
    /// <summary>Any member, unless the caller names a partition (a query restricted to one partition).</summary>
    None,

    /// <summary>The owner of the partition of the request's key (the encoder records the key's hash).</summary>
    Key,

    /// <summary>The caller names the partition (requests that group keys by partition).</summary>
    Given,

    /// <summary>
    /// The owner of the partition of the object's name: a queue, list, set or ringbuffer lives in one partition, and a
    /// topic publishes from one; the proxy knows that partition and names it.
    /// </summary>
    Name,
}

/// <summary>
/// What the invocation layer needs to know of a request message, generated from <c>tools/codegen/messages.txt</c>
/// (one per message, <c>XxxCodec.Descriptor</c>): so no call site says by hand whether a request may be resent or
/// where it goes.
/// </summary>
/// <param name="Name">The message's name, <c>Service.Method</c>.</param>
/// <param name="MessageType">The request's message type.</param>
/// <param name="Retryable">Safe to resend after a connection failure even if it may have been applied (the definition's retryable flag).</param>
/// <param name="Routing">How the request finds its member.</param>
internal sealed record RequestDescriptor(string Name, int MessageType, bool Retryable, PartitionRouting Routing)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> OperationNames = new();

    /// <summary>The operation's name in metrics and traces: the message's name in lower case (<c>map.get</c>).</summary>
    public string OperationName { get; } = OperationNames.GetOrAdd(MessageType, Name.ToLowerInvariant());

    /// <summary>
    /// The operation name of a request message type (a message keeps its descriptor's flags, not the descriptor; every
    /// descriptor registers its name when its codec is first used, before any of its requests exists).
    /// </summary>
    public static string OperationNameOf(int messageType) => OperationNames.TryGetValue(messageType, out var name) ? name : $"0x{messageType:x6}";

    public override string ToString() => $"{Name} (0x{MessageType:X6})";
}
