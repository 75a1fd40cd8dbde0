namespace WeChatDomains.Host.Api;

/// <summary>Log lines of the Host's HTTP API (event ids 4130-4139). Never a key or a body.</summary>
internal static partial class Log
{
    [LoggerMessage(4130, LogLevel.Warning, "No API key is configured; in Development the API key is '{DevelopmentKey}'")]
    public static partial void DevelopmentKey(ILogger logger, string developmentKey);

    [LoggerMessage(4131, LogLevel.Error, "Command {CommandId} was recorded but could not be enqueued; the caller is told to submit it again")]
    public static partial void EnqueueFailed(ILogger logger, string commandId, Exception exception);
}
