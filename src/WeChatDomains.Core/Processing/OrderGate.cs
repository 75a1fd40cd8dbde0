using WeChatDomains.Core.Diagnostics;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Processing;

/// <summary>
/// The order rule (DESIGN section 4): commands of one authorizer and one api apply in the order the worker first
/// received them, also across deferral. A command runs only when it heads its lane; otherwise it is held back until
/// the head ends (the head's completion nudges it, and it rechecks on its own after <see cref="ProcessingOptions.OrderRecheck"/>).
/// </summary>
public sealed class OrderGate(ICommandStore store, TimeProvider time, ProcessingOptions options)
{
    private const int LaneLookahead = 8;

    /// <summary>The earlier unfinished command that holds the command of <paramref name="header"/> back, or null when it may run.</summary>
    public async Task<CommandRecord?> FindBlockerAsync(CommandHeader header, CancellationToken cancellationToken)
    {
        using var step = StorageStep.Enter(StorageSteps.Order);
        var ahead = await store.ListLaneAsync(header.LaneKey, header.Api, LaneLookahead, aheadOf: header.CommandId, cancellationToken);
        foreach (var commandId in ahead)
        {
            var earlier = await store.GetAsync(commandId, cancellationToken);
            if (earlier is not null && !earlier.State.IsFinal())
            {
                return earlier;
            }
        }

        return null;
    }

    /// <summary>
    /// Called once <paramref name="held"/> is stored Deferred behind <paramref name="blockerId"/>: when the blocker ended
    /// meanwhile (between the gate's look and that write), its end found this command not yet Deferred and nudged
    /// nothing, so the command would wait out <see cref="ProcessingOptions.OrderRecheck"/>; it is made due now instead.
    /// Either the blocker ends after this read, and its nudge finds the command Deferred, or before, and this read sees it.
    /// </summary>
    public async Task WakeIfBlockerEndedAsync(CommandHeader held, string blockerId, CancellationToken cancellationToken)
    {
        using var step = StorageStep.Enter(StorageSteps.Order);
        if (await store.GetAsync(blockerId, cancellationToken) is { } blocker && !blocker.State.IsFinal())
        {
            return;
        }

        await MakeDueIfHeldAsync(held.CommandId, OrderGateConstants.HeldReasonPrefix + blockerId, cancellationToken);
    }

    /// <summary>Makes <paramref name="commandId"/> due now when it is held back (its Reason starts with <paramref name="heldReason"/>) until later.</summary>
    private async Task MakeDueIfHeldAsync(string commandId, string heldReason, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(commandId, cancellationToken);
        var now = time.GetUtcNow();
        if (record is { State: CommandState.Deferred, WakeBy: DeferralWake.Timer } && record.NextAttemptAt > now && record.Reason?.StartsWith(heldReason, StringComparison.Ordinal) == true)
        {
            await store.TryReplaceAsync(record with { NextAttemptAt = now }, cancellationToken);
        }
    }

    /// <summary>When a command held back by <paramref name="blocker"/> should look again.</summary>
    public DateTimeOffset HoldUntil(CommandRecord blocker)
    {
        var recheck = time.GetUtcNow() + options.OrderRecheck;
        return blocker.State == CommandState.Deferred && blocker.NextAttemptAt > recheck ? blocker.NextAttemptAt.Value : recheck;
    }

    /// <summary>
    /// After <paramref name="finished"/> ended, makes the next command of its lane due at once if it was held back. The
    /// store names that command when it removed the finished one from the lane (<see cref="ICommandStore.TryGetFollower"/>):
    /// then no command after it costs nothing; otherwise the lane is listed.
    /// </summary>
    public async Task NudgeNextAsync(CommandHeader finished, CancellationToken cancellationToken)
    {
        using var step = StorageStep.Enter(StorageSteps.Order);
        if (store.TryGetFollower(finished.CommandId, out var follower))
        {
            if (follower is not null)
            {
                await MakeDueIfHeldAsync(follower, OrderGateConstants.HeldReasonPrefix, cancellationToken);
            }

            return;
        }

        var lane = await store.ListLaneAsync(finished.LaneKey, finished.Api, 2, cancellationToken: cancellationToken);
        foreach (var commandId in lane)
        {
            if (string.Equals(commandId, finished.CommandId, StringComparison.Ordinal))
            {
                continue;
            }

            await MakeDueIfHeldAsync(commandId, OrderGateConstants.HeldReasonPrefix, cancellationToken);
            return;
        }
    }
}

/// <summary>Constants of the order rule.</summary>
public static class OrderGateConstants
{
    /// <summary>Start of the Reason of a command held back by an earlier one.</summary>
    public const string HeldReasonPrefix = "held back by earlier command ";
}
