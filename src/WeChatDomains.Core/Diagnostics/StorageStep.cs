namespace WeChatDomains.Core.Diagnostics;

/// <summary>
/// The step of a command's life the current code path is in (<see cref="StorageSteps"/>), carried through awaits by an
/// <see cref="AsyncLocal{T}"/>, so that a storage operation counter (bench and tests) can tell which step each storage
/// call belongs to. Setting it costs an allocation-free scope; nothing reads it in production.
/// </summary>
public static class StorageStep
{
    private static readonly AsyncLocal<string?> Ambient = new();

    /// <summary>The innermost step of the current code path, or null outside every step.</summary>
    public static string? Current => Ambient.Value;

    /// <summary>Enters <paramref name="step"/> until the returned scope is disposed (the outer step comes back).</summary>
    public static Scope Enter(string step)
    {
        var outer = Ambient.Value;
        Ambient.Value = step;
        return new Scope(outer);
    }

    /// <summary>Restores the step that was current before <see cref="Enter"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly string? _outer;

        internal Scope(string? outer) => _outer = outer;

        /// <inheritdoc />
        public void Dispose() => Ambient.Value = _outer;
    }
}

/// <summary>The steps of a command's life that <see cref="StorageStep"/> names, and the reads beside them.</summary>
public static class StorageSteps
{
    /// <summary>The API records a submitted command (the queue send is counted under <see cref="Queue"/>).</summary>
    public const string Submission = "submission";

    /// <summary>Command processing outside any narrower step (tokens, quota ledger reads, the in-flight mark).</summary>
    public const string Processing = "processing";

    /// <summary>The claim of a received command.</summary>
    public const string Claim = "claim";

    /// <summary>The order gate: the lane check before the call and the nudge of the next command after a final state.</summary>
    public const string Order = "order";

    /// <summary>An attempt row written on its own (it shares the final write's transaction on Table Storage).</summary>
    public const string Attempt = "attempt";

    /// <summary>The record's write after the call (final, deferred or retried).</summary>
    public const string Final = "final";

    /// <summary>What follows the record: the month's ledger, the registry's domains or state.</summary>
    public const string SideEffects = "side-effects";

    /// <summary>Every Storage Queue operation (send, receive, delete, update), whatever step sent it.</summary>
    public const string Queue = "queue";

    /// <summary>
    /// An operator's or dashboard's read (health, a command, a listing, an authorizer, a rollout's status): not a command's
    /// step, counted apart so that a read route's own cost is known exactly while timers run beside it.
    /// </summary>
    public const string Read = "read";

    /// <summary>Storage operations outside every step (timers, onboarding).</summary>
    public const string Other = "other";
}
