namespace WeChatDomains.Sandbox.State;

/// <summary>The six server-domain lists of a Mini Program.</summary>
internal enum ServerList
{
    Request,
    WsRequest,
    Upload,
    Download,
    Udp,
    Tcp,
}

/// <summary>Wire names and schemes of the server-domain lists.</summary>
internal static class ServerLists
{
    /// <summary>The lists of <c>modify_domain</c>.</summary>
    public static readonly ServerList[] Four = [ServerList.Request, ServerList.WsRequest, ServerList.Upload, ServerList.Download];

    /// <summary>The lists of <c>modify_domain_directly</c> and <c>get_effective_domain</c>.</summary>
    public static readonly ServerList[] Six = [.. Four, ServerList.Udp, ServerList.Tcp];

    public static string WireName(ServerList list) => list switch
    {
        ServerList.Request => "requestdomain",
        ServerList.WsRequest => "wsrequestdomain",
        ServerList.Upload => "uploaddomain",
        ServerList.Download => "downloaddomain",
        ServerList.Udp => "udpdomain",
        ServerList.Tcp => "tcpdomain",
        _ => throw new ArgumentOutOfRangeException(nameof(list)),
    };

    public static string Scheme(ServerList list) => list switch
    {
        ServerList.WsRequest => "wss",
        ServerList.Udp => "udp",
        ServerList.Tcp => "tcp",
        _ => "https",
    };
}
