using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Tests.Support;
using WeChatDomains.Testing;

namespace WeChatDomains.Sandbox.Tests;

public sealed class ModifyDomainTests(SandboxServer sandbox) : SandboxTest(sandbox)
{
    private const string Path = "/wxa/modify_domain";

    [Fact]
    public async Task Add_RegisteredDomains_AppliesToThirdListsAndCountsTheMonth()
    {
        var answer = await CallAsync(Path, new
        {
            action = "add",
            requestdomain = new[] { "https://api.example.com", "https://API.example.com/" },
            wsrequestdomain = new[] { "wss://ws.example.com" },
            uploaddomain = new[] { "https://upload.example.com" },
            downloaddomain = new[] { "https://download.example.com" },
        });

        Assert.Equal(0, answer.ErrCode);
        Assert.Equal(["https://api.example.com"], answer.List("requestdomain"));
        Assert.Equal(["wss://ws.example.com"], answer.List("wsrequestdomain"));
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Equal(["https://api.example.com"], state.Domains.Third.RequestDomain);
        Assert.Equal(["https://download.example.com"], state.Domains.Third.DownloadDomain);
        Assert.Equal((1, 1L), (state.ModificationsThisMonth, state.AppliedModifications));
    }

    [Fact]
    public async Task Add_DomainNotRegisteredOnPlatform_Answers85018AndChangesNothing()
    {
        var answer = await CallAsync(Path, new { action = "add", requestdomain = new[] { "https://api.example.com", "https://other.example.net" } });

        Assert.Equal(85018, answer.ErrCode);
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Empty(state.Domains.Third.RequestDomain);
        Assert.Equal((0, 0L), (state.ModificationsThisMonth, state.AppliedModifications));
    }

    [Fact]
    public async Task Add_AlreadyPresent_Answers85017AndDoesNotCount()
    {
        await CallAsync(Path, new { action = "add", requestdomain = new[] { "https://api.example.com" } });

        var answer = await CallAsync(Path, new { action = "add", requestdomain = new[] { "https://api.example.com" } });

        Assert.Equal(85017, answer.ErrCode);
        Assert.Equal(1, (await Sandbox.GetAuthorizerAsync()).ModificationsThisMonth);
    }

    [Fact]
    public async Task Delete_AbsentDomain_Answers85017()
    {
        var answer = await CallAsync(Path, new { action = "delete", requestdomain = new[] { "https://api.example.com" } });

        Assert.Equal(85017, answer.ErrCode);
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task SetThenDeleteThenGet_KeepsListsInStep()
    {
        await CallAsync(Path, new { action = "set", requestdomain = new[] { "https://api.example.com", "https://img.example.com" }, downloaddomain = new[] { "https://download.example.com" } });
        var delete = await CallAsync(Path, new { action = "delete", requestdomain = new[] { "https://img.example.com" } });

        var get = await CallAsync(Path, new { action = "get" });

        Assert.Equal(0, delete.ErrCode);
        Assert.Equal(["https://api.example.com"], get.List("requestdomain"));
        Assert.Equal(["https://download.example.com"], get.List("downloaddomain"));
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Equal(["https://api.example.com"], state.Domains.Third.RequestDomain);
        Assert.Equal(2, state.ModificationsThisMonth);
    }

    [Theory]
    [InlineData("requestdomain", "http://api.example.com")]
    [InlineData("wsrequestdomain", "https://ws.example.com")]
    [InlineData("uploaddomain", "wss://upload.example.com")]
    [InlineData("downloaddomain", "download.example.com")]
    public async Task Add_WrongScheme_Answers86100(string list, string domain)
    {
        var answer = await CallAsync(Path, new Dictionary<string, object> { ["action"] = "add", [list] = new[] { domain } });

        Assert.Equal(86100, answer.ErrCode);
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task Add_NotAMiniProgram_Answers85015()
    {
        await Sandbox.PutAuthorizerAsync("wx00000000000000aa", new AuthorizerModel { IsMiniProgram = false });

        var answer = await CallAsAsync("wx00000000000000aa", Path, new { action = "add", requestdomain = new[] { "https://api.example.com" } });

        Assert.Equal(85015, answer.ErrCode);
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync("wx00000000000000aa")).AppliedModifications);
    }

    [Fact]
    public async Task Add_MoreThan200InAList_Answers85016()
    {
        var hosts = Enumerable.Range(0, 201).Select(i => $"https://h{i}.example.com").ToArray();
        var platform = await Sandbox.GetPlatformAsync();
        await Sandbox.PutPlatformAsync(new PlatformModel
        {
            AppId = platform.AppId, Secret = platform.Secret, Token = platform.Token, EncodingAesKey = platform.EncodingAesKey,
            ServerDomains = hosts, JumpDomains = platform.JumpDomains, VerifiedHosts = platform.VerifiedHosts,
        });

        var answer = await CallAsync(Path, new { action = "add", requestdomain = hosts });

        Assert.Equal(85016, answer.ErrCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).Domains.Third.RequestDomain);
    }

    [Fact]
    public async Task Add_MonthSpentByDirectModifications_Answers86102()
    {
        await Sandbox.PutAuthorizerAsync("wx00000000000000bb", new AuthorizerModel { ModificationsThisMonth = 50 });

        var answer = await CallAsAsync("wx00000000000000bb", Path, new { action = "add", requestdomain = new[] { "https://api.example.com" } });

        Assert.Equal(86102, answer.ErrCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync("wx00000000000000bb")).Domains.Third.RequestDomain);
    }

    [Fact]
    public async Task Modify_BadAction_Answers40052()
    {
        var answer = await CallAsync(Path, new { action = "replace", requestdomain = new[] { "https://api.example.com" } });

        Assert.Equal(40052, answer.ErrCode);
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }
}
