// COMPILE-ONLY CONTRACT (never deployed): mirrors Azure.Messaging.ServiceBus (not nullable-annotated, like the SDK).
#nullable disable
namespace Azure.Messaging.ServiceBus;

/// <summary>Mirror of <c>ServiceBusMessageState</c>.</summary>
public enum ServiceBusMessageState
{
    /// <summary>Active.</summary>
    Active = 0,

    /// <summary>Deferred.</summary>
    Deferred = 1,

    /// <summary>Scheduled.</summary>
    Scheduled = 2,
}

/// <summary>Mirror of <c>ServiceBusReceivedMessage</c> (read-only; made by the SDK or <see cref="ServiceBusModelFactory"/>).</summary>
public class ServiceBusReceivedMessage
{
    internal ServiceBusReceivedMessage()
    {
    }

    /// <summary>The body.</summary>
    public BinaryData Body { get; internal set; }

    /// <summary>The message id.</summary>
    public string MessageId { get; internal set; }

    /// <summary>The partition key.</summary>
    public string PartitionKey { get; internal set; }

    /// <summary>The session id.</summary>
    public string SessionId { get; internal set; }

    /// <summary>The correlation id.</summary>
    public string CorrelationId { get; internal set; }

    /// <summary>The subject.</summary>
    public string Subject { get; internal set; }

    /// <summary>The content type.</summary>
    public string ContentType { get; internal set; }

    /// <summary>The time to live.</summary>
    public TimeSpan TimeToLive { get; internal set; }

    /// <summary>When the message was scheduled to appear.</summary>
    public DateTimeOffset ScheduledEnqueueTime { get; internal set; }

    /// <summary>The application properties.</summary>
    public IReadOnlyDictionary<string, object> ApplicationProperties { get; internal set; }

    /// <summary>The lock token.</summary>
    public string LockToken { get; internal set; }

    /// <summary>How many times the message was delivered, this one included.</summary>
    public int DeliveryCount { get; internal set; }

    /// <summary>Until when the lock is held.</summary>
    public DateTimeOffset LockedUntil { get; internal set; }

    /// <summary>The sequence number.</summary>
    public long SequenceNumber { get; internal set; }

    /// <summary>When the message was enqueued.</summary>
    public DateTimeOffset EnqueuedTime { get; internal set; }

    /// <summary>The message state.</summary>
    public ServiceBusMessageState State { get; internal set; }
}
