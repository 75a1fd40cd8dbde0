using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Apis;

/// <summary>
/// <c>POST /cgi-bin/component/modify_wxa_jump_domain</c> (component token): the platform's Mini Program business
/// domains, beta (testing) and, with <c>is_modify_published_together</c>, published. Bare hosts joined by <c>;</c>.
/// Unverified hosts are not added and come back in <c>invalid_wxa_jump_h5_domain</c>; 61028 changing the published
/// list of an unpublished platform; 65316 past 200; 9410016 for a value that is not a bare host; 40052 bad action.
/// </summary>
internal static class JumpDomainApi
{
    public const string Api = "modify_wxa_jump_domain";
    private const char Separator = ';';

    public static WeChatReply Handle(SandboxState state, ApiRequest<JumpDomainBody> request)
    {
        var platform = state.Platform;
        var body = request.Body;
        if (DomainActions.Parse(body.Action) is not { } action)
        {
            return WeChatReply.Error(WeChatErrors.InvalidAction);
        }

        if (action == DomainAction.Get)
        {
            return Reply(platform, []);
        }

        var together = body.IsModifyPublishedTogether == true;
        if (together && !platform.Published)
        {
            return WeChatReply.Error(WeChatErrors.ComponentNotPublished);
        }

        var hosts = (body.WxaJumpH5Domain ?? string.Empty)
            .Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => h.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var malformed = hosts.FirstOrDefault(h => !DomainRules.IsBareHost(h));
        if (malformed is not null)
        {
            return WeChatReply.Error(WeChatErrors.InvalidDomain, malformed + " is not a bare host");
        }

        var invalid = action == DomainAction.Delete ? [] : hosts.Where(h => !platform.VerifiedHosts.Contains(h)).ToList();
        var accepted = hosts.Except(invalid, StringComparer.Ordinal).ToList();
        var testing = Apply(action, platform.TestingJumpDomains, accepted);
        var published = together ? Apply(action, platform.PublishedJumpDomains, accepted) : platform.PublishedJumpDomains;
        if (testing.Count > SandboxConstants.JumpDomains || published.Count > SandboxConstants.JumpDomains)
        {
            return WeChatReply.Error(WeChatErrors.JumpDomainLimit);
        }

        var changed = !testing.SequenceEqual(platform.TestingJumpDomains, StringComparer.Ordinal) ||
            !published.SequenceEqual(platform.PublishedJumpDomains, StringComparer.Ordinal);
        if (changed)
        {
            Replace(platform.TestingJumpDomains, testing);
            Replace(platform.PublishedJumpDomains, published);
            platform.AppliedModifications++;
        }

        return Reply(platform, invalid);
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

    private static WeChatReply Reply(PlatformState platform, List<string> invalid)
    {
        var reply = WeChatReply.Ok();
        if (platform.Published)
        {
            reply.With("published_wxa_jump_h5_domain", string.Join(Separator, platform.PublishedJumpDomains));
        }

        reply.With("testing_wxa_jump_h5_domain", string.Join(Separator, platform.TestingJumpDomains));
        if (invalid.Count > 0)
        {
            reply.With("invalid_wxa_jump_h5_domain", string.Join(Separator, invalid));
        }

        return reply;
    }
}
