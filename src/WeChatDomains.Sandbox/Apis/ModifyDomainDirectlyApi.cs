using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Apis;

/// <summary>
/// <c>POST /wxa/modify_domain_directly</c>: the six lists of the "direct" source. Hosts need an ICP filing (45082),
/// api.weixin.qq.com is refused (86101), 50 modifications a CST month (86102; the refused call is not applied).
/// A call that changes nothing answers 0 and is not counted.
/// </summary>
internal static class ModifyDomainDirectlyApi
{
    public const string Api = "modify_domain_directly";

    public static WeChatReply Handle(SandboxState state, ApiRequest<ServerDomainsBody> request)
    {
        var authorizer = state.Authorizers[request.Subject];
        if (!authorizer.IsMiniProgram)
        {
            return WeChatReply.Error(WeChatErrors.NotMiniProgram);
        }

        if (DomainActions.Parse(request.Body.Action) is not { } action)
        {
            return WeChatReply.Error(WeChatErrors.InvalidAction);
        }

        if (action == DomainAction.Get)
        {
            return WeChatReply.Ok().WithServerLists(authorizer.DirectDomains, ServerLists.Six);
        }

        var error = ServerDomainEdit.Compute(
            action, request.Body, authorizer.DirectDomains, ServerLists.Six, host => HostError(authorizer, host), out var next);
        if (error != 0)
        {
            return WeChatReply.Error(error);
        }

        if (next.SameAs(authorizer.DirectDomains))
        {
            return WeChatReply.Ok().WithServerLists(next, ServerLists.Six);
        }

        if (authorizer.ModificationsThisMonth(request.Month) >= SandboxConstants.MonthlyModifications)
        {
            return WeChatReply.Error(WeChatErrors.MonthlyModificationLimit);
        }

        authorizer.DirectDomains = next;
        authorizer.CountModification(request.Month);
        authorizer.CountApplied(Api);
        return WeChatReply.Ok().WithServerLists(next, ServerLists.Six);
    }

    private static int HostError(AuthorizerState authorizer, string host)
    {
        if (string.Equals(host, SandboxConstants.WeChatApiHost, StringComparison.OrdinalIgnoreCase))
        {
            return WeChatErrors.WeChatApiHostRefused;
        }

        return authorizer.IcpHosts.Any(filed => DomainRules.IsSameOrSubdomain(host, filed)) ? 0 : WeChatErrors.IcpLicenseNeeded;
    }
}
