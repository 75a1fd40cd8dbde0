using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Tests.Support;
using WeChatDomains.Testing;

namespace WeChatDomains.Sandbox.Tests;

public sealed class WebviewDomainTests(SandboxServer sandbox) : SandboxTest(sandbox)
{
    private const string Path = "/wxa/setwebviewdomain";

    [Fact]
    public async Task NoAction_AddsEveryPlatformBusinessDomain()
    {
        var answer = await CallAsync(Path, new { });

        Assert.Equal(0, answer.ErrCode);
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Equal(["https://example.com", "https://shop.example.com"], state.WebviewDomains.Third);
        Assert.Equal(1L, state.AppliedModifications);
        Assert.Equal(0, state.ModificationsThisMonth);
    }

    [Fact]
    public async Task Add_SubdomainOfBusinessDomain_IsAccepted()
    {
        var answer = await CallAsync(Path, new { action = "add", webviewdomain = new[] { "https://m.shop.example.com" } });

        Assert.Equal(0, answer.ErrCode);
        Assert.Equal(["https://m.shop.example.com"], (await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third);
    }

    [Fact]
    public async Task Add_HostOutsideBusinessDomains_Answers89021()
    {
        var answer = await CallAsync(Path, new { action = "add", webviewdomain = new[] { "https://example.com", "https://evil.example.net" } });

        Assert.Equal(89021, answer.ErrCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third);
    }

    [Fact]
    public async Task Add_PlatformWithoutBusinessDomains_Answers89020()
    {
        var platform = await Sandbox.GetPlatformAsync();
        await Sandbox.PutPlatformAsync(new PlatformModel
        {
            AppId = platform.AppId, Secret = platform.Secret, Token = platform.Token, EncodingAesKey = platform.EncodingAesKey,
            ServerDomains = platform.ServerDomains,
        });

        var answer = await CallAsync(Path, new { action = "add", webviewdomain = new[] { "https://example.com" } });

        Assert.Equal(89020, answer.ErrCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third);
    }

    [Fact]
    public async Task Set_SameDomains_Answers89019()
    {
        await CallAsync(Path, new { action = "set", webviewdomain = new[] { "https://example.com" } });

        var answer = await CallAsync(Path, new { action = "set", webviewdomain = new[] { "https://example.com" } });

        Assert.Equal(89019, answer.ErrCode);
        Assert.Equal(1L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task Add_MoreThan100_Answers89029()
    {
        var domains = Enumerable.Range(0, 101).Select(i => $"https://w{i}.example.com").ToArray();

        var answer = await CallAsync(Path, new { action = "add", webviewdomain = domains });

        Assert.Equal(89029, answer.ErrCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third);
    }

    [Fact]
    public async Task Add_IndividualMiniProgram_Answers89231()
    {
        var answer = await CallAsAsync(SandboxSeed.IndividualAppId, Path, new { action = "add", webviewdomain = new[] { "https://example.com" } });

        Assert.Equal(89231, answer.ErrCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync(SandboxSeed.IndividualAppId)).WebviewDomains.Third);
    }

    [Fact]
    public async Task Delete_DomainNotThere_Answers89022()
    {
        await CallAsync(Path, new { action = "add", webviewdomain = new[] { "https://example.com" } });

        var answer = await CallAsync(Path, new { action = "delete", webviewdomain = new[] { "https://shop.example.com" } });

        Assert.Equal(89022, answer.ErrCode);
        Assert.Equal(["https://example.com"], (await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third);
    }

    [Fact]
    public async Task Delete_DomainThere_RemovesItAndGetShowsTheRest()
    {
        await CallAsync(Path, new { });

        var delete = await CallAsync(Path, new { action = "delete", webviewdomain = new[] { "https://shop.example.com" } });
        var get = await CallAsync(Path, new { action = "get" });

        Assert.Equal(0, delete.ErrCode);
        Assert.Equal(["https://example.com"], get.List("webviewdomain"));
        Assert.Equal(2L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task Add_HttpScheme_Answers86100()
    {
        var answer = await CallAsync(Path, new { action = "add", webviewdomain = new[] { "http://example.com" } });

        Assert.Equal(86100, answer.ErrCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third);
    }

    [Fact]
    public async Task Add_BadAction_Answers40052()
    {
        var answer = await CallAsync(Path, new { action = "append", webviewdomain = new[] { "https://example.com" } });

        Assert.Equal(40052, answer.ErrCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third);
    }
}
