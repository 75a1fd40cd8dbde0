using System.Globalization;
using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Ports;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Tokens;

/// <summary>The WeChat calls that issue tokens, and the vault writes that keep them.</summary>
public sealed partial class TokenProvider
{
    /// <summary>
    /// Stores tokens WeChat issued outside a refresh (an <c>api_query_auth</c> after an <c>authorized</c> push): the
    /// refresh token only when it differs from the stored one, then the access token, and caches the access token.
    /// </summary>
    public async Task StoreAuthorizerTokensAsync(
        string authorizerAppId, AccessToken accessToken, DateTimeOffset expiresAt, string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authorizerAppId);
        ArgumentNullException.ThrowIfNull(accessToken);
        var stored = await _vault.GetAsync(SecretNames.AuthorizerRefreshToken(authorizerAppId), cancellationToken).ConfigureAwait(false);
        await StoreRefreshTokenIfChangedAsync(authorizerAppId, stored?.Value, refreshToken, cancellationToken).ConfigureAwait(false);
        await WriteAsync(SecretNames.AuthorizerAccessToken(authorizerAppId), accessToken.Value, expiresAt, cancellationToken).ConfigureAwait(false);
        _cache[TokenKey.Authorizer(authorizerAppId)] = TokenLookup.Found(accessToken, expiresAt);
    }

    private async Task<RefreshOutcome> IssueComponentTokenAsync(CancellationToken cancellationToken)
    {
        var ticket = await _vault.GetAsync(SecretNames.ComponentVerifyTicket, cancellationToken).ConfigureAwait(false);
        if (ticket is null || string.IsNullOrWhiteSpace(ticket.Value))
        {
            return RefreshOutcome.Failure(RefreshStatus.MissingTicket, TokenConstants.MissingTicketErrorCode, "no component_verify_ticket yet");
        }

        var issuedAt = _time.GetUtcNow();
        var request = new ComponentTokenRequest(_options.ComponentAppId, _options.ComponentAppSecret, ticket.Value);
        var result = await _client.GetComponentTokenAsync(request, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return Refused(WeChatApi.ComponentToken, result);
        }

        var expiresAt = issuedAt + result.Value!.ExpiresIn;
        await WriteAsync(SecretNames.ComponentAccessToken, result.Value.AccessToken.Value, expiresAt, cancellationToken).ConfigureAwait(false);
        return RefreshOutcome.Fresh(RefreshStatus.Refreshed, TokenLookup.Found(result.Value.AccessToken, expiresAt));
    }

    private async Task<RefreshOutcome> IssueAuthorizerTokenAsync(string appId, CancellationToken cancellationToken)
    {
        var component = await GetComponentTokenAsync(cancellationToken).ConfigureAwait(false);
        if (component.Token is null)
        {
            return RefreshOutcome.Failure(RefreshStatus.Failed, component.ErrorCode, $"no component access token: {component.Error}");
        }

        var refreshToken = await _vault.GetAsync(SecretNames.AuthorizerRefreshToken(appId), cancellationToken).ConfigureAwait(false);
        if (refreshToken is null || string.IsNullOrWhiteSpace(refreshToken.Value))
        {
            Log.MissingRefreshToken(_logger, appId);
            return RefreshOutcome.Failure(RefreshStatus.MissingRefreshToken, TokenConstants.MissingRefreshTokenErrorCode,
                "no refresh token stored for the authorizer; it must authorize again");
        }

        var request = new AuthorizerTokenRequest(_options.ComponentAppId, appId, refreshToken.Value);
        var issuedAt = _time.GetUtcNow();
        var result = await _client.GetAuthorizerTokenAsync(component.Token, request, cancellationToken).ConfigureAwait(false);
        if (result.ErrorCode.Class == WeChatErrorClass.TokenInvalid)
        {
            Log.TokenRejected(_logger, TokenKey.Component, result.ErrorCode.Value);
            var renewed = await RefreshAfterRejectionAsync(TokenKey.Component, component.Token, cancellationToken).ConfigureAwait(false);
            if (renewed.Token is null)
            {
                return RefreshOutcome.Failure(RefreshStatus.Failed, renewed.ErrorCode, $"no component access token: {renewed.Error}");
            }

            issuedAt = _time.GetUtcNow();
            result = await _client.GetAuthorizerTokenAsync(renewed.Token, request, cancellationToken).ConfigureAwait(false);
        }

        if (!result.IsSuccess)
        {
            return Refused(WeChatApi.AuthorizerToken, result);
        }

        var issued = result.Value!;
        var expiresAt = issuedAt + issued.ExpiresIn;
        await StoreRefreshTokenIfChangedAsync(appId, refreshToken.Value, issued.RefreshToken, cancellationToken).ConfigureAwait(false);
        await WriteAsync(SecretNames.AuthorizerAccessToken(appId), issued.AccessToken.Value, expiresAt, cancellationToken).ConfigureAwait(false);
        return RefreshOutcome.Fresh(RefreshStatus.Refreshed, TokenLookup.Found(issued.AccessToken, expiresAt));
    }

    /// <summary>The rule of DESIGN section 6: a refresh token is written only when WeChat gave a different one.</summary>
    private async Task StoreRefreshTokenIfChangedAsync(string appId, string? stored, string? issued, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(issued) || string.Equals(stored, issued, StringComparison.Ordinal))
        {
            return;
        }

        await WriteAsync(SecretNames.AuthorizerRefreshToken(appId), issued, expiresOn: null, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            Log.RefreshTokenStored(_logger, appId);
        }
        else
        {
            Log.RefreshTokenRotated(_logger, appId);
        }
    }

    private async Task WriteAsync(string name, string value, DateTimeOffset? expiresOn, CancellationToken cancellationToken)
    {
        await _writeLimiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _vault.SetAsync(name, value, expiresOn, cancellationToken).ConfigureAwait(false);
    }

    private static RefreshOutcome Refused<T>(string api, WeChatResult<T>? result)
        where T : class
    {
        var code = result?.ErrorCode.Value ?? TokenConstants.UnavailableErrorCode;
        var error = string.Create(CultureInfo.InvariantCulture, $"{api} answered errcode {code}: {result?.ErrorMessage}");
        return RefreshOutcome.Failure(RefreshStatus.Failed, code, error);
    }
}
