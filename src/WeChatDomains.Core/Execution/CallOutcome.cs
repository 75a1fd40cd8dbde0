using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Execution;

/// <summary>A WeChat call's result with the typed response reduced to what the record keeps.</summary>
public sealed record CallOutcome
{
    /// <summary>errcode (-1 for transport failures and for a missing token's transport errors).</summary>
    public required WeChatErrorCode ErrorCode { get; init; }

    /// <summary>errmsg, or what went wrong in words.</summary>
    public required string ErrorMessage { get; init; }

    /// <summary>WeChat rid.</summary>
    public string? Rid { get; init; }

    /// <summary>HTTP status of the last attempt.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Latency, in-process retries included.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>HTTP attempts made by the client's pipeline.</summary>
    public int HttpAttempts { get; init; }

    /// <summary>Whether the request may have been applied although no answer says so (timeout, dropped connection).</summary>
    public bool Ambiguous { get; init; }

    /// <summary>Whether the call never went out because no token could be had.</summary>
    public bool NoToken { get; init; }

    /// <summary>The typed response on success (domain lists), for the record and the registry.</summary>
    public object? Response { get; init; }

    /// <summary>Builds an outcome from a client result.</summary>
    public static CallOutcome From<T>(WeChatResult<T> result)
        where T : class => new()
        {
            ErrorCode = result.ErrorCode,
            ErrorMessage = result.ErrorMessage,
            Rid = result.Rid,
            HttpStatus = result.HttpStatus,
            Latency = result.Latency,
            HttpAttempts = result.Attempts,
            Ambiguous = result.IsAmbiguous,
            NoToken = !result.RequestSent && result.Transport == WeChatTransportOutcome.Responded && result.HttpStatus is null,
            Response = result.Value,
        };
}
