using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Core.Profiles.Rollouts;

namespace WeChatDomains.Functions.Http;

/// <summary>The rollout routes of DESIGN section 10 (function keys): thin triggers over Core's <see cref="RolloutService"/>.</summary>
public sealed class RolloutsApi(RolloutService rollouts)
{
    /// <summary>Starts a rollout of a profile.</summary>
    [Function(FunctionNames.StartRollout)]
    public async Task<IActionResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ProfileRoutes.Rollouts)] HttpRequest request,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await HttpRequests.ReadBodyAsync(request, ProfileConstants.MaxProfileBytes, cancellationToken);
        return new ApiActionResult(await rollouts.StartAsync(name, body, cancellationToken));
    }

    /// <summary>Every rollout with its counts.</summary>
    [Function(FunctionNames.ListRollouts)]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ProfileRoutes.AllRollouts)] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ApiActionResult(await rollouts.ListAsync(cancellationToken));

    /// <summary>A rollout's progress.</summary>
    [Function(FunctionNames.GetRollout)]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ProfileRoutes.Rollout)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        new ApiActionResult(await rollouts.GetAsync(id, cancellationToken));

    /// <summary>Pause, resume or abort.</summary>
    [Function(FunctionNames.ControlRollout)]
    public async Task<IActionResult> ControlAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ProfileRoutes.RolloutControl)] HttpRequest request,
        string id,
        string verb,
        CancellationToken cancellationToken) =>
        new ApiActionResult(await rollouts.ControlAsync(id, verb, cancellationToken));
}
