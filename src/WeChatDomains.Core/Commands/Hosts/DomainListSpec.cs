namespace WeChatDomains.Core.Commands;

/// <summary>One domain list of a body: its wire name, the scheme its entries carry and whether a port is allowed.</summary>
/// <param name="Name">The JSON field name, for example <c>requestdomain</c>.</param>
/// <param name="Scheme">The required scheme without <c>://</c>, or null for bare hosts.</param>
/// <param name="AllowsPort">Whether an entry may carry an explicit port.</param>
internal sealed record DomainListSpec(string Name, string? Scheme, bool AllowsPort)
{
    public static readonly DomainListSpec Request = new("requestdomain", "https", AllowsPort: true);
    public static readonly DomainListSpec WsRequest = new("wsrequestdomain", "wss", AllowsPort: true);
    public static readonly DomainListSpec Upload = new("uploaddomain", "https", AllowsPort: true);
    public static readonly DomainListSpec Download = new("downloaddomain", "https", AllowsPort: true);
    public static readonly DomainListSpec Udp = new("udpdomain", "udp", AllowsPort: true);
    public static readonly DomainListSpec Tcp = new("tcpdomain", "tcp", AllowsPort: true);
    public static readonly DomainListSpec Webview = new("webviewdomain", "https", AllowsPort: false);
    public static readonly DomainListSpec Jump = new("wxa_jump_h5_domain", Scheme: null, AllowsPort: false);
    public static readonly DomainListSpec PlatformServer = new("wxa_server_domain", Scheme: null, AllowsPort: false);
    public static readonly DomainListSpec Prefetch = new("prefetch_dns_domain", Scheme: null, AllowsPort: false);

    /// <summary>The lists of <c>modify_domain</c>.</summary>
    public static readonly IReadOnlyList<DomainListSpec> ModifyDomainLists = [Request, WsRequest, Upload, Download];

    /// <summary>The lists of <c>modify_domain_directly</c>.</summary>
    public static readonly IReadOnlyList<DomainListSpec> ModifyDomainDirectlyLists = [Request, WsRequest, Upload, Download, Udp, Tcp];
}
