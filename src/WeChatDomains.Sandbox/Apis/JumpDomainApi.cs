using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Apis;

/// <summary>
/// The platform's own Mini Program domain lists (component token), each kept for the testing and, with
/// <c>is_modify_published_together</c>, the published platform; bare hosts joined by <c>;</c>.
/// <list type="bullet">
/// <item><c>modify_wxa_jump_domain</c> (business domains): unverified hosts are not added and come back in
/// <c>invalid_wxa_jump_h5_domain</c>; 65316 past 200.</item>
/// <item><c>modify_wxa_server_domain</c> (server domains): 1,000 at most (85016; which errcode WeChat answers is not
/// confirmed); 50 changes a CST month (86102; WeChat's page states the limit, not its errcode); deleting an absent host
/// is a success, as WeChat's page says. The sandbox finds no host invalid.</item>
/// </list>
/// Both: 61028 changing the published list of an unpublished platform; 9410016 for a value that is not a bare host;
/// 40052 bad action.
/// </summary>
internal static class JumpDomainApi
{
    public const string Api = "modify_wxa_jump_domain";
    public const string ServerApi = "modify_wxa_server_domain";
    private const char Separator = ';';

    private static readonly PlatformList Jump = new(
        "wxa_jump_h5_domain", SandboxConstants.JumpDomains, WeChatErrors.JumpDomainLimit, p => p.TestingJumpDomains, p => p.PublishedJumpDomains);

    private static readonly PlatformList Server = new(
        "wxa_server_domain", SandboxConstants.PlatformServerDomains, WeChatErrors.DomainLimit, p => p.TestingServerDomains, p => p.PublishedServerDomains);

    public static WeChatReply Handle(SandboxState state, ApiRequest<JumpDomainBody> request) =>
        Edit(state, Jump, request.Body.Action, request.Body.WxaJumpH5Domain, request.Body.IsModifyPublishedTogether, request.Month,
            host => !state.IsPlatformVerified(host));

    public static WeChatReply HandleServer(SandboxState state, ApiRequest<PlatformServerDomainBody> request) =>
        Edit(state, Server, request.Body.Action, request.Body.WxaServerDomain, request.Body.IsModifyPublishedTogether, request.Month, _ => false);

    private static WeChatReply Edit(
        SandboxState state, PlatformList list, string? actionText, string? hostsText, bool? publishedTogether, int month, Func<string, bool> isInvalid)
    {
        var platform = state.Platform;
        if (DomainActions.Parse(actionText) is not { } action)
        {
            return WeChatReply.Error(WeChatErrors.InvalidAction);
        }

        if (action == DomainAction.Get)
        {
            return Reply(platform, list, []);
        }

        var together = publishedTogether == true;
        if (together && !platform.Published)
        {
            return WeChatReply.Error(WeChatErrors.ComponentNotPublished);
        }

        var hosts = (hostsText ?? string.Empty)
            .Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => h.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var malformed = hosts.FirstOrDefault(h => !DomainRules.IsBareHost(h));
        if (malformed is not null)
        {
            return WeChatReply.Error(WeChatErrors.InvalidDomain, malformed + " is not a bare host");
        }

        var invalid = action == DomainAction.Delete ? [] : hosts.Where(isInvalid).ToList();
        var accepted = hosts.Except(invalid, StringComparer.Ordinal).ToList();
        var testingNow = list.Testing(platform);
        var publishedNow = list.Published(platform);
        var testing = Apply(action, testingNow, accepted);
        var published = together ? Apply(action, publishedNow, accepted) : publishedNow;
        if (testing.Count > list.Limit || published.Count > list.Limit)
        {
            return WeChatReply.Error(list.LimitErrcode);
        }

        var changed = !testing.SequenceEqual(testingNow, StringComparer.Ordinal) || !published.SequenceEqual(publishedNow, StringComparer.Ordinal);
        if (changed && list == Server && !platform.CountServerDomainChange(month))
        {
            return WeChatReply.Error(WeChatErrors.MonthlyModificationLimit);
        }

        if (changed)
        {
            Replace(testingNow, testing);
            Replace(publishedNow, published);
            platform.AppliedModifications++;
        }

        return Reply(platform, list, invalid);
    }

    private static List<string> Apply(DomainAction action, List<string> current, List<string> hosts) => action switch
    {
        DomainAction.Add => [.. current.Concat(hosts).Distinct(StringComparer.Ordinal)],
        DomainAction.Delete => [.. current.Except(hosts, StringComparer.Ordinal)],
        _ => hosts,
    };

    private static void Replace(List<string> target, List<string> values)
    {
        if (!ReferenceEquals(target, values))
        {
            var copy = values.ToList();
            target.Clear();
            target.AddRange(copy);
        }
    }

    private static WeChatReply Reply(PlatformState platform, PlatformList list, List<string> invalid)
    {
        var reply = WeChatReply.Ok();
        if (platform.Published)
        {
            reply.With($"published_{list.Field}", string.Join(Separator, list.Published(platform)));
        }

        reply.With($"testing_{list.Field}", string.Join(Separator, list.Testing(platform)));
        if (invalid.Count > 0)
        {
            reply.With($"invalid_{list.Field}", string.Join(Separator, invalid));
        }

        return reply;
    }

    /// <summary>One of the platform's lists: its wire field, limit, and where its testing and published hosts live.</summary>
    private sealed record PlatformList(
        string Field, int Limit, int LimitErrcode, Func<PlatformState, List<string>> Testing, Func<PlatformState, List<string>> Published);
}
