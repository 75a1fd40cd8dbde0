namespace WeChatDomains.Core.Push;

/// <summary>Told by the push receiver once an <c>authorized</c> or <c>updateauthorized</c> push has been recorded.</summary>
public interface IAuthorizationHook
{
    /// <summary>
    /// Called after the authorizer's tokens and registry entry are stored. It must be idempotent: WeChat pushes again
    /// when the answer is late, and a throw here makes the receiver answer 503 so WeChat does.
    /// </summary>
    Task OnAuthorizedAsync(string authorizerAppId, string infoType, CancellationToken cancellationToken);
}
