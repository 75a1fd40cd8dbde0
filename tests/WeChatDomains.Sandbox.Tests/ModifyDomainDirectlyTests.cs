using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Sandbox.Tests.Support;
using WeChatDomains.Testing;

namespace WeChatDomains.Sandbox.Tests;

public sealed class ModifyDomainDirectlyTests(SandboxServer sandbox) : SandboxTest(sandbox)
{
    private const string Path = "/wxa/modify_domain_directly";

    [Fact]
    public async Task Add_SixListsOfFiledHosts_AppliesToDirectLists()
    {
        var answer = await CallAsync(Path, new
        {
            action = "add",
            requestdomain = new[] { "https://api.example.com" },
            wsrequestdomain = new[] { "wss://ws.example.org" },
            uploaddomain = new[] { "https://up.example.com" },
            downloaddomain = new[] { "https://dl.example.com" },
            udpdomain = new[] { "udp://game.example.com" },
            tcpdomain = new[] { "tcp://chat.example.com" },
        });

        Assert.Equal(0, answer.ErrCode);
        Assert.Equal(["udp://game.example.com"], answer.List("udpdomain"));
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Equal(["tcp://chat.example.com"], state.Domains.Direct.TcpDomain);
        Assert.Equal(["wss://ws.example.org"], state.Domains.Direct.WsRequestDomain);
        Assert.Empty(state.Domains.Third.RequestDomain);
        Assert.Equal((1, 1L), (state.ModificationsThisMonth, state.AppliedModifications));
    }

    [Theory]
    [InlineData("udpdomain", "tcp://game.example.com")]
    [InlineData("tcpdomain", "udp://chat.example.com")]
    [InlineData("requestdomain", "wss://api.example.com")]
    public async Task Add_WrongScheme_Answers86100(string list, string domain)
    {
        var answer = await CallAsync(Path, new Dictionary<string, object> { ["action"] = "add", [list] = new[] { domain } });

        Assert.Equal(86100, answer.ErrCode);
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task Add_WeChatApiHost_Answers86101()
    {
        var answer = await CallAsync(Path, new { action = "add", requestdomain = new[] { "https://api.weixin.qq.com" } });

        Assert.Equal(86101, answer.ErrCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).Domains.Direct.RequestDomain);
    }

    [Fact]
    public async Task Add_HostWithoutIcpFiling_Answers45082()
    {
        var answer = await CallAsAsync(SandboxSeed.NoIcpAppId, Path, new { action = "add", requestdomain = new[] { "https://api.example.org", "https://api.example.com" } });

        Assert.Equal(45082, answer.ErrCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync(SandboxSeed.NoIcpAppId)).Domains.Direct.RequestDomain);
    }

    [Fact]
    public async Task Add_SubdomainOfFiledHost_CountsAsFiled()
    {
        var answer = await CallAsAsync(SandboxSeed.NoIcpAppId, Path, new { action = "add", requestdomain = new[] { "https://a.b.example.org" } });

        Assert.Equal(0, answer.ErrCode);
        Assert.Equal(["https://a.b.example.org"], (await Sandbox.GetAuthorizerAsync(SandboxSeed.NoIcpAppId)).Domains.Direct.RequestDomain);
    }

    [Fact]
    public async Task Set_MoreThan1000InAll_Answers85016()
    {
        string[] Hosts(string scheme, string list) => [.. Enumerable.Range(0, 200).Select(i => $"{scheme}://{list}{i}.example.com")];
        var answer = await CallAsync(Path, new
        {
            action = "set",
            requestdomain = Hosts("https", "r"),
            wsrequestdomain = Hosts("wss", "w"),
            uploaddomain = Hosts("https", "u"),
            downloaddomain = Hosts("https", "d"),
            udpdomain = Hosts("udp", "p"),
            tcpdomain = new[] { "tcp://t.example.com" },
        });

        Assert.Equal(85016, answer.ErrCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).Domains.Direct.RequestDomain);
    }

    [Fact]
    public async Task Modify_51stInCstMonth_Answers86102UntilTheNextCstMonth()
    {
        // 2026-03-31 23:00 CST: an hour before April in China, 17 hours before April in UTC.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero));
        await using var sandbox = await SandboxServer.StartAsync(time);
        var token = await sandbox.MintAuthorizerTokenAsync();
        for (var i = 0; i < 50; i++)
        {
            var ok = await sandbox.Admin.PostWeChatAsync(Path, token, new { action = "add", requestdomain = new[] { $"https://n{i}.example.com" } });
            Assert.Equal(0, ok.ErrCode);
        }

        var refused = await sandbox.Admin.PostWeChatAsync(Path, token, new { action = "add", requestdomain = new[] { "https://late.example.com" } });
        var spent = await sandbox.GetAuthorizerAsync();
        await sandbox.AdvanceClockAsync(TimeSpan.FromHours(1));
        var nextMonth = await sandbox.Admin.PostWeChatAsync(Path, token, new { action = "add", requestdomain = new[] { "https://late.example.com" } });
        var after = await sandbox.GetAuthorizerAsync();

        Assert.Equal(86102, refused.ErrCode);
        Assert.Equal(50, spent.ModificationsThisMonth);
        Assert.DoesNotContain("https://late.example.com", spent.Domains.Direct.RequestDomain);
        Assert.Equal(0, nextMonth.ErrCode);
        Assert.Equal(1, after.ModificationsThisMonth);
        Assert.Equal(51L, after.AppliedModifications);
        Assert.Contains("https://late.example.com", after.Domains.Direct.RequestDomain);
    }

    [Fact]
    public async Task Add_NothingNew_AnswersOkWithoutCounting()
    {
        await CallAsync(Path, new { action = "add", requestdomain = new[] { "https://api.example.com" } });

        var again = await CallAsync(Path, new { action = "add", requestdomain = new[] { "https://api.example.com" } });

        Assert.Equal(0, again.ErrCode);
        Assert.Equal(1, (await Sandbox.GetAuthorizerAsync()).ModificationsThisMonth);
    }

    [Fact]
    public async Task Add_IndividualMiniProgramWithFiledHost_IsAllowed()
    {
        var answer = await CallAsAsync(SandboxSeed.IndividualAppId, Path, new { action = "add", requestdomain = new[] { "https://api.example.com" } });

        Assert.Equal(0, answer.ErrCode);
        Assert.Equal(["https://api.example.com"], (await Sandbox.GetAuthorizerAsync(SandboxSeed.IndividualAppId)).Domains.Direct.RequestDomain);
    }
}
