using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// Body of <c>modify_domain</c> and <c>modify_domain_directly</c>: an action and the server-domain lists, each entry
/// lowercased and each list without duplicates. A list that was absent stays null (and is omitted on the wire).
/// </summary>
public sealed record ServerDomainsBody(string Action, ServerDomains Domains) : CommandBody
{
    /// <summary>The client request for this body.</summary>
    public ModifyDomainRequest ToRequest() => new(Action, Domains);
}
