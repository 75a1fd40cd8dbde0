using Microsoft.Extensions.Logging;

namespace WeChatDomains.Functions;

/// <summary>Log lines of the Functions host (event ids 6000-6099). Message ids and command ids only; never a body.</summary>
internal static partial class Log
{
    [LoggerMessage(6000, LogLevel.Debug, "Message {MessageId} completed ({Disposition})")]
    public static partial void Completed(ILogger logger, string messageId, string disposition);

    [LoggerMessage(6001, LogLevel.Information, "Message {MessageId} retried as {RetryMessageId} at {VisibleAt:o}: {Reason}")]
    public static partial void RetryScheduled(ILogger logger, string messageId, string retryMessageId, DateTimeOffset visibleAt, string reason);

    [LoggerMessage(6002, LogLevel.Warning, "Message {MessageId} dead-lettered: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string reason);

    [LoggerMessage(6003, LogLevel.Information, "Released {Count} due Deferred command(s) onto the queue")]
    public static partial void Released(ILogger logger, int count);

    [LoggerMessage(6004, LogLevel.Warning, "{Seam} is not wired yet in this build; {Function} did nothing")]
    public static partial void SeamNotWired(ILogger logger, string seam, string function);

    [LoggerMessage(6005, LogLevel.Information, "Command {CommandId} enqueued on session {SessionId}")]
    public static partial void Enqueued(ILogger logger, string commandId, string sessionId);
}
