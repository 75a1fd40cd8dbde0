using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Apis;

/// <summary>
/// <c>POST /wxa/setwebviewdomain</c>: the business domains of the "third" source. https only (86100); without an
/// action every business domain of the platform is added; hosts must be platform business domains or their
/// subdomains (89021; 89020 when the platform has none); 89022 deleting a domain that is not there; 89019 when
/// nothing changes; 100 at most (89029); individual Mini Programs get 89231.
/// </summary>
internal static class WebviewDomainApi
{
    public const string Api = "setwebviewdomain";
    private const string Scheme = "https";

    public static WeChatReply Handle(SandboxState state, ApiRequest<WebviewDomainBody> request)
    {
        var authorizer = state.Authorizers[request.Subject];
        if (RefuseAccount(authorizer) is { } refused)
        {
            return refused;
        }

        var body = request.Body;
        var action = body.Action is null ? DomainAction.Add : DomainActions.Parse(body.Action);
        if (action is null)
        {
            return WeChatReply.Error(WeChatErrors.InvalidAction);
        }

        var current = authorizer.ThirdWebviewDomains;
        if (action == DomainAction.Get)
        {
            return Reply(current);
        }

        var business = state.Platform.BusinessDomains;
        if (action != DomainAction.Delete && business.Count == 0)
        {
            return WeChatReply.Error(WeChatErrors.NoPlatformBusinessDomain);
        }

        var values = body.Action is null ? business.Select(host => Scheme + "://" + host) : body.WebviewDomain ?? [];
        var requested = new List<string>();
        foreach (var value in values)
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

            if (action != DomainAction.Delete && !business.Any(b => DomainRules.IsSameOrSubdomain(host, b)))
            {
                return WeChatReply.Error(WeChatErrors.NotPlatformBusinessDomain, host);
            }

            requested.Add(url);
        }

        var next = DomainActions.Apply(action.Value, current, requested);
        if (next.Count > SandboxConstants.WebviewDomains)
        {
            return WeChatReply.Error(WeChatErrors.WebviewDomainLimit);
        }

        if (next.SequenceEqual(current, StringComparer.OrdinalIgnoreCase))
        {
            return WeChatReply.Error(WeChatErrors.WebviewNotChanged);
        }

        authorizer.ThirdWebviewDomains = next;
        authorizer.CountApplied(Api);
        return Reply(next);
    }

    /// <summary>85015 for an account that is not a Mini Program, 89231 for an individual one; null when it may have business domains.</summary>
    internal static WeChatReply? RefuseAccount(AuthorizerState authorizer) =>
        !authorizer.IsMiniProgram ? WeChatReply.Error(WeChatErrors.NotMiniProgram)
        : authorizer.IsIndividual ? WeChatReply.Error(WeChatErrors.IndividualNotSupported)
        : null;

    /// <summary>The answer of a business-domain call: the list after it.</summary>
    internal static WeChatReply Reply(List<string> domains) => WeChatReply.Ok().With("webviewdomain", domains.ToArray());
}
