using System.Diagnostics.CodeAnalysis;

namespace Hazelcast.Protocol;

/// <summary>
/// The throw sites of the codecs and frame readers: each builds the message that says what is wrong with the bytes
/// received, out of line, so that the methods on the read path stay small.
/// </summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void FrameOverrun(string context, string field, int declared, int remaining)
        => throw new ProtocolException($"{context}: the frame for '{field}' declares {declared} bytes, but {remaining} remain.");

    [DoesNotReturn]
    public static void UnexpectedFrame(string context, string expected, string field, FrameFlags flags)
        => throw new ProtocolException($"{context}: expected the {expected} frame of '{field}', found flags 0x{(ushort)flags:X4}.");

    [DoesNotReturn]
    public static void NullNotAllowed(string context, string field)
        => throw new ProtocolException($"{context}: '{field}' is not nullable but a NULL frame was received.");

    [DoesNotReturn]
    public static void DataTooShort(string context, string field, int length, int minimum)
        => throw new ProtocolException($"{context}: '{field}' holds {length} bytes; serialized data needs at least {minimum}.");

    [DoesNotReturn]
    public static void FixedFieldOutOfFrame(string field, int size, int offset, int frameLength)
        => throw new ProtocolException($"The fixed field '{field}' ({size} bytes at offset {offset}) lies beyond its frame of {frameLength} bytes.");

    [DoesNotReturn]
    public static void UnexpectedMessageType(int expected, int received)
        => throw new ProtocolException($"Expected a message of type 0x{expected:X6}, received 0x{received:X6}.");

    [DoesNotReturn]
    public static void InitialFrameTooShort(int minimum, int length)
        => throw new ProtocolException($"A message needs an initial frame of at least {minimum} bytes; got {length}.");

    [DoesNotReturn]
    public static void InitialFrameDoesNotFit(int declared, int length)
        => throw new ProtocolException($"The initial frame declares {declared} bytes, which does not fit a message of {length} bytes.");
}
