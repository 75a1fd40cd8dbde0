using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Sandbox.Tests.Contract;

public sealed class WebviewDomainContractTests(SandboxServer sandbox) : ContractTest(sandbox)
{
    [Fact]
    public async Task SetWebviewDomainAsync_NoAction_AddsEveryPlatformBusinessDomain()
    {
        var client = CreateSut();

        var result = await client.SetWebviewDomainAsync(await AuthorizerTokenAsync(), new SetWebviewDomainRequest(null, null));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        string[] expected = ["https://example.com", "https://shop.example.com"];
        Assert.Equal(expected, result.Value!.WebviewDomain);
        Assert.Equal(expected, (await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third);
    }

    [Fact]
    public async Task SetWebviewDomainAsync_PlatformWithoutBusinessDomains_Answers89020()
    {
        await ChangePlatformAsync(jumpDomains: new JumpDomainsModel());
        var client = CreateSut();

        var result = await client.SetWebviewDomainAsync(await AuthorizerTokenAsync(), new SetWebviewDomainRequest(null, null));

        Assert.Equal(WeChatErrorCode.PlatformWebviewDomainEmpty, result.ErrorCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third);
    }

    [Fact]
    public async Task SetWebviewDomainAsync_ForeignHost_Answers89021AndChangesNothing()
    {
        var client = CreateSut();

        var result = await client.SetWebviewDomainAsync(await AuthorizerTokenAsync(), Add("https://m.example.com", "https://evil.example.net"));

        Assert.Equal(WeChatErrorCode.NotPlatformWebviewDomain, result.ErrorCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third);
    }

    [Fact]
    public async Task SetWebviewDomainAsync_SubdomainOfBusinessDomain_IsAccepted()
    {
        var client = CreateSut();

        var result = await client.SetWebviewDomainAsync(await AuthorizerTokenAsync(), Add("https://m.shop.example.com"));

        Assert.Equal(WeChatErrorCode.Ok, result.ErrorCode);
        Assert.Equal(["https://m.shop.example.com"], result.Value!.WebviewDomain);
        Assert.Equal(["https://m.shop.example.com"], (await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third);
    }

    [Fact]
    public async Task SetWebviewDomainAsync_NothingChanges_Answers89019()
    {
        var client = CreateSut();
        var token = await AuthorizerTokenAsync();
        await client.SetWebviewDomainAsync(token, Add("https://m.example.com"));

        var result = await client.SetWebviewDomainAsync(token, Add("https://m.example.com"));

        Assert.Equal(WeChatErrorCode.WebviewDomainNotChanged, result.ErrorCode);
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Equal(["https://m.example.com"], state.WebviewDomains.Third);
        Assert.Equal(1L, state.AppliedModificationsByApi[WeChatApi.SetWebviewDomain]);
    }

    [Fact]
    public async Task SetWebviewDomainAsync_MoreThan100_Answers89029AndChangesNothing()
    {
        var client = CreateSut();

        var result = await client.SetWebviewDomainAsync(await AuthorizerTokenAsync(), Add(Hosts(101, "https", "w")));

        Assert.Equal(WeChatErrorCode.WebviewDomainCountExceeded, result.ErrorCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third);
    }

    [Fact]
    public async Task SetWebviewDomainAsync_IndividualMiniProgram_Answers89231()
    {
        var client = CreateSut();

        var result = await client.SetWebviewDomainAsync(await AuthorizerTokenAsync(SandboxSeed.IndividualAppId), Add("https://m.example.com"));

        Assert.Equal(WeChatErrorCode.IndividualNotSupported, result.ErrorCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync(SandboxSeed.IndividualAppId)).WebviewDomains.Third);
    }

    [Fact]
    public async Task SetWebviewDomainAsync_Get_ReturnsTheThirdList()
    {
        var client = CreateSut();
        var token = await AuthorizerTokenAsync();
        await client.SetWebviewDomainAsync(token, Add("https://m.example.com", "https://pay.example.com"));

        var result = await client.SetWebviewDomainAsync(token, new SetWebviewDomainRequest(DomainAction.Get, null));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal((await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third, result.Value!.WebviewDomain);
        Assert.Equal(2, result.Value.WebviewDomain.Count);
    }

    private static SetWebviewDomainRequest Add(params string[] domains) => new(DomainAction.Add, domains);
}
