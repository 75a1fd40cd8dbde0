using System.Text.Json;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Processing;

/// <summary>What processing writes to the authorizer registry: last known domains, and lost authorizations.</summary>
public sealed class AuthorizerUpdates(IAuthorizerRegistry registry, TimeProvider time)
{
    private const int MaxConflicts = 5;

    /// <summary>
    /// Marks the authorizer NeedsReauthorization after WeChat's <paramref name="errorCode"/> (61003, 61023, 42002 only:
    /// <see cref="Reauthorization"/>); a Revoked authorizer stays Revoked.
    /// </summary>
    public Task MarkNeedsReauthorizationAsync(string appId, int errorCode, CancellationToken cancellationToken) =>
        !Reauthorization.IsRequiredBy(errorCode)
            ? Task.CompletedTask
            : UpdateAsync(appId, a => a with { State = Reauthorization.After(a.State), LastRefreshErrorCode = errorCode, LastRefreshError = "WeChat refused the authorization" }, cancellationToken);

    /// <summary>Keeps the domain lists a successful call returned as the authorizer's last known domains.</summary>
    public Task RecordDomainsAsync(string appId, object response, CancellationToken cancellationToken) => response switch
    {
        ServerDomains server => RecordAsync(appId, Json(server), null, cancellationToken),
        EffectiveDomains effective => RecordAsync(appId, Json(effective.Effective), null, cancellationToken),
        WebviewDomains webview when webview.WebviewDomain.Count > 0 => RecordAsync(appId, null, Json(webview.WebviewDomain), cancellationToken),
        EffectiveWebviewDomains effective => RecordAsync(appId, null, Json(effective.Effective), cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task RecordAsync(string appId, string? serverDomains, string? webviewDomains, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!await registry.TryMergeDomainsAsync(appId, serverDomains, webviewDomains, now, cancellationToken))
        {
            await UpdateAsync(
                appId,
                a => a with { ServerDomains = serverDomains ?? a.ServerDomains, WebviewDomains = webviewDomains ?? a.WebviewDomains, DomainsObservedAt = now },
                cancellationToken);
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ResponseJson.Options);

    private async Task UpdateAsync(string appId, Func<AuthorizerRecord, AuthorizerRecord> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var current = await registry.GetAsync(appId, cancellationToken)
                ?? new AuthorizerRecord { AppId = appId, State = AuthorizerState.Active };
            if (await registry.TryUpsertAsync(change(current), cancellationToken) is not null)
            {
                return;
            }
        }
    }
}
