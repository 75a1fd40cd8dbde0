namespace WeChatDomains.Core.Tokens;

/// <summary>What one refresh attempt of a token did.</summary>
public enum RefreshStatus
{
    /// <summary>This caller got a new token from WeChat and stored it.</summary>
    Refreshed,

    /// <summary>The stored token was already fresh enough (maybe refreshed by another instance); nothing was called.</summary>
    AlreadyFresh,

    /// <summary>No component_verify_ticket is stored yet; the next push brings one.</summary>
    MissingTicket,

    /// <summary>No refresh token is stored for the authorizer.</summary>
    MissingRefreshToken,

    /// <summary>WeChat refused the refresh, or it could not be called; see the errcode.</summary>
    Failed,

    /// <summary>Another instance held the refresh lease longer than the wait allows.</summary>
    HeldElsewhere,
}

/// <summary>
/// The outcome of a refresh: its status and what a caller can use now. <see cref="Lookup"/> may carry a still-valid
/// older token even when the refresh failed.
/// </summary>
/// <param name="Status">What happened.</param>
/// <param name="Lookup">The token to use, or why there is none.</param>
/// <param name="ErrorCode">The errcode that stopped the refresh (0 when it did not fail).</param>
/// <param name="Error">Why it failed, in words; never a secret.</param>
public sealed record RefreshOutcome(RefreshStatus Status, TokenLookup Lookup, int ErrorCode, string? Error)
{
    /// <summary>A refresh that went through (or was not needed).</summary>
    public static RefreshOutcome Fresh(RefreshStatus status, TokenLookup lookup) => new(status, lookup, 0, null);

    /// <summary>A refresh that did not happen; <paramref name="fallback"/> is what the caller may still use.</summary>
    public static RefreshOutcome Failure(RefreshStatus status, int errorCode, string error, TokenLookup? fallback = null) =>
        new(status, fallback ?? TokenLookup.Missing(errorCode, error), errorCode, error);

    /// <summary>True for <see cref="RefreshStatus.Refreshed"/> and <see cref="RefreshStatus.AlreadyFresh"/>.</summary>
    public bool Succeeded => Status is RefreshStatus.Refreshed or RefreshStatus.AlreadyFresh;
}
