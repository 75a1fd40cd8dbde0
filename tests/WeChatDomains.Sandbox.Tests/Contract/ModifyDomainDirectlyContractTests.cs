using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Sandbox.Tests.Contract;

public sealed class ModifyDomainDirectlyContractTests(SandboxServer sandbox) : ContractTest(sandbox)
{
    private const string SpentAppId = "wx00000000000000d1";

    [Fact]
    public async Task ModifyDomainDirectlyAsync_SixListsOfFiledHosts_Answers0AndDirectListsHoldThem()
    {
        var client = CreateSut();
        var request = new ModifyDomainRequest(DomainAction.Add, new ServerDomains
        {
            RequestDomain = ["https://api.example.com"],
            WsRequestDomain = ["wss://ws.example.org"],
            UploadDomain = ["https://up.example.com"],
            DownloadDomain = ["https://dl.example.com"],
            UdpDomain = ["udp://game.example.com"],
            TcpDomain = ["tcp://chat.example.com"],
        });

        var result = await client.ModifyDomainDirectlyAsync(await AuthorizerTokenAsync(), request);

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(["udp://game.example.com"], result.Value!.UdpDomain!);
        Assert.Equal(["tcp://chat.example.com"], result.Value.TcpDomain!);
        var state = await Sandbox.GetAuthorizerAsync();
        var direct = state.Domains.Direct;
        Assert.Equal(["https://api.example.com"], direct.RequestDomain);
        Assert.Equal(["wss://ws.example.org"], direct.WsRequestDomain);
        Assert.Equal(["https://up.example.com"], direct.UploadDomain);
        Assert.Equal(["https://dl.example.com"], direct.DownloadDomain);
        Assert.Equal(["udp://game.example.com"], direct.UdpDomain);
        Assert.Equal(["tcp://chat.example.com"], direct.TcpDomain);
        Assert.Empty(state.Domains.Third.RequestDomain);
        Assert.Equal(1, state.ModificationsThisMonth);
    }

    [Theory]
    [InlineData("udp", "tcp://game.example.com")]
    [InlineData("tcp", "udp://chat.example.com")]
    [InlineData("request", "http://api.example.com")]
    public async Task ModifyDomainDirectlyAsync_WrongScheme_Answers86100AndChangesNothing(string list, string domain)
    {
        var client = CreateSut();
        var domains = list switch
        {
            "udp" => new ServerDomains { UdpDomain = [domain] },
            "tcp" => new ServerDomains { TcpDomain = [domain] },
            _ => new ServerDomains { RequestDomain = [domain] },
        };

        var result = await client.ModifyDomainDirectlyAsync(await AuthorizerTokenAsync(), new ModifyDomainRequest(DomainAction.Add, domains));

        Assert.Equal(WeChatErrorCode.InvalidUrlProtocol, result.ErrorCode);
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task ModifyDomainDirectlyAsync_WeChatApiHost_Answers86101AndChangesNothing()
    {
        var client = CreateSut();

        var result = await client.ModifyDomainDirectlyAsync(await AuthorizerTokenAsync(), AddRequest("https://api.weixin.qq.com"));

        Assert.Equal(WeChatErrorCode.WeChatApiDomainRefused, result.ErrorCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).Domains.Direct.RequestDomain);
    }

    [Fact]
    public async Task ModifyDomainDirectlyAsync_HostWithoutIcpFiling_Answers45082AndChangesNothing()
    {
        var client = CreateSut();

        var result = await client.ModifyDomainDirectlyAsync(
            await AuthorizerTokenAsync(SandboxSeed.NoIcpAppId), AddRequest("https://api.example.org", "https://api.example.com"));

        Assert.Equal(45082, result.ErrorCode.Value);
        Assert.Null(result.Value);
        var state = await Sandbox.GetAuthorizerAsync(SandboxSeed.NoIcpAppId);
        Assert.Empty(state.Domains.Direct.RequestDomain);
        Assert.Equal(0, state.ModificationsThisMonth);
    }

    [Fact]
    public async Task ModifyDomainDirectlyAsync_MoreThan200InAList_Answers85016AndChangesNothing()
    {
        var client = CreateSut();

        var result = await client.ModifyDomainDirectlyAsync(await AuthorizerTokenAsync(), AddRequest(Hosts(201, "https", "r")));

        Assert.Equal(WeChatErrorCode.DomainCountExceeded, result.ErrorCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).Domains.Direct.RequestDomain);
    }

    [Fact]
    public async Task ModifyDomainDirectlyAsync_51stInTheMonth_Answers86102AndChangesNothing()
    {
        await Sandbox.PutAuthorizerAsync(SpentAppId, new AuthorizerModel { IcpHosts = ["example.com"], ModificationsThisMonth = 50 });
        var client = CreateSut();

        var result = await client.ModifyDomainDirectlyAsync(await AuthorizerTokenAsync(SpentAppId), AddRequest("https://late.example.com"));

        Assert.Equal(WeChatErrorCode.MonthlyModificationsSpent, result.ErrorCode);
        var state = await Sandbox.GetAuthorizerAsync(SpentAppId);
        Assert.Empty(state.Domains.Direct.RequestDomain);
        Assert.Equal((50, 0L), (state.ModificationsThisMonth, state.AppliedModifications));
    }

    [Fact]
    public async Task ModifyDomainDirectlyAsync_Get_ReturnsTheSixLists()
    {
        var client = CreateSut();
        var token = await AuthorizerTokenAsync();
        await client.ModifyDomainDirectlyAsync(token, new ModifyDomainRequest(DomainAction.Add, new ServerDomains { TcpDomain = ["tcp://chat.example.com"] }));

        var result = await client.ModifyDomainDirectlyAsync(token, Get());

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(["tcp://chat.example.com"], result.Value!.TcpDomain!);
        Assert.Empty(result.Value.UdpDomain!);
        Assert.Equal(1, (await Sandbox.GetAuthorizerAsync()).ModificationsThisMonth);
    }
}
