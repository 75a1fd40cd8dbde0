using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Processing;
using WeChatDomains.Functions.Commands;

namespace WeChatDomains.Functions.Timers;

/// <summary>
/// Puts due Deferred commands back on the commands queue, each with its SessionId (authorizer appid or
/// <c>component</c>). It sends through the app's <see cref="ServiceBusSender"/>, not a <c>ServiceBusOutput</c> binding:
/// the isolated worker's output binding cannot set SessionId, which a session-aware queue requires (docs/functions.md).
/// Releasing twice is harmless: the copies share a MessageId within the minute, and the claim makes any duplicate a no-op.
/// </summary>
public sealed class ReleaseDeferredCommands(DeferredRelease release, ServiceBusSender sender, TimeProvider time, ILogger<ReleaseDeferredCommands> logger)
{
    /// <summary>The timer trigger.</summary>
    [Function(FunctionNames.ReleaseDeferredCommands)]
    public async Task RunAsync([TimerTrigger(FunctionsConstants.ReleaseDeferredSchedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var runAt = time.GetUtcNow();
        var due = await release.FindDueAsync(cancellationToken: cancellationToken);
        foreach (var command in due)
        {
            await sender.SendMessageAsync(CommandMessages.ForRelease(command, runAt), cancellationToken);
        }

        if (due.Count > 0)
        {
            Log.Released(logger, due.Count);
        }
    }
}
