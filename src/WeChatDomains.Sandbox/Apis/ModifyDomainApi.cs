using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Apis;

/// <summary>
/// <c>POST /wxa/modify_domain</c>: the four lists of the "third" source. Only hosts registered as the platform's
/// server domains (85018); 85017 when nothing changes; counts toward the month's 50 modifications (86102).
/// </summary>
internal static class ModifyDomainApi
{
    public const string Api = "modify_domain";

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
            return WeChatReply.Ok().WithServerLists(authorizer.ThirdDomains, ServerLists.Four);
        }

        var platform = state.Platform;
        var error = ServerDomainEdit.Compute(
            action, request.Body, authorizer.ThirdDomains, ServerLists.Four,
            host => platform.IsRegisteredServerHost(host) ? 0 : WeChatErrors.NotPlatformServerDomain,
            out var next);
        if (error != 0)
        {
            return WeChatReply.Error(error);
        }

        if (next.SameAs(authorizer.ThirdDomains))
        {
            return WeChatReply.Error(WeChatErrors.NoDomainModified);
        }

        if (authorizer.ModificationsThisMonth(request.Month) >= SandboxConstants.MonthlyModifications)
        {
            return WeChatReply.Error(WeChatErrors.MonthlyModificationLimit);
        }

        authorizer.ThirdDomains = next;
        authorizer.CountModification(request.Month);
        authorizer.CountApplied(Api);
        return WeChatReply.Ok().WithServerLists(next, ServerLists.Four);
    }
}
