using Azure.Messaging.ServiceBus;

namespace WeChatDomains.Client;

/// <summary>
/// Sends commands to the Azure deployment's commands queue as DESIGN section 2 requires: the body is the command's UTF-8
/// JSON, <see cref="ServiceBusMessage.MessageId"/> is the commandId (Service Bus duplicate detection and the service's
/// idempotency agree), and <see cref="ServiceBusMessage.SessionId"/> is the authorizer appid, or
/// <see cref="ClientConstants.ComponentSessionId"/> for platform-level commands, so that one authorizer's commands are
/// received in the order they were sent. Every command is validated first; an invalid one never leaves the process.
/// </summary>
/// <param name="sender">A sender for the commands queue (sessions enabled); the caller owns and disposes it.</param>
public sealed class ServiceBusCommandSender(ServiceBusSender sender)
{
    private readonly ServiceBusSender _sender = sender ?? throw new ArgumentNullException(nameof(sender));

    /// <summary>The message <paramref name="command"/> is sent as.</summary>
    /// <exception cref="CommandRejectedException">The command is invalid; every reason is listed.</exception>
    public static ServiceBusMessage ToMessage(CommandMessage command)
    {
        CommandValidator.EnsureValid(command);
        return new ServiceBusMessage(command.ToUtf8Json())
        {
            MessageId = command.CommandId,
            SessionId = command.SessionId,
            ContentType = ClientConstants.JsonContentType,
            Subject = command.Api,
        };
    }

    /// <summary>Validates and sends one command.</summary>
    /// <exception cref="CommandRejectedException">The command is invalid; nothing was sent.</exception>
    public Task SendAsync(CommandMessage command, CancellationToken cancellationToken = default) =>
        _sender.SendMessageAsync(ToMessage(command), cancellationToken);

    /// <summary>
    /// Validates every command, then sends them all in one call; if any is invalid nothing is sent and the exception
    /// lists the first invalid command's reasons.
    /// </summary>
    public Task SendAsync(IEnumerable<CommandMessage> commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var messages = commands.Select(ToMessage).ToList();
        return _sender.SendMessagesAsync(messages, cancellationToken);
    }
}
