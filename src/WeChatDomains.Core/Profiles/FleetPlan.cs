namespace WeChatDomains.Core.Profiles;

/// <summary>One authorizer of a plan.</summary>
/// <param name="AppId">The authorizer.</param>
/// <param name="Observed">False when its domains were never read.</param>
/// <param name="Changes">What the plan changes, per list.</param>
/// <param name="ModificationsNeeded">Modifications of the month the plan spends on it.</param>
/// <param name="ModificationsLeft">Modifications left this month (null when nothing is planned).</param>
/// <param name="BlockedByQuota">Whether its modifications would cut into the reserve.</param>
/// <param name="NotCorrectable">Extra domains out of the platform's reach (set in WeChat's console): shown, never planned.</param>
public sealed record AuthorizerPlanDto(
    string AppId, bool Observed, IReadOnlyList<PlannedChange> Changes, int ModificationsNeeded, int? ModificationsLeft, bool BlockedByQuota,
    IReadOnlyList<UncorrectableChange> NotCorrectable);

/// <summary>The totals of a plan over the whole fleet of the profile.</summary>
/// <param name="Authorizers">Authorizers that have the profile.</param>
/// <param name="Unchanged">Those the plan leaves as they are (0 calls): they match, or differ only out of the platform's reach.</param>
/// <param name="ToChange">Those that differ.</param>
/// <param name="Modifications">The sum of <see cref="AuthorizerPlanDto.ModificationsNeeded"/>: what the fleet spends of its monthly quotas.</param>
/// <param name="BlockedByQuota">Those whose modifications would cut into the reserve (they wait for the 1st).</param>
/// <param name="Unobserved">Those whose domains were never read: nothing is planned for them until a get has read them.</param>
/// <param name="Calls">Every WeChat call the plan makes (quota-counted or not), platform tier included.</param>
public sealed record PlanTotals(int Authorizers, int Unchanged, int ToChange, int Modifications, int BlockedByQuota, int Unobserved, int Calls);

/// <summary>A platform-tier call of a registered-mode profile, listed apart from the authorizers'.</summary>
public sealed record PlatformChange(string Api, IReadOnlyList<string> Set, bool PublishTogether);

/// <summary>The answer of <c>GET /api/profiles/{name}/plan</c> (paged: totals cover the whole fleet, <c>authorizers</c> one page).</summary>
public sealed record FleetPlan(string Profile, int Version, IReadOnlyList<AuthorizerPlanDto> Authorizers, PlanTotals Totals, IReadOnlyList<PlatformChange> PlatformChanges, string? Continuation);
