using Azure.Messaging.ServiceBus;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;

namespace WeChatDomains.Functions.Commands;

/// <summary>
/// <see cref="ICommandSender"/> on the app's <see cref="ServiceBusSender"/>, for Core's own submissions (profile onboarding,
/// rollouts, drift fixes): the same message as a submission through the API, with its SessionId; a later visibility is a
/// scheduled enqueue time.
/// </summary>
public sealed class ServiceBusCommandSender(ServiceBusSender sender) : ICommandSender
{
    /// <inheritdoc />
    public Task EnqueueAsync(string commandId, string sessionKey, ReadOnlyMemory<byte> body, DateTimeOffset? visibleAt = null, CancellationToken cancellationToken = default)
    {
        var message = CommandMessages.ForSubmission(new OutboundCommand(commandId, sessionKey, body));
        if (visibleAt is { } at)
        {
            message.ScheduledEnqueueTime = at;
        }

        return sender.SendMessageAsync(message, cancellationToken);
    }
}
