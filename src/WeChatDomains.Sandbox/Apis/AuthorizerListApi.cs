using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Apis;

/// <summary>
/// <c>api_get_authorizer_list</c>: the authorizers that have not withdrawn their authorization, in appid order, from
/// <c>offset</c>, at most <c>count</c> (1-500) a page, each with its current refresh token and <c>auth_time</c>.
/// A count outside 1-500 answers 40097 (invalid args; WeChat's exact code for it was not confirmed).
/// </summary>
internal static class AuthorizerListApi
{
    public static WeChatReply Handle(SandboxState state, ApiRequest<AuthorizerListBody> request)
    {
        var body = request.Body;
        if (!string.Equals(body.ComponentAppId, state.Platform.AppId, StringComparison.Ordinal))
        {
            return WeChatReply.Error(WeChatErrors.InvalidAppId);
        }

        if (body.Offset is not { } offset || offset < 0 || body.Count is not { } count || count < 1 || count > SandboxConstants.AuthorizerListMaxCount)
        {
            return WeChatReply.Error(WeChatErrors.InvalidArgs, $"offset >= 0 and count 1-{SandboxConstants.AuthorizerListMaxCount} are required");
        }

        var authorized = state.Authorizers.Values.Where(a => a.Authorized).OrderBy(a => a.AppId, StringComparer.Ordinal).ToList();
        var page = authorized.Skip(offset).Take(count).Select(a => new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["authorizer_appid"] = a.AppId,
            ["refresh_token"] = a.RefreshToken,
            ["auth_time"] = a.AuthorizedAt?.ToUnixTimeSeconds() ?? 0,
        }).ToList();
        return WeChatReply.Ok().With("total_count", authorized.Count).With("list", page);
    }
}
