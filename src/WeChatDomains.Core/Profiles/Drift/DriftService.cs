using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WeChatDomains.Core.Api;
using WeChatDomains.Core.Processing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Profiles.Drift;

/// <summary>One list that differs from the profile.</summary>
public sealed record DriftDifference(string Api, string List, IReadOnlyList<string> Missing, IReadOnlyList<string> Extra);

/// <summary>One authorizer whose last read domains differ from its profile.</summary>
public sealed record DriftEntry(string AppId, string Profile, int Version, DateTimeOffset? SeenAt, IReadOnlyList<DriftDifference> Differences);

/// <summary>The answer of <c>GET /api/drift</c>.</summary>
public sealed record DriftDto(IReadOnlyList<DriftEntry> Authorizers);

/// <summary>What a scan did: get calls enqueued (spread), and fixes enqueued for autoCorrect profiles.</summary>
public sealed record DriftScanResult(int Authorizers, int GetCallsEnqueued, int FixesEnqueued, int FixesHeldByReserve, DateTimeOffset SpreadUntil);

/// <summary>
/// Drift (DESIGN section 10): a scan reads each assigned authorizer's domains with quota-free <c>get</c> calls through the
/// command pipeline, spread so that no more than <see cref="ProfileOptions.DriftCallsPerMinute"/> become visible per
/// minute; what differs is computed from the registry's last read domains (level-triggered, nothing stored apart). A
/// profile with <c>autoCorrect</c> gets the fix enqueued, within the quota reserve, with ids derived from the observation
/// time, so the same observation is fixed once.
/// </summary>
public sealed class DriftService(IProfileStore profiles, FleetPlanner planner, ProfileApplier applier, IOptions<ProfileOptions> options, TimeProvider time)
{
    /// <summary>The <c>requestedBy</c> of drift commands.</summary>
    public const string Purpose = "drift";

    private static readonly string[] GetApis = [WeChatApi.GetEffectiveDomain, WeChatApi.GetEffectiveWebviewDomain];

    /// <summary>Scans every profile's fleet now.</summary>
    public async Task<DriftScanResult> ScanAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var round = now.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var spacing = TimeSpan.FromMinutes(1) / options.Value.DriftCallsPerMinute;
        var month = ChinaTime.MonthKey(now);
        int authorizers = 0, calls = 0, fixes = 0, held = 0;
        foreach (var profile in await profiles.ListAsync(cancellationToken))
        {
            await foreach (var (authorizer, plan) in planner.PlanFleetAsync(profile, cancellationToken))
            {
                authorizers++;
                if (profile.AutoCorrect && plan.Observed && !plan.Matches && authorizer.DomainsObservedAt is { } seen)
                {
                    var left = await planner.ModificationsLeftAsync(authorizer.AppId, month, cancellationToken);
                    if (plan.ModificationsNeeded > 0 && plan.ModificationsNeeded > left - options.Value.QuotaReserve)
                    {
                        held++;
                    }
                    else
                    {
                        var applied = await applier.ApplyAsync(profile, authorizer.AppId, plan.Commands, Purpose, "drift" + seen.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), cancellationToken);
                        fixes += applied.Count(a => a.State == AppliedState.Enqueued);
                    }
                }

                foreach (var api in GetApis)
                {
                    var envelope = new JsonObject
                    {
                        ["commandId"] = $"drift:{authorizer.AppId}:{api}:{round}",
                        ["api"] = api,
                        ["authorizerAppId"] = authorizer.AppId,
                        ["body"] = new JsonObject(),
                        ["requestedBy"] = ProfileCommandIds.RequestedBy(profile.Name, Purpose),
                    };
                    var visibleAt = calls == 0 ? (DateTimeOffset?)null : now + (spacing * calls);
                    calls += await applier.SubmitAsync(envelope, visibleAt, cancellationToken) == AppliedState.Enqueued ? 1 : 0;
                }
            }
        }

        return new DriftScanResult(authorizers, calls, fixes, held, now + (spacing * calls));
    }

    /// <summary>GET /api/drift: every authorizer whose last read domains differ from its profile.</summary>
    public async Task<ApiResult> ListAsync(CancellationToken cancellationToken = default)
    {
        var entries = new List<DriftEntry>();
        foreach (var profile in await profiles.ListAsync(cancellationToken))
        {
            await foreach (var (authorizer, plan) in planner.PlanFleetAsync(profile, cancellationToken))
            {
                if (plan.Observed && !plan.Matches)
                {
                    var differences = plan.Changes.Select(c => new DriftDifference(c.Api, c.List, c.Add, c.Remove)).ToList();
                    entries.Add(new DriftEntry(authorizer.AppId, profile.Name, profile.Version, authorizer.DomainsObservedAt, differences));
                }
            }
        }

        return ApiResult.Ok(new DriftDto(entries));
    }

    /// <summary>POST /api/drift/scan: 202 with what was enqueued.</summary>
    public async Task<ApiResult> ScanNowAsync(CancellationToken cancellationToken = default) =>
        new(202, await ScanAsync(cancellationToken), "/api/" + ProfileRoutes.Drift);
}
