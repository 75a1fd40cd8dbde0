using System.Text.Json;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Processing;

/// <summary>What processing writes to the authorizer registry: last known domains, and lost authorizations.</summary>
public sealed class AuthorizerUpdates(IAuthorizerRegistry registry, TimeProvider time)
{
    private const int MaxConflicts = 5;

    /// <summary>Marks the authorizer NeedsReauthorization after <paramref name="errorCode"/> (61003, 61023, 42002, 40013).</summary>
    public Task MarkNeedsReauthorizationAsync(string appId, int errorCode, CancellationToken cancellationToken) =>
        UpdateAsync(appId, a => a with { State = AuthorizerState.NeedsReauthorization, LastRefreshErrorCode = errorCode, LastRefreshError = "WeChat refused the authorization" }, cancellationToken);

    /// <summary>Keeps the domain lists a successful call returned as the authorizer's last known domains.</summary>
    public Task RecordDomainsAsync(string appId, object response, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return response switch
        {
            ServerDomains server => UpdateAsync(appId, a => a with { ServerDomains = Json(server), DomainsObservedAt = now }, cancellationToken),
            EffectiveDomains effective => UpdateAsync(appId, a => a with { ServerDomains = Json(effective.Effective), DomainsObservedAt = now }, cancellationToken),
            WebviewDomains webview when webview.WebviewDomain.Count > 0 => UpdateAsync(appId, a => a with { WebviewDomains = Json(webview.WebviewDomain), DomainsObservedAt = now }, cancellationToken),
            EffectiveWebviewDomains effective => UpdateAsync(appId, a => a with { WebviewDomains = Json(effective.Effective), DomainsObservedAt = now }, cancellationToken),
            _ => Task.CompletedTask,
        };
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
