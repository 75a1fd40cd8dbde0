using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Apis;

/// <summary>
/// <c>POST /wxa/setwebviewdomain_directly</c>: the business domains of the "direct" source, no platform registration.
/// action is required (40052); https only (86100); a host added or set must serve the authorizer's confirm file at its
/// root (86103, "check confirmfile fail!"), which the admin route <c>PUT /sandbox/hosts/{host}/confirmfile</c> places;
/// 89022 deleting a domain that is not there; 100 at most (89029); individual Mini Programs get 89231 (as for
/// setwebviewdomain; not confirmed for this api). A call that changes nothing answers 0 with the list.
/// </summary>
internal static class WebviewDomainDirectlyApi
{
    public const string Api = "setwebviewdomain_directly";
    private const string Scheme = "https";

    public static WeChatReply Handle(SandboxState state, ApiRequest<WebviewDomainBody> request)
    {
        var authorizer = state.Authorizers[request.Subject];
        if (WebviewDomainApi.RefuseAccount(authorizer) is { } refused)
        {
            return refused;
        }

        if (DomainActions.Parse(request.Body.Action) is not { } action)
        {
            return WeChatReply.Error(WeChatErrors.InvalidAction);
        }

        var current = authorizer.DirectWebviewDomains;
        if (action == DomainAction.Get)
        {
            return WebviewDomainApi.Reply(current);
        }

        var requested = new List<string>();
        foreach (var value in request.Body.WebviewDomain ?? [])
        {
            if (DomainRules.CheckUrl(value, Scheme, out var url) != UrlCheck.Ok)
            {
                return WeChatReply.Error(WeChatErrors.InvalidUrlProtocol);
            }

            var host = DomainRules.HostOf(url);
            if (action == DomainAction.Delete && !current.Contains(url, StringComparer.OrdinalIgnoreCase))
            {
                return WeChatReply.Error(WeChatErrors.DeletedDomainMissing, host);
            }

            if (action != DomainAction.Delete && !current.Contains(url, StringComparer.OrdinalIgnoreCase) && !state.ServesConfirmFileOf(host, authorizer.AppId))
            {
                return WeChatReply.Error(WeChatErrors.ConfirmFileNotFound);
            }

            requested.Add(url);
        }

        var next = DomainActions.Apply(action, current, requested);
        if (next.Count > SandboxConstants.WebviewDomains)
        {
            return WeChatReply.Error(WeChatErrors.WebviewDomainLimit);
        }

        if (!next.SequenceEqual(current, StringComparer.OrdinalIgnoreCase))
        {
            authorizer.DirectWebviewDomains = next;
            authorizer.CountApplied(Api);
        }

        return WebviewDomainApi.Reply(next);
    }
}
