using System.Globalization;
using WeChatDomains.WeChat.Client.Wire;

namespace WeChatDomains.WeChat.Client;

/// <summary>
/// What one HTTP attempt brought back: its status and, for a 2xx WeChat JSON body, the parsed answer. This is the
/// result type of the resilience pipeline; its <see cref="ToString"/> (which Polly's telemetry logs) shows no body.
/// </summary>
internal sealed class WeChatAttempt
{
    public WeChatAttempt(int httpStatus, WireResponse? response)
    {
        HttpStatus = httpStatus;
        Response = response;
    }

    public int HttpStatus { get; }

    /// <summary>The parsed answer; null when the status was not 2xx or the body was not WeChat JSON.</summary>
    public WireResponse? Response { get; }

    public bool IsHttpSuccess => HttpStatus is >= 200 and <= 299;

    /// <summary>The errcode of the answer (absent means 0), or null when there is no answer.</summary>
    public int? ErrorCode => Response is null ? null : Response.ErrCode ?? 0;

    /// <summary>HTTP 5xx and errcode -1: a failure worth retrying for a call that changes nothing (WeChat may still have applied a modify call).</summary>
    public bool IsRetryable => HttpStatus >= 500 || ErrorCode == WeChatClientConstants.TransportFailureErrorCode;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"HTTP {HttpStatus}, errcode {(ErrorCode is { } code ? code : "none")}");
}
