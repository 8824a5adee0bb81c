using Microsoft.Extensions.Logging;

namespace Hazelcast.Invocations;

/// <summary>The log messages of the invocation layer (event ids: <see cref="HazelcastEventIds"/>).</summary>
internal static partial class InvocationLog
{
    [LoggerMessage(EventId = HazelcastEventIds.InvocationRetry, Level = LogLevel.Debug, Message = "Retrying message 0x{MessageType:X6} (attempt {Attempt}): {Reason}")]
    public static partial void Retrying(ILogger logger, int messageType, int attempt, string reason);

    [LoggerMessage(EventId = HazelcastEventIds.UnmatchedResponse, Level = LogLevel.Debug, Message = "Received a response of type 0x{MessageType:X6} for unknown correlation id {CorrelationId} (cancelled or timed out)")]
    public static partial void UnmatchedResponse(ILogger logger, int messageType, long correlationId);

    [LoggerMessage(EventId = HazelcastEventIds.UnmatchedEvent, Level = LogLevel.Debug, Message = "Received an event of type 0x{MessageType:X6} for unknown registration {CorrelationId}")]
    public static partial void UnmatchedEvent(ILogger logger, int messageType, long correlationId);

    [LoggerMessage(EventId = HazelcastEventIds.BackupAckTimeout, Level = LogLevel.Warning, Message = "Message 0x{MessageType:X6} completes with {Received} of {Expected} backup acks: the others did not arrive within {TimeoutMs} ms")]
    public static partial void BackupAckTimeout(ILogger logger, int messageType, int received, int expected, double timeoutMs);

    /// <summary>A handler of events threw (a registration's handler on the read loop, or a subscription's dispatcher).</summary>
    [LoggerMessage(EventId = HazelcastEventIds.EventHandlerFailed, Level = LogLevel.Warning, Message = "An event handler failed on an event of type 0x{MessageType:X6}")]
    public static partial void EventHandlerFailed(ILogger logger, Exception exception, int messageType);

    [LoggerMessage(EventId = HazelcastEventIds.UnexpectedResponseType, Level = LogLevel.Warning, Message = "Member at {Address} answered a request of type 0x{RequestType:X6} with a message of type 0x{MessageType:X6}: such operations fail, the connection stays (logged once per pair of types)")]
    public static partial void UnexpectedResponseType(ILogger logger, int messageType, int requestType, string address);
}
