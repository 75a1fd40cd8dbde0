using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Apis;

/// <summary>
/// <c>get_effective_domain</c> and <c>get_effective_webviewdomain</c>: the "mp" (seeded / admin), "third"
/// (modify_domain, setwebviewdomain) and "direct" (modify_domain_directly) sources, and "effective", their union in
/// that order without duplicates.
/// </summary>
internal static class EffectiveDomainApi
{
    public static WeChatReply Server(SandboxState state, ApiRequest<EmptyBody> request)
    {
        var a = state.Authorizers[request.Subject];
        return WeChatReply.Ok()
            .With("mp_domain", WireViews.Server(a.MpDomains, ServerLists.Six))
            .With("third_domain", WireViews.Server(a.ThirdDomains, ServerLists.Six))
            .With("direct_domain", WireViews.Server(a.DirectDomains, ServerLists.Six))
            .With("effective_domain", WireViews.Server(ServerDomainSet.Union(a.MpDomains, a.ThirdDomains, a.DirectDomains), ServerLists.Six));
    }

    public static WeChatReply Webview(SandboxState state, ApiRequest<EmptyBody> request)
    {
        var a = state.Authorizers[request.Subject];
        string[] effective = [.. a.MpWebviewDomains.Concat(a.ThirdWebviewDomains).Concat(a.DirectWebviewDomains).Distinct(StringComparer.OrdinalIgnoreCase)];
        return WeChatReply.Ok()
            .With("mp_webviewdomain", a.MpWebviewDomains.ToArray())
            .With("third_webviewdomain", a.ThirdWebviewDomains.ToArray())
            .With("direct_webviewdomain", a.DirectWebviewDomains.ToArray())
            .With("effective_webviewdomain", effective);
    }
}
