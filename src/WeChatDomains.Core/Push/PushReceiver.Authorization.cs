using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Push;

namespace WeChatDomains.Core.Push;

/// <summary>
/// <c>authorized</c>, <c>updateauthorized</c> and <c>unauthorized</c>, in the order WeChat created them: each event
/// records its CreateTime on the authorizer, and an event older than the one recorded changes nothing.
/// </summary>
public sealed partial class PushReceiver
{
    private async Task<PushReceipt> AuthorizeAsync(AuthorizationPush push, CancellationToken cancellationToken)
    {
        var appId = push.AuthorizerAppId;
        if (IsOlder(push.CreateTime, await _registry.GetAsync(appId, cancellationToken).ConfigureAwait(false)))
        {
            Log.EventOutOfOrder(_logger, appId, push.InfoType, push.CreateTime);
            return PushReceipt.Success;
        }

        var request = new QueryAuthRequest(_options.ComponentAppId, push.AuthorizationCode);
        var result = await _tokens.WithTokenAsync(TokenKey.Component, (token, ct) => _client.QueryAuthAsync(token, request, ct), cancellationToken)
            .ConfigureAwait(false);
        var now = _time.GetUtcNow();
        if (!result.IsSuccess)
        {
            Log.QueryAuthFailed(_logger, appId, push.InfoType, result.ErrorCode.Value);
            return await RecoverAuthorizationAsync(push, result.ErrorCode.Value, now, cancellationToken).ConfigureAwait(false);
        }

        var info = result.Value!;
        var expiresAt = now + info.ExpiresIn;
        await _tokens.StoreAuthorizerTokensAsync(appId, info.AccessToken, expiresAt, info.RefreshToken, CancellationToken.None).ConfigureAwait(false);
        await RecordAuthorizationAsync(push, r => r with
        {
            PermissionSetIds = info.PermissionSetIds,
            AccessTokenExpiresAt = expiresAt,
            LastRefreshAt = now,
            LastRefreshErrorCode = 0,
            LastRefreshError = null,
        }).ConfigureAwait(false);
        Log.Authorized(_logger, appId, push.InfoType);
        await NotifyHookAsync(push, cancellationToken).ConfigureAwait(false);
        return PushReceipt.Success;
    }

    /// <summary>
    /// api_query_auth refused the code as spent or expired: when an earlier delivery of this push spent it and then failed to store the
    /// tokens, WeChat still lists the authorizer with its refresh token, so that is read back and the push is done
    /// (the sweep issues the access token), even when the registry still has it Revoked from an older event: this push
    /// is newer. Otherwise WeChat is asked to push again. The earlier delivery failed before the hook was told, so the
    /// hook is told here: a new authorizer recovered this way gets its profile's commands too (their ids are
    /// deterministic, so a delivery that did reach the hook and this one apply them once).
    /// </summary>
    private async Task<PushReceipt> RecoverAuthorizationAsync(AuthorizationPush push, int errorCode, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!PushConstants.IsSpentCode(errorCode))
        {
            return new PushReceipt(PushReply.RetryLater, $"api_query_auth answered errcode {errorCode}");
        }

        var (refreshToken, _) = await _tokens.RecoverRefreshTokenAsync(push.AuthorizerAppId, reauthorized: true, CancellationToken.None).ConfigureAwait(false);
        if (refreshToken is null)
        {
            return new PushReceipt(PushReply.RetryLater, $"api_query_auth answered errcode {errorCode}");
        }

        await RecordAuthorizationAsync(push, r => r with { AccessTokenExpiresAt = null, LastRefreshAt = now }).ConfigureAwait(false);
        Log.Authorized(_logger, push.AuthorizerAppId, push.InfoType);
        await NotifyHookAsync(push, cancellationToken).ConfigureAwait(false);
        return PushReceipt.Success;
    }

    /// <summary>Tells the hook (profile onboarding) that the authorization is recorded; it must be idempotent.</summary>
    private Task NotifyHookAsync(AuthorizationPush push, CancellationToken cancellationToken) =>
        _hook?.OnAuthorizedAsync(push.AuthorizerAppId, push.InfoType, cancellationToken) ?? Task.CompletedTask;

    private Task<bool> RecordAuthorizationAsync(AuthorizationPush push, Func<AuthorizerRecord, AuthorizerRecord> change) =>
        UpdateRegistryAsync(push.AuthorizerAppId, push.CreateTime, r => change(r with
        {
            State = AuthorizerState.Active,
            AuthorizedAt = push.CreateTime,
            LastAuthorizationEventAt = push.CreateTime,
        }), CancellationToken.None);

    private async Task RevokeAsync(UnauthorizedPush push, CancellationToken cancellationToken)
    {
        var appId = push.AuthorizerAppId;
        var applied = await UpdateRegistryAsync(appId, push.CreateTime, r => r with
        {
            State = AuthorizerState.Revoked,
            AccessTokenExpiresAt = null,
            LastAuthorizationEventAt = push.CreateTime,
        }, cancellationToken).ConfigureAwait(false);
        if (!applied)
        {
            Log.EventOutOfOrder(_logger, appId, push.InfoType, push.CreateTime);
            return;
        }

        _tokens.Forget(TokenKey.Authorizer(appId));
        await _tokens.DeleteAuthorizerTokensAsync(appId).ConfigureAwait(false);
        Log.Unauthorized(_logger, appId);
    }

    /// <summary>Applies <paramref name="change"/> with the entry's ETag unless the entry records a newer event; false when it does.</summary>
    private async Task<bool> UpdateRegistryAsync(
        string appId, DateTimeOffset eventAt, Func<AuthorizerRecord, AuthorizerRecord> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < TokenConstants.RegistryUpdateAttempts; attempt++)
        {
            var current = await _registry.GetAsync(appId, cancellationToken).ConfigureAwait(false);
            if (IsOlder(eventAt, current))
            {
                return false;
            }

            var next = change(current ?? new AuthorizerRecord { AppId = appId, State = AuthorizerState.Active });
            if (await _registry.TryUpsertAsync(next, cancellationToken).ConfigureAwait(false) is not null)
            {
                return true;
            }
        }

        throw new InvalidOperationException($"The registry entry of authorizer {appId} kept changing; the push is not recorded.");
    }

    private static bool IsOlder(DateTimeOffset eventAt, AuthorizerRecord? record) =>
        (record?.LastAuthorizationEventAt ?? record?.AuthorizedAt) is { } last && eventAt < last;
}
