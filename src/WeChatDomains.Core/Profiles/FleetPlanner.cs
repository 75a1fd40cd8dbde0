using Microsoft.Extensions.Options;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Profiles;

/// <summary>
/// Plans a profile over its fleet (every Active authorizer assigned to it, or unassigned when it is the default) from the
/// registry's last known domains. Reads only: no WeChat call, nothing written.
/// </summary>
public sealed class FleetPlanner(IProfileStore store, IAuthorizerRegistry registry, ProcessingOptions processing, IOptions<ProfileOptions> options, TimeProvider time)
{
    /// <summary>Quota ledgers the plan reads at once.</summary>
    private const int LedgerBatch = 32;

    /// <summary>Each authorizer of <paramref name="profile"/> with its own plan, in registry order.</summary>
    public async IAsyncEnumerable<(AuthorizerRecord Authorizer, AuthorizerPlan Plan)> PlanFleetAsync(
        DomainProfile profile, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var assignments = await store.ListAssignmentsAsync(cancellationToken);
        var isDefault = await store.GetDefaultNameAsync(cancellationToken) == profile.Name;
        string? continuation = null;
        do
        {
            var page = await registry.ListAsync(AuthorizerState.Active, ProfileConstants.RegistryPageSize, continuation, cancellationToken);
            foreach (var authorizer in page.Items)
            {
                var has = assignments.TryGetValue(authorizer.AppId, out var assigned) ? assigned == profile.Name : isDefault;
                if (has)
                {
                    yield return (authorizer, ProfilePlanner.Plan(profile, ObservedDomains.From(authorizer)));
                }
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    /// <summary>The plan of <paramref name="profile"/>: one page of authorizers from <paramref name="offset"/>, totals over all.</summary>
    public async Task<FleetPlan> PlanAsync(DomainProfile profile, int offset, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var items = new List<AuthorizerPlanDto>();
        int count = 0, unchanged = 0, toChange = 0, modifications = 0, blocked = 0, unobserved = 0, calls = 0;
        var month = ChinaTime.MonthKey(time.GetUtcNow());
        // The quota ledgers of the authorizers to change are read a batch at a time, together (one after the other they
        // made the plan of 10,000 authorizers take 164 s in the fleet bench); the batch keeps registry order for the page.
        await foreach (var batch in PlanFleetAsync(profile, cancellationToken).Chunk(LedgerBatch).WithCancellation(cancellationToken))
        {
            var lefts = await Task.WhenAll(batch.Select(b => LeftIfChangedAsync(b.Authorizer, b.Plan, month, cancellationToken)));
            for (var i = 0; i < batch.Length; i++)
            {
                var (authorizer, plan) = batch[i];
                var left = lefts[i];
                count++;
                var isBlocked = false;
                if (!plan.Observed)
                {
                    unobserved++;
                }
                else if (plan.NothingToApply)
                {
                    unchanged++;
                }
                else
                {
                    toChange++;
                    modifications += plan.ModificationsNeeded;
                    calls += plan.Commands.Count;
                    isBlocked = plan.ModificationsNeeded > left - options.Value.QuotaReserve;
                    blocked += isBlocked ? 1 : 0;
                }

                if (count > offset && items.Count < pageSize)
                {
                    items.Add(new AuthorizerPlanDto(authorizer.AppId, plan.Observed, plan.Changes, plan.ModificationsNeeded, left, isBlocked, plan.Uncorrectable));
                }
            }
        }

        var platform = PlatformChanges(profile);
        var next = offset + items.Count < count ? (offset + items.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return new FleetPlan(profile.Name, profile.Version, items, new PlanTotals(count, unchanged, toChange, modifications, blocked, unobserved, calls + platform.Count), platform, next);
    }

    private async Task<int?> LeftIfChangedAsync(AuthorizerRecord authorizer, AuthorizerPlan plan, string month, CancellationToken cancellationToken) =>
        plan.Observed && !plan.NothingToApply ? await ModificationsLeftAsync(authorizer.AppId, month, cancellationToken) : null;

    /// <summary>Modifications of the month still left to <paramref name="appId"/> (0 once WeChat said the month is spent).</summary>
    public async Task<int> ModificationsLeftAsync(string appId, string month, CancellationToken cancellationToken)
    {
        var ledger = await registry.GetLedgerAsync(appId, month, cancellationToken);
        return ledger.Spent ? 0 : Math.Max(0, processing.MonthlyModificationQuota - ledger.Used);
    }

    /// <summary>The platform tier's calls of a registered-mode profile (none in direct mode).</summary>
    public static IReadOnlyList<PlatformChange> PlatformChanges(DomainProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Platform is not { } tier)
        {
            return [];
        }

        var changes = new List<PlatformChange>();
        if (tier.ServerDomains.Count > 0)
        {
            changes.Add(new PlatformChange(WeChatApi.ModifyWxaServerDomain, tier.ServerDomains, tier.PublishTogether));
        }

        if (tier.JumpDomains.Count > 0)
        {
            changes.Add(new PlatformChange(WeChatApi.ModifyWxaJumpDomain, tier.JumpDomains, tier.PublishTogether));
        }

        return changes;
    }
}
