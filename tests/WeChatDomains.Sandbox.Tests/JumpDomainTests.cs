using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Tests.Support;
using WeChatDomains.Testing;

namespace WeChatDomains.Sandbox.Tests;

public sealed class JumpDomainTests(SandboxServer sandbox) : SandboxTest(sandbox)
{
    private const string Path = "/cgi-bin/component/modify_wxa_jump_domain";

    [Fact]
    public async Task Get_SeededPlatform_ReturnsBothListsSemicolonSeparated()
    {
        var answer = await CallAsComponentAsync(Path, new { action = "get" });

        Assert.Equal(0, answer.ErrCode);
        Assert.Equal("example.com;shop.example.com", answer.Text("published_wxa_jump_h5_domain"));
        Assert.Equal("example.com;shop.example.com", answer.Text("testing_wxa_jump_h5_domain"));
        Assert.False(answer.Has("invalid_wxa_jump_h5_domain"));
    }

    [Fact]
    public async Task Add_TestingOnly_LeavesPublishedAlone()
    {
        var answer = await CallAsComponentAsync(Path, new { action = "add", wxa_jump_h5_domain = "m.example.com", is_modify_published_together = false });

        Assert.Equal(0, answer.ErrCode);
        Assert.Equal("example.com;shop.example.com;m.example.com", answer.Text("testing_wxa_jump_h5_domain"));
        var platform = await Sandbox.GetPlatformAsync();
        Assert.Equal(["example.com", "shop.example.com", "m.example.com"], platform.JumpDomains.Testing);
        Assert.Equal(["example.com", "shop.example.com"], platform.JumpDomains.Published);
        Assert.Equal(1L, platform.AppliedModifications);
    }

    [Fact]
    public async Task Add_PublishedTogetherWithUnverifiedHost_AddsVerifiedAndReportsInvalid()
    {
        var answer = await CallAsComponentAsync(Path, new { action = "add", wxa_jump_h5_domain = "m.example.com;unverified.example.com", is_modify_published_together = true });

        Assert.Equal(0, answer.ErrCode);
        Assert.Equal("unverified.example.com", answer.Text("invalid_wxa_jump_h5_domain"));
        var platform = await Sandbox.GetPlatformAsync();
        Assert.Equal(["example.com", "shop.example.com", "m.example.com"], platform.JumpDomains.Published);
        Assert.DoesNotContain("unverified.example.com", platform.JumpDomains.Testing);
    }

    [Fact]
    public async Task Set_PlatformNotPublished_Answers61028()
    {
        var platform = await Sandbox.GetPlatformAsync();
        await Sandbox.PutPlatformAsync(new PlatformModel
        {
            AppId = platform.AppId, Secret = platform.Secret, Token = platform.Token, EncodingAesKey = platform.EncodingAesKey,
            Published = false, JumpDomains = platform.JumpDomains, VerifiedHosts = platform.VerifiedHosts,
        });

        var answer = await CallAsComponentAsync(Path, new { action = "set", wxa_jump_h5_domain = "example.com", is_modify_published_together = true });

        Assert.Equal(61028, answer.ErrCode);
        Assert.Equal(["example.com", "shop.example.com"], (await Sandbox.GetPlatformAsync()).JumpDomains.Testing);
    }

    [Fact]
    public async Task Add_Past200_Answers65316()
    {
        var hosts = Enumerable.Range(0, 199).Select(i => $"j{i}.example.com").ToArray();
        var platform = await Sandbox.GetPlatformAsync();
        await Sandbox.PutPlatformAsync(new PlatformModel
        {
            AppId = platform.AppId, Secret = platform.Secret, Token = platform.Token, EncodingAesKey = platform.EncodingAesKey,
            JumpDomains = platform.JumpDomains, VerifiedHosts = [.. platform.VerifiedHosts, .. hosts],
        });

        var answer = await CallAsComponentAsync(Path, new { action = "add", wxa_jump_h5_domain = string.Join(';', hosts) });

        Assert.Equal(65316, answer.ErrCode);
        Assert.Equal(2, (await Sandbox.GetPlatformAsync()).JumpDomains.Testing.Count);
    }

    [Fact]
    public async Task Modify_BadAction_Answers40052()
    {
        var answer = await CallAsComponentAsync(Path, new { action = "put", wxa_jump_h5_domain = "m.example.com" });

        Assert.Equal(40052, answer.ErrCode);
        Assert.Equal(0L, (await Sandbox.GetPlatformAsync()).AppliedModifications);
    }

    [Fact]
    public async Task Add_UrlInsteadOfBareHost_Answers9410016()
    {
        var answer = await CallAsComponentAsync(Path, new { action = "add", wxa_jump_h5_domain = "https://m.example.com/path" });

        Assert.Equal(9410016, answer.ErrCode);
        Assert.Equal(0L, (await Sandbox.GetPlatformAsync()).AppliedModifications);
    }

    [Fact]
    public async Task Get_WithAuthorizerToken_Answers40001()
    {
        var answer = await Http.PostWeChatAsync(Path, await Sandbox.MintAuthorizerTokenAsync(), new { action = "get" });

        Assert.Equal(40001, answer.ErrCode);
    }

    [Fact]
    public async Task Delete_PublishedTogether_RemovesFromBoth()
    {
        var answer = await CallAsComponentAsync(Path, new { action = "delete", wxa_jump_h5_domain = "shop.example.com", is_modify_published_together = true });

        Assert.Equal(0, answer.ErrCode);
        var platform = await Sandbox.GetPlatformAsync();
        Assert.Equal(["example.com"], platform.JumpDomains.Testing);
        Assert.Equal(["example.com"], platform.JumpDomains.Published);
    }
}
