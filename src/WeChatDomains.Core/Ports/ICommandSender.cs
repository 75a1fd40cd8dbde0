namespace WeChatDomains.Core.Ports;

/// <summary>Puts commands on the host's intake queue (Service Bus in Azure, a Storage Queue self-hosted).</summary>
public interface ICommandSender
{
    /// <summary>
    /// Enqueues a command message. <paramref name="sessionKey"/> is the authorizer appid, or <c>component</c> for
    /// platform-level commands (the Service Bus SessionId). <paramref name="visibleAt"/> delays delivery.
    /// </summary>
    Task EnqueueAsync(string commandId, string sessionKey, ReadOnlyMemory<byte> body, DateTimeOffset? visibleAt = null, CancellationToken cancellationToken = default);
}
