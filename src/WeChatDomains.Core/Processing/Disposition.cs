namespace WeChatDomains.Core.Processing;

/// <summary>
/// What the host must do with the message after processing (DESIGN section 4, "one owner per failure"): the processor
/// decides, the host carries it out with its queue's settlement calls.
/// </summary>
public abstract record Disposition
{
    private Disposition()
    {
    }

    /// <summary>The command is final (or was already): remove the message.</summary>
    public sealed record Complete : Disposition;

    /// <summary>
    /// A short, transient retry: the host brings the same command back after <see cref="Delay"/> (Storage Queue:
    /// visibility timeout; Service Bus: a scheduled copy, then complete). Never a bare abandon.
    /// </summary>
    public sealed record RetryAfter(TimeSpan Delay, string Reason) : Disposition;

    /// <summary>
    /// The command waits until <see cref="Until"/> and is recorded Deferred; the host removes the message and the
    /// release timer re-enqueues the command when it is due (waits of any length: quotas, tickets, order holds).
    /// </summary>
    public sealed record Deferred(DateTimeOffset Until, string Reason) : Disposition;

    /// <summary>The command ended Failed or Rejected, or the message is unusable: dead-letter it with the reason.</summary>
    public sealed record DeadLetter(string Reason, string Description) : Disposition;
}
