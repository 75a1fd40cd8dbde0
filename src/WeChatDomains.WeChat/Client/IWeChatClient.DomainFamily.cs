namespace WeChatDomains.WeChat.Client;

/// <summary>The rest of WeChat's domain family (DESIGN section 10): platform server domains, confirm files, direct business domains, DNS prefetch.</summary>
public partial interface IWeChatClient
{
    /// <summary>POST /cgi-bin/component/modify_wxa_server_domain with the component token.</summary>
    Task<WeChatResult<PlatformServerDomains>> ModifyWxaServerDomainAsync(AccessToken componentToken, ModifyWxaServerDomainRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST /cgi-bin/component/get_domain_confirmfile with the component token and body <c>{}</c>.</summary>
    Task<WeChatResult<ConfirmFile>> GetDomainConfirmFileAsync(AccessToken componentToken, CancellationToken cancellationToken = default);

    /// <summary>POST /wxa/setwebviewdomain_directly with an authorizer token.</summary>
    Task<WeChatResult<WebviewDomains>> SetWebviewDomainDirectlyAsync(AccessToken authorizerToken, SetWebviewDomainRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST /wxa/get_webviewdomain_confirmfile with an authorizer token and body <c>{}</c>.</summary>
    Task<WeChatResult<ConfirmFile>> GetWebviewDomainConfirmFileAsync(AccessToken authorizerToken, CancellationToken cancellationToken = default);

    /// <summary>GET /wxa/get_prefetchdnsdomain with an authorizer token (WeChat documents it as a GET).</summary>
    Task<WeChatResult<PrefetchDnsDomains>> GetPrefetchDnsDomainAsync(AccessToken authorizerToken, CancellationToken cancellationToken = default);

    /// <summary>POST /wxa/set_prefetchdnsdomain with an authorizer token: replaces the whole list.</summary>
    Task<WeChatResult<PrefetchDnsDomainsSet>> SetPrefetchDnsDomainAsync(AccessToken authorizerToken, SetPrefetchDnsDomainRequest request, CancellationToken cancellationToken = default);
}
