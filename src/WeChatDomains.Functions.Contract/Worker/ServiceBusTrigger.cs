// COMPILE-ONLY CONTRACT (never deployed): mirrors Microsoft.Azure.Functions.Worker.Extensions.ServiceBus.
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

using WeChatDomains.Functions.Contract;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Mirror of <c>ServiceBusTriggerAttribute</c>.</summary>
public sealed class ServiceBusTriggerAttribute : TriggerBindingAttribute
{
    /// <summary>Mirror of <c>ServiceBusTriggerAttribute(string queueName)</c>.</summary>
    public ServiceBusTriggerAttribute(string queueName) => QueueName = queueName;

    /// <summary>Mirror of <c>ServiceBusTriggerAttribute(string topicName, string subscriptionName)</c>.</summary>
    public ServiceBusTriggerAttribute(string topicName, string subscriptionName)
    {
        TopicName = topicName;
        SubscriptionName = subscriptionName;
    }

    /// <summary>The connection setting prefix (identity-based: <c>{Connection}__fullyQualifiedNamespace</c>).</summary>
    public string? Connection { get; set; }

    /// <summary>The queue (or %setting%).</summary>
    public string? QueueName { get; }

    /// <summary>The topic.</summary>
    public string? TopicName { get; }

    /// <summary>The subscription.</summary>
    public string? SubscriptionName { get; }

    /// <summary>Whether the entity is session-aware.</summary>
    public bool IsSessionsEnabled { get; set; }

    /// <summary>Whether messages are batched.</summary>
    public bool IsBatched { get; set; }

    /// <summary>Whether the host completes the message after a successful run; true unless set.</summary>
    public bool AutoCompleteMessages { get; set; } = true;
}

/// <summary>
/// Mirror of <c>ServiceBusMessageActions</c>: settlement of the message being processed. Like the real class it has a
/// protected constructor for mocking and virtual members.
/// </summary>
public class ServiceBusMessageActions
{
    /// <summary>For mocking.</summary>
    protected ServiceBusMessageActions()
    {
    }

    /// <summary>Completes (removes) the message.</summary>
    public virtual Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(ContractNotice.Text);

    /// <summary>Releases the lock (the message comes back at once).</summary>
    public virtual Task AbandonMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = default, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(ContractNotice.Text);

    /// <summary>Moves the message to the dead-letter sub-queue with a reason and description.</summary>
    public virtual Task DeadLetterMessageAsync(
        ServiceBusReceivedMessage message,
        Dictionary<string, object>? propertiesToModify = default,
        string? deadLetterReason = default,
        string? deadLetterErrorDescription = default,
        CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(ContractNotice.Text);

    /// <summary>Defers the message.</summary>
    public virtual Task DeferMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = default, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(ContractNotice.Text);

    /// <summary>Renews the message lock.</summary>
    public virtual Task RenewMessageLockAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(ContractNotice.Text);
}
