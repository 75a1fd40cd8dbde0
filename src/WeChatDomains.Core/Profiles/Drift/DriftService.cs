using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WeChatDomains.Core.Api;
using WeChatDomains.Core.Processing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Profiles.Drift;

/// <summary>One list that differs from the profile.</summary>
/// <param name="Api">The api that sets the list (a correctable difference), or the get that read it (one out of the platform's reach).</param>
/// <param name="List">The wire name of the list.</param>
/// <param name="Missing">Entries the profile has and WeChat does not use.</param>
/// <param name="Extra">Entries the authorizer has and the profile does not.</param>
/// <param name="Source">
/// WeChat's name of the source the difference is in (<c>get_effective_domain</c>'s <c>third</c>, <c>direct</c> or <c>mp</c>):
/// the profile's own source for a correctable difference.
/// </param>
/// <param name="Correctable">Whether the platform can put it right (autoCorrect enqueues the fix); false for domains set in WeChat's console.</param>
/// <param name="Reason">Why it is not correctable (absent when it is).</param>
public sealed record DriftDifference(
    string Api, string List, IReadOnlyList<string> Missing, IReadOnlyList<string> Extra, string Source = ObservedDomains.ThirdSource, bool Correctable = true, string? Reason = null);

/// <summary>One authorizer whose last read domains differ from its profile.</summary>
public sealed record DriftEntry(string AppId, string Profile, int Version, DateTimeOffset? SeenAt, IReadOnlyList<DriftDifference> Differences);

/// <summary>The answer of <c>GET /api/drift</c>.</summary>
public sealed record DriftDto(IReadOnlyList<DriftEntry> Authorizers);

/// <summary>What a scan did: get calls enqueued (spread), and fixes enqueued for autoCorrect profiles.</summary>
/// <param name="Authorizers">Authorizers scanned.</param>
/// <param name="GetCallsEnqueued">Quota-free gets enqueued.</param>
/// <param name="FixesEnqueued">Fix commands enqueued (autoCorrect).</param>
/// <param name="FixesHeldByReserve">Authorizers whose fix would cut into the quota reserve.</param>
/// <param name="SpreadUntil">When the last get becomes visible.</param>
/// <param name="ScanId">This scan's id: every get of the scan is named by it (<c>drift:{appid}:{api}:{scanId}</c>).</param>
public sealed record DriftScanResult(int Authorizers, int GetCallsEnqueued, int FixesEnqueued, int FixesHeldByReserve, DateTimeOffset SpreadUntil, string? ScanId = null);

/// <summary>
/// Drift (DESIGN section 10): a scan reads each assigned authorizer's domains with quota-free <c>get</c> calls through the
/// command pipeline, spread so that no more than <see cref="ProfileOptions.DriftCallsPerMinute"/> become visible per
/// minute; what differs is computed from the registry's last read domains by the planner (level-triggered, nothing stored
/// apart), the sources kept apart: what the platform's lists lack or have in excess is correctable; extra domains in the
/// console's own lists are listed as not correctable and never fixed. Each scan has its own id, so every scan reads afresh,
/// while a redelivered get of the same scan applies once. A profile with <c>autoCorrect</c> gets the fix of what is
/// correctable enqueued, within the quota reserve, with ids derived from the observation time, so the same observation is
/// fixed once.
/// </summary>
public sealed class DriftService(IProfileStore profiles, FleetPlanner planner, ProfileApplier applier, IOptions<ProfileOptions> options, TimeProvider time)
{
    /// <summary>The <c>requestedBy</c> of drift commands.</summary>
    public const string Purpose = "drift";

    private static readonly string[] GetApis = [WeChatApi.GetEffectiveDomain, WeChatApi.GetEffectiveWebviewDomain];

    /// <summary>A new scan's id: its start time (UTC, to the second) and a random part, so two scans in the same second differ.</summary>
    public static string NewScanId(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMddHHmmss}-{Guid.NewGuid():N}")[..27];

    /// <summary>The commandId of <paramref name="api"/>'s get for <paramref name="appId"/> in scan <paramref name="scanId"/>.</summary>
    public static string GetCommandId(string appId, string api, string scanId) => $"drift:{appId}:{api}:{scanId}";

    /// <summary>Scans every profile's fleet now.</summary>
    public Task<DriftScanResult> ScanAsync(CancellationToken cancellationToken = default) =>
        ScanAsync(NewScanId(time.GetUtcNow()), cancellationToken);

    /// <summary>
    /// Runs scan <paramref name="scanId"/>: the same id again (a replayed step of the same scan) enqueues nothing it already
    /// enqueued; a new id reads every authorizer afresh.
    /// </summary>
    public async Task<DriftScanResult> ScanAsync(string scanId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(scanId);
        var now = time.GetUtcNow();
        var spacing = TimeSpan.FromMinutes(1) / options.Value.DriftCallsPerMinute;
        var month = ChinaTime.MonthKey(now);
        int authorizers = 0, calls = 0, fixes = 0, held = 0;
        foreach (var profile in await profiles.ListAsync(cancellationToken))
        {
            await foreach (var (authorizer, plan) in planner.PlanFleetAsync(profile, cancellationToken))
            {
                authorizers++;
                if (profile.AutoCorrect && plan.Commands.Count > 0 && authorizer.DomainsObservedAt is { } seen)
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
                        ["commandId"] = GetCommandId(authorizer.AppId, api, scanId),
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

        return new DriftScanResult(authorizers, calls, fixes, held, now + (spacing * calls), scanId);
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
                    var own = plan.Changes.Select(c => new DriftDifference(c.Api, c.List, c.Add, c.Remove, Own(profile)));
                    var foreign = plan.Uncorrectable.Select(u => new DriftDifference(u.Api, u.List, [], u.Extra, u.Source, false, u.Reason));
                    var differences = own.Concat(foreign).ToList();
                    entries.Add(new DriftEntry(authorizer.AppId, profile.Name, profile.Version, authorizer.DomainsObservedAt, differences));
                }
            }
        }

        return ApiResult.Ok(new DriftDto(entries));
    }

    private static string Own(DomainProfile profile) => profile.Mode == ProfileMode.Direct ? ObservedDomains.DirectSource : ObservedDomains.ThirdSource;

    /// <summary>POST /api/drift/scan: 202 with what was enqueued.</summary>
    public async Task<ApiResult> ScanNowAsync(CancellationToken cancellationToken = default) =>
        new(202, await ScanAsync(cancellationToken), "/api/" + ProfileRoutes.Drift);
}
