namespace WeChatDomains.Host.Intake;

/// <summary>Log lines of the Host's intake (event ids 4100-4119). Never a message body.</summary>
internal static partial class Log
{
    [LoggerMessage(4100, LogLevel.Information, "Intake started: up to {MaxConcurrency} messages at a time, each leased for {VisibilityTimeout}")]
    public static partial void IntakeStarted(ILogger logger, int maxConcurrency, TimeSpan visibilityTimeout);

    [LoggerMessage(4101, LogLevel.Information, "Intake stopped; no message is held")]
    public static partial void IntakeStopped(ILogger logger);

    [LoggerMessage(4102, LogLevel.Error, "Receiving from the command queue failed; trying again")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(4103, LogLevel.Error, "Processing message {MessageId} failed; it is released for another try")]
    public static partial void ProcessingFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(4104, LogLevel.Information, "Message {MessageId} released, visible again in {Delay}: {Reason}")]
    public static partial void Released(ILogger logger, string messageId, TimeSpan delay, string reason);

    [LoggerMessage(4105, LogLevel.Warning, "Message {MessageId} could not be released; it returns when its visibility timeout ends")]
    public static partial void ReleaseFailed(ILogger logger, string messageId, Exception exception);
}
