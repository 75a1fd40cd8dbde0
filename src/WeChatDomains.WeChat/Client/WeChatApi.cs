namespace WeChatDomains.WeChat.Client;

/// <summary>The WeChat APIs this project calls, by their wire names, and their paths under the base URL.</summary>
public static class WeChatApi
{
    /// <summary>Server domains of an authorized Mini Program (request, socket, upload, download).</summary>
    public const string ModifyDomain = "modify_domain";

    /// <summary>Server domains configured directly (six lists; 50 modifications a month).</summary>
    public const string ModifyDomainDirectly = "modify_domain_directly";

    /// <summary>Business (web-view) domains of an authorized Mini Program.</summary>
    public const string SetWebviewDomain = "setwebviewdomain";

    /// <summary>The platform's own Mini Program business domains (component token).</summary>
    public const string ModifyWxaJumpDomain = "modify_wxa_jump_domain";

    /// <summary>The four views of an authorizer's server domains.</summary>
    public const string GetEffectiveDomain = "get_effective_domain";

    /// <summary>The four views of an authorizer's business domains.</summary>
    public const string GetEffectiveWebviewDomain = "get_effective_webviewdomain";

    /// <summary>The platform's own Mini Program server domains, testing and published (component token).</summary>
    public const string ModifyWxaServerDomain = "modify_wxa_server_domain";

    /// <summary>The confirm file of the platform's business domains (component token).</summary>
    public const string GetDomainConfirmFile = "get_domain_confirmfile";

    /// <summary>Business (web-view) domains configured straight on an authorizer, without platform registration.</summary>
    public const string SetWebviewDomainDirectly = "setwebviewdomain_directly";

    /// <summary>The confirm file an authorizer's directly configured business domains must serve at their root.</summary>
    public const string GetWebviewDomainConfirmFile = "get_webviewdomain_confirmfile";

    /// <summary>An authorizer's DNS pre-resolution domains and its limit.</summary>
    public const string GetPrefetchDnsDomain = "get_prefetchdnsdomain";

    /// <summary>Replaces an authorizer's DNS pre-resolution domains.</summary>
    public const string SetPrefetchDnsDomain = "set_prefetchdnsdomain";

    /// <summary>Component access token from appid, secret and ticket.</summary>
    public const string ComponentToken = "api_component_token";

    /// <summary>Authorizer access token from the refresh token.</summary>
    public const string AuthorizerToken = "api_authorizer_token";

    /// <summary>Authorization info (tokens) from an authorization code.</summary>
    public const string QueryAuth = "api_query_auth";

    /// <summary>Every authorizer of the platform with its refresh token, paged.</summary>
    public const string GetAuthorizerList = "api_get_authorizer_list";

    /// <summary>The path of each API, relative to the base URL (for example <c>https://api.weixin.qq.com</c>).</summary>
    public static string PathOf(string api) => api switch
    {
        ModifyDomain => "/wxa/modify_domain",
        ModifyDomainDirectly => "/wxa/modify_domain_directly",
        SetWebviewDomain => "/wxa/setwebviewdomain",
        ModifyWxaJumpDomain => "/cgi-bin/component/modify_wxa_jump_domain",
        GetEffectiveDomain => "/wxa/get_effective_domain",
        GetEffectiveWebviewDomain => "/wxa/get_effective_webviewdomain",
        ModifyWxaServerDomain => "/cgi-bin/component/modify_wxa_server_domain",
        GetDomainConfirmFile => "/cgi-bin/component/get_domain_confirmfile",
        SetWebviewDomainDirectly => "/wxa/setwebviewdomain_directly",
        GetWebviewDomainConfirmFile => "/wxa/get_webviewdomain_confirmfile",
        GetPrefetchDnsDomain => "/wxa/get_prefetchdnsdomain",
        SetPrefetchDnsDomain => "/wxa/set_prefetchdnsdomain",
        ComponentToken => "/cgi-bin/component/api_component_token",
        AuthorizerToken => "/cgi-bin/component/api_authorizer_token",
        QueryAuth => "/cgi-bin/component/api_query_auth",
        GetAuthorizerList => "/cgi-bin/component/api_get_authorizer_list",
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, "Not an API this client calls."),
    };
}
