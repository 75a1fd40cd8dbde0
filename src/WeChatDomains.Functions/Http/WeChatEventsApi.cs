using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WeChatDomains.Core.Api;
using WeChatDomains.Functions.Seams;

namespace WeChatDomains.Functions.Http;

/// <summary>
/// <c>POST /api/wechat/events</c>: WeChat's push receiver. Anonymous (WeChat cannot send a function key); the receiver
/// trusts only a valid msg_signature.
/// </summary>
public sealed class WeChatEventsApi(IWeChatEventReceiver receiver)
{
    /// <summary>Receives one push.</summary>
    [Function(FunctionNames.ReceiveWeChatEvent)]
    public async Task<IActionResult> ReceiveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.WeChatEvents)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await HttpRequests.ReadBodyAsync(request, ApiRoutes.MaxEventBodyBytes, cancellationToken);
        if (body.Length > ApiRoutes.MaxEventBodyBytes)
        {
            return new ApiActionResult(ApiResult.Problem(413, "The push is too large."));
        }

        return new ApiActionResult(await receiver.ReceiveAsync(HttpRequests.Query(request), body, cancellationToken));
    }
}
