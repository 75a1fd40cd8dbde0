using System.Text.Json;

namespace WeChatDomains.Client;

/// <summary>The states of a command (DESIGN section 3).</summary>
public enum CommandState
{
    /// <summary>Recorded and queued.</summary>
    Accepted,

    /// <summary>Being applied.</summary>
    Running,

    /// <summary>Applied (or found already in place).</summary>
    Succeeded,

    /// <summary>Ended without being applied; see the error class and reason.</summary>
    Failed,

    /// <summary>Refused by validation in the worker.</summary>
    Rejected,

    /// <summary>Waiting until <see cref="CommandStatus.NextAttemptAt"/>; goes back to Running.</summary>
    Deferred,
}

/// <summary>A command as <c>GET /api/commands/{commandId}</c> shows it.</summary>
public sealed record CommandStatus(
    string CommandId,
    string Api,
    string? Action,
    string? AuthorizerAppId,
    string? RequestedBy,
    CommandState State,
    int Attempts,
    int? LastErrorCode,
    string? LastErrorMessage,
    string? Rid,
    string? ErrorClass,
    string? Reason,
    bool NoChange,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    JsonElement? Response,
    IReadOnlyList<CommandAttempt>? AttemptHistory)
{
    /// <summary>Whether the command will not change any more: Succeeded, Failed or Rejected.</summary>
    public bool IsFinal => State is CommandState.Succeeded or CommandState.Failed or CommandState.Rejected;
}

/// <summary>One WeChat call of a command.</summary>
public sealed record CommandAttempt(int Number, DateTimeOffset At, string Api, int ErrorCode, string? ErrorMessage, string? Rid, string ErrorClass, int? HttpStatus, double LatencyMs, int HttpAttempts);

/// <summary>The answer to a submission: where to follow the command.</summary>
public sealed record SubmittedCommand(string CommandId, CommandState State, string StatusUrl, bool Enqueued);

/// <summary>A page of commands; pass <see cref="Continuation"/> back for the next one.</summary>
public sealed record CommandPage(IReadOnlyList<CommandStatus> Items, string? Continuation);

/// <summary>
/// The filters of <c>GET /api/commands</c>: an authorizer's newest commands, or with no authorizer the Failed or
/// Deferred ones across authorizers in a time window.
/// </summary>
public sealed record CommandQuery
{
    /// <summary>The authorizer's appid.</summary>
    public string? Authorizer { get; init; }

    /// <summary>Only commands in this state.</summary>
    public CommandState? State { get; init; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Created before.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Page size.</summary>
    public int? PageSize { get; init; }

    /// <summary>The continuation of the previous page.</summary>
    public string? Continuation { get; init; }
}
