using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Profiles.Rollouts;

/// <summary>
/// Moves a rollout on by one step, level-triggered: it reads the header and streams the items, refreshes the items whose commands
/// ran, applies the Pending items the current wave covers (platform tier first), and when the wave has ended gates it on
/// <c>maxFailureRate</c>. Every decision is a conditional write, so a step run twice, or by two instances, or again after a
/// crash, applies nothing twice: commandIds are deterministic (a repeat of an id is not applied again), and items and
/// the header are written by ETag, so two instances never both move a wave on.
/// </summary>
public sealed class RolloutDriver(
    IRolloutStore rollouts, IProfileStore profiles, ICommandStore commands, FleetPlanner planner, ProfileApplier applier,
    IAuthorizerRegistry registry, IOptions<ProfileOptions> options, TimeProvider time)
{
    /// <summary>The <c>requestedBy</c> purpose of rollout commands.</summary>
    public const string Purpose = "rollout";

    /// <summary>How often the progress write is tried again when the header changed under it (the next step writes it anyway).</summary>
    private const int ProgressWriteAttempts = 3;

    /// <summary>How often a step under way writes its counts into the header.</summary>
    public static readonly TimeSpan LiveProgressPeriod = TimeSpan.FromSeconds(5);

    /// <summary>Steps every Running rollout once.</summary>
    public async Task<int> StepAllAsync(CancellationToken cancellationToken = default)
    {
        var running = await rollouts.ListRunningAsync(cancellationToken);
        foreach (var id in running)
        {
            await StepAsync(id, cancellationToken);
        }

        return running.Count;
    }

    /// <summary>One step of <paramref name="rolloutId"/>; returns its header afterwards (null when unknown).</summary>
    public async Task<RolloutRecord?> StepAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        var rollout = await rollouts.GetAsync(rolloutId, cancellationToken);
        if (rollout is not { State: RolloutState.Running })
        {
            return rollout;
        }

        var profile = await profiles.GetVersionAsync(rollout.Profile, rollout.Version, cancellationToken)
            ?? throw new InvalidOperationException($"Rollout {rolloutId}: profile {rollout.Profile} v{rollout.Version} is not stored.");
        if (!rollout.PlatformDone)
        {
            var platform = await StepPlatformAsync(rollout, profile, cancellationToken);
            if (platform is null || platform.State != RolloutState.Running || !platform.PlatformDone)
            {
                return platform ?? rollout;
            }

            rollout = platform;
        }

        var end = rollout.CoveredBy(rollout.Wave);
        var month = ChinaTime.MonthKey(time.GetUtcNow());
        var tally = new RolloutTally(end);
        var live = new LiveStep(rollout, time.GetTimestamp());
        // Items are independent (each its own row written by ETag, its own deterministic commandIds), so up to
        // RolloutConcurrency of them are refreshed or applied at once: one at a time, a step's storage round trips
        // (about eight per applied item) bounded a 10,000-authorizer rollout far below C / latency (the fleet bench).
        // They stream from storage page by page and only their tally is kept, so a step's memory does not grow with the fleet;
        // only the items it can act on come whole, the others (ended, or Pending past the wave) as summaries for the tally.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.RolloutConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(rollouts.ReadStepItemsAsync(rolloutId, end, cancellationToken), parallel, async (item, ct) =>
        {
            var next = item.State switch
            {
                RolloutItemState.Running => await RefreshAsync(item, ct),
                RolloutItemState.Deferred when item.CommandIds.Count > 0 => await RefreshAsync(item, ct),
                RolloutItemState.Deferred or RolloutItemState.Pending when item.Index < end && !live.Stopped => await ApplyAsync(profile, item, month, ct),
                _ => item,
            };
            tally.Add(item, next == item ? item : await rollouts.TryUpdateItemAsync(rolloutId, next, ct) ?? item);
            await ReportLiveAsync(live, tally, ct);
        });

        return await GateAsync(live.Header, tally, cancellationToken);
    }

    /// <summary>
    /// A long step (minutes at 10,000 authorizers) keeps the header's counts moving: every <see cref="LiveProgressPeriod"/>
    /// one item task writes the counts as of the last step moved by this step's changes so far. The write reads back
    /// the header as it is, so an operator's pause or abort made meanwhile is seen, and the step applies no further item.
    /// </summary>
    private async Task ReportLiveAsync(LiveStep live, RolloutTally tally, CancellationToken cancellationToken)
    {
        if (live.Baseline is not { } baseline || time.GetElapsedTime(Interlocked.Read(ref live.LastWrite)) < LiveProgressPeriod
            || Interlocked.Exchange(ref live.Writing, 1) == 1)
        {
            return;
        }

        try
        {
            if (await RecordProgressAsync(live.Header, tally.Moved(baseline), cancellationToken) is { } written)
            {
                live.Header = written;
                live.Stopped = written.State != RolloutState.Running;
            }

            Interlocked.Exchange(ref live.LastWrite, time.GetTimestamp());
        }
        finally
        {
            Volatile.Write(ref live.Writing, 0);
        }
    }

    /// <summary>What a step knows of its header while it runs.</summary>
    private sealed class LiveStep(RolloutRecord header, long started)
    {
        /// <summary>The counts as of the last step (null in a header stored before counts were kept: nothing is written live).</summary>
        public RolloutProgress? Baseline { get; } = header.Progress;

        /// <summary>The header as last written or read by this step.</summary>
        public RolloutRecord Header { get; set; } = header;

        /// <summary>True once the header is no longer Running (paused or aborted meanwhile): no further item is applied.</summary>
        public volatile bool Stopped;

        /// <summary>When the counts were last written (a <see cref="TimeProvider"/> timestamp).</summary>
        public long LastWrite = started;

        /// <summary>1 while an item task writes the counts.</summary>
        public int Writing;
    }

    private async Task<RolloutRecord?> StepPlatformAsync(RolloutRecord rollout, DomainProfile profile, CancellationToken cancellationToken)
    {
        var planned = PlatformCommands(profile);
        var applied = await applier.ApplyAsync(profile, null, planned, Purpose, cancellationToken: cancellationToken);
        var states = await Task.WhenAll(applied.Select(a => commands.GetAsync(a.CommandId, cancellationToken)));
        var failed = states.FirstOrDefault(c => c is { State: CommandState.Failed or CommandState.Rejected });
        RolloutRecord next;
        if (failed is not null)
        {
            next = rollout with { State = RolloutState.Failed, Reason = $"platform tier: {failed.Api} ended {failed.State} with errcode {failed.LastErrorCode}" };
        }
        else if (states.All(c => c is { State: CommandState.Succeeded }))
        {
            next = rollout with { PlatformDone = true };
        }
        else
        {
            return rollout;
        }

        return await rollouts.TryUpdateAsync(next, cancellationToken);
    }

    /// <summary>The platform tier's commands: <c>add</c> of the tier's hosts (never a <c>set</c>, which would drop the platform's other domains).</summary>
    public static IReadOnlyList<PlannedCommand> PlatformCommands(DomainProfile profile) =>
        FleetPlanner.PlatformChanges(profile).Select(change => new PlannedCommand(
            change.Api,
            new JsonObject
            {
                ["action"] = DomainAction.Add,
                [change.Api == WeChatApi.ModifyWxaServerDomain ? "wxa_server_domain" : "wxa_jump_h5_domain"] = string.Join(';', change.Set),
                ["is_modify_published_together"] = change.PublishTogether,
            },
            CountsAgainstQuota: false)).ToList();

    private async Task<RolloutItem> ApplyAsync(DomainProfile profile, RolloutItem item, string month, CancellationToken cancellationToken)
    {
        if (item.State == RolloutItemState.Deferred || item.Commands.Count == 0)
        {
            var plan = ProfilePlanner.Plan(profile, ObservedDomains.From(await registry.GetAsync(item.AppId, cancellationToken)));
            if (!plan.Observed)
            {
                return item with { State = RolloutItemState.Deferred, Reason = "its domains were never read: a drift scan or a get reads them first" };
            }

            if (plan.NothingToApply)
            {
                return item with { State = RolloutItemState.Unchanged, Commands = [], ModificationsNeeded = 0, Reason = null };
            }

            item = item with { Commands = plan.Commands, ModificationsNeeded = plan.ModificationsNeeded };
        }

        var left = await planner.ModificationsLeftAsync(item.AppId, month, cancellationToken);
        var reserve = options.Value.QuotaReserve;
        if (item.ModificationsNeeded > 0 && item.ModificationsNeeded > left - reserve)
        {
            return item with
            {
                State = RolloutItemState.Deferred,
                Reason = $"quota reserve: {left} modification(s) left this month and the last {reserve} are kept; it waits for the 1st",
            };
        }

        var applied = await applier.ApplyAsync(profile, item.AppId, item.Commands, Purpose, cancellationToken: cancellationToken);
        return item with { State = RolloutItemState.Running, CommandIds = applied.Select(a => a.CommandId).ToList(), Reason = null };
    }

    private async Task<RolloutItem> RefreshAsync(RolloutItem item, CancellationToken cancellationToken)
    {
        var states = await Task.WhenAll(item.CommandIds.Select(id => commands.GetAsync(id, cancellationToken)));
        var failed = states.FirstOrDefault(c => c is { State: CommandState.Failed or CommandState.Rejected });
        if (failed is not null)
        {
            return item with { State = RolloutItemState.Failed, ErrorCode = failed.LastErrorCode, Reason = $"{failed.Api}: {failed.ErrorClass} {failed.LastErrorMessage}" };
        }

        if (states.All(c => c is { State: CommandState.Succeeded }))
        {
            return item with { State = RolloutItemState.Succeeded, Reason = null };
        }

        var deferred = states.FirstOrDefault(c => c is { State: CommandState.Deferred });
        return deferred is null
            ? item with { State = RolloutItemState.Running }
            : item with { State = RolloutItemState.Deferred, Reason = $"{deferred.Api} deferred until {deferred.NextAttemptAt:O}: {deferred.Reason}" };
    }

    /// <summary>
    /// Gates the wave and writes the header's progress with the decision; when nothing is decided, the progress alone, and
    /// only if it changed.
    /// </summary>
    private async Task<RolloutRecord?> GateAsync(RolloutRecord rollout, RolloutTally tally, CancellationToken cancellationToken)
    {
        var progress = tally.Progress();
        var next = rollout.State == RolloutState.Running ? Decide(rollout, tally) : null;
        if (next is null)
        {
            return progress.SameAs(rollout.Progress) ? rollout : await RecordProgressAsync(rollout, progress, cancellationToken);
        }

        return await rollouts.TryUpdateAsync(next with { Progress = progress }, cancellationToken)
            ?? await RecordProgressAsync(rollout, progress, cancellationToken);
    }

    /// <summary>The header's next state once the wave's items ended, or null while the wave runs or nothing is to decide.</summary>
    private static RolloutRecord? Decide(RolloutRecord rollout, RolloutTally tally)
    {
        if (tally.WaveOpen > 0)
        {
            return null;
        }

        var (attempted, failed) = (tally.WaveAttempted, tally.WaveFailed);
        if (attempted > 0 && (double)failed / attempted > rollout.Request.MaxFailureRate)
        {
            return rollout with
            {
                State = RolloutState.Paused,
                Reason = $"wave {rollout.Wave}: {failed} of {attempted} authorizers failed, over maxFailureRate {rollout.Request.MaxFailureRate}",
            };
        }

        if (rollout.Wave < rollout.LastWave)
        {
            return rollout with { Wave = rollout.Wave + 1, Reason = null };
        }

        return tally.Deferred == 0 ? rollout with { State = RolloutState.Succeeded, Reason = null } : null;
    }

    /// <summary>
    /// Writes <paramref name="progress"/> into the header as it is now (an operator's pause or another instance's step may
    /// have changed it since it was read; only the progress is taken from this step). Returns the header as stored.
    /// </summary>
    private async Task<RolloutRecord?> RecordProgressAsync(RolloutRecord rollout, RolloutProgress progress, CancellationToken cancellationToken)
    {
        RolloutRecord? current = rollout;
        for (var attempt = 0; attempt < ProgressWriteAttempts && current is not null; attempt++)
        {
            if (await rollouts.TryUpdateAsync(current with { Progress = progress }, cancellationToken) is { } written)
            {
                return written;
            }

            current = await rollouts.GetAsync(rollout.RolloutId, cancellationToken);
        }

        return current;
    }
}
