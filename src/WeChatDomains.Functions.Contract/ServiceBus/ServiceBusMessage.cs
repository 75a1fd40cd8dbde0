// COMPILE-ONLY CONTRACT (never deployed): mirrors Azure.Messaging.ServiceBus.ServiceBusMessage.
#nullable disable
namespace Azure.Messaging.ServiceBus;

/// <summary>Mirror of <c>ServiceBusMessage</c>: a message to send.</summary>
public class ServiceBusMessage
{
    /// <summary>An empty message.</summary>
    public ServiceBusMessage()
        : this(new BinaryData(Array.Empty<byte>()))
    {
    }

    /// <summary>A message with a UTF-8 string body.</summary>
    public ServiceBusMessage(string body)
        : this(new BinaryData(body))
    {
    }

    /// <summary>A message with a binary body.</summary>
    public ServiceBusMessage(ReadOnlyMemory<byte> body)
        : this(new BinaryData(body))
    {
    }

    /// <summary>A message with a <see cref="BinaryData"/> body.</summary>
    public ServiceBusMessage(BinaryData body)
    {
        Body = body;
    }

    /// <summary>The body.</summary>
    public BinaryData Body { get; set; }

    /// <summary>The message id (duplicate detection keys on it).</summary>
    public string MessageId { get; set; }

    /// <summary>The partition key.</summary>
    public string PartitionKey { get; set; }

    /// <summary>The session id (required on a session-aware entity).</summary>
    public string SessionId { get; set; }

    /// <summary>The correlation id.</summary>
    public string CorrelationId { get; set; }

    /// <summary>The subject.</summary>
    public string Subject { get; set; }

    /// <summary>The content type.</summary>
    public string ContentType { get; set; }

    /// <summary>The time to live.</summary>
    public TimeSpan TimeToLive { get; set; }

    /// <summary>When the message should appear (UTC).</summary>
    public DateTimeOffset ScheduledEnqueueTime { get; set; }

    /// <summary>The application properties.</summary>
    public IDictionary<string, object> ApplicationProperties { get; } = new Dictionary<string, object>();
}
