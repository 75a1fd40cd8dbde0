using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// Gives the access token every WeChat call needs: cached until shortly before expiry, refreshed under a per-key lock
/// (one refresh in flight per key in a process, and across instances by a lease).
/// </summary>
public interface ITokenProvider
{
    /// <summary>The component access token.</summary>
    Task<TokenLookup> GetComponentTokenAsync(CancellationToken cancellationToken = default);

    /// <summary>The access token of <paramref name="authorizerAppId"/>.</summary>
    Task<TokenLookup> GetAuthorizerTokenAsync(string authorizerAppId, CancellationToken cancellationToken = default);

    /// <summary>
    /// WeChat refused <paramref name="failed"/> (40001/40014/42001): expire it only if it is still the current token of
    /// <paramref name="key"/>, refresh under the lock, and return the new one (or why there is none).
    /// </summary>
    Task<TokenLookup> RefreshAfterRejectionAsync(TokenKey key, AccessToken failed, CancellationToken cancellationToken = default);
}

/// <summary>Whose token: the component, or one authorizer.</summary>
public readonly record struct TokenKey(string? AuthorizerAppId)
{
    /// <summary>The component token's key.</summary>
    public static TokenKey Component { get; } = new(null);

    /// <summary>An authorizer token's key.</summary>
    public static TokenKey Authorizer(string appId) => new(appId);

    /// <summary>True for the component token.</summary>
    public bool IsComponent => AuthorizerAppId is null;

    /// <inheritdoc />
    public override string ToString() => AuthorizerAppId ?? "component";
}

/// <summary>
/// A token, or why there is none: <see cref="ErrorCode"/> carries the WeChat errcode that stopped the refresh
/// (61006 ticket, WeChat's 61023 refused refresh token, -1 transport or no refresh token to be had) so the caller
/// classifies it like any other outcome.
/// </summary>
public sealed record TokenLookup(AccessToken? Token, DateTimeOffset? ExpiresAt, int ErrorCode, string? Error)
{
    /// <summary>A usable token.</summary>
    public static TokenLookup Found(AccessToken token, DateTimeOffset expiresAt) => new(token, expiresAt, 0, null);

    /// <summary>No token, with the errcode and a description (never the secret itself).</summary>
    public static TokenLookup Missing(int errorCode, string error) => new(null, null, errorCode, error);
}
