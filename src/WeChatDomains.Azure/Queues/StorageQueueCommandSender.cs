using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Azure.Queues;

/// <summary>
/// <see cref="ICommandSender"/> on an Azure Storage Queue: the message text is the Base64 of the command's UTF-8 JSON;
/// <c>visibleAt</c> becomes the initial visibility delay (at most Storage's 7 days; the release timer brings later
/// commands back). Messages never expire. A Storage Queue has no sessions: the receiver reads the session key from the
/// body (its <c>authorizerAppId</c>).
/// </summary>
public sealed class StorageQueueCommandSender(StorageQueues queues, TimeProvider time, ILogger<StorageQueueCommandSender> logger) : ICommandSender
{
    /// <summary>Largest body a Storage Queue message can carry once Base64-encoded (64 KiB of text).</summary>
    public const int MaxBodyBytes = 48 * 1024;

    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    /// <inheritdoc />
    public async Task EnqueueAsync(string commandId, string sessionKey, ReadOnlyMemory<byte> body, DateTimeOffset? visibleAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(commandId);
        if (body.Length > MaxBodyBytes)
        {
            throw new ArgumentException($"Command {commandId} is {body.Length} bytes; a Storage Queue message carries at most {MaxBodyBytes}.", nameof(body));
        }

        var delay = VisibilityDelay(visibleAt, time.GetUtcNow());
        var receipt = await queues.Commands.SendMessageAsync(BinaryData.FromBytes(body), delay, NeverExpires, cancellationToken);
        Log.Enqueued(logger, commandId, queues.Commands.Name, receipt.Value.MessageId, delay);
    }

    /// <summary>The initial invisibility of a message due at <paramref name="visibleAt"/>: zero when due, capped at 7 days.</summary>
    public static TimeSpan VisibilityDelay(DateTimeOffset? visibleAt, DateTimeOffset now)
    {
        if (visibleAt is null || visibleAt <= now)
        {
            return TimeSpan.Zero;
        }

        var delay = visibleAt.Value - now;
        return delay > StorageQueueConstants.MaxVisibilityDelay ? StorageQueueConstants.MaxVisibilityDelay : delay;
    }
}
