namespace WeChatDomains.WeChat.Client;

/// <summary>The <c>action</c> values of the domain APIs.</summary>
public static class DomainAction
{
    /// <summary>Add the listed domains.</summary>
    public const string Add = "add";

    /// <summary>Delete the listed domains.</summary>
    public const string Delete = "delete";

    /// <summary>Replace the lists with the listed domains.</summary>
    public const string Set = "set";

    /// <summary>Read the current lists.</summary>
    public const string Get = "get";
}

/// <summary>
/// Server domain lists as on the wire. <c>modify_domain</c> uses the first four; <c>modify_domain_directly</c> and
/// <c>get_effective_domain</c> all six. A null list is omitted from a request.
/// </summary>
public sealed record ServerDomains
{
    /// <summary><c>requestdomain</c>: https:// hosts for wx.request.</summary>
    public IReadOnlyList<string>? RequestDomain { get; init; }

    /// <summary><c>wsrequestdomain</c>: wss:// hosts for sockets.</summary>
    public IReadOnlyList<string>? WsRequestDomain { get; init; }

    /// <summary><c>uploaddomain</c>: https:// hosts for uploadFile.</summary>
    public IReadOnlyList<string>? UploadDomain { get; init; }

    /// <summary><c>downloaddomain</c>: https:// hosts for downloadFile.</summary>
    public IReadOnlyList<string>? DownloadDomain { get; init; }

    /// <summary><c>udpdomain</c>: udp:// hosts (modify_domain_directly only).</summary>
    public IReadOnlyList<string>? UdpDomain { get; init; }

    /// <summary><c>tcpdomain</c>: tcp:// hosts (modify_domain_directly only).</summary>
    public IReadOnlyList<string>? TcpDomain { get; init; }
}

/// <summary>Request of <c>modify_domain</c> and <c>modify_domain_directly</c>.</summary>
public sealed record ModifyDomainRequest(string Action, ServerDomains Domains);

/// <summary>Request of <c>setwebviewdomain</c>. A null <see cref="Action"/> is omitted (WeChat then adds every platform business domain).</summary>
public sealed record SetWebviewDomainRequest(string? Action, IReadOnlyList<string>? WebviewDomain);

/// <summary>Response of <c>setwebviewdomain</c> (the list is present for <c>get</c>).</summary>
public sealed record WebviewDomains(IReadOnlyList<string> WebviewDomain);

/// <summary>
/// Request of <c>modify_wxa_jump_domain</c>. <see cref="Domains"/> go on the wire as one <c>;</c>-separated string of
/// bare hosts (<c>wxa_jump_h5_domain</c>); null omits it (for <c>get</c>).
/// </summary>
public sealed record ModifyJumpDomainRequest(string Action, IReadOnlyList<string>? Domains, bool? IsModifyPublishedTogether);

/// <summary>Response of <c>modify_wxa_jump_domain</c>, each <c>;</c>-separated wire string split into hosts.</summary>
public sealed record JumpDomains(IReadOnlyList<string> Published, IReadOnlyList<string> Testing, IReadOnlyList<string> Invalid);

/// <summary>Response of <c>get_effective_domain</c>: the four views of the server domains.</summary>
public sealed record EffectiveDomains(ServerDomains Mp, ServerDomains Third, ServerDomains Direct, ServerDomains Effective);

/// <summary>Response of <c>get_effective_webviewdomain</c>: the four views of the business domains.</summary>
public sealed record EffectiveWebviewDomains(
    IReadOnlyList<string> Mp, IReadOnlyList<string> Third, IReadOnlyList<string> Direct, IReadOnlyList<string> Effective);

/// <summary>Request of <c>api_component_token</c>.</summary>
public sealed record ComponentTokenRequest(string ComponentAppId, string ComponentAppSecret, string ComponentVerifyTicket)
{
    /// <inheritdoc />
    public override string ToString() => $"ComponentTokenRequest {{ ComponentAppId = {ComponentAppId} }}";
}

/// <summary>Response of <c>api_component_token</c>.</summary>
public sealed record ComponentToken(AccessToken AccessToken, TimeSpan ExpiresIn);

/// <summary>Request of <c>api_authorizer_token</c>.</summary>
public sealed record AuthorizerTokenRequest(string ComponentAppId, string AuthorizerAppId, string AuthorizerRefreshToken)
{
    /// <inheritdoc />
    public override string ToString() => $"AuthorizerTokenRequest {{ ComponentAppId = {ComponentAppId}, AuthorizerAppId = {AuthorizerAppId} }}";
}

/// <summary>Response of <c>api_authorizer_token</c>: a new access token and the (possibly new) refresh token.</summary>
public sealed record AuthorizerToken(AccessToken AccessToken, TimeSpan ExpiresIn, string RefreshToken)
{
    /// <inheritdoc />
    public override string ToString() => $"AuthorizerToken {{ ExpiresIn = {ExpiresIn} }}";
}

/// <summary>Request of <c>api_query_auth</c>.</summary>
public sealed record QueryAuthRequest(string ComponentAppId, string AuthorizationCode)
{
    /// <inheritdoc />
    public override string ToString() => $"QueryAuthRequest {{ ComponentAppId = {ComponentAppId} }}";
}

/// <summary>Response of <c>api_query_auth</c> (its <c>authorization_info</c>).</summary>
public sealed record AuthorizationInfo(
    string AuthorizerAppId, AccessToken AccessToken, TimeSpan ExpiresIn, string RefreshToken, IReadOnlyList<int> PermissionSetIds)
{
    /// <inheritdoc />
    public override string ToString() => $"AuthorizationInfo {{ AuthorizerAppId = {AuthorizerAppId}, ExpiresIn = {ExpiresIn} }}";
}
