using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.WeChat.Client;

/// <summary>How a call ended below the level of a WeChat errcode.</summary>
public enum WeChatTransportOutcome
{
    /// <summary>An HTTP response with a WeChat JSON body arrived (its errcode may still be non-zero).</summary>
    Responded,

    /// <summary>No answer in time after the request was sent: the call may or may not have been applied.</summary>
    Timeout,

    /// <summary>The connection failed or dropped. <see cref="WeChatResult{T}.RequestSent"/> tells whether it may have been applied.</summary>
    ConnectionFailed,

    /// <summary>An HTTP status other than 2xx (5xx after retries, for instance).</summary>
    HttpError,

    /// <summary>A 2xx response whose body was not WeChat JSON.</summary>
    InvalidResponse,
}

/// <summary>
/// The outcome of one WeChat API call after the client's resilience pipeline: never an exception for a WeChat
/// errcode or a transport fault. <see cref="Value"/> is set when errcode is 0.
/// </summary>
/// <typeparam name="T">The typed response of the API.</typeparam>
public sealed record WeChatResult<T>
    where T : class
{
    /// <summary>The errcode WeChat answered; for a transport failure, -1.</summary>
    public required WeChatErrorCode ErrorCode { get; init; }

    /// <summary>errmsg as WeChat sent it (or a description of the transport failure). Never contains a token.</summary>
    public required string ErrorMessage { get; init; }

    /// <summary>The WeChat request id: the <c>rid:</c> part of errmsg, when present.</summary>
    public string? Rid { get; init; }

    /// <summary>HTTP status of the last attempt, or null when no response arrived.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Total time spent in the call, retries included.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>How many HTTP attempts the pipeline made (1 when nothing was retried).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>What happened at the transport level on the last attempt.</summary>
    public WeChatTransportOutcome Transport { get; init; } = WeChatTransportOutcome.Responded;

    /// <summary>
    /// Whether the last attempt's request may have reached WeChat. True for a timeout or a connection dropped after
    /// sending: the outcome is ambiguous and a quota-counted call must be settled by a get before any replay.
    /// </summary>
    public bool RequestSent { get; init; } = true;

    /// <summary>The typed response when <see cref="ErrorCode"/> is 0; otherwise null.</summary>
    public T? Value { get; init; }

    /// <summary>True when errcode is 0 and a response arrived.</summary>
    public bool IsSuccess => Transport == WeChatTransportOutcome.Responded && ErrorCode.IsSuccess && Value is not null;

    /// <summary>True when the outcome may or may not have been applied by WeChat.</summary>
    public bool IsAmbiguous =>
        RequestSent && Transport is WeChatTransportOutcome.Timeout or WeChatTransportOutcome.ConnectionFailed or WeChatTransportOutcome.HttpError;
}
