namespace WeChatDomains.Core.Tokens;

/// <summary>What one refresh sweep did. Missing tickets and refresh tokens are reported here, never thrown.</summary>
public sealed record TokenSweepResult
{
    /// <summary>False when another instance held the sweep lease and this sweep did nothing.</summary>
    public bool Ran { get; init; }

    /// <summary>Tokens this sweep got from WeChat (the component token included).</summary>
    public int Refreshed { get; init; }

    /// <summary>Authorizers not due yet, or already refreshed by someone else.</summary>
    public int Skipped { get; init; }

    /// <summary>Refreshes that failed, by errcode (-1 for transport or vault faults).</summary>
    public IReadOnlyDictionary<int, int> FailedByErrorCode { get; init; } = new Dictionary<int, int>();

    /// <summary>Total failures.</summary>
    public int Failed => FailedByErrorCode.Values.Sum();

    /// <summary>Authorizers moved to NeedsReauthorization (WeChat's 61003, 61023, 42002 only).</summary>
    public IReadOnlyList<string> NeedsReauthorization { get; init; } = [];

    /// <summary>Authorizers with no refresh token in the vault.</summary>
    public IReadOnlyList<string> MissingRefreshToken { get; init; } = [];

    /// <summary>True when no component_verify_ticket is stored yet.</summary>
    public bool TicketMissing { get; init; }

    /// <summary>
    /// The errcode (61005/61006) when WeChat refused the ticket, or the missing-ticket code; the sweep then stopped and
    /// waits for the next push. Null when the ticket was fine.
    /// </summary>
    public int? TicketErrorCode { get; init; }

    /// <summary>Authorizers left for the next sweep because the component token was unavailable.</summary>
    public int Deferred { get; init; }

    /// <summary>The nearest expiry among the tokens seen (component and authorizers), or null when none is known.</summary>
    public DateTimeOffset? NearestExpiry { get; init; }

    /// <summary>A sweep that did not run because another instance holds the lease.</summary>
    public static TokenSweepResult NotRun { get; } = new() { Ran = false };
}
