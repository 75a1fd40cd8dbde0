using System.Text;
using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Core.Processing;

/// <summary>A command message to put on the queue (a new submission, or a due Deferred command released).</summary>
/// <param name="CommandId">The command.</param>
/// <param name="SessionKey">The authorizer appid, or <c>component</c> (the Service Bus SessionId).</param>
/// <param name="Body">The command message as it was received.</param>
public sealed record OutboundCommand(string CommandId, string SessionKey, ReadOnlyMemory<byte> Body);

/// <summary>
/// What the release timer calls: finds Deferred commands woken by the timer whose time has come and hands them back to
/// the queue. It changes no record: the claim does, when the message arrives. Releasing the same command twice (two
/// instances, or a timer run before the first copy was taken) only yields a duplicate message, which the claim turns
/// into a no-op; so it is idempotent by construction.
/// </summary>
public sealed class DeferredRelease(ICommandStore store, TimeProvider time, ILogger<DeferredRelease> logger)
{
    /// <summary>Most commands released in one run.</summary>
    public const int DefaultBatch = 500;

    /// <summary>The due commands, as messages to send (the Functions host returns them through its output binding).</summary>
    public async Task<IReadOnlyList<OutboundCommand>> FindDueAsync(int max = DefaultBatch, CancellationToken cancellationToken = default)
    {
        var due = await store.ListDueAsync(time.GetUtcNow(), max, cancellationToken);
        return due
            .Where(record => record.Body is not null)
            .Select(record => new OutboundCommand(
                record.CommandId,
                record.AuthorizerAppId ?? ProcessingConstants.ComponentKey,
                Encoding.UTF8.GetBytes(record.Body!)))
            .ToList();
    }

    /// <summary>Finds the due commands and enqueues them through <paramref name="sender"/> (the self-host's path).</summary>
    public async Task<int> ReleaseDueAsync(ICommandSender sender, int max = DefaultBatch, CancellationToken cancellationToken = default)
    {
        var due = await FindDueAsync(max, cancellationToken);
        foreach (var command in due)
        {
            await sender.EnqueueAsync(command.CommandId, command.SessionKey, command.Body, null, cancellationToken);
        }

        if (due.Count > 0)
        {
            Log.Released(logger, due.Count);
        }

        return due.Count;
    }
}
