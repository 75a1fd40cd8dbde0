using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Apis;

/// <summary>The list arithmetic shared by modify_domain and modify_domain_directly.</summary>
internal static class ServerDomainEdit
{
    /// <summary>
    /// Computes the lists after <paramref name="action"/> (add, delete or set; absent lists count as empty), checking
    /// each requested URL's scheme (86100) and, unless deleting, its host with <paramref name="hostError"/>; then the
    /// limits (85016). Returns 0 and the new lists, or the errcode.
    /// </summary>
    public static int Compute(
        DomainAction action, ServerDomainsBody body, ServerDomainSet current, IReadOnlyList<ServerList> lists,
        Func<string, int> hostError, out ServerDomainSet next)
    {
        var result = current.Clone();
        next = result;
        foreach (var list in lists)
        {
            var requested = new List<string>();
            foreach (var value in body.Get(list))
            {
                if (DomainRules.CheckUrl(value, ServerLists.Scheme(list), out var url) != UrlCheck.Ok)
                {
                    return WeChatErrors.InvalidUrlProtocol;
                }

                var error = action == DomainAction.Delete ? 0 : hostError(DomainRules.HostOf(url));
                if (error != 0)
                {
                    return error;
                }

                requested.Add(url);
            }

            result.Replace(list, action switch
            {
                DomainAction.Add => current[list].Concat(requested),
                DomainAction.Delete => current[list].Except(requested, StringComparer.OrdinalIgnoreCase),
                _ => requested,
            });
        }

        var overLimit = lists.Any(l => result[l].Count > SandboxConstants.ServerDomainsPerList) ||
            result.Total(lists) > SandboxConstants.ServerDomainsTotal;
        return overLimit ? WeChatErrors.DomainLimit : 0;
    }
}
