using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Apis;

/// <summary>api_component_token, api_authorizer_token and api_query_auth.</summary>
internal static class TokenApi
{
    public static WeChatReply ComponentToken(SandboxState state, ApiRequest<ComponentTokenBody> request)
    {
        var platform = state.Platform;
        var body = request.Body;
        if (!string.Equals(body.ComponentAppId, platform.AppId, StringComparison.Ordinal))
        {
            return WeChatReply.Error(WeChatErrors.InvalidAppId);
        }

        if (!string.Equals(body.ComponentAppSecret, platform.Secret, StringComparison.Ordinal))
        {
            return WeChatReply.Error(WeChatErrors.InvalidAppSecret);
        }

        if (!state.Grants.IsCurrentTicket(body.ComponentVerifyTicket, request.Now))
        {
            return WeChatReply.Error(WeChatErrors.InvalidTicket);
        }

        return WeChatReply.Ok()
            .With("component_access_token", state.Tokens.Issue(TokenKind.Component, platform.AppId, request.Now))
            .With("expires_in", state.Tokens.LifetimeSeconds);
    }

    public static WeChatReply AuthorizerToken(SandboxState state, ApiRequest<AuthorizerTokenBody> request)
    {
        var body = request.Body;
        if (!string.Equals(body.ComponentAppId, state.Platform.AppId, StringComparison.Ordinal))
        {
            return WeChatReply.Error(WeChatErrors.InvalidAppId);
        }

        if (body.AuthorizerAppId is null || !state.Authorizers.TryGetValue(body.AuthorizerAppId, out var authorizer) || !authorizer.Authorized)
        {
            return WeChatReply.Error(WeChatErrors.ComponentNotAuthorized);
        }

        if (!string.Equals(body.AuthorizerRefreshToken, authorizer.RefreshToken, StringComparison.Ordinal))
        {
            return WeChatReply.Error(WeChatErrors.InvalidRefreshToken);
        }

        return WeChatReply.Ok()
            .With("authorizer_access_token", state.Tokens.Issue(TokenKind.Authorizer, authorizer.AppId, request.Now))
            .With("expires_in", state.Tokens.LifetimeSeconds)
            .With("authorizer_refresh_token", authorizer.RefreshToken);
    }

    public static WeChatReply QueryAuth(SandboxState state, ApiRequest<QueryAuthBody> request)
    {
        var body = request.Body;
        if (!string.Equals(body.ComponentAppId, state.Platform.AppId, StringComparison.Ordinal))
        {
            return WeChatReply.Error(WeChatErrors.InvalidAppId);
        }

        var appId = state.Grants.RedeemCode(body.AuthorizationCode, request.Now, out var expired);
        if (appId is null || !state.Authorizers.TryGetValue(appId, out var authorizer))
        {
            return WeChatReply.Error(expired ? WeChatErrors.CodeExpired : WeChatErrors.InvalidCode);
        }

        var info = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["authorizer_appid"] = authorizer.AppId,
            ["authorizer_access_token"] = state.Tokens.Issue(TokenKind.Authorizer, authorizer.AppId, request.Now),
            ["expires_in"] = state.Tokens.LifetimeSeconds,
            ["authorizer_refresh_token"] = authorizer.RefreshToken,
            ["func_info"] = new[]
            {
                new Dictionary<string, object> { ["funcscope_category"] = new Dictionary<string, int> { ["id"] = SandboxConstants.DomainPermissionSet } },
            },
        };
        return WeChatReply.Ok().With("authorization_info", info);
    }
}
