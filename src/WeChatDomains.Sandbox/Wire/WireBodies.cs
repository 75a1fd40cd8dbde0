using System.Text.Json.Serialization;
using WeChatDomains.Sandbox.State;

namespace WeChatDomains.Sandbox.Wire;

/// <summary>Body of <c>api_component_token</c>.</summary>
internal sealed class ComponentTokenBody
{
    [JsonPropertyName("component_appid")] public string? ComponentAppId { get; init; }

    [JsonPropertyName("component_appsecret")] public string? ComponentAppSecret { get; init; }

    [JsonPropertyName("component_verify_ticket")] public string? ComponentVerifyTicket { get; init; }
}

/// <summary>Body of <c>api_authorizer_token</c>.</summary>
internal sealed class AuthorizerTokenBody
{
    [JsonPropertyName("component_appid")] public string? ComponentAppId { get; init; }

    [JsonPropertyName("authorizer_appid")] public string? AuthorizerAppId { get; init; }

    [JsonPropertyName("authorizer_refresh_token")] public string? AuthorizerRefreshToken { get; init; }
}

/// <summary>Body of <c>api_query_auth</c>.</summary>
internal sealed class QueryAuthBody
{
    [JsonPropertyName("component_appid")] public string? ComponentAppId { get; init; }

    [JsonPropertyName("authorization_code")] public string? AuthorizationCode { get; init; }
}

/// <summary>Body of <c>modify_domain</c> and <c>modify_domain_directly</c>.</summary>
internal sealed class ServerDomainsBody
{
    [JsonPropertyName("action")] public string? Action { get; init; }

    [JsonPropertyName("requestdomain")] public List<string>? RequestDomain { get; init; }

    [JsonPropertyName("wsrequestdomain")] public List<string>? WsRequestDomain { get; init; }

    [JsonPropertyName("uploaddomain")] public List<string>? UploadDomain { get; init; }

    [JsonPropertyName("downloaddomain")] public List<string>? DownloadDomain { get; init; }

    [JsonPropertyName("udpdomain")] public List<string>? UdpDomain { get; init; }

    [JsonPropertyName("tcpdomain")] public List<string>? TcpDomain { get; init; }

    public IReadOnlyList<string> Get(ServerList list) => (list switch
    {
        ServerList.Request => RequestDomain,
        ServerList.WsRequest => WsRequestDomain,
        ServerList.Upload => UploadDomain,
        ServerList.Download => DownloadDomain,
        ServerList.Udp => UdpDomain,
        ServerList.Tcp => TcpDomain,
        _ => null,
    }) ?? [];
}

/// <summary>Body of <c>setwebviewdomain</c>.</summary>
internal sealed class WebviewDomainBody
{
    [JsonPropertyName("action")] public string? Action { get; init; }

    [JsonPropertyName("webviewdomain")] public List<string>? WebviewDomain { get; init; }
}

/// <summary>Body of <c>modify_wxa_jump_domain</c>.</summary>
internal sealed class JumpDomainBody
{
    [JsonPropertyName("action")] public string? Action { get; init; }

    [JsonPropertyName("wxa_jump_h5_domain")] public string? WxaJumpH5Domain { get; init; }

    [JsonPropertyName("is_modify_published_together")] public bool? IsModifyPublishedTogether { get; init; }
}

/// <summary>Body of <c>modify_wxa_server_domain</c>.</summary>
internal sealed class PlatformServerDomainBody
{
    [JsonPropertyName("action")] public string? Action { get; init; }

    [JsonPropertyName("wxa_server_domain")] public string? WxaServerDomain { get; init; }

    [JsonPropertyName("is_modify_published_together")] public bool? IsModifyPublishedTogether { get; init; }
}

/// <summary>Body of <c>set_prefetchdnsdomain</c>.</summary>
internal sealed class PrefetchDnsDomainBody
{
    [JsonPropertyName("prefetch_dns_domain")] public List<PrefetchDnsDomainEntry>? PrefetchDnsDomain { get; init; }
}

/// <summary>One <c>{"url": …}</c> of <c>set_prefetchdnsdomain</c>.</summary>
internal sealed class PrefetchDnsDomainEntry
{
    [JsonPropertyName("url")] public string? Url { get; init; }
}

/// <summary>The <c>{}</c> body of the get_effective_* APIs.</summary>
internal sealed class EmptyBody;
