using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Sandbox.Tests.Contract;

public sealed class TokenContractTests(SandboxServer sandbox) : ContractTest(sandbox)
{
    [Fact]
    public async Task GetComponentTokenAsync_PushedTicket_ReturnsTokenThatWorks()
    {
        var ticket = await SandboxPushes.PushTicketAsync(Sandbox);
        var client = CreateSut();

        var result = await client.GetComponentTokenAsync(ComponentTokenRequest(ticket));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(TimeSpan.FromSeconds(7200), result.Value!.ExpiresIn);
        var get = await client.ModifyJumpDomainAsync(result.Value.AccessToken, new ModifyJumpDomainRequest(DomainAction.Get, null, null));
        Assert.Equal(WeChatErrorCode.Ok, get.ErrorCode);
        Assert.Equal(1L, (await Sandbox.GetCallsAsync())[WeChatApi.ComponentToken]);
    }

    [Fact]
    public async Task GetComponentTokenAsync_NoCurrentTicket_Answers61006()
    {
        var client = CreateSut();

        var result = await client.GetComponentTokenAsync(ComponentTokenRequest("ticket@@@never-pushed"));

        Assert.Equal(WeChatErrorCode.ComponentTicketInvalid, result.ErrorCode);
        Assert.Null(result.Value);
        Assert.Equal(WeChatTransportOutcome.Responded, result.Transport);
        Assert.Matches("rid: ", result.ErrorMessage);
        Assert.False(string.IsNullOrEmpty(result.Rid));
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_SeededRefreshToken_ReturnsTokenAndTheRefreshToken()
    {
        var client = CreateSut();

        var result = await client.GetAuthorizerTokenAsync(await ComponentTokenAsync(), AuthorizerTokenRequest(SandboxSeed.MiniProgramRefreshToken));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(SandboxSeed.MiniProgramRefreshToken, result.Value!.RefreshToken);
        Assert.Equal(TimeSpan.FromSeconds(7200), result.Value.ExpiresIn);
        Assert.Equal(WeChatErrorCode.Ok, (await client.ModifyDomainAsync(result.Value.AccessToken, Get())).ErrorCode);
        Assert.Equal(SandboxSeed.MiniProgramRefreshToken, (await Sandbox.GetAuthorizerAsync()).RefreshToken);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_WrongRefreshToken_Answers61023()
    {
        var client = CreateSut();

        var result = await client.GetAuthorizerTokenAsync(await ComponentTokenAsync(), AuthorizerTokenRequest("refreshtoken@@@stale"));

        Assert.Equal(WeChatErrorCode.InvalidRefreshToken, result.ErrorCode);
        Assert.Null(result.Value);
        Assert.Equal(SandboxSeed.MiniProgramRefreshToken, (await Sandbox.GetAuthorizerAsync()).RefreshToken);
    }

    [Fact]
    public async Task QueryAuthAsync_CodeFromAuthorizedPush_ReturnsAuthorizationInfoWithTokens()
    {
        var push = await SandboxPushes.AuthorizeAsync(Sandbox, SandboxSeed.MiniProgramAppId);
        Assert.Equal("authorized", SandboxPushes.Field(push, "InfoType"));
        var code = SandboxPushes.Field(push, "AuthorizationCode");
        var client = CreateSut();

        var result = await client.QueryAuthAsync(await ComponentTokenAsync(), new QueryAuthRequest(SandboxSeed.PlatformAppId, code));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        var info = result.Value!;
        Assert.Equal(SandboxSeed.MiniProgramAppId, info.AuthorizerAppId);
        Assert.Equal((await Sandbox.GetAuthorizerAsync()).RefreshToken, info.RefreshToken);
        Assert.Equal(TimeSpan.FromSeconds(7200), info.ExpiresIn);
        Assert.Contains(18, info.PermissionSetIds);
        Assert.Equal(WeChatErrorCode.Ok, (await client.ModifyDomainAsync(info.AccessToken, Get())).ErrorCode);
    }

    [Fact]
    public async Task QueryAuthAsync_CodeUsedTwice_Answers61009()
    {
        var code = SandboxPushes.Field(await SandboxPushes.AuthorizeAsync(Sandbox, SandboxSeed.MiniProgramAppId), "AuthorizationCode");
        var client = CreateSut();
        var token = await ComponentTokenAsync();
        await client.QueryAuthAsync(token, new QueryAuthRequest(SandboxSeed.PlatformAppId, code));

        var second = await client.QueryAuthAsync(token, new QueryAuthRequest(SandboxSeed.PlatformAppId, code));

        Assert.Equal(61009, second.ErrorCode.Value);
        Assert.Null(second.Value);
    }

    [Theory]
    [MemberData(nameof(TokenApis.All), MemberType = typeof(TokenApis))]
    public async Task AnyApi_WrongToken_Answers40001(string api)
    {
        var client = CreateSut();

        var errorCode = await TokenApis.CallAsync(client, api, new AccessToken("not-a-token"));

        Assert.Equal(WeChatErrorCode.InvalidCredential, errorCode);
        Assert.Equal(1L, (await Sandbox.GetCallsAsync())[api]);
    }

    [Theory]
    [MemberData(nameof(TokenApis.All), MemberType = typeof(TokenApis))]
    public async Task AnyApi_ExpiredToken_Answers42001(string api)
    {
        var client = CreateSut();
        var token = TokenApis.TakesComponentToken(api) ? await ComponentTokenAsync() : await AuthorizerTokenAsync();
        var fresh = await TokenApis.CallAsync(client, api, token);
        await Sandbox.AdvanceClockAsync(TimeSpan.FromSeconds(7201));

        var expired = await TokenApis.CallAsync(client, api, token);

        Assert.NotEqual(WeChatErrorCode.AccessTokenExpired, fresh);
        Assert.Equal(WeChatErrorCode.AccessTokenExpired, expired);
    }

    private static ComponentTokenRequest ComponentTokenRequest(string ticket) =>
        new(SandboxSeed.PlatformAppId, SandboxSeed.PlatformSecret, ticket);

    private static AuthorizerTokenRequest AuthorizerTokenRequest(string refreshToken) =>
        new(SandboxSeed.PlatformAppId, SandboxSeed.MiniProgramAppId, refreshToken);
}
