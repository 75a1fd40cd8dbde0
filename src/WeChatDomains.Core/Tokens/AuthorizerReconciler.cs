using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// The reconcile timer's job (level-triggered): pages <c>api_get_authorizer_list</c>, restores every refresh token the
/// vault lacks for an authorizer we know and have not seen revoked, and reports the authorizers WeChat lists that the
/// registry does not know, and the Active ones WeChat does not list. Running it twice changes nothing more.
/// </summary>
public sealed class AuthorizerReconciler(
    TokenProvider tokens, IWeChatClient client, ISecretVault vault, IAuthorizerRegistry registry, IOptions<TokenOptions> options,
    ILogger<AuthorizerReconciler> logger)
{
    /// <summary>Runs one reconciliation; a WeChat failure stops it and is reported in the result, not thrown.</summary>
    public async Task<ReconcileResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var restored = new List<string>();
        var unknown = new List<string>();
        var errorCode = await tokens.VisitAuthorizersAsync(client, options.Value.ComponentAppId, TokenConstants.AuthorizerListPageSize, async (authorizer, ct) =>
        {
            listed.Add(authorizer.AuthorizerAppId);
            var record = await registry.GetAsync(authorizer.AuthorizerAppId, ct).ConfigureAwait(false);
            if (record is null)
            {
                unknown.Add(authorizer.AuthorizerAppId);
            }
            else if (record.State != AuthorizerState.Revoked && await IsMissingAsync(authorizer.AuthorizerAppId, ct).ConfigureAwait(false))
            {
                await tokens.StoreListedRefreshTokenAsync(authorizer.AuthorizerAppId, authorizer.RefreshToken).ConfigureAwait(false);
                restored.Add(authorizer.AuthorizerAppId);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (errorCode != 0)
        {
            Log.ReconcileStopped(logger, errorCode, listed.Count);
            return new ReconcileResult(errorCode, listed.Count, restored, unknown, []);
        }

        var notListed = new List<string>();
        string? continuation = null;
        do
        {
            var page = await registry.ListAsync(AuthorizerState.Active, options.Value.RegistryPageSize, continuation, cancellationToken).ConfigureAwait(false);
            notListed.AddRange(page.Items.Where(r => !listed.Contains(r.AppId)).Select(r => r.AppId));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        Log.Reconciled(logger, listed.Count, restored.Count, unknown.Count, notListed.Count);
        return new ReconcileResult(0, listed.Count, restored, unknown, notListed);
    }

    private async Task<bool> IsMissingAsync(string appId, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace((await vault.GetAsync(SecretNames.AuthorizerRefreshToken(appId), cancellationToken).ConfigureAwait(false))?.Value);
}

/// <summary>What one reconciliation found and did (appids only, never a token).</summary>
/// <param name="ErrorCode">0, or the errcode that stopped the walk of WeChat's list.</param>
/// <param name="Listed">Authorizers WeChat listed.</param>
/// <param name="Restored">Refresh tokens written back to the vault.</param>
/// <param name="UnknownToRegistry">Listed by WeChat, not in the registry.</param>
/// <param name="NotListedByWeChat">Active in the registry, not listed by WeChat.</param>
public sealed record ReconcileResult(
    int ErrorCode, int Listed, IReadOnlyList<string> Restored, IReadOnlyList<string> UnknownToRegistry, IReadOnlyList<string> NotListedByWeChat);
