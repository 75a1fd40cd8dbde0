using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatDomains.Core.Processing;

namespace WeChatDomains.Azure.Queues;

/// <summary>
/// The consuming side of the command queue: receives batches under a visibility lease and carries out each
/// <see cref="Disposition"/>. Complete and Deferred delete the message (a Deferred command is recorded and the release
/// timer re-enqueues it); RetryAfter makes the same message visible again after the delay, so its dequeue count is the
/// delivery count; DeadLetter copies it to the poison queue with the reason, then deletes it. A message dequeued more
/// often than the budget goes to the poison queue unprocessed. Deleting a message someone else already settled is done.
/// </summary>
public sealed class StorageQueueReceiver(StorageQueues queues, IOptions<StorageQueueOptions> options, TimeProvider time, ILogger<StorageQueueReceiver> logger)
{
    private readonly StorageQueueOptions _options = options.Value;

    /// <summary>The visibility timeout each received message is leased for.</summary>
    public TimeSpan VisibilityTimeout => _options.VisibilityTimeout;

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> (1-32) messages, leased for <see cref="VisibilityTimeout"/>. Messages
    /// over the dequeue budget are moved to the poison queue here and not returned.
    /// </summary>
    public async Task<IReadOnlyList<QueuedCommand>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, StorageQueueConstants.MaxBatchSize);
        var received = await queues.Commands.ReceiveMessagesAsync(maxMessages, _options.VisibilityTimeout, cancellationToken);
        var commands = new List<QueuedCommand>(received.Value.Length);
        foreach (var message in received.Value)
        {
            var command = new QueuedCommand(message.MessageId, message.PopReceipt, message.Body.ToMemory(), (int)message.DequeueCount);
            if (command.DequeueCount > _options.MaxDequeueCount)
            {
                Log.OverBudget(logger, command.MessageId, command.DequeueCount, _options.MaxDequeueCount);
                await DeadLetterAsync(command, "MaxDequeueCountExceeded", $"dequeued {command.DequeueCount} times; the budget is {_options.MaxDequeueCount}", cancellationToken);
                continue;
            }

            commands.Add(command);
        }

        return commands;
    }

    /// <summary>Carries out <paramref name="disposition"/> for <paramref name="message"/>.</summary>
    public Task SettleAsync(QueuedCommand message, Disposition disposition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return disposition switch
        {
            Disposition.Complete => DeleteAsync(message, nameof(Disposition.Complete), cancellationToken),
            Disposition.Deferred => DeleteAsync(message, nameof(Disposition.Deferred), cancellationToken),
            Disposition.RetryAfter retry => ReleaseAsync(message, retry.Delay, retry.Reason, cancellationToken),
            Disposition.DeadLetter dead => DeadLetterAsync(message, dead.Reason, dead.Description, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(disposition), disposition, "Unknown disposition."),
        };
    }

    /// <summary>Makes the same message visible again after <paramref name="delay"/> (zero: at once), keeping its dequeue count.</summary>
    public async Task ReleaseAsync(QueuedCommand message, TimeSpan delay, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var visibility = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > StorageQueueConstants.MaxVisibilityDelay ? StorageQueueConstants.MaxVisibilityDelay : delay;
        try
        {
            await queues.Commands.UpdateMessageAsync(message.MessageId, message.PopReceipt, message: (BinaryData?)null, visibility, cancellationToken);
            Log.Delayed(logger, message.MessageId, visibility, reason);
        }
        catch (RequestFailedException e) when (IsGone(e))
        {
            Log.AlreadySettled(logger, message.MessageId, e.Status);
        }
    }

    /// <summary>Copies the message to the poison queue with the reason (a JSON envelope), then deletes it.</summary>
    public async Task DeadLetterAsync(QueuedCommand message, string reason, string description, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var envelope = PoisonEnvelope.Serialize(message, reason, description, time.GetUtcNow());
        await queues.Poison.SendMessageAsync(BinaryData.FromBytes(envelope), TimeSpan.Zero, TimeSpan.FromSeconds(-1), cancellationToken);
        Log.DeadLettered(logger, message.MessageId, queues.Poison.Name, reason);
        await DeleteAsync(message, nameof(Disposition.DeadLetter), cancellationToken);
    }

    private async Task DeleteAsync(QueuedCommand message, string disposition, CancellationToken cancellationToken)
    {
        try
        {
            await queues.Commands.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            Log.Deleted(logger, message.MessageId, disposition);
        }
        catch (RequestFailedException e) when (IsGone(e))
        {
            Log.AlreadySettled(logger, message.MessageId, e.Status);
        }
    }

    private static bool IsGone(RequestFailedException e) =>
        e.Status == 404 || (e.Status == 400 && e.ErrorCode == QueueErrorCode.PopReceiptMismatch);
}
