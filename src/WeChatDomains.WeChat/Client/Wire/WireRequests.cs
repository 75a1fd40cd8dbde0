using System.Text.Json.Serialization;

namespace WeChatDomains.WeChat.Client.Wire;

/// <summary>Body of <c>modify_domain</c> and <c>modify_domain_directly</c>; null lists are omitted.</summary>
internal sealed record ModifyDomainBody(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("requestdomain")] IReadOnlyList<string>? RequestDomain,
    [property: JsonPropertyName("wsrequestdomain")] IReadOnlyList<string>? WsRequestDomain,
    [property: JsonPropertyName("uploaddomain")] IReadOnlyList<string>? UploadDomain,
    [property: JsonPropertyName("downloaddomain")] IReadOnlyList<string>? DownloadDomain,
    [property: JsonPropertyName("udpdomain")] IReadOnlyList<string>? UdpDomain,
    [property: JsonPropertyName("tcpdomain")] IReadOnlyList<string>? TcpDomain);

/// <summary>Body of <c>setwebviewdomain</c>.</summary>
internal sealed record SetWebviewDomainBody(
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("webviewdomain")] IReadOnlyList<string>? WebviewDomain);

/// <summary>Body of <c>modify_wxa_jump_domain</c>: the hosts as one <c>;</c>-separated string.</summary>
internal sealed record ModifyJumpDomainBody(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("wxa_jump_h5_domain")] string? JumpDomains,
    [property: JsonPropertyName("is_modify_published_together")] bool? IsModifyPublishedTogether);

/// <summary>The <c>{}</c> body of the get APIs.</summary>
internal sealed record EmptyBody;

/// <summary>Body of <c>api_component_token</c>. Holds a secret: never logged.</summary>
internal sealed record ComponentTokenBody(
    [property: JsonPropertyName("component_appid")] string ComponentAppId,
    [property: JsonPropertyName("component_appsecret")] string ComponentAppSecret,
    [property: JsonPropertyName("component_verify_ticket")] string ComponentVerifyTicket);

/// <summary>Body of <c>api_authorizer_token</c>. Holds a refresh token: never logged.</summary>
internal sealed record AuthorizerTokenBody(
    [property: JsonPropertyName("component_appid")] string ComponentAppId,
    [property: JsonPropertyName("authorizer_appid")] string AuthorizerAppId,
    [property: JsonPropertyName("authorizer_refresh_token")] string AuthorizerRefreshToken);

/// <summary>Body of <c>api_query_auth</c>.</summary>
internal sealed record QueryAuthBody(
    [property: JsonPropertyName("component_appid")] string ComponentAppId,
    [property: JsonPropertyName("authorization_code")] string AuthorizationCode);
