using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WeChatDomains.Core.Profiles;

namespace WeChatDomains.Functions.Http;

/// <summary>The profile routes of DESIGN section 10 (function keys): thin triggers over Core's <see cref="ProfileHandlers"/>.</summary>
public sealed class ProfilesApi(ProfileHandlers handlers)
{
    /// <summary>Every profile.</summary>
    [Function(FunctionNames.ListProfiles)]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ProfileRoutes.Profiles)] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ApiActionResult(await handlers.ListAsync(cancellationToken));

    /// <summary>Validates a profile and stores its next version.</summary>
    [Function(FunctionNames.PutProfile)]
    public async Task<IActionResult> PutAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = ProfileRoutes.Profile)] HttpRequest request,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await HttpRequests.ReadBodyAsync(request, ProfileConstants.MaxProfileBytes, cancellationToken);
        return new ApiActionResult(await handlers.PutAsync(name, body, cancellationToken));
    }

    /// <summary>The current version of a profile.</summary>
    [Function(FunctionNames.GetProfile)]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ProfileRoutes.Profile)] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        new ApiActionResult(await handlers.GetAsync(name, cancellationToken));

    /// <summary>The plan of a profile over its fleet; changes nothing.</summary>
    [Function(FunctionNames.PlanProfile)]
    public async Task<IActionResult> PlanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ProfileRoutes.Plan)] HttpRequest request,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ApiActionResult(await handlers.PlanAsync(name, HttpRequests.Query(request), cancellationToken));
    }

    /// <summary>Assigns a profile to an authorizer.</summary>
    [Function(FunctionNames.AssignProfile)]
    public async Task<IActionResult> AssignAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = ProfileRoutes.Assignment)] HttpRequest request,
        string appid,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await HttpRequests.ReadBodyAsync(request, ProfileConstants.MaxProfileBytes, cancellationToken);
        return new ApiActionResult(await handlers.AssignAsync(appid, body, cancellationToken));
    }
}
