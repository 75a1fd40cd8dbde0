using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// Body of <c>modify_wxa_jump_domain</c>: the <c>;</c>-separated <c>wxa_jump_h5_domain</c> split into bare, lowercased,
/// distinct hosts (null for <c>get</c>), and <c>is_modify_published_together</c> when it was sent.
/// </summary>
public sealed record JumpDomainsBody(string Action, IReadOnlyList<string>? Domains, bool? IsModifyPublishedTogether) : CommandBody
{
    /// <summary>The client request for this body.</summary>
    public ModifyJumpDomainRequest ToRequest() => new(Action, Domains, IsModifyPublishedTogether);
}
