namespace WeChatDomains.WeChat.Client;

/// <summary>
/// Typed client for the WeChat APIs this project calls. Every method returns a <see cref="WeChatResult{T}"/>: a WeChat
/// errcode or a transport fault is a result, never an exception (exceptions are for bugs and cancellation).
/// Transport faults and errcode -1 are retried inside the client by its one resilience pipeline.
/// </summary>
public partial interface IWeChatClient
{
    /// <summary>POST /wxa/modify_domain with an authorizer token.</summary>
    Task<WeChatResult<ServerDomains>> ModifyDomainAsync(AccessToken authorizerToken, ModifyDomainRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST /wxa/modify_domain_directly with an authorizer token.</summary>
    Task<WeChatResult<ServerDomains>> ModifyDomainDirectlyAsync(AccessToken authorizerToken, ModifyDomainRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST /wxa/setwebviewdomain with an authorizer token.</summary>
    Task<WeChatResult<WebviewDomains>> SetWebviewDomainAsync(AccessToken authorizerToken, SetWebviewDomainRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST /cgi-bin/component/modify_wxa_jump_domain with the component token.</summary>
    Task<WeChatResult<JumpDomains>> ModifyJumpDomainAsync(AccessToken componentToken, ModifyJumpDomainRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST /wxa/get_effective_domain with body <c>{}</c>.</summary>
    Task<WeChatResult<EffectiveDomains>> GetEffectiveDomainAsync(AccessToken authorizerToken, CancellationToken cancellationToken = default);

    /// <summary>POST /wxa/get_effective_webviewdomain with body <c>{}</c>.</summary>
    Task<WeChatResult<EffectiveWebviewDomains>> GetEffectiveWebviewDomainAsync(AccessToken authorizerToken, CancellationToken cancellationToken = default);

    /// <summary>POST /cgi-bin/component/api_component_token.</summary>
    Task<WeChatResult<ComponentToken>> GetComponentTokenAsync(ComponentTokenRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST /cgi-bin/component/api_authorizer_token?component_access_token=….</summary>
    Task<WeChatResult<AuthorizerToken>> GetAuthorizerTokenAsync(AccessToken componentToken, AuthorizerTokenRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST /cgi-bin/component/api_query_auth?component_access_token=….</summary>
    Task<WeChatResult<AuthorizationInfo>> QueryAuthAsync(AccessToken componentToken, QueryAuthRequest request, CancellationToken cancellationToken = default);

    /// <summary>POST /cgi-bin/component/api_get_authorizer_list?component_access_token=… (one page, at most 500).</summary>
    Task<WeChatResult<AuthorizerList>> GetAuthorizerListAsync(AccessToken componentToken, AuthorizerListRequest request, CancellationToken cancellationToken = default);
}
