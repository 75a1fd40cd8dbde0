// COMPILE-ONLY CONTRACT (never deployed): mirrors Azure.Messaging.ServiceBus.ServiceBusClient and ServiceBusSender.
#nullable disable
using Azure.Core;
using WeChatDomains.Functions.Contract;

namespace Azure.Messaging.ServiceBus;

/// <summary>Mirror of <c>ServiceBusClient</c> (the identity-based constructor and <c>CreateSender</c>).</summary>
public class ServiceBusClient : IAsyncDisposable
{
    /// <summary>Mirror of <c>ServiceBusClient(string fullyQualifiedNamespace, TokenCredential credential)</c>.</summary>
    public ServiceBusClient(string fullyQualifiedNamespace, TokenCredential credential)
    {
        FullyQualifiedNamespace = fullyQualifiedNamespace;
        _ = credential;
    }

    /// <summary>For mocking.</summary>
    protected ServiceBusClient()
    {
    }

    /// <summary>The namespace host name.</summary>
    public virtual string FullyQualifiedNamespace { get; }

    /// <summary>A sender for a queue or topic.</summary>
    public virtual ServiceBusSender CreateSender(string queueOrTopicName) => throw new NotSupportedException(ContractNotice.Text);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Mirror of <c>ServiceBusSender</c>; like the real class it has a protected constructor for mocking and virtual members.</summary>
public class ServiceBusSender : IAsyncDisposable
{
    /// <summary>For mocking.</summary>
    protected ServiceBusSender()
    {
    }

    /// <summary>The queue or topic.</summary>
    public virtual string EntityPath { get; }

    /// <summary>Sends one message.</summary>
    public virtual Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(ContractNotice.Text);

    /// <summary>Schedules one message to appear at <paramref name="scheduledEnqueueTime"/>; returns its sequence number.</summary>
    public virtual Task<long> ScheduleMessageAsync(ServiceBusMessage message, DateTimeOffset scheduledEnqueueTime, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(ContractNotice.Text);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
