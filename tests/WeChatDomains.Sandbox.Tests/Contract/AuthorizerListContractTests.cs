using System.Net.Http.Json;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Sandbox.Tests.Contract;

public sealed class AuthorizerListContractTests(SandboxServer sandbox) : ContractTest(sandbox)
{
    [Fact]
    public async Task GetAuthorizerListAsync_TwoPerPage_Issue18_ListsEveryAuthorizerWithItsRefreshToken()
    {
        var client = CreateSut();
        var token = await ComponentTokenAsync();

        var first = await client.GetAuthorizerListAsync(token, new AuthorizerListRequest(SandboxSeed.PlatformAppId, 0, 2));
        var second = await client.GetAuthorizerListAsync(token, new AuthorizerListRequest(SandboxSeed.PlatformAppId, 2, 2));

        Assert.True(first.IsSuccess, first.ErrorMessage);
        Assert.Equal(3, first.Value!.TotalCount);
        var listed = first.Value.Authorizers.Concat(second.Value!.Authorizers).ToDictionary(a => a.AuthorizerAppId, a => a.RefreshToken);
        Assert.Equal(SandboxSeed.AuthorizerAppIds.Order(StringComparer.Ordinal), listed.Keys);
        Assert.Equal(SandboxSeed.MiniProgramRefreshToken, listed[SandboxSeed.MiniProgramAppId]);
    }

    [Fact]
    public async Task Unauthorize_Issue18_PushesUnauthorizedAndWeChatNoLongerListsNorRefreshesIt()
    {
        await using var recorder = await SandboxPushRecorder.StartAsync();
        var client = CreateSut();
        var token = await ComponentTokenAsync();

        using (var response = await Sandbox.Admin.PostAsJsonAsync(
            $"sandbox/authorizers/{SandboxSeed.MiniProgramAppId}/unauthorize", new PushRequest(recorder.Url.ToString())))
        {
            response.EnsureSuccessStatusCode();
        }

        var list = await client.GetAuthorizerListAsync(token, new AuthorizerListRequest(SandboxSeed.PlatformAppId, 0, 500));
        var refresh = await client.GetAuthorizerTokenAsync(token,
            new AuthorizerTokenRequest(SandboxSeed.PlatformAppId, SandboxSeed.MiniProgramAppId, SandboxSeed.MiniProgramRefreshToken));
        Assert.Single(recorder.Pushes);
        Assert.Equal(2, list.Value!.TotalCount);
        Assert.DoesNotContain(list.Value.Authorizers, a => a.AuthorizerAppId == SandboxSeed.MiniProgramAppId);
        Assert.Equal(61003, refresh.ErrorCode.Value);
    }

    [Fact]
    public async Task ResendPush_Issue18_SendsTheKeptPushAgainByteForByte()
    {
        await using var recorder = await SandboxPushRecorder.StartAsync();
        await SandboxPushes.AuthorizeAsync(Sandbox, SandboxSeed.MiniProgramAppId);
        var kept = await Sandbox.Admin.GetFromJsonAsync<PushModel[]>("sandbox/pushes");
        var authorized = Assert.Single(kept!);

        using (var response = await Sandbox.Admin.PostAsJsonAsync($"sandbox/pushes/{authorized.Id}/resend", new PushRequest(recorder.Url.ToString())))
        {
            response.EnsureSuccessStatusCode();
        }

        using (var response = await Sandbox.Admin.PostAsJsonAsync($"sandbox/pushes/{authorized.Id}/resend", new PushRequest(recorder.Url.ToString())))
        {
            response.EnsureSuccessStatusCode();
        }

        Assert.Equal("authorized", authorized.InfoType);
        Assert.Equal(2, recorder.Pushes.Count);
        Assert.Equal(recorder.Pushes[0].Body, recorder.Pushes[1].Body);
        Assert.Equal(recorder.Pushes[0].Query, recorder.Pushes[1].Query);
    }
}
