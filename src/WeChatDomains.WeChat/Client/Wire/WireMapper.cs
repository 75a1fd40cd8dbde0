namespace WeChatDomains.WeChat.Client.Wire;

/// <summary>
/// Maps successful wire answers to the public models. Absent lists become empty lists; a success that lacks a field
/// the model needs (a token, its expiry) maps to null, which the client reports as an invalid response.
/// </summary>
internal static class WireMapper
{
    public static ModifyDomainBody ToBody(ModifyDomainRequest request) => new(
        request.Action,
        request.Domains.RequestDomain,
        request.Domains.WsRequestDomain,
        request.Domains.UploadDomain,
        request.Domains.DownloadDomain,
        request.Domains.UdpDomain,
        request.Domains.TcpDomain);

    public static ModifyJumpDomainBody ToBody(ModifyJumpDomainRequest request) =>
        new(request.Action, JumpDomainList.Join(request.Domains), request.IsModifyPublishedTogether);

    public static ServerDomains ToModel(ServerDomainsWire? wire) => new()
    {
        RequestDomain = wire?.RequestDomain ?? [],
        WsRequestDomain = wire?.WsRequestDomain ?? [],
        UploadDomain = wire?.UploadDomain ?? [],
        DownloadDomain = wire?.DownloadDomain ?? [],
        UdpDomain = wire?.UdpDomain ?? [],
        TcpDomain = wire?.TcpDomain ?? [],
    };

    public static WebviewDomains ToModel(WebviewDomainsWire wire) => new(wire.WebviewDomain ?? []);

    public static JumpDomains ToModel(JumpDomainsWire wire) =>
        new(JumpDomainList.Split(wire.Published), JumpDomainList.Split(wire.Testing), JumpDomainList.Split(wire.Invalid));

    public static EffectiveDomains ToModel(EffectiveDomainsWire wire) =>
        new(ToModel(wire.Mp), ToModel(wire.Third), ToModel(wire.Direct), ToModel(wire.Effective));

    public static EffectiveWebviewDomains ToModel(EffectiveWebviewDomainsWire wire) =>
        new(wire.Mp ?? [], wire.Third ?? [], wire.Direct ?? [], wire.Effective ?? []);

    public static ComponentToken? ToModel(ComponentTokenWire wire) =>
        string.IsNullOrWhiteSpace(wire.AccessToken) || wire.ExpiresIn is not { } seconds
            ? null
            : new ComponentToken(new AccessToken(wire.AccessToken), TimeSpan.FromSeconds(seconds));

    public static AuthorizerToken? ToModel(AuthorizerTokenWire wire) =>
        string.IsNullOrWhiteSpace(wire.AccessToken) || wire.ExpiresIn is not { } seconds || string.IsNullOrEmpty(wire.RefreshToken)
            ? null
            : new AuthorizerToken(new AccessToken(wire.AccessToken), TimeSpan.FromSeconds(seconds), wire.RefreshToken);

    public static AuthorizationInfo? ToModel(QueryAuthWire wire)
    {
        if (wire.AuthorizationInfo is not { } info
            || string.IsNullOrEmpty(info.AuthorizerAppId)
            || string.IsNullOrWhiteSpace(info.AccessToken)
            || info.ExpiresIn is not { } seconds
            || string.IsNullOrEmpty(info.RefreshToken))
        {
            return null;
        }

        var permissionSets = (info.FuncInfo ?? [])
            .Where(f => f.FuncScopeCategory is not null)
            .Select(f => f.FuncScopeCategory!.Id)
            .ToList();
        return new AuthorizationInfo(
            info.AuthorizerAppId, new AccessToken(info.AccessToken), TimeSpan.FromSeconds(seconds), info.RefreshToken, permissionSets);
    }
}
