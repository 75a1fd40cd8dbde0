namespace WeChatDomains.Core.Status;

/// <summary>
/// Life of a command (DESIGN section 3): Accepted → Running → Succeeded | Failed | Rejected; Deferred waits for a
/// time and goes back to Running.
/// </summary>
public enum CommandState
{
    /// <summary>Validated and enqueued; no worker has taken it yet.</summary>
    Accepted,

    /// <summary>A worker holds it (see <see cref="CommandRecord.LeaseUntil"/>).</summary>
    Running,

    /// <summary>Waiting until <see cref="CommandRecord.NextAttemptAt"/> (a quota, a ticket, an earlier command, a retry).</summary>
    Deferred,

    /// <summary>Applied (or already in place: <see cref="CommandRecord.NoChange"/>). Final.</summary>
    Succeeded,

    /// <summary>Ended without being applied; needs an operator or a new command. Final.</summary>
    Failed,

    /// <summary>Refused by validation; never reached WeChat. Final.</summary>
    Rejected,
}

/// <summary>Helpers on <see cref="CommandState"/>.</summary>
public static class CommandStateExtensions
{
    /// <summary>Whether the state is final (Succeeded, Failed or Rejected).</summary>
    public static bool IsFinal(this CommandState state) =>
        state is CommandState.Succeeded or CommandState.Failed or CommandState.Rejected;
}
