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

    /// <summary>
    /// Keeps the domain lists a successful call of <paramref name="api"/> returned, each in its own source: a get writes
    /// every source (mp, third, direct) and the effective view; a modification only the source it changes (modify_domain
    /// and setwebviewdomain the third, the _directly apis the direct one), so the console's lists stay as last read.
    /// </summary>
    public Task RecordDomainsAsync(string appId, string api, object response, CancellationToken cancellationToken) =>
        PatchOf(api, response) is { IsEmpty: false } patch ? RecordAsync(appId, patch, cancellationToken) : Task.CompletedTask;

    /// <summary>What a successful call of <paramref name="api"/> tells of the authorizer's domains (null: nothing).</summary>
    public static DomainsPatch? PatchOf(string api, object response) => (api, response) switch
    {
        (_, EffectiveDomains e) => new DomainsPatch
        {
            ServerDomains = Json(e.Effective), MpServerDomains = Json(e.Mp), ThirdServerDomains = Json(e.Third), DirectServerDomains = Json(e.Direct),
        },
        (_, EffectiveWebviewDomains e) => new DomainsPatch
        {
            WebviewDomains = Json(e.Effective), MpWebviewDomains = Json(e.Mp), ThirdWebviewDomains = Json(e.Third), DirectWebviewDomains = Json(e.Direct),
        },
        (WeChatApi.ModifyDomain, ServerDomains server) => new DomainsPatch { ThirdServerDomains = Json(server) },
        (WeChatApi.ModifyDomainDirectly, ServerDomains server) => new DomainsPatch { DirectServerDomains = Json(server) },
        (WeChatApi.SetWebviewDomain, WebviewDomains webview) when webview.WebviewDomain.Count > 0 => new DomainsPatch { ThirdWebviewDomains = Json(webview.WebviewDomain) },
        (WeChatApi.SetWebviewDomainDirectly, WebviewDomains webview) when webview.WebviewDomain.Count > 0 => new DomainsPatch { DirectWebviewDomains = Json(webview.WebviewDomain) },
        _ => null,
    };

    private async Task RecordAsync(string appId, DomainsPatch patch, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!await registry.TryMergeDomainsAsync(appId, patch, now, cancellationToken))
        {
            await UpdateAsync(appId, a => patch.ApplyTo(a, now), cancellationToken);
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
