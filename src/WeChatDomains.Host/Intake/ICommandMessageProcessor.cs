using WeChatDomains.Core.Processing;

namespace WeChatDomains.Host.Intake;

/// <summary>The intake's seam to Core: processes one message and says how to settle it.</summary>
public interface ICommandMessageProcessor
{
    /// <summary>Processes <paramref name="message"/>.</summary>
    Task<Disposition> ProcessAsync(ReceivedMessage message, CancellationToken cancellationToken);
}

/// <summary>The production seam: Core's <see cref="CommandProcessor"/>.</summary>
public sealed class CoreCommandMessageProcessor(CommandProcessor processor) : ICommandMessageProcessor
{
    /// <inheritdoc />
    public Task<Disposition> ProcessAsync(ReceivedMessage message, CancellationToken cancellationToken) =>
        processor.ProcessAsync(message, cancellationToken);
}
