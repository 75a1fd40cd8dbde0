namespace WeChatDomains.Core.Processing;

/// <summary>
/// What a host hands each received command message to (the Service Bus trigger, the self-host's intake); implemented
/// by <see cref="CommandProcessor"/>. Hosts depend on this seam so their settlement is tested without Core's ports.
/// </summary>
public interface ICommandProcessor
{
    /// <summary>Processes one message and says how the host must settle it.</summary>
    Task<Disposition> ProcessAsync(ReceivedMessage message, CancellationToken cancellationToken);
}
