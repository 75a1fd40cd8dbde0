namespace WeChatDomains.Sandbox;

/// <summary>The sandbox's log lines. No token, ticket, secret or AES key is ever logged; URLs are logged without their query.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Push {InfoType} sent to {Receiver}: HTTP {StatusCode}")]
    public static partial void PushSent(ILogger logger, string infoType, string receiver, int statusCode);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Push {InfoType} to {Receiver} failed: {Reason}")]
    public static partial void PushFailed(ILogger logger, string infoType, string receiver, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Fault injected on {Api}: {Fault}")]
    public static partial void FaultInjected(ILogger logger, string api, string fault);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Fault injected on {Api}: errcode {Errcode}")]
    public static partial void FaultErrcode(ILogger logger, string api, int errcode);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Sandbox faults replaced: {ApiCount} api entries, seed {Seed}")]
    public static partial void FaultsReplaced(ILogger logger, int apiCount, int? seed);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Sandbox clock advanced by {Seconds} s")]
    public static partial void ClockAdvanced(ILogger logger, double seconds);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Sandbox {Change}")]
    public static partial void AdminChange(ILogger logger, string change);
}
