using WeChatDomains.Core.Diagnostics;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Processing;

/// <summary>What a command is, as far as its record is concerned.</summary>
public sealed record CommandHeader(string CommandId, string Api, string? Action, string? AuthorizerAppId, string? RequestedBy, string BodyText)
{
    /// <summary>The order lane and session key: the authorizer appid, or <c>component</c> for platform-level commands.</summary>
    public string LaneKey => AuthorizerAppId ?? ProcessingConstants.ComponentKey;

    /// <summary>A new record of this command in <paramref name="state"/>, created at <paramref name="now"/>.</summary>
    public CommandRecord NewRecord(CommandState state, DateTimeOffset now) => new()
    {
        CommandId = CommandId,
        Api = Api,
        Action = Action,
        AuthorizerAppId = AuthorizerAppId,
        RequestedBy = RequestedBy,
        Body = BodyText,
        State = state,
        CreatedAt = now,
    };
}

/// <summary>The outcome of a claim: the record now held by this worker, or the disposition when it must not run.</summary>
public sealed record Claim(CommandRecord? Held, Disposition? Skip)
{
    /// <summary>This worker holds the command.</summary>
    public static Claim Of(CommandRecord held) => new(held, null);

    /// <summary>This worker must not run it now.</summary>
    public static Claim Skipped(Disposition disposition) => new(null, disposition);
}

/// <summary>
/// Takes a command for this worker with conditional writes only (never check-then-insert): a new id is inserted
/// Running; a finished one is a duplicate that changes nothing; one held by a live worker backs off until that claim
/// lapses; a Deferred one not yet due waits; an Accepted one, a due Deferred one, or one whose holder crashed (lapsed
/// claim) is taken over with its ETag. The first try starts from the store's cached version when that one may be taken
/// (the Accepted record the API of this process has just inserted): its conditional write is the check, and a stale
/// version costs a conflict and a read, as any other; a decision not to run always comes from a fresh read.
/// </summary>
public sealed class CommandClaimer(ICommandStore store, TimeProvider time, ProcessingOptions options)
{
    private const int MaxConflicts = 5;
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromSeconds(1);

    /// <summary>Claims <paramref name="header"/>'s command.</summary>
    public async Task<Claim> ClaimAsync(CommandHeader header, CancellationToken cancellationToken)
    {
        using var step = StorageStep.Enter(StorageSteps.Claim);
        for (var conflict = 0; conflict < MaxConflicts; conflict++)
        {
            var now = time.GetUtcNow();
            var existing = conflict == 0 && store.GetCached(header.CommandId) is { } cached && Decide(cached, now) is null
                ? cached
                : await store.GetAsync(header.CommandId, cancellationToken);
            if (existing is null)
            {
                var inserted = await store.TryInsertAsync(NewRunning(header, now), cancellationToken);
                if (inserted is not null)
                {
                    return Claim.Of(inserted);
                }

                continue;
            }

            var skip = Decide(existing, now);
            if (skip is not null)
            {
                return Claim.Skipped(skip);
            }

            var taken = await store.TryReplaceAsync(
                existing with
                {
                    State = CommandState.Running,
                    LeaseUntil = now + options.RunLease,
                    ReceivedAt = existing.ReceivedAt ?? now,
                    NextAttemptAt = null,
                    WakeBy = null,
                },
                cancellationToken);
            if (taken is not null)
            {
                return Claim.Of(taken);
            }
        }

        return Claim.Skipped(new Disposition.RetryAfter(options.RetryBaseDelay, "the command record kept changing under this worker"));
    }

    /// <summary>Renews this worker's hold before a long step (a WeChat call); null when another worker took it.</summary>
    public Task<CommandRecord?> RenewAsync(CommandRecord held, CancellationToken cancellationToken) =>
        store.TryReplaceAsync(held with { LeaseUntil = time.GetUtcNow() + options.RunLease }, cancellationToken);

    private static Disposition? Decide(CommandRecord existing, DateTimeOffset now) => existing.State switch
    {
        CommandState.Succeeded or CommandState.Failed or CommandState.Rejected => new Disposition.Complete(),
        CommandState.Running when existing.LeaseUntil > now =>
            new Disposition.RetryAfter(existing.LeaseUntil.Value - now + EarlyTolerance, "another worker holds the command"),
        CommandState.Deferred when existing.NextAttemptAt > now + EarlyTolerance => existing.WakeBy == DeferralWake.Timer
            ? new Disposition.Deferred(existing.NextAttemptAt.Value, "already deferred; the release timer brings it back")
            : new Disposition.RetryAfter(existing.NextAttemptAt.Value - now, "deferred retry not due yet"),
        _ => null,
    };

    private CommandRecord NewRunning(CommandHeader header, DateTimeOffset now) =>
        header.NewRecord(CommandState.Running, now) with { LeaseUntil = now + options.RunLease, ReceivedAt = now };
}
