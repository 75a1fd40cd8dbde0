// COMPILE-ONLY STAND-IN (never deployed) for the type of Microsoft.Azure.Functions.Worker.Extensions.ServiceBus 5.x.
using Azure.Messaging.ServiceBus;
using WeChatDomains.Functions.ServiceBusStandIn;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// Stand-in for the extension's <c>ServiceBusMessageActions</c>: settlement of the message being processed. Like the real
/// class it has a protected constructor for mocking and virtual members with the same parameters and defaults; here
/// every member throws.
/// </summary>
public class ServiceBusMessageActions
{
    /// <summary>For mocking.</summary>
    protected ServiceBusMessageActions()
    {
    }

    /// <summary>Completes (removes) the message.</summary>
    public virtual Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(StandInNotice.Text);

    /// <summary>Releases the lock (the message comes back at once).</summary>
    public virtual Task AbandonMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = default, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(StandInNotice.Text);

    /// <summary>Moves the message to the dead-letter sub-queue with a reason and description.</summary>
    public virtual Task DeadLetterMessageAsync(
        ServiceBusReceivedMessage message,
        Dictionary<string, object>? propertiesToModify = default,
        string? deadLetterReason = default,
        string? deadLetterErrorDescription = default,
        CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(StandInNotice.Text);

    /// <summary>Defers the message.</summary>
    public virtual Task DeferMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = default, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(StandInNotice.Text);

    /// <summary>Renews the message lock.</summary>
    public virtual Task RenewMessageLockAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(StandInNotice.Text);
}
