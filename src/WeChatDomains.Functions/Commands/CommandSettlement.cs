using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Processing;

namespace WeChatDomains.Functions.Commands;

/// <summary>
/// Carries out a <see cref="Disposition"/> with Service Bus settlement (DESIGN section 4, one owner per failure):
/// Complete and Deferred complete the message (a Deferred command's record is Deferred; the release timer brings it
/// back); RetryAfter schedules a copy (same SessionId and body, a derived MessageId) at now + delay and then completes
/// the original, never a bare abandon; DeadLetter dead-letters it with the reason and description.
/// </summary>
public sealed class CommandSettlement(ServiceBusSender sender, TimeProvider time, ILogger<CommandSettlement> logger)
{
    /// <summary>Settles <paramref name="message"/> as <paramref name="disposition"/> says.</summary>
    public async Task SettleAsync(ServiceBusReceivedMessage message, ServiceBusMessageActions actions, Disposition disposition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(actions);
        switch (disposition)
        {
            case Disposition.Complete or Disposition.Deferred:
                await actions.CompleteMessageAsync(message, cancellationToken);
                Log.Completed(logger, message.MessageId, disposition.GetType().Name);
                break;
            case Disposition.RetryAfter retry:
                var copy = CommandMessages.ForRetry(message);
                var visibleAt = time.GetUtcNow() + retry.Delay;
                await sender.ScheduleMessageAsync(copy, visibleAt, cancellationToken);
                await actions.CompleteMessageAsync(message, cancellationToken);
                Log.RetryScheduled(logger, message.MessageId, copy.MessageId, visibleAt, retry.Reason);
                break;
            case Disposition.DeadLetter deadLetter:
                await actions.DeadLetterMessageAsync(message, null, deadLetter.Reason, Truncate(deadLetter.Description), cancellationToken);
                Log.DeadLettered(logger, message.MessageId, deadLetter.Reason);
                break;
            default:
                throw new InvalidOperationException($"Unknown disposition {disposition?.GetType().Name ?? "null"}.");
        }
    }

    private static string Truncate(string text) =>
        text.Length <= FunctionsConstants.MaxDeadLetterDescriptionLength ? text : text[..FunctionsConstants.MaxDeadLetterDescriptionLength];
}
