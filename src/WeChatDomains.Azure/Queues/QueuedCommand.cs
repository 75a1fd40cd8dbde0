namespace WeChatDomains.Azure.Queues;

/// <summary>A command message received from the Storage Queue and leased to this receiver until it is settled.</summary>
/// <param name="MessageId">The queue's message id.</param>
/// <param name="PopReceipt">The receipt of this lease (needed to delete or update the message).</param>
/// <param name="Body">The command JSON (UTF-8), decoded from the message's Base64 text.</param>
/// <param name="DequeueCount">How many times the queue has handed it out, this time included: the delivery count.</param>
public sealed record QueuedCommand(string MessageId, string PopReceipt, ReadOnlyMemory<byte> Body, int DequeueCount);
