using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Sandbox.Tests.Contract;

/// <summary>Every client method that carries a token, called with a harmless request, by api wire name.</summary>
internal static class TokenApis
{
    public static TheoryData<string> All =>
    [
        WeChatApi.ModifyDomain, WeChatApi.ModifyDomainDirectly, WeChatApi.SetWebviewDomain, WeChatApi.ModifyWxaJumpDomain,
        WeChatApi.GetEffectiveDomain, WeChatApi.GetEffectiveWebviewDomain, WeChatApi.AuthorizerToken, WeChatApi.QueryAuth,
    ];

    public static bool TakesComponentToken(string api) =>
        api is WeChatApi.ModifyWxaJumpDomain or WeChatApi.AuthorizerToken or WeChatApi.QueryAuth;

    public static async Task<WeChatErrorCode> CallAsync(IWeChatClient client, string api, AccessToken token) => api switch
    {
        WeChatApi.ModifyDomain => (await client.ModifyDomainAsync(token, new(DomainAction.Get, new ServerDomains()))).ErrorCode,
        WeChatApi.ModifyDomainDirectly => (await client.ModifyDomainDirectlyAsync(token, new(DomainAction.Get, new ServerDomains()))).ErrorCode,
        WeChatApi.SetWebviewDomain => (await client.SetWebviewDomainAsync(token, new(DomainAction.Get, null))).ErrorCode,
        WeChatApi.ModifyWxaJumpDomain => (await client.ModifyJumpDomainAsync(token, new(DomainAction.Get, null, null))).ErrorCode,
        WeChatApi.GetEffectiveDomain => (await client.GetEffectiveDomainAsync(token)).ErrorCode,
        WeChatApi.GetEffectiveWebviewDomain => (await client.GetEffectiveWebviewDomainAsync(token)).ErrorCode,
        WeChatApi.AuthorizerToken => (await client.GetAuthorizerTokenAsync(
            token, new(SandboxSeed.PlatformAppId, SandboxSeed.MiniProgramAppId, SandboxSeed.MiniProgramRefreshToken))).ErrorCode,
        WeChatApi.QueryAuth => (await client.QueryAuthAsync(token, new(SandboxSeed.PlatformAppId, "code@@@unknown"))).ErrorCode,
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, "Not a token-bearing api."),
    };
}
