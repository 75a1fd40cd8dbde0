using System.Text.Json.Serialization;

namespace WeChatDomains.WeChat.Client.Wire;

/// <summary>The fields every WeChat answer may carry. An absent errcode means 0 (the token APIs omit it on success).</summary>
internal class WireResponse
{
    [JsonPropertyName("errcode")]
    public int? ErrCode { get; init; }

    [JsonPropertyName("errmsg")]
    public string? ErrMsg { get; init; }
}

/// <summary>The six server domain lists, as a response or as one view of <c>get_effective_domain</c>.</summary>
internal sealed class ServerDomainsWire : WireResponse
{
    [JsonPropertyName("requestdomain")]
    public List<string>? RequestDomain { get; init; }

    [JsonPropertyName("wsrequestdomain")]
    public List<string>? WsRequestDomain { get; init; }

    [JsonPropertyName("uploaddomain")]
    public List<string>? UploadDomain { get; init; }

    [JsonPropertyName("downloaddomain")]
    public List<string>? DownloadDomain { get; init; }

    [JsonPropertyName("udpdomain")]
    public List<string>? UdpDomain { get; init; }

    [JsonPropertyName("tcpdomain")]
    public List<string>? TcpDomain { get; init; }
}

internal sealed class WebviewDomainsWire : WireResponse
{
    [JsonPropertyName("webviewdomain")]
    public List<string>? WebviewDomain { get; init; }
}

internal sealed class JumpDomainsWire : WireResponse
{
    [JsonPropertyName("published_wxa_jump_h5_domain")]
    public string? Published { get; init; }

    [JsonPropertyName("testing_wxa_jump_h5_domain")]
    public string? Testing { get; init; }

    [JsonPropertyName("invalid_wxa_jump_h5_domain")]
    public string? Invalid { get; init; }
}

internal sealed class EffectiveDomainsWire : WireResponse
{
    [JsonPropertyName("mp_domain")]
    public ServerDomainsWire? Mp { get; init; }

    [JsonPropertyName("third_domain")]
    public ServerDomainsWire? Third { get; init; }

    [JsonPropertyName("direct_domain")]
    public ServerDomainsWire? Direct { get; init; }

    [JsonPropertyName("effective_domain")]
    public ServerDomainsWire? Effective { get; init; }
}

internal sealed class EffectiveWebviewDomainsWire : WireResponse
{
    [JsonPropertyName("mp_webviewdomain")]
    public List<string>? Mp { get; init; }

    [JsonPropertyName("third_webviewdomain")]
    public List<string>? Third { get; init; }

    [JsonPropertyName("direct_webviewdomain")]
    public List<string>? Direct { get; init; }

    [JsonPropertyName("effective_webviewdomain")]
    public List<string>? Effective { get; init; }
}

internal sealed class ComponentTokenWire : WireResponse
{
    [JsonPropertyName("component_access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }
}

internal sealed class AuthorizerTokenWire : WireResponse
{
    [JsonPropertyName("authorizer_access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }

    [JsonPropertyName("authorizer_refresh_token")]
    public string? RefreshToken { get; init; }
}

internal sealed class QueryAuthWire : WireResponse
{
    [JsonPropertyName("authorization_info")]
    public AuthorizationInfoWire? AuthorizationInfo { get; init; }
}

internal sealed class AuthorizationInfoWire
{
    [JsonPropertyName("authorizer_appid")]
    public string? AuthorizerAppId { get; init; }

    [JsonPropertyName("authorizer_access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; init; }

    [JsonPropertyName("authorizer_refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("func_info")]
    public List<FuncInfoWire>? FuncInfo { get; init; }
}

internal sealed class FuncInfoWire
{
    [JsonPropertyName("funcscope_category")]
    public FuncScopeCategoryWire? FuncScopeCategory { get; init; }
}

internal sealed class FuncScopeCategoryWire
{
    [JsonPropertyName("id")]
    public int Id { get; init; }
}
