using WeChatDomains.Core.Processing;

namespace WeChatDomains.Functions.Commands;

/// <summary>What the Service Bus trigger hands each message to: Core's <see cref="CommandProcessor"/> in production.</summary>
public interface ICommandProcessing
{
    /// <summary>Processes one message and says how to settle it.</summary>
    Task<Disposition> ProcessAsync(ReceivedMessage message, CancellationToken cancellationToken);
}

/// <summary>The production <see cref="ICommandProcessing"/>: Core's processor, unchanged.</summary>
internal sealed class CoreCommandProcessing(CommandProcessor processor) : ICommandProcessing
{
    public Task<Disposition> ProcessAsync(ReceivedMessage message, CancellationToken cancellationToken) =>
        processor.ProcessAsync(message, cancellationToken);
}
