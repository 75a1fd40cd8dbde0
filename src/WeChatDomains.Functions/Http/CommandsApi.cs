using Azure.Messaging.ServiceBus;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Api;
using WeChatDomains.Functions.Commands;

namespace WeChatDomains.Functions.Http;

/// <summary>
/// <c>POST /api/commands</c>, <c>GET /api/commands</c>, <c>GET /api/commands/{commandId}</c> (function keys). A valid
/// submission is recorded Accepted by Core, enqueued with its SessionId through the app's sender (see
/// <see cref="CommandMessages"/>; the isolated <c>ServiceBusOutput</c> binding cannot set SessionId), then answered 202.
/// </summary>
public sealed class CommandsApi(ApiHandlers handlers, ServiceBusSender sender, ILogger<CommandsApi> logger)
{
    /// <summary>Validates, records and enqueues a command.</summary>
    [Function(FunctionNames.SubmitCommand)]
    public async Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Commands)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await HttpRequests.ReadBodyAsync(request, ApiRoutes.MaxCommandBodyBytes, cancellationToken);
        var submission = await handlers.SubmitAsync(body, cancellationToken);
        if (submission.ToEnqueue is { } command)
        {
            await sender.SendMessageAsync(CommandMessages.ForSubmission(command), cancellationToken);
            Log.Enqueued(logger, command.CommandId, command.SessionKey);
        }

        return new ApiActionResult(submission.Result);
    }

    /// <summary>Lists commands of an authorizer, or Failed/Deferred ones across authorizers.</summary>
    [Function(FunctionNames.ListCommands)]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Commands)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.ListCommandsAsync(HttpRequests.Query(request), cancellationToken));
    }

    /// <summary>One command with its attempts.</summary>
    [Function(FunctionNames.GetCommand)]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Command)] HttpRequest request,
        string commandId,
        CancellationToken cancellationToken) =>
        new ApiActionResult(await handlers.GetCommandAsync(commandId, cancellationToken));
}
