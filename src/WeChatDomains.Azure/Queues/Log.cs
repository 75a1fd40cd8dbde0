using Microsoft.Extensions.Logging;

namespace WeChatDomains.Azure.Queues;

/// <summary>Log lines of the Storage Queue transport (event ids 4000-4019). Never a message body.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Warning, "Message {MessageId} dead-lettered to {PoisonQueue}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string poisonQueue, string reason);

    [LoggerMessage(4001, LogLevel.Warning, "Message {MessageId} was dequeued {DequeueCount} times (budget {Budget}); it goes to the poison queue unprocessed")]
    public static partial void OverBudget(ILogger logger, string messageId, int dequeueCount, int budget);

    [LoggerMessage(4002, LogLevel.Information, "Message {MessageId} was already settled by another receiver (HTTP {Status}); nothing to do")]
    public static partial void AlreadySettled(ILogger logger, string messageId, int status);

    [LoggerMessage(4003, LogLevel.Debug, "Message {MessageId} returns to the queue in {Delay}: {Reason}")]
    public static partial void Delayed(ILogger logger, string messageId, TimeSpan delay, string reason);

    [LoggerMessage(4004, LogLevel.Debug, "Message {MessageId} completed ({Disposition})")]
    public static partial void Deleted(ILogger logger, string messageId, string disposition);

    [LoggerMessage(4005, LogLevel.Information, "Command {CommandId} enqueued to {Queue} as message {MessageId}, visible in {Delay}")]
    public static partial void Enqueued(ILogger logger, string commandId, string queue, string messageId, TimeSpan delay);
}
