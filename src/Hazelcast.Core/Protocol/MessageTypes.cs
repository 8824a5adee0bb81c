namespace Hazelcast.Protocol;

internal static class MessageTypes
{
    /// <summary>Fails when a decoder is handed a message of another type (a routing bug or a misbehaving peer).</summary>
    public static void Expect(ClientMessage message, int expectedType)
    {
        if (message.MessageType != expectedType)
            throw new ProtocolException($"Expected a message of type 0x{expectedType:X6}, received 0x{message.MessageType:X6}.");
    }
}
