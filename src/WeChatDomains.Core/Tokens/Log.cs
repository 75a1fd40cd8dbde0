using Microsoft.Extensions.Logging;

namespace WeChatDomains.Core.Tokens;

/// <summary>Token log messages (event ids 3000-3099). Never a token, ticket, refresh token or secret.</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Refreshed the {TokenKey} access token; it expires at {ExpiresAt:O}")]
    public static partial void TokenRefreshed(ILogger logger, TokenKey tokenKey, DateTimeOffset expiresAt);

    [LoggerMessage(3002, LogLevel.Warning, "Refresh of the {TokenKey} access token failed with errcode {ErrorCode}: {Error}")]
    public static partial void RefreshFailed(ILogger logger, TokenKey tokenKey, int errorCode, string error);

    [LoggerMessage(3003, LogLevel.Debug, "Another instance is refreshing the {TokenKey} access token; waiting for it")]
    public static partial void RefreshHeldElsewhere(ILogger logger, TokenKey tokenKey);

    [LoggerMessage(3004, LogLevel.Warning, "Gave up waiting for another instance's refresh of the {TokenKey} access token after {Waited}")]
    public static partial void RefreshWaitTimedOut(ILogger logger, TokenKey tokenKey, TimeSpan waited);

    [LoggerMessage(3005, LogLevel.Information, "WeChat rotated the refresh token of authorizer {AuthorizerAppId}; stored the new one")]
    public static partial void RefreshTokenRotated(ILogger logger, string authorizerAppId);

    [LoggerMessage(3006, LogLevel.Information, "WeChat refused the {TokenKey} access token (errcode {ErrorCode}); refreshing and replaying once")]
    public static partial void TokenRejected(ILogger logger, TokenKey tokenKey, int errorCode);

    [LoggerMessage(3007, LogLevel.Debug, "The refused {TokenKey} access token was already replaced; using the current one")]
    public static partial void RejectedTokenAlreadyReplaced(ILogger logger, TokenKey tokenKey);

    [LoggerMessage(3010, LogLevel.Information, "Token sweep skipped: another instance holds the sweep lease")]
    public static partial void SweepLeaseHeld(ILogger logger);

    [LoggerMessage(3011, LogLevel.Information,
        "Token sweep done: {Refreshed} refreshed, {Skipped} skipped, {Failed} failed, {NeedsReauthorization} need re-authorization, nearest expiry {NearestExpiry:O}")]
    public static partial void SweepCompleted(ILogger logger, int refreshed, int skipped, int failed, int needsReauthorization, DateTimeOffset? nearestExpiry);

    [LoggerMessage(3012, LogLevel.Warning, "Token sweep stopped: the component_verify_ticket is missing or stale (errcode {ErrorCode}); waiting for the next push")]
    public static partial void SweepStoppedTicketStale(ILogger logger, int errorCode);

    [LoggerMessage(3013, LogLevel.Warning, "Authorizer {AuthorizerAppId} needs re-authorization: WeChat refused its refresh token (errcode {ErrorCode})")]
    public static partial void NeedsReauthorization(ILogger logger, string authorizerAppId, int errorCode);

    [LoggerMessage(3014, LogLevel.Warning, "Could not record the refresh outcome of authorizer {AuthorizerAppId}: the registry entry kept changing")]
    public static partial void RegistryUpdateGaveUp(ILogger logger, string authorizerAppId);

    [LoggerMessage(3015, LogLevel.Warning, "The token sweep lost its lease; finishing the current page only")]
    public static partial void SweepLeaseLost(ILogger logger);

    [LoggerMessage(3016, LogLevel.Warning, "Authorizer {AuthorizerAppId} has no refresh token in the vault")]
    public static partial void MissingRefreshToken(ILogger logger, string authorizerAppId);

    [LoggerMessage(3017, LogLevel.Warning, "Refresh of authorizer {AuthorizerAppId} faulted ({ExceptionType}); the next sweep tries again")]
    public static partial void AuthorizerRefreshFaulted(ILogger logger, string authorizerAppId, string exceptionType);

    [LoggerMessage(3018, LogLevel.Information, "Stored the first refresh token of authorizer {AuthorizerAppId}")]
    public static partial void RefreshTokenStored(ILogger logger, string authorizerAppId);

    [LoggerMessage(3019, LogLevel.Warning, "Lease {LeaseName} was taken by another holder while its refresh ran")]
    public static partial void RefreshLeaseLost(ILogger logger, string leaseName);

    [LoggerMessage(3020, LogLevel.Warning, "Renewing lease {LeaseName} faulted ({ExceptionType}); the refresh goes on")]
    public static partial void LeaseRenewalFaulted(ILogger logger, string leaseName, string exceptionType);

    [LoggerMessage(3021, LogLevel.Information, "Read the refresh token of authorizer {AuthorizerAppId} back from api_get_authorizer_list and stored it")]
    public static partial void RefreshTokenRecovered(ILogger logger, string authorizerAppId);

    [LoggerMessage(3022, LogLevel.Warning, "No refresh token for authorizer {AuthorizerAppId} in the vault nor from api_get_authorizer_list ({Reason})")]
    public static partial void RefreshTokenNotRecovered(ILogger logger, string authorizerAppId, string reason);

    [LoggerMessage(3023, LogLevel.Warning, "Storing {SecretName} that WeChat issued failed ({ExceptionType}, attempt {Attempt}); retrying in {Delay}")]
    public static partial void IssuedWriteRetried(ILogger logger, string secretName, string exceptionType, int attempt, TimeSpan delay);

    [LoggerMessage(3024, LogLevel.Warning, "Authorizer {AuthorizerAppId} is Revoked: the tokens WeChat issued are not kept")]
    public static partial void RevokedNotStored(ILogger logger, string authorizerAppId);

    [LoggerMessage(3025, LogLevel.Information,
        "Reconciled with api_get_authorizer_list: {Listed} listed, {Restored} refresh tokens restored, {Unknown} unknown to the registry, {NotListed} Active but not listed")]
    public static partial void Reconciled(ILogger logger, int listed, int restored, int unknown, int notListed);

    [LoggerMessage(3026, LogLevel.Warning, "Reconciliation stopped: api_get_authorizer_list answered errcode {ErrorCode} after {Listed} authorizers")]
    public static partial void ReconcileStopped(ILogger logger, int errorCode, int listed);

    [LoggerMessage(3027, LogLevel.Warning, "WeChat refused the refresh token of authorizer {AuthorizerAppId} (errcode {ErrorCode}) after a new authorization replaced it in the vault; refreshing again with the new one")]
    public static partial void RefreshTokenReplacedDuringRefresh(ILogger logger, string authorizerAppId, int errorCode);

    [LoggerMessage(3028, LogLevel.Information,
        "Pulled {Refreshes} token refreshes forward (every token due before {DueBy:O}): more come due in the next {Lookahead} than the vault write budget can do by their slots")]
    public static partial void RefreshesPulledForward(ILogger logger, int refreshes, DateTimeOffset dueBy, TimeSpan lookahead);
}
