using Microsoft.Extensions.Logging;

namespace WeChatDomains.WeChat.Client;

/// <summary>
/// Log lines of the WeChat client (event ids 1100-1199). URLs pass through <see cref="UrlRedactor"/>; request bodies
/// are never logged (the token APIs carry secrets, tickets and refresh tokens).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(
        EventId = 1100,
        EventName = "WeChatCallCompleted",
        Message = "WeChat {Api} ended with errcode {ErrorCode} ({Transport}, HTTP {HttpStatus}) in {LatencyMs} ms after {Attempts} attempt(s); rid {Rid}; {Url}")]
    public static partial void CallCompleted(
        ILogger logger,
        LogLevel level,
        string api,
        int errorCode,
        WeChatTransportOutcome transport,
        int? httpStatus,
        long latencyMs,
        int attempts,
        string? rid,
        RedactedUrl url);
}

/// <summary>A URL as it may be logged: formatting it applies <see cref="UrlRedactor"/>, so a raw URL cannot reach a log template.</summary>
internal readonly struct RedactedUrl(Uri url)
{
    public override string ToString() => UrlRedactor.Redact(url);
}
