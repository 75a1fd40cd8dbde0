using System.Text.Json.Nodes;
using WeChatDomains.Core.Processing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Profiles;

/// <summary>What one list of one api must gain and lose.</summary>
/// <param name="Api">The api that applies it.</param>
/// <param name="List">The wire name of the list (<c>requestdomain</c>, <c>webviewdomain</c>, ...).</param>
/// <param name="Add">Entries the profile has and the authorizer lacks.</param>
/// <param name="Remove">Entries the authorizer has and the profile does not.</param>
public sealed record PlannedChange(string Api, string List, IReadOnlyList<string> Add, IReadOnlyList<string> Remove);

/// <summary>One command the plan applies: a single <c>set</c> per api, with the whole desired lists.</summary>
public sealed record PlannedCommand(string Api, JsonObject Body, bool CountsAgainstQuota);

/// <summary>
/// Domains an authorizer has that its profile does not, in a source the profile's apis do not set (the Mini Program's own
/// lists, set in WeChat's console, or the other mode's lists): no command of the plan removes them.
/// </summary>
/// <param name="Api">The get that reads the list (<c>get_effective_domain</c> or <c>get_effective_webviewdomain</c>).</param>
/// <param name="List">The wire name of the list.</param>
/// <param name="Source">WeChat's name of the source: <c>mp</c> (the console), <c>third</c> or <c>direct</c>.</param>
/// <param name="Extra">The entries the profile does not have.</param>
/// <param name="Reason">Why the platform cannot correct it, in words.</param>
public sealed record UncorrectableChange(string Api, string List, string Source, IReadOnlyList<string> Extra, string Reason);

/// <summary>The plan of one authorizer.</summary>
/// <param name="Observed">False when the lists its profile's apis set were never read: nothing is planned (never a guess).</param>
/// <param name="Changes">Every list of the profile's apis that differs: what is missing from what WeChat uses, and what the platform's own lists have in excess.</param>
/// <param name="Commands">At most one command per api; none when nothing can be changed.</param>
public sealed record AuthorizerPlan(bool Observed, IReadOnlyList<PlannedChange> Changes, IReadOnlyList<PlannedCommand> Commands)
{
    /// <summary>Extra domains in sources the profile's apis do not set: listed as drift, never planned.</summary>
    public IReadOnlyList<UncorrectableChange> Uncorrectable { get; init; } = [];

    /// <summary>Whether it has exactly the profile's domains: nothing to change and nothing extra anywhere.</summary>
    public bool Matches => Observed && Changes.Count == 0 && Uncorrectable.Count == 0;

    /// <summary>Whether the plan leaves it as it is (0 calls): it matches, or all that differs is out of the platform's reach.</summary>
    public bool NothingToApply => Observed && Commands.Count == 0;

    /// <summary>Modifications of the month's quota the plan spends.</summary>
    public int ModificationsNeeded => Commands.Count(c => c.CountsAgainstQuota);
}

/// <summary>
/// The plan as a pure function <c>(desired, observed) -&gt; changes</c>, comparing like with like (the sources WeChat's
/// <c>get_effective_domain</c> reports, kept apart): per list of the profile's apis, an entry is missing when WeChat does
/// not use it (in no source), and extra when the profile's own source (<c>third</c> in registered mode, <c>direct</c> in
/// direct mode) has it and the profile does not; both are put right by at most one <c>set</c> per api, holding every list
/// of the api. An entry the profile lacks in another source (the console's <c>mp</c> lists, or the other mode's) is
/// listed apart as <see cref="UncorrectableChange"/>: the platform's apis cannot remove it, so nothing is planned for it.
/// Entries are compared in the form the command validation normalizes to (lowercase, no trailing <c>/</c> or dot).
/// </summary>
public static class ProfilePlanner
{
    /// <summary>The wire name of the business-domain list.</summary>
    public const string WebviewList = "webviewdomain";

    /// <summary>Why an extra domain in the console's own lists is not correctable.</summary>
    public const string ConsoleReason = "in the Mini Program's own lists (mp), set in WeChat's console: the platform's apis do not change them; its owner must remove it there";

    /// <summary>Plans <paramref name="observed"/> towards <paramref name="desired"/>.</summary>
    public static AuthorizerPlan Plan(DomainProfile desired, ObservedDomains observed)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observed);
        var (_, own) = observed.PlatformOf(desired.Mode);
        if (own.Server is null || own.Webview is null)
        {
            return new AuthorizerPlan(false, [], []);
        }

        var foreign = observed.ForeignOf(desired.Mode).ToList();
        var changes = new List<PlannedChange>();
        foreach (var list in DomainProfile.ServerListsOf(desired.Mode))
        {
            var elsewhere = foreign.SelectMany(f => f.Lists.Server?.GetValueOrDefault(list) ?? []);
            AddDiff(changes, desired.ServerApi, list, desired.Server.GetValueOrDefault(list) ?? [], own.Server.GetValueOrDefault(list) ?? [], elsewhere);
        }

        var commands = new List<PlannedCommand>();
        if (changes.Count > 0)
        {
            commands.Add(ServerCommand(desired, own));
        }

        var serverChanges = changes.Count;
        AddDiff(changes, desired.WebviewApi, WebviewList, desired.WebviewDomain, own.Webview, foreign.SelectMany(f => f.Lists.Webview ?? []));
        if (changes.Count > serverChanges)
        {
            commands.Add(WebviewCommand(desired, changes[^1]));
        }

        return new AuthorizerPlan(true, changes, commands) { Uncorrectable = Uncorrectable(desired, foreign) };
    }

    /// <summary>The differences as drift sees them: per list, what is missing and what is extra.</summary>
    public static IReadOnlyList<PlannedChange> Differences(DomainProfile desired, ObservedDomains observed) => Plan(desired, observed).Changes;

    private static void AddDiff(List<PlannedChange> changes, string api, string list, IReadOnlyList<string> desired, IReadOnlyList<string> own, IEnumerable<string> elsewhere)
    {
        var want = desired.Select(DomainText.Normalize).ToHashSet(StringComparer.Ordinal);
        var have = own.Select(DomainText.Normalize).Distinct(StringComparer.Ordinal).ToList();
        var used = have.Concat(elsewhere.Select(DomainText.Normalize)).ToHashSet(StringComparer.Ordinal);
        var add = want.Where(d => !used.Contains(d)).ToList();
        var remove = have.Where(h => !want.Contains(h)).ToList();
        if (add.Count > 0 || remove.Count > 0)
        {
            changes.Add(new PlannedChange(api, list, add, remove));
        }
    }

    private static List<UncorrectableChange> Uncorrectable(DomainProfile desired, List<(string Source, DomainLists Lists)> foreign)
    {
        var result = new List<UncorrectableChange>();
        foreach (var (source, lists) in foreign)
        {
            var reason = source == ObservedDomains.MpSource
                ? ConsoleReason
                : $"in the {source} lists, which this {(desired.Mode == ProfileMode.Direct ? ProfileConstants.DirectMode : ProfileConstants.RegisteredMode)}-mode profile's apis do not set";
            foreach (var list in ObservedDomains.ServerLists)
            {
                var want = (desired.Server.GetValueOrDefault(list) ?? []).Select(DomainText.Normalize).ToHashSet(StringComparer.Ordinal);
                var extra = (lists.Server?.GetValueOrDefault(list) ?? []).Select(DomainText.Normalize).Distinct(StringComparer.Ordinal).Where(e => !want.Contains(e)).ToList();
                if (extra.Count > 0)
                {
                    result.Add(new UncorrectableChange(WeChatApi.GetEffectiveDomain, list, source, extra, reason));
                }
            }

            var wantWebview = desired.WebviewDomain.Select(DomainText.Normalize).ToHashSet(StringComparer.Ordinal);
            var extraWebview = (lists.Webview ?? []).Select(DomainText.Normalize).Distinct(StringComparer.Ordinal).Where(e => !wantWebview.Contains(e)).ToList();
            if (extraWebview.Count > 0)
            {
                result.Add(new UncorrectableChange(WeChatApi.GetEffectiveWebviewDomain, WebviewList, source, extraWebview, reason));
            }
        }

        return result;
    }

    private static PlannedCommand ServerCommand(DomainProfile desired, DomainLists own)
    {
        var lists = DomainProfile.ServerListsOf(desired.Mode);
        var empty = lists.All(l => (desired.Server.GetValueOrDefault(l) ?? []).Count == 0);
        var body = new JsonObject { ["action"] = empty ? DomainAction.Delete : DomainAction.Set };
        foreach (var list in lists)
        {
            var entries = empty ? own.Server!.GetValueOrDefault(list) ?? [] : desired.Server.GetValueOrDefault(list) ?? [];
            if (!empty || entries.Count > 0)
            {
                body[list] = Array(entries);
            }
        }

        return new PlannedCommand(desired.ServerApi, body, QuotaLedgerService.IsCounted(desired.ServerApi, DomainAction.Set));
    }

    private static PlannedCommand WebviewCommand(DomainProfile desired, PlannedChange change)
    {
        var body = desired.WebviewDomain.Count == 0
            ? new JsonObject { ["action"] = DomainAction.Delete, [WebviewList] = Array(change.Remove) }
            : new JsonObject { ["action"] = DomainAction.Set, [WebviewList] = Array(desired.WebviewDomain) };
        return new PlannedCommand(desired.WebviewApi, body, QuotaLedgerService.IsCounted(desired.WebviewApi, DomainAction.Set));
    }

    private static JsonArray Array(IEnumerable<string> entries) => new(entries.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
}
