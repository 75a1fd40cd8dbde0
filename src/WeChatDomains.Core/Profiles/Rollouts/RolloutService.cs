using WeChatDomains.Core.Api;
using WeChatDomains.Core.Diagnostics;

namespace WeChatDomains.Core.Profiles.Rollouts;

/// <summary>
/// The rollout routes' logic, for both hosts: start (the fleet planned now, items in registry order), status with counts
/// per state and failures by errcode, pause, resume, abort.
/// </summary>
public sealed class RolloutService(IRolloutStore rollouts, IProfileStore profiles, FleetPlanner planner, TimeProvider time)
{
    /// <summary>Items stored per write while a rollout is created.</summary>
    private const int ItemPage = 500;

    /// <summary>POST /api/profiles/{name}/rollouts.</summary>
    public async Task<ApiResult> StartAsync(string name, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var (request, errors) = RolloutRequestParser.Parse(body.Span);
        if (request is null)
        {
            return ApiResult.Problem(400, "The rollout is invalid.", $"{errors.Count} reason(s); nothing was started.", errors);
        }

        var profile = await profiles.GetAsync(name, cancellationToken);
        if (profile is null)
        {
            return ApiResult.Problem(404, "No such profile.", name);
        }

        // Items are stored a page at a time as the planner yields them, so a fleet of any size is never held in memory;
        // the header goes last (a rollout is listed only once it is complete).
        var now = time.GetUtcNow();
        var id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}-v{profile.Version}-{Guid.NewGuid():N}");
        var tally = new RolloutTally(0);
        var page = new List<RolloutItem>(ItemPage);
        var count = 0;
        await foreach (var (authorizer, plan) in planner.PlanFleetAsync(profile, cancellationToken))
        {
            var state = plan.NothingToApply ? RolloutItemState.Unchanged : RolloutItemState.Pending;
            var item = new RolloutItem(count++, authorizer.AppId, state, plan.Commands, plan.ModificationsNeeded, [], null, null);
            tally.Add(item);
            page.Add(item);
            if (page.Count == ItemPage)
            {
                await rollouts.AddItemsAsync(id, page, cancellationToken);
                page.Clear();
            }
        }

        if (page.Count > 0)
        {
            await rollouts.AddItemsAsync(id, page, cancellationToken);
        }

        var rollout = new RolloutRecord(
            id, name, profile.Version, request, RolloutState.Running, 0, profile.Platform is null, count, null, now, tally.Progress());
        await rollouts.CreateAsync(rollout, cancellationToken);
        return new ApiResult(202, new RolloutStarted(id, StatusUrl(id)), StatusUrl(id));
    }

    /// <summary>GET /api/rollouts/{id}.</summary>
    public async Task<ApiResult> GetAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        using var step = StorageStep.Enter(StorageSteps.Read);
        var rollout = await rollouts.GetAsync(rolloutId, cancellationToken);
        return rollout is null ? NotFound(rolloutId) : ApiResult.Ok(await ViewAsync(rollout, cancellationToken));
    }

    /// <summary>GET /api/rollouts: every rollout with its counts, newest first.</summary>
    public async Task<ApiResult> ListAsync(CancellationToken cancellationToken = default)
    {
        using var step = StorageStep.Enter(StorageSteps.Read);
        var views = new List<RolloutDto>();
        foreach (var rollout in await rollouts.ListAsync(cancellationToken))
        {
            views.Add(await ViewAsync(rollout, cancellationToken));
        }

        return ApiResult.Ok(new RolloutListDto(views));
    }

    /// <summary>POST /api/rollouts/{id}/pause|resume|abort.</summary>
    public async Task<ApiResult> ControlAsync(string rolloutId, string verb, CancellationToken cancellationToken = default)
    {
        if (verb is not (RolloutVerbs.Pause or RolloutVerbs.Resume or RolloutVerbs.Abort))
        {
            return ApiResult.Problem(404, "No such action.", $"{verb}: use pause, resume or abort");
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var rollout = await rollouts.GetAsync(rolloutId, cancellationToken);
            if (rollout is null)
            {
                return NotFound(rolloutId);
            }

            RolloutState? next = (verb, rollout.State) switch
            {
                (RolloutVerbs.Pause, RolloutState.Running) => RolloutState.Paused,
                (RolloutVerbs.Resume, RolloutState.Paused) => RolloutState.Running,
                (RolloutVerbs.Abort, RolloutState.Running or RolloutState.Paused) => RolloutState.Aborted,
                _ => null,
            };
            if (next is null)
            {
                return ApiResult.Problem(409, $"A {rollout.State} rollout cannot {verb}.", rolloutId);
            }

            var reason = next == RolloutState.Running ? null : $"{verb} by an operator";
            if (await rollouts.TryUpdateAsync(rollout with { State = next.Value, Reason = reason }, cancellationToken) is { } updated)
            {
                return ApiResult.Ok(await ViewAsync(updated, cancellationToken));
            }
        }

        return ApiResult.Problem(409, "The rollout kept changing; try again.", rolloutId);
    }

    /// <summary>The status URL of a rollout.</summary>
    public static string StatusUrl(string rolloutId) => "/api/rollouts/" + Uri.EscapeDataString(rolloutId);

    /// <summary>
    /// The header alone when it keeps its progress (written by each step), so a status call costs one read at any fleet size;
    /// a header stored before progress was kept is counted from its items.
    /// </summary>
    private async Task<RolloutDto> ViewAsync(RolloutRecord r, CancellationToken cancellationToken)
    {
        var progress = r.Progress ?? await CountItemsAsync(r.RolloutId, cancellationToken);
        return new RolloutDto(
            r.RolloutId, r.Profile, r.Version, r.State, r.Wave, r.LastWave, r.Authorizers, progress.Counts, progress.FailuresByErrcode,
            r.Reason, r.PlatformDone, r.Request);
    }

    private async Task<RolloutProgress> CountItemsAsync(string rolloutId, CancellationToken cancellationToken)
    {
        var tally = new RolloutTally(0);
        await foreach (var item in rollouts.ReadItemsAsync(rolloutId, cancellationToken))
        {
            tally.Add(item);
        }

        return tally.Progress();
    }

    private static ApiResult NotFound(string rolloutId) => ApiResult.Problem(404, "No such rollout.", rolloutId);
}

/// <summary>The control verbs of a rollout.</summary>
public static class RolloutVerbs
{
    /// <summary>Stop moving on; resume goes on where it was.</summary>
    public const string Pause = "pause";

    /// <summary>Go on after a pause.</summary>
    public const string Resume = "resume";

    /// <summary>Stop for good.</summary>
    public const string Abort = "abort";
}

/// <summary>The 202 answer of a started rollout.</summary>
public sealed record RolloutStarted(string RolloutId, string StatusUrl);

/// <summary>Every rollout.</summary>
public sealed record RolloutListDto(IReadOnlyList<RolloutDto> Rollouts);
