// COMPILE-ONLY CONTRACT (never deployed): mirrors Azure.Messaging.ServiceBus.ServiceBusModelFactory.
#nullable disable
namespace Azure.Messaging.ServiceBus;

/// <summary>Mirror of <c>ServiceBusModelFactory</c>: builds received messages for tests.</summary>
public static class ServiceBusModelFactory
{
    /// <summary>Mirror of <c>ServiceBusModelFactory.ServiceBusReceivedMessage(...)</c> (same parameters, order and defaults).</summary>
    public static ServiceBusReceivedMessage ServiceBusReceivedMessage(
        BinaryData body = default,
        string messageId = default,
        string partitionKey = default,
        string viaPartitionKey = default,
        string sessionId = default,
        string replyToSessionId = default,
        TimeSpan timeToLive = default,
        string correlationId = default,
        string subject = default,
        string to = default,
        string contentType = default,
        string replyTo = default,
        DateTimeOffset scheduledEnqueueTime = default,
        IDictionary<string, object> properties = default,
        Guid lockTokenGuid = default,
        int deliveryCount = 0,
        DateTimeOffset lockedUntil = default,
        long sequenceNumber = -1,
        string deadLetterSource = default,
        long enqueuedSequenceNumber = 0,
        DateTimeOffset enqueuedTime = default,
        ServiceBusMessageState serviceBusMessageState = ServiceBusMessageState.Active) => new()
        {
            Body = body ?? new BinaryData(Array.Empty<byte>()),
            MessageId = messageId,
            PartitionKey = partitionKey,
            SessionId = sessionId,
            CorrelationId = correlationId,
            Subject = subject,
            ContentType = contentType,
            TimeToLive = timeToLive,
            ScheduledEnqueueTime = scheduledEnqueueTime,
            ApplicationProperties = new Dictionary<string, object>(properties ?? new Dictionary<string, object>()),
            LockToken = lockTokenGuid.ToString(),
            DeliveryCount = deliveryCount,
            LockedUntil = lockedUntil,
            SequenceNumber = sequenceNumber,
            EnqueuedTime = enqueuedTime,
            State = serviceBusMessageState,
        };
}
