using System.Globalization;
using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// The WeChat calls that issue tokens, and the vault writes that keep them. Once WeChat has issued a token its writes
/// are not cancellable and are retried (<see cref="WriteIssuedAsync"/>): a token WeChat issued and we dropped may have
/// replaced the only refresh token that works.
/// </summary>
public sealed partial class TokenProvider
{
    /// <summary>
    /// Stores tokens WeChat issued outside a refresh (an <c>api_query_auth</c> after an <c>authorized</c> push): the
    /// refresh token only when it differs from the stored one, then the access token, and caches the access token.
    /// The writes ignore <paramref name="cancellationToken"/> once started: the authorization code is already spent.
    /// </summary>
    public async Task StoreAuthorizerTokensAsync(
        string authorizerAppId, AccessToken accessToken, DateTimeOffset expiresAt, string refreshToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authorizerAppId);
        ArgumentNullException.ThrowIfNull(accessToken);
        var stored = await ReadIssuedAsync(SecretNames.AuthorizerRefreshToken(authorizerAppId)).ConfigureAwait(false);
        await StoreRefreshTokenIfChangedAsync(authorizerAppId, stored?.Value, refreshToken).ConfigureAwait(false);
        await WriteIssuedAsync(SecretNames.AuthorizerAccessToken(authorizerAppId), accessToken.Value, expiresAt).ConfigureAwait(false);
        _cache.Set(TokenKey.Authorizer(authorizerAppId), TokenLookup.Found(accessToken, expiresAt));
    }

    /// <summary>
    /// Reads the refresh token of <paramref name="authorizerAppId"/> back from <c>api_get_authorizer_list</c> and stores
    /// it (not for a Revoked authorizer). Returns it, or null with why not (never the token in the reason).
    /// </summary>
    public Task<(string? RefreshToken, string Reason)> RecoverRefreshTokenAsync(string authorizerAppId, CancellationToken cancellationToken = default) =>
        RecoverRefreshTokenAsync(authorizerAppId, reauthorized: false, cancellationToken);

    /// <summary>
    /// As <see cref="RecoverRefreshTokenAsync(string, CancellationToken)"/>; with <paramref name="reauthorized"/> (an
    /// <c>authorized</c> push newer than any recorded event is being handled) also for an authorizer the registry still
    /// has Revoked: the push says it authorized again, and WeChat listing it confirms it.
    /// </summary>
    public async Task<(string? RefreshToken, string Reason)> RecoverRefreshTokenAsync(string authorizerAppId, bool reauthorized, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authorizerAppId);
        if (!reauthorized && await IsRevokedAsync(authorizerAppId, cancellationToken).ConfigureAwait(false))
        {
            return (null, "the authorizer is Revoked");
        }

        string? found = null;
        var errorCode = await this.VisitAuthorizersAsync(_client, _options.ComponentAppId, TokenConstants.AuthorizerListPageSize, (listed, _) =>
        {
            found = string.Equals(listed.AuthorizerAppId, authorizerAppId, StringComparison.Ordinal) ? listed.RefreshToken : null;
            return ValueTask.FromResult(found is null);
        }, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            var reason = errorCode == 0
                ? "api_get_authorizer_list does not list it"
                : string.Create(CultureInfo.InvariantCulture, $"api_get_authorizer_list answered errcode {errorCode}");
            Log.RefreshTokenNotRecovered(_logger, authorizerAppId, reason);
            return (null, reason);
        }

        await StoreListedRefreshTokenAsync(authorizerAppId, found).ConfigureAwait(false);
        Log.RefreshTokenRecovered(_logger, authorizerAppId);
        return (found, "");
    }

    /// <summary>Stores a refresh token <c>api_get_authorizer_list</c> returned (not cancellable, retried).</summary>
    internal Task StoreListedRefreshTokenAsync(string authorizerAppId, string refreshToken) =>
        WriteIssuedAsync(SecretNames.AuthorizerRefreshToken(authorizerAppId), refreshToken, expiresOn: null);

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
        await WriteIssuedAsync(SecretNames.ComponentAccessToken, result.Value.AccessToken.Value, expiresAt).ConfigureAwait(false);
        return RefreshOutcome.Fresh(RefreshStatus.Refreshed, TokenLookup.Found(result.Value.AccessToken, expiresAt));
    }

    private async Task<RefreshOutcome> IssueAuthorizerTokenAsync(string appId, CancellationToken cancellationToken)
    {
        var component = await GetComponentTokenAsync(cancellationToken).ConfigureAwait(false);
        if (component.Token is null)
        {
            return RefreshOutcome.Failure(RefreshStatus.Failed, component.ErrorCode, $"no component access token: {component.Error}");
        }

        var stored = await _vault.GetAsync(SecretNames.AuthorizerRefreshToken(appId), cancellationToken).ConfigureAwait(false);
        var refreshToken = stored?.Value;
        if (string.IsNullOrWhiteSpace(refreshToken))
        {
            Log.MissingRefreshToken(_logger, appId);
            (refreshToken, var reason) = await RecoverRefreshTokenAsync(appId, cancellationToken).ConfigureAwait(false);
            if (refreshToken is null)
            {
                return RefreshOutcome.Failure(RefreshStatus.MissingRefreshToken, TokenConstants.UnavailableErrorCode,
                    $"no refresh token stored for the authorizer and none read back: {reason}");
            }
        }

        var request = new AuthorizerTokenRequest(_options.ComponentAppId, appId, refreshToken);
        var issuedAt = _time.GetUtcNow();
        var componentToken = component.Token;
        var result = await _client.GetAuthorizerTokenAsync(componentToken, request, cancellationToken).ConfigureAwait(false);
        if (result.ErrorCode.Class == WeChatErrorClass.TokenInvalid)
        {
            Log.TokenRejected(_logger, TokenKey.Component, result.ErrorCode.Value);
            var renewed = await RefreshAfterRejectionAsync(TokenKey.Component, component.Token, cancellationToken).ConfigureAwait(false);
            if (renewed.Token is null)
            {
                return RefreshOutcome.Failure(RefreshStatus.Failed, renewed.ErrorCode, $"no component access token: {renewed.Error}");
            }

            componentToken = renewed.Token;
            issuedAt = _time.GetUtcNow();
            result = await _client.GetAuthorizerTokenAsync(componentToken, request, cancellationToken).ConfigureAwait(false);
        }

        if (!result.IsSuccess && Reauthorization.IsRequiredBy(result.ErrorCode.Value)
            && await ReplacedRefreshTokenAsync(appId, refreshToken, cancellationToken).ConfigureAwait(false) is { } replaced)
        {
            // A new authorization stored a new refresh token while this refresh ran with the old one, which WeChat no
            // longer takes: the answer says nothing of the authorization as it is now, so the refresh runs again with it.
            Log.RefreshTokenReplacedDuringRefresh(_logger, appId, result.ErrorCode.Value);
            refreshToken = replaced;
            request = request with { AuthorizerRefreshToken = replaced };
            issuedAt = _time.GetUtcNow();
            result = await _client.GetAuthorizerTokenAsync(componentToken, request, cancellationToken).ConfigureAwait(false);
        }

        if (!result.IsSuccess)
        {
            return Refused(WeChatApi.AuthorizerToken, result);
        }

        var issued = result.Value!;
        var expiresAt = issuedAt + issued.ExpiresIn;
        if (await IsRevokedAsync(appId, CancellationToken.None).ConfigureAwait(false))
        {
            Log.RevokedNotStored(_logger, appId);
            return RefreshOutcome.Failure(RefreshStatus.Failed, TokenConstants.UnavailableErrorCode, "the authorizer was revoked during the refresh");
        }

        await StoreRefreshTokenIfChangedAsync(appId, refreshToken, issued.RefreshToken).ConfigureAwait(false);
        await WriteIssuedAsync(SecretNames.AuthorizerAccessToken(appId), issued.AccessToken.Value, expiresAt).ConfigureAwait(false);
        if (await IsRevokedAsync(appId, CancellationToken.None).ConfigureAwait(false))
        {
            Log.RevokedNotStored(_logger, appId);
            await DeleteAuthorizerTokensAsync(appId).ConfigureAwait(false);
            return RefreshOutcome.Failure(RefreshStatus.Failed, TokenConstants.UnavailableErrorCode, "the authorizer was revoked during the refresh");
        }

        return RefreshOutcome.Fresh(RefreshStatus.Refreshed, TokenLookup.Found(issued.AccessToken, expiresAt));
    }

    /// <summary>The refresh token stored now when it is not <paramref name="used"/> (a new authorization replaced it), else null.</summary>
    private async Task<string?> ReplacedRefreshTokenAsync(string appId, string used, CancellationToken cancellationToken)
    {
        var now = await _vault.GetAsync(SecretNames.AuthorizerRefreshToken(appId), cancellationToken).ConfigureAwait(false);
        return now?.Value is { Length: > 0 } value && !string.Equals(value, used, StringComparison.Ordinal) ? value : null;
    }

    /// <summary>The rule of DESIGN section 6: a refresh token is written only when WeChat gave a different one.</summary>
    private async Task StoreRefreshTokenIfChangedAsync(string appId, string? stored, string? issued)
    {
        if (string.IsNullOrWhiteSpace(issued) || string.Equals(stored, issued, StringComparison.Ordinal))
        {
            return;
        }

        await WriteIssuedAsync(SecretNames.AuthorizerRefreshToken(appId), issued, expiresOn: null).ConfigureAwait(false);
        if (stored is null)
        {
            Log.RefreshTokenStored(_logger, appId);
        }
        else
        {
            Log.RefreshTokenRotated(_logger, appId);
        }
    }

    private async Task<bool> IsRevokedAsync(string appId, CancellationToken cancellationToken) =>
        (await _registry.GetAsync(appId, cancellationToken).ConfigureAwait(false))?.State == AuthorizerState.Revoked;

    /// <summary>Deletes both tokens of <paramref name="appId"/> (a revocation): not cancellable, retried with backoff as issued writes are.</summary>
    internal async Task DeleteAuthorizerTokensAsync(string appId) => await RetryIssuedAsync(SecretNames.AuthorizerAccessToken(appId), async () =>
    {
        await _vault.DeleteAsync(SecretNames.AuthorizerAccessToken(appId), CancellationToken.None).ConfigureAwait(false);
        await _vault.DeleteAsync(SecretNames.AuthorizerRefreshToken(appId), CancellationToken.None).ConfigureAwait(false);
        return true;
    }).ConfigureAwait(false);

    private Task<VaultSecret?> ReadIssuedAsync(string name) =>
        RetryIssuedAsync(name, () => _vault.GetAsync(name, CancellationToken.None));

    /// <summary>Writes a secret WeChat issued: through the write budget, not cancellable, retried with backoff.</summary>
    private async Task WriteIssuedAsync(string name, string value, DateTimeOffset? expiresOn) => await RetryIssuedAsync(name, async () =>
    {
        await _writeLimiter.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        await _vault.SetAsync(name, value, expiresOn, CancellationToken.None).ConfigureAwait(false);
        return true;
    }).ConfigureAwait(false);

    private async Task<T> RetryIssuedAsync<T>(string name, Func<Task<T>> action)
    {
        var delay = TokenConstants.IssuedWriteInitialDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action().ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < TokenConstants.IssuedWriteAttempts && ex is not (ArgumentException or InvalidOperationException))
            {
                Log.IssuedWriteRetried(_logger, name, ex.GetType().Name, attempt, delay);
                await Task.Delay(delay, _time, CancellationToken.None).ConfigureAwait(false);
                delay = delay * 2 < TokenConstants.IssuedWriteMaxDelay ? delay * 2 : TokenConstants.IssuedWriteMaxDelay;
            }
        }
    }

    private static RefreshOutcome Refused<T>(string api, WeChatResult<T>? result)
        where T : class
    {
        var code = result?.ErrorCode.Value ?? TokenConstants.UnavailableErrorCode;
        var error = string.Create(CultureInfo.InvariantCulture, $"{api} answered errcode {code}: {result?.ErrorMessage}");
        return RefreshOutcome.Failure(RefreshStatus.Failed, code, error);
    }
}
