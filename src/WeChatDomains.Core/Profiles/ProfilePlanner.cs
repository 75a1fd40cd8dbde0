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

/// <summary>The plan of one authorizer.</summary>
/// <param name="Observed">False when its domains were never read: nothing is planned (never a guess).</param>
/// <param name="Changes">Every list that differs.</param>
/// <param name="Commands">At most one command per api; none when it matches.</param>
public sealed record AuthorizerPlan(bool Observed, IReadOnlyList<PlannedChange> Changes, IReadOnlyList<PlannedCommand> Commands)
{
    /// <summary>Whether it already has exactly the profile's domains.</summary>
    public bool Matches => Observed && Changes.Count == 0;

    /// <summary>Modifications of the month's quota the plan spends.</summary>
    public int ModificationsNeeded => Commands.Count(c => c.CountsAgainstQuota);
}

/// <summary>
/// The plan as a pure function <c>(desired, observed) -&gt; changes</c>: per list, the entries to add and to remove,
/// compared in the form the command validation normalizes to (lowercase, no trailing <c>/</c> or dot); and at most one
/// <c>set</c> per api that differs, holding every list of the api.
/// </summary>
public static class ProfilePlanner
{
    /// <summary>The wire name of the business-domain list.</summary>
    public const string WebviewList = "webviewdomain";

    /// <summary>Plans <paramref name="observed"/> towards <paramref name="desired"/>.</summary>
    public static AuthorizerPlan Plan(DomainProfile desired, ObservedDomains observed)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observed);
        if (observed.Server is null || observed.Webview is null)
        {
            return new AuthorizerPlan(false, [], []);
        }

        var changes = new List<PlannedChange>();
        foreach (var list in DomainProfile.ServerListsOf(desired.Mode))
        {
            AddDiff(changes, desired.ServerApi, list, desired.Server.GetValueOrDefault(list) ?? [], observed.Server.GetValueOrDefault(list) ?? []);
        }

        var commands = new List<PlannedCommand>();
        if (changes.Count > 0)
        {
            commands.Add(ServerCommand(desired, observed));
        }

        var serverChanges = changes.Count;
        AddDiff(changes, desired.WebviewApi, WebviewList, desired.WebviewDomain, observed.Webview);
        if (changes.Count > serverChanges)
        {
            commands.Add(WebviewCommand(desired, changes[^1]));
        }

        return new AuthorizerPlan(true, changes, commands);
    }

    /// <summary>The differences as drift sees them: per list, what is missing and what is extra.</summary>
    public static IReadOnlyList<PlannedChange> Differences(DomainProfile desired, ObservedDomains observed) => Plan(desired, observed).Changes;

    private static void AddDiff(List<PlannedChange> changes, string api, string list, IReadOnlyList<string> desired, IReadOnlyList<string> observed)
    {
        var want = desired.Select(DomainText.Normalize).ToHashSet(StringComparer.Ordinal);
        var have = observed.Select(DomainText.Normalize).Distinct(StringComparer.Ordinal).ToList();
        var add = want.Where(d => !have.Contains(d, StringComparer.Ordinal)).ToList();
        var remove = have.Where(h => !want.Contains(h)).ToList();
        if (add.Count > 0 || remove.Count > 0)
        {
            changes.Add(new PlannedChange(api, list, add, remove));
        }
    }

    private static PlannedCommand ServerCommand(DomainProfile desired, ObservedDomains observed)
    {
        var lists = DomainProfile.ServerListsOf(desired.Mode);
        var empty = lists.All(l => (desired.Server.GetValueOrDefault(l) ?? []).Count == 0);
        var body = new JsonObject { ["action"] = empty ? DomainAction.Delete : DomainAction.Set };
        foreach (var list in lists)
        {
            var entries = empty ? observed.Server!.GetValueOrDefault(list) ?? [] : desired.Server.GetValueOrDefault(list) ?? [];
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
