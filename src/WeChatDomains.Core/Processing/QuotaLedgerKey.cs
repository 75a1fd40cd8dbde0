using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Processing;

/// <summary>
/// Which monthly ledger a call counts against (what WeChat's pages say, checked 2026-11-30):
/// <list type="bullet">
/// <item><c>modify_domain</c>, <c>modify_domain_directly</c> (not get): the authorizer's 50 server-domain modifications (86102).</item>
/// <item><c>set_prefetchdnsdomain</c>: the authorizer's own 50 changes of DNS pre-resolution domains a month (9420000); the
/// page does not say whether it shares the server-domain count, so it has its own ledger.</item>
/// <item><c>modify_wxa_server_domain</c> (not get): the platform's 50 a month ("每月只可修改申请50次"), on the component's ledger.</item>
/// <item><c>setwebviewdomain</c>, <c>setwebviewdomain_directly</c>, <c>modify_wxa_jump_domain</c> and the get apis: no monthly
/// limit on their pages (not confirmed that none applies).</item>
/// </list>
/// </summary>
/// <param name="Owner">The authorizer appid, or <see cref="ProcessingConstants.ComponentKey"/> for the platform.</param>
/// <param name="Scope">Null for the authorizer's server-domain ledger; otherwise the api whose own count it is.</param>
public sealed record QuotaLedgerKey(string Owner, string? Scope)
{
    /// <summary>The ledger a call of <paramref name="api"/> with <paramref name="action"/> counts against, or null when none.</summary>
    public static QuotaLedgerKey? Of(string api, string? action, string? authorizerAppId) => api switch
    {
        WeChatApi.ModifyDomain or WeChatApi.ModifyDomainDirectly when action != DomainAction.Get && authorizerAppId is not null =>
            new QuotaLedgerKey(authorizerAppId, null),
        WeChatApi.SetPrefetchDnsDomain when authorizerAppId is not null => new QuotaLedgerKey(authorizerAppId, api),
        WeChatApi.ModifyWxaServerDomain when action != DomainAction.Get => new QuotaLedgerKey(ProcessingConstants.ComponentKey, api),
        _ => null,
    };

    /// <summary>
    /// The ledger's id in the registry (its appid slot): the owner for the authorizer's server-domain ledger, the owner
    /// and the scope (<c>wx…|set_prefetchdnsdomain</c>, <c>component|modify_wxa_server_domain</c>) for the others.
    /// </summary>
    public string LedgerId => Scope is null ? Owner : $"{Owner}|{Scope}";
}
