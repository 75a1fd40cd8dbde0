using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Status;

/// <summary>
/// The stored state of one command, keyed by its commandId. Changed only by conditional writes: <see cref="ETag"/>
/// is the store's concurrency token of the version that was read.
/// </summary>
public sealed record CommandRecord
{
    /// <summary>The idempotency key.</summary>
    public required string CommandId { get; init; }

    /// <summary>WeChat API name (see <c>WeChatApi</c>).</summary>
    public required string Api { get; init; }

    /// <summary>The <c>action</c> of the body, when it has one.</summary>
    public string? Action { get; init; }

    /// <summary>The authorizer appid, or null for platform-level commands.</summary>
    public string? AuthorizerAppId { get; init; }

    /// <summary>Who asked (free text from the command).</summary>
    public string? RequestedBy { get; init; }

    /// <summary>The command as received (UTF-8 JSON), for audit and replay. Holds no token.</summary>
    public string? Body { get; init; }

    /// <summary>Current state.</summary>
    public required CommandState State { get; init; }

    /// <summary>Attempts that reached (or may have reached) WeChat.</summary>
    public int Attempts { get; init; }

    /// <summary>errcode of the last attempt.</summary>
    public int? LastErrorCode { get; init; }

    /// <summary>errmsg of the last attempt.</summary>
    public string? LastErrorMessage { get; init; }

    /// <summary>WeChat rid of the last attempt.</summary>
    public string? Rid { get; init; }

    /// <summary>Class of the last outcome.</summary>
    public WeChatErrorClass? ErrorClass { get; init; }

    /// <summary>Why the command is Deferred, Failed or Rejected, in words (validation reasons for Rejected).</summary>
    public string? Reason { get; init; }

    /// <summary>When a Deferred command is due.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Who wakes a Deferred command: the queue's own redelivery (short retries) or the release timer.</summary>
    public DeferralWake? WakeBy { get; init; }

    /// <summary>True when the command succeeded without changing anything (the state already held).</summary>
    public bool NoChange { get; init; }

    /// <summary>
    /// Set just before a quota-counted modify call is sent and cleared when its outcome is recorded: a worker that finds
    /// it set on a command it resumes knows the call may have been applied, and settles it with a get first.
    /// </summary>
    public bool CallInFlight { get; init; }

    /// <summary>When the current holder's claim lapses (state Running).</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>When the worker first received the command: its place in the order of its authorizer and api.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>When the record was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it reached a final state.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The response WeChat gave on success (domain lists as JSON), if any.</summary>
    public string? Response { get; init; }

    /// <summary>Concurrency token of the stored version this record was read from (null before it is stored).</summary>
    public string? ETag { get; init; }
}

/// <summary>Who brings a Deferred command back.</summary>
public enum DeferralWake
{
    /// <summary>The host's queue redelivers the same message after a delay (short, transient retries).</summary>
    Queue,

    /// <summary>The release timer re-enqueues it when due (quotas, tickets, order holds: waits of any length).</summary>
    Timer,
}
