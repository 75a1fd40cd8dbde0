using WeChatDomains.Core.Commands;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Processing;

/// <summary>The outcome of submitting a command through the HTTP API.</summary>
public abstract record SubmissionResult
{
    private SubmissionResult()
    {
    }

    /// <summary>Invalid: nothing stored, nothing enqueued; every reason listed (HTTP 400).</summary>
    public sealed record Rejected(IReadOnlyList<ValidationError> Reasons) : SubmissionResult;

    /// <summary>
    /// Accepted (HTTP 202). <see cref="ToEnqueue"/> is the message the host must enqueue, or null when the command was
    /// already submitted and is under way or done (a repeated submission enqueues nothing new).
    /// </summary>
    public sealed record Accepted(CommandRecord Record, OutboundCommand? ToEnqueue) : SubmissionResult;

    /// <summary>The commandId is already used by a different command (HTTP 409).</summary>
    public sealed record Conflict(CommandRecord Existing) : SubmissionResult;
}

/// <summary>
/// Validates a submitted command before anything is stored or enqueued, records it Accepted (so its status URL answers
/// at once), and says what to enqueue. Idempotent by commandId: a repeat of the same command is not enqueued again
/// unless it is still Accepted (the first enqueue may have been lost).
/// </summary>
public sealed class CommandSubmission(ICommandReader reader, ICommandStore store, TimeProvider time)
{
    /// <summary>Validates and records <paramref name="body"/>.</summary>
    public async Task<SubmissionResult> SubmitAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var reading = reader.Read(body);
        if (!reading.IsValid)
        {
            return new SubmissionResult.Rejected(reading.Reasons);
        }

        var header = reading.Header!;
        var message = new OutboundCommand(header.CommandId, header.LaneKey, body);
        var inserted = await store.TryInsertAsync(header.NewRecord(CommandState.Accepted, time.GetUtcNow()), cancellationToken);
        if (inserted is not null)
        {
            return new SubmissionResult.Accepted(inserted, message);
        }

        var existing = await store.GetAsync(header.CommandId, cancellationToken)
            ?? throw new InvalidOperationException($"Command {header.CommandId} exists but cannot be read.");
        if (!string.Equals(existing.Body, header.BodyText, StringComparison.Ordinal) && existing.State != CommandState.Rejected)
        {
            return new SubmissionResult.Conflict(existing);
        }

        return new SubmissionResult.Accepted(existing, existing.State == CommandState.Accepted ? message : null);
    }

}
