using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WeChatDomains.Core.Api;

namespace WeChatDomains.Functions.Http;

/// <summary><c>GET /api/authorizers/{appid}</c> and <c>GET /api/health</c> (function keys).</summary>
public sealed class StatusApi(ApiHandlers handlers)
{
    /// <summary>One authorizer with the month's quota.</summary>
    [Function(FunctionNames.GetAuthorizer)]
    public async Task<IActionResult> GetAuthorizerAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Authorizer)] HttpRequest request,
        string appid,
        CancellationToken cancellationToken) =>
        new ApiActionResult(await handlers.GetAuthorizerAsync(appid, cancellationToken));

    /// <summary>Ticket age, token expiries, deferred and failed counts.</summary>
    [Function(FunctionNames.GetHealth)]
    public async Task<IActionResult> GetHealthAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ApiActionResult(await handlers.GetHealthAsync(cancellationToken));
}
