using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// Body of <c>modify_wxa_server_domain</c>: the <c>;</c>-separated <c>wxa_server_domain</c> split into bare, lowercased,
/// distinct hosts (null for <c>get</c>), and <c>is_modify_published_together</c> when it was sent.
/// </summary>
public sealed record PlatformServerDomainsBody(string Action, IReadOnlyList<string>? Domains, bool? IsModifyPublishedTogether) : CommandBody
{
    /// <summary>The client request for this body.</summary>
    public ModifyWxaServerDomainRequest ToRequest() => new(Action, Domains, IsModifyPublishedTogether);
}

/// <summary>Body of <c>set_prefetchdnsdomain</c>: the whole new list of bare, lowercased, distinct hosts.</summary>
public sealed record PrefetchDomainsBody(IReadOnlyList<string> Urls) : CommandBody
{
    /// <summary>The client request for this body.</summary>
    public SetPrefetchDnsDomainRequest ToRequest() => new(Urls);
}
