namespace Hazelcast.Protocol;

internal static class MessageTypes
{
    /// <summary>Fails when a decoder is handed a message of another type (a routing bug or a misbehaving peer).</summary>
    public static void Expect(ClientMessage message, int expectedType)
    {
        if (message.MessageType != expectedType)
            ThrowHelper.UnexpectedMessageType(expectedType, message.MessageType);
    }
}
