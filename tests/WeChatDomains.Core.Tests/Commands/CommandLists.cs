using WeChatDomains.Core.Commands;

namespace WeChatDomains.Core.Tests.Commands;

/// <summary>The non-null lists of a body by wire name, for comparing with a corpus expectation.</summary>
internal static class CommandLists
{
    public static SortedDictionary<string, string[]> Of(CommandBody body)
    {
        var lists = new SortedDictionary<string, string[]>(StringComparer.Ordinal);
        switch (body)
        {
            case ServerDomainsBody server:
                Add(lists, "requestdomain", server.Domains.RequestDomain);
                Add(lists, "wsrequestdomain", server.Domains.WsRequestDomain);
                Add(lists, "uploaddomain", server.Domains.UploadDomain);
                Add(lists, "downloaddomain", server.Domains.DownloadDomain);
                Add(lists, "udpdomain", server.Domains.UdpDomain);
                Add(lists, "tcpdomain", server.Domains.TcpDomain);
                break;
            case WebviewDomainsBody webview:
                Add(lists, "webviewdomain", webview.WebviewDomain);
                break;
            case JumpDomainsBody jump:
                Add(lists, "wxa_jump_h5_domain", jump.Domains);
                break;
            case PlatformServerDomainsBody platform:
                Add(lists, "wxa_server_domain", platform.Domains);
                break;
            case PrefetchDomainsBody prefetch:
                Add(lists, "prefetch_dns_domain", prefetch.Urls);
                break;
        }

        return lists;
    }

    private static void Add(SortedDictionary<string, string[]> lists, string name, IReadOnlyList<string>? list)
    {
        if (list is not null)
        {
            lists[name] = [.. list];
        }
    }
}
