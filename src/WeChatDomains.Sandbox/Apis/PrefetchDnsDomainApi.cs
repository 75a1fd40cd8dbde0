using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Apis;

/// <summary>
/// <c>GET /wxa/get_prefetchdnsdomain</c> (each domain with <c>status</c> 0, and <c>size_limit</c>) and
/// <c>POST /wxa/set_prefetchdnsdomain</c> (replaces the list): 47001 without <c>prefetch_dns_domain</c>; 9420001 for a
/// host that is not a bare host or has no ICP filing; 9420002 past the account's size limit; 9420000 after 50 changes in
/// a CST month. A set that changes nothing is not counted.
/// </summary>
internal static class PrefetchDnsDomainApi
{
    public const string Api = "set_prefetchdnsdomain";

    public static WeChatReply Get(SandboxState state, ApiRequest<EmptyBody> request)
    {
        var authorizer = state.Authorizers[request.Subject];
        var domains = authorizer.PrefetchDnsDomains.Select(url => new Dictionary<string, object> { ["url"] = url, ["status"] = 0 }).ToArray();
        return WeChatReply.Ok().With("prefetch_dns_domain", domains).With("size_limit", authorizer.PrefetchSizeLimit);
    }

    public static WeChatReply Set(SandboxState state, ApiRequest<PrefetchDnsDomainBody> request)
    {
        var authorizer = state.Authorizers[request.Subject];
        if (request.Body.PrefetchDnsDomain is not { } entries)
        {
            return WeChatReply.Error(WeChatErrors.DataFormatError);
        }

        var hosts = entries.Select(e => (e.Url ?? string.Empty).Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (hosts.Any(h => !DomainRules.IsBareHost(h) || !authorizer.IcpHosts.Any(filed => DomainRules.IsSameOrSubdomain(h, filed))))
        {
            return WeChatReply.Error(WeChatErrors.PrefetchInvalidDomain);
        }

        if (hosts.Count > authorizer.PrefetchSizeLimit)
        {
            return WeChatReply.Error(WeChatErrors.PrefetchSizeLimit);
        }

        if (hosts.SequenceEqual(authorizer.PrefetchDnsDomains, StringComparer.Ordinal))
        {
            return WeChatReply.Ok();
        }

        if (authorizer.PrefetchMonth != request.Month)
        {
            authorizer.PrefetchMonth = request.Month;
            authorizer.PrefetchChangesInMonth = 0;
        }

        if (authorizer.PrefetchChangesInMonth >= SandboxConstants.MonthlyPrefetchChanges)
        {
            return WeChatReply.Error(WeChatErrors.PrefetchNoQuota);
        }

        authorizer.PrefetchChangesInMonth++;
        authorizer.PrefetchDnsDomains = hosts;
        authorizer.CountApplied(Api);
        return WeChatReply.Ok();
    }
}
