namespace WeChatDomains.Core.Processing;

/// <summary>A command message as a host received it.</summary>
/// <param name="Body">The UTF-8 JSON body (DESIGN section 2).</param>
/// <param name="MessageId">The transport's message id (for logs).</param>
/// <param name="DeliveryCount">How many times the transport has delivered it, this time included (1 the first time).</param>
public sealed record ReceivedMessage(ReadOnlyMemory<byte> Body, string MessageId, int DeliveryCount);
