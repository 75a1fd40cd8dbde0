using System.Text.Json;
using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Diagnostics;
using WeChatDomains.Core.Execution;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Processing;

/// <summary>
/// The heart of the product: what the Service Bus function and the self-host's queue hand each message to. It reads
/// and validates the command (Rejected with reasons, no WeChat call), claims it by commandId with a conditional write,
/// keeps the order and quota rules, calls WeChat through the token provider, classifies the outcome with the errcode
/// table, records the attempt, and returns the <see cref="Disposition"/> the host carries out.
/// </summary>
public sealed class CommandProcessor(
    ICommandReader reader,
    ICommandStore store,
    CommandClaimer claimer,
    OrderGate order,
    QuotaLedgerService ledger,
    CommandExecutor executor,
    AppliedCheck appliedCheck,
    AuthorizerUpdates authorizers,
    OutcomePolicy policy,
    ProcessingOptions options,
    ProcessingTelemetry telemetry,
    TimeProvider time,
    ILogger<CommandProcessor> logger) : ICommandProcessor
{
    /// <inheritdoc />
    public async Task<Disposition> ProcessAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        using var step = StorageStep.Enter(StorageSteps.Processing);
        var reading = reader.Read(message.Body);
        if (!reading.IsValid)
        {
            return await RejectAsync(message, reading, cancellationToken);
        }

        var header = reading.Header!;
        var call = reading.Call!;
        using var activity = ProcessingTelemetry.StartCommand(header.CommandId, header.AuthorizerAppId, header.Api);

        var claim = await claimer.ClaimAsync(header, cancellationToken);
        if (claim.Skip is { } skip)
        {
            Log.Skipped(logger, header.CommandId, skip.ToString());
            return skip;
        }

        var held = claim.Held!;
        if (message.DeliveryCount > options.MaxDeliveries)
        {
            Log.TooManyDeliveries(logger, header.CommandId, message.DeliveryCount);
            var decision = new OutcomeDecision(
                CommandState.Failed,
                new Disposition.DeadLetter("TooManyDeliveries", $"delivered {message.DeliveryCount} times without finishing"),
                null,
                null);
            return await FinishAsync(header, held, decision, null, $"delivered {message.DeliveryCount} times without finishing", cancellationToken);
        }

        var blocker = await order.FindBlockerAsync(header, cancellationToken);
        if (blocker is not null)
        {
            var until = order.HoldUntil(blocker);
            Log.HeldBack(logger, header.CommandId, blocker.CommandId, until);
            var reason = OrderGateConstants.HeldReasonPrefix + blocker.CommandId;
            var deferred = await FinishAsync(header, held, new(CommandState.Deferred, new Disposition.Deferred(until, reason), until, DeferralWake.Timer), null, reason, cancellationToken);
            await order.WakeIfBlockerEndedAsync(header, blocker.CommandId, cancellationToken);
            return deferred;
        }

        return await RunAsync(header, call, held, cancellationToken);
    }

    private async Task<Disposition> RunAsync(CommandHeader header, WeChatCall call, CommandRecord held, CancellationToken cancellationToken)
    {
        var counted = QuotaLedgerService.IsCounted(header.Api, header.Action) && header.AuthorizerAppId is not null;
        var serverCall = call as WeChatCall.ServerDomains;

        if (held.CallInFlight && counted)
        {
            var inPlace = await appliedCheck.IsInPlaceAsync(serverCall!, header.AuthorizerAppId!, cancellationToken);
            Log.Settled(logger, header.CommandId, inPlace == true);
            if (inPlace == true)
            {
                return await FinishAsync(
                    header,
                    held,
                    policy.Decide(WeChatErrorClass.Success, held.Attempts, time.GetUtcNow(), 0, "applied by an earlier attempt"),
                    null,
                    "applied by an earlier attempt (settled by a get)",
                    cancellationToken,
                    afterStored: () => ledger.RecordModificationAsync(header.AuthorizerAppId!, time.GetUtcNow(), cancellationToken));
            }

            if (inPlace is null)
            {
                return await FinishAsync(header, held, policy.Decide(WeChatErrorClass.Transient, held.Attempts, time.GetUtcNow(), Random.Shared.NextDouble(), "could not settle an earlier ambiguous call"), null, "could not settle an earlier ambiguous call", cancellationToken, keepInFlight: true);
            }
        }

        var ledgerKey = QuotaLedgerKey.Of(header.Api, header.Action, header.AuthorizerAppId);
        if (ledgerKey is not null && await ledger.IsExhaustedAsync(ledgerKey, time.GetUtcNow(), cancellationToken))
        {
            var decision = OutcomePolicy.QuotaExhausted(time.GetUtcNow(), options.MonthlyModificationQuota);
            Log.QuotaDeferred(logger, header.CommandId, header.AuthorizerAppId!, decision.NextAttemptAt!.Value);
            return await FinishAsync(header, held, decision, null, ((Disposition.Deferred)decision.Disposition).Reason, cancellationToken);
        }

        // Only a quota-counted call needs its in-flight mark on record before it is sent; any other call runs on the
        // claim just taken, which saves a storage round trip per command.
        var running = counted
            ? await store.TryReplaceAsync(held with { CallInFlight = true, LeaseUntil = time.GetUtcNow() + options.RunLease }, cancellationToken)
            : held;
        if (running is null)
        {
            Log.ClaimLost(logger, header.CommandId);
            return new Disposition.RetryAfter(options.RetryBaseDelay, "the claim was lost before the call");
        }

        var startedAt = time.GetUtcNow();
        var outcome = await executor.ExecuteAsync(call, header.AuthorizerAppId, cancellationToken);
        var errorClass = await ClassifyAsync(header, serverCall, outcome, counted, cancellationToken);
        var attempts = running.Attempts + (outcome.NoToken ? 0 : 1);
        telemetry.WeChatCalled(header.Api, errorClass, outcome.Latency);
        ProcessingTelemetry.TagCall(outcome.ErrorCode.Value, errorClass);

        // The attempt is recorded with the record's next version, in one write where the store can.
        var attempt = new AttemptRecord
        {
            CommandId = header.CommandId,
            Number = running.Attempts + 1,
            At = startedAt,
            Api = header.Api,
            ErrorCode = outcome.ErrorCode.Value,
            ErrorMessage = outcome.ErrorMessage,
            Rid = outcome.Rid,
            ErrorClass = errorClass,
            HttpStatus = outcome.HttpStatus,
            Latency = outcome.Latency,
            HttpAttempts = outcome.HttpAttempts,
        };

        var description = ConfigurationHints.Describe(outcome.ErrorCode, outcome.ErrorMessage, errorClass);
        var now = time.GetUtcNow();
        var outcomeDecision = policy.Decide(errorClass, Math.Max(attempts, 1), now, Random.Shared.NextDouble(), description);

        // A counted call that failed without a definite refusal (-1, 5xx, a dropped connection, an unknown errcode) may
        // have been applied: the next run settles it with a get before it calls again, so the month is never spent twice.
        var unresolved = counted && !outcome.NoToken && errorClass is WeChatErrorClass.Transient or WeChatErrorClass.Unknown;
        return await FinishAsync(
            header,
            running with { Attempts = attempts },
            outcomeDecision,
            outcome,
            description,
            cancellationToken,
            keepInFlight: unresolved,
            errorClass: errorClass,
            attempt: attempt,
            afterStored: () => ApplySideEffectsAsync(header, errorClass, outcome, ledgerKey, cancellationToken));
    }

    private async Task<WeChatErrorClass> ClassifyAsync(CommandHeader header, WeChatCall.ServerDomains? serverCall, CallOutcome outcome, bool counted, CancellationToken cancellationToken)
    {
        if (outcome.Ambiguous && counted)
        {
            var inPlace = await appliedCheck.IsInPlaceAsync(serverCall!, header.AuthorizerAppId!, cancellationToken);
            Log.Settled(logger, header.CommandId, inPlace == true);
            return inPlace == true ? WeChatErrorClass.Success : WeChatErrorClass.Transient;
        }

        return await OutcomeClassifier.ClassifyAsync(
            header.Api,
            header.Action,
            outcome,
            () => serverCall is null || header.AuthorizerAppId is null
                ? Task.FromResult<bool?>(null)
                : appliedCheck.IsInPlaceAsync(serverCall, header.AuthorizerAppId, cancellationToken));
    }

    private async Task ApplySideEffectsAsync(CommandHeader header, WeChatErrorClass errorClass, CallOutcome outcome, QuotaLedgerKey? ledgerKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var appId = header.AuthorizerAppId;
        if (errorClass == WeChatErrorClass.Success && ledgerKey is not null)
        {
            await ledger.RecordModificationAsync(ledgerKey, now, cancellationToken);
        }

        if (errorClass == WeChatErrorClass.MonthlyQuota && (ledgerKey ?? (appId is null ? null : new QuotaLedgerKey(appId, null))) is { } spent)
        {
            await ledger.MarkSpentAsync(spent, now, cancellationToken);
        }

        if (appId is null)
        {
            return;
        }

        if (errorClass == WeChatErrorClass.AuthorizationLost)
        {
            await authorizers.MarkNeedsReauthorizationAsync(appId, outcome.ErrorCode.Value, cancellationToken);
        }

        if (errorClass == WeChatErrorClass.Success && outcome.Response is not null)
        {
            await authorizers.RecordDomainsAsync(appId, header.Api, outcome.Response, cancellationToken);
        }
    }

    private async Task<Disposition> FinishAsync(
        CommandHeader header,
        CommandRecord held,
        OutcomeDecision decision,
        CallOutcome? outcome,
        string reason,
        CancellationToken cancellationToken,
        bool keepInFlight = false,
        WeChatErrorClass? errorClass = null,
        AttemptRecord? attempt = null,
        Func<Task>? afterStored = null)
    {
        var now = time.GetUtcNow();
        var final = decision.State.IsFinal();
        var record = held with
        {
            State = decision.State,
            NextAttemptAt = decision.NextAttemptAt,
            WakeBy = decision.WakeBy,
            LeaseUntil = null,
            CallInFlight = keepInFlight,
            CompletedAt = final ? now : null,
            Reason = decision.State == CommandState.Succeeded ? null : reason,
            NoChange = errorClass == WeChatErrorClass.NoChange,
            LastErrorCode = outcome?.ErrorCode.Value ?? held.LastErrorCode,
            LastErrorMessage = outcome?.ErrorMessage ?? held.LastErrorMessage,
            Rid = outcome is null ? held.Rid : outcome.Rid,
            ErrorClass = errorClass ?? held.ErrorClass,
            Response = outcome?.Response is { } response ? JsonSerializer.Serialize(response, response.GetType(), ResponseJson.Options) : held.Response,
        };

        CommandRecord? stored;
        using (StorageStep.Enter(StorageSteps.Final))
        {
            stored = attempt is null
                ? await store.TryReplaceAsync(record, cancellationToken)
                : await store.TryReplaceAsync(record, attempt, cancellationToken);
        }

        if (stored is null)
        {
            Log.ClaimLost(logger, header.CommandId);
            return new Disposition.RetryAfter(options.RetryBaseDelay, "the claim was lost; the record holds the truth");
        }

        // Side effects (the month's ledger, the registry) follow the record, never precede it: a crash between the two
        // can undercount a modification by one (WeChat's own 86102 still guards the month), never count one twice.
        if (afterStored is not null)
        {
            using var sideEffects = StorageStep.Enter(StorageSteps.SideEffects);
            await afterStored();
        }

        if (outcome is not null || final)
        {
            Log.Outcome(logger, header.CommandId, header.Api, header.LaneKey, decision.State, stored.Attempts, stored.LastErrorCode ?? 0, errorClass ?? WeChatErrorClass.Success, stored.Rid);
        }

        if (final)
        {
            telemetry.CommandReached(decision.State, errorClass, header.Api);
            await order.NudgeNextAsync(header, cancellationToken);
        }

        return decision.Disposition;
    }

    private async Task<Disposition> RejectAsync(ReceivedMessage message, CommandReading reading, CancellationToken cancellationToken)
    {
        var reasons = string.Join("; ", reading.Reasons);
        if (reading.CommandId is null)
        {
            Log.Unparseable(logger, message.MessageId, reasons);
            return new Disposition.DeadLetter("InvalidMessage", reasons);
        }

        Log.Rejected(logger, reading.CommandId, reading.Api ?? "?", reasons);
        var now = time.GetUtcNow();
        var inserted = await store.TryInsertAsync(
            new CommandRecord
            {
                CommandId = reading.CommandId,
                Api = reading.Api ?? "unknown",
                State = CommandState.Rejected,
                Reason = reasons,
                CreatedAt = now,
                CompletedAt = now,
            },
            cancellationToken);
        if (inserted is not null)
        {
            telemetry.CommandReached(CommandState.Rejected, null, reading.Api ?? "unknown");
        }

        return new Disposition.DeadLetter("Rejected", reasons);
    }
}
