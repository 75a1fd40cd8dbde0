using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Status;

/// <summary>One call to WeChat made for a command, as recorded.</summary>
public sealed record AttemptRecord
{
    /// <summary>The command it belongs to.</summary>
    public required string CommandId { get; init; }

    /// <summary>1-based number of the attempt within the command.</summary>
    public required int Number { get; init; }

    /// <summary>When the call started.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The API called (a command's follow-up get is recorded under its own API name).</summary>
    public required string Api { get; init; }

    /// <summary>errcode received (-1 for transport failures).</summary>
    public required int ErrorCode { get; init; }

    /// <summary>errmsg received.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>WeChat rid.</summary>
    public string? Rid { get; init; }

    /// <summary>The class the outcome was given.</summary>
    public required WeChatErrorClass ErrorClass { get; init; }

    /// <summary>HTTP status, when a response arrived.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Latency of the call, in-process retries included.</summary>
    public required TimeSpan Latency { get; init; }

    /// <summary>HTTP attempts the client's pipeline made for this call.</summary>
    public int HttpAttempts { get; init; } = 1;
}
