using WeChatDomains.Sandbox.Apis;
using WeChatDomains.Sandbox.State;

namespace WeChatDomains.Sandbox.Wire;

/// <summary>The WeChat APIs at WeChat's own paths.</summary>
internal static class WeChatRoutes
{
    public static readonly IReadOnlySet<string> ApiNames = new SortedSet<string>(StringComparer.Ordinal)
    {
        "api_component_token", "api_authorizer_token", "api_query_auth", "modify_domain", "modify_domain_directly",
        "setwebviewdomain", "modify_wxa_jump_domain", "get_effective_domain", "get_effective_webviewdomain",
        "modify_wxa_server_domain", "get_domain_confirmfile", "setwebviewdomain_directly", "get_webviewdomain_confirmfile",
        "get_prefetchdnsdomain", "set_prefetchdnsdomain",
        "api_get_authorizer_list",
    };

    private const string ComponentTokenQuery = "component_access_token";
    private const string AccessTokenQuery = "access_token";

    public static IEndpointRouteBuilder MapWeChatApis(this IEndpointRouteBuilder app)
    {
        app.MapWeChat<ComponentTokenBody>("api_component_token", "/cgi-bin/component/api_component_token", null, string.Empty, TokenApi.ComponentToken);
        app.MapWeChat<AuthorizerTokenBody>("api_authorizer_token", "/cgi-bin/component/api_authorizer_token", TokenKind.Component, ComponentTokenQuery, TokenApi.AuthorizerToken);
        app.MapWeChat<QueryAuthBody>("api_query_auth", "/cgi-bin/component/api_query_auth", TokenKind.Component, ComponentTokenQuery, TokenApi.QueryAuth);
        app.MapWeChat<ServerDomainsBody>("modify_domain", "/wxa/modify_domain", TokenKind.Authorizer, AccessTokenQuery, ModifyDomainApi.Handle);
        app.MapWeChat<ServerDomainsBody>("modify_domain_directly", "/wxa/modify_domain_directly", TokenKind.Authorizer, AccessTokenQuery, ModifyDomainDirectlyApi.Handle);
        app.MapWeChat<WebviewDomainBody>("setwebviewdomain", "/wxa/setwebviewdomain", TokenKind.Authorizer, AccessTokenQuery, WebviewDomainApi.Handle);
        app.MapWeChat<JumpDomainBody>("modify_wxa_jump_domain", "/cgi-bin/component/modify_wxa_jump_domain", TokenKind.Component, AccessTokenQuery, JumpDomainApi.Handle);
        app.MapWeChat<EmptyBody>("get_effective_domain", "/wxa/get_effective_domain", TokenKind.Authorizer, AccessTokenQuery, EffectiveDomainApi.Server);
        app.MapWeChat<EmptyBody>("get_effective_webviewdomain", "/wxa/get_effective_webviewdomain", TokenKind.Authorizer, AccessTokenQuery, EffectiveDomainApi.Webview);
        app.MapWeChat<PlatformServerDomainBody>("modify_wxa_server_domain", "/cgi-bin/component/modify_wxa_server_domain", TokenKind.Component, AccessTokenQuery, JumpDomainApi.HandleServer);
        app.MapWeChat<EmptyBody>("get_domain_confirmfile", "/cgi-bin/component/get_domain_confirmfile", TokenKind.Component, AccessTokenQuery, ConfirmFileApi.Platform);
        app.MapWeChat<WebviewDomainBody>("setwebviewdomain_directly", "/wxa/setwebviewdomain_directly", TokenKind.Authorizer, AccessTokenQuery, WebviewDomainDirectlyApi.Handle);
        app.MapWeChat<EmptyBody>("get_webviewdomain_confirmfile", "/wxa/get_webviewdomain_confirmfile", TokenKind.Authorizer, AccessTokenQuery, ConfirmFileApi.Authorizer);
        app.MapWeChat<EmptyBody>("get_prefetchdnsdomain", "/wxa/get_prefetchdnsdomain", TokenKind.Authorizer, AccessTokenQuery, PrefetchDnsDomainApi.Get, isGet: true);
        app.MapWeChat<PrefetchDnsDomainBody>("set_prefetchdnsdomain", "/wxa/set_prefetchdnsdomain", TokenKind.Authorizer, AccessTokenQuery, PrefetchDnsDomainApi.Set);
        app.MapWeChat<AuthorizerListBody>("api_get_authorizer_list", "/cgi-bin/component/api_get_authorizer_list", TokenKind.Component, ComponentTokenQuery, AuthorizerListApi.Handle);
        return app;
    }

    private static void MapWeChat<TBody>(
        this IEndpointRouteBuilder app, string api, string path, TokenKind? kind, string tokenQuery,
        Func<SandboxState, ApiRequest<TBody>, WeChatReply> handler, bool isGet = false)
        where TBody : class, new()
    {
        var route = new WeChatRoute(api, kind, tokenQuery, isGet);
        var methods = isGet ? new[] { HttpMethods.Get } : [HttpMethods.Post];
        app.MapMethods(path, methods, (HttpContext context, WeChatPipeline pipeline) => pipeline.HandleAsync(context, route, handler))
            .WithName(api);
    }
}

/// <summary>An api's wire name, whose token it takes and in which query parameter, and whether WeChat documents it as a GET (no body).</summary>
internal sealed record WeChatRoute(string Api, TokenKind? TokenKind, string TokenQuery, bool IsGet = false);
