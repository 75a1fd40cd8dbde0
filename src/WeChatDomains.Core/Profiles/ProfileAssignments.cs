using WeChatDomains.Core.Ports;

namespace WeChatDomains.Core.Profiles;

/// <summary>An authorizer's standing against its profile: which one, which version, whether it matches, what differs.</summary>
/// <param name="Profile">The profile name.</param>
/// <param name="Version">Its current version.</param>
/// <param name="Assigned">True when assigned by name; false when it is the default profile.</param>
/// <param name="Observed">False when its domains were never read (then <paramref name="Matches"/> is false and nothing is guessed).</param>
/// <param name="Matches">Whether the last domains read are exactly the profile's.</param>
/// <param name="ObservedAt">When its domains were last read.</param>
/// <param name="Drift">Every list of the profile's apis that differs (what a fix changes).</param>
/// <param name="NotCorrectable">Extra domains out of the platform's reach (set in WeChat's console): they keep it from matching, no fix removes them.</param>
public sealed record ProfileStanding(
    string Profile, int Version, bool Assigned, bool Observed, bool Matches, DateTimeOffset? ObservedAt, IReadOnlyList<PlannedChange> Drift,
    IReadOnlyList<UncorrectableChange> NotCorrectable);

/// <summary>Which profile an authorizer has: its assignment, or the default profile.</summary>
public sealed class ProfileAssignments(IProfileStore store, IAuthorizerRegistry registry)
{
    /// <summary>The profile of <paramref name="appId"/>, or null when it has none (no assignment and no default).</summary>
    public async Task<(DomainProfile Profile, bool Assigned)?> ResolveAsync(string appId, CancellationToken cancellationToken = default)
    {
        var assigned = await store.GetAssignmentAsync(appId, cancellationToken);
        var name = assigned ?? await store.GetDefaultNameAsync(cancellationToken);
        if (name is null)
        {
            return null;
        }

        var profile = await store.GetAsync(name, cancellationToken);
        return profile is null ? null : (profile, assigned is not null);
    }

    /// <summary>The standing of <paramref name="appId"/>, or null when it has no profile.</summary>
    public async Task<ProfileStanding?> GetStandingAsync(string appId, CancellationToken cancellationToken = default)
    {
        var resolved = await ResolveAsync(appId, cancellationToken);
        if (resolved is not { } found)
        {
            return null;
        }

        var observed = ObservedDomains.From(await registry.GetAsync(appId, cancellationToken));
        var plan = ProfilePlanner.Plan(found.Profile, observed);
        return new ProfileStanding(found.Profile.Name, found.Profile.Version, found.Assigned, plan.Observed, plan.Matches, observed.ObservedAt, plan.Changes, plan.Uncorrectable);
    }
}
