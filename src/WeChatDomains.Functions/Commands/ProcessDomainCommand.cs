using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using WeChatDomains.Core.Processing;

namespace WeChatDomains.Functions.Commands;

/// <summary>
/// Applies domain-change commands from the commands queue. Sessions keyed by authorizer (or <c>component</c>) keep
/// per-authorizer order; the host never auto-completes: <see cref="CommandSettlement"/> settles every message. An
/// exception (a bug, or storage down) propagates, the host abandons the message, and redelivery handles the crash.
/// </summary>
public sealed class ProcessDomainCommand(ICommandProcessor processing, CommandSettlement settlement)
{
    /// <summary>The Service Bus trigger.</summary>
    [Function(FunctionNames.ProcessDomainCommand)]
    public async Task RunAsync(
        [ServiceBusTrigger(FunctionsConstants.CommandsQueueExpression, Connection = FunctionsConstants.ServiceBusConnection, IsSessionsEnabled = true, AutoCompleteMessages = false)]
        ServiceBusReceivedMessage message,
        ServiceBusMessageActions messageActions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var received = new ReceivedMessage(message.Body.ToMemory(), message.MessageId, message.DeliveryCount);
        var disposition = await processing.ProcessAsync(received, cancellationToken);
        await settlement.SettleAsync(message, messageActions, disposition, cancellationToken);
    }
}
