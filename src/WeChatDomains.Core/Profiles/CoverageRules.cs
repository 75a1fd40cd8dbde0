using WeChatDomains.Core.Commands;

namespace WeChatDomains.Core.Profiles;

/// <summary>
/// WeChat's hierarchy for registered mode (DESIGN section 10): an authorizer's <c>modify_domain</c> hosts must be the
/// platform's registered server domains (85017/85018 otherwise), its <c>setwebviewdomain</c> hosts the platform's business
/// domains or their subdomains (89020/89021 otherwise). Reasons name the list (entries are compared after duplicates
/// and invalid entries were dropped) and quote the entry.
/// </summary>
internal static class CoverageRules
{
    public static void Check(PlatformTier platform, IReadOnlyDictionary<string, IReadOnlyList<string>> server, IReadOnlyList<string> webview, ValidationErrors errors)
    {
        var registered = platform.ServerDomains.ToHashSet(StringComparer.Ordinal);
        foreach (var (list, entries) in server)
        {
            foreach (var entry in entries)
            {
                var host = DomainText.HostOf(entry);
                if (!registered.Contains(host))
                {
                    errors.Add($"server.{list}", $"{entry}: host {host} is not in platform.serverDomains; WeChat would refuse it (85017/85018)");
                }
            }
        }

        foreach (var entry in webview)
        {
            var host = DomainText.HostOf(entry);
            if (!platform.JumpDomains.Any(d => host == d || host.EndsWith("." + d, StringComparison.Ordinal)))
            {
                errors.Add("webviewdomain", $"{entry}: host {host} is neither in platform.jumpDomains nor a subdomain of one; WeChat would refuse it (89020/89021)");
            }
        }
    }
}
