namespace Hazelcast.Protocol.Codecs;

/// <summary>The error response (type 0): a list of error holders, the thrown exception first, then its causes (PROTOCOL.md §2.1).</summary>
internal static class ErrorCodec
{
    public const int ResponseMessageType = 0;

    public static ClientMessage Encode(IReadOnlyList<ErrorHolder> errors)
    {
        var w = MessageWriter.Response(ResponseMessageType, ClientMessage.ResponseHeaderSize, 256);
        ErrorHolderCodec.EncodeList(ref w, errors);
        return w.Complete();
    }

    public static List<ErrorHolder> Decode(ClientMessage message)
    {
        MessageTypes.Expect(message, ResponseMessageType);
        var r = message.GetReader();
        return ErrorHolderCodec.DecodeList(ref r, "errorHolders");
    }
}
