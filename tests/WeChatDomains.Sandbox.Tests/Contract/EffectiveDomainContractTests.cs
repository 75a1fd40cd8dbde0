using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Sandbox.Tests.Contract;

public sealed class EffectiveDomainContractTests(SandboxServer sandbox) : ContractTest(sandbox)
{
    [Fact]
    public async Task GetEffectiveDomainAsync_EverySource_MapsTheFourViews()
    {
        var client = CreateSut();
        var token = await AuthorizerTokenAsync();
        await client.ModifyDomainAsync(token, AddRequest("https://api.example.com"));
        await client.ModifyDomainDirectlyAsync(token, new ModifyDomainRequest(DomainAction.Add, new ServerDomains
        {
            RequestDomain = ["https://direct.example.com", "https://api.example.com"],
            UdpDomain = ["udp://game.example.com"],
        }));

        var result = await client.GetEffectiveDomainAsync(token);

        Assert.True(result.IsSuccess, result.ErrorMessage);
        var views = result.Value!;
        var state = (await Sandbox.GetAuthorizerAsync()).Domains;
        Assert.Equal(["https://legacy.example.com"], views.Mp.RequestDomain!);
        Assert.Equal(state.Mp.RequestDomain, views.Mp.RequestDomain!);
        Assert.Equal(state.Third.RequestDomain, views.Third.RequestDomain!);
        Assert.Equal(state.Direct.RequestDomain, views.Direct.RequestDomain!);
        Assert.Equal(["udp://game.example.com"], views.Direct.UdpDomain!);
        Assert.Equal(
            ["https://legacy.example.com", "https://api.example.com", "https://direct.example.com"], views.Effective.RequestDomain!);
        Assert.Equal(["udp://game.example.com"], views.Effective.UdpDomain!);
        Assert.Empty(views.Effective.TcpDomain!);
    }

    [Fact]
    public async Task GetEffectiveWebviewDomainAsync_MpAndThird_MapsTheFourViews()
    {
        var client = CreateSut();
        var token = await AuthorizerTokenAsync();
        await client.SetWebviewDomainAsync(token, new SetWebviewDomainRequest(DomainAction.Add, ["https://m.example.com", "https://www.example.com"]));

        var result = await client.GetEffectiveWebviewDomainAsync(token);

        Assert.True(result.IsSuccess, result.ErrorMessage);
        var views = result.Value!;
        var state = (await Sandbox.GetAuthorizerAsync()).WebviewDomains;
        Assert.Equal(["https://www.example.com"], views.Mp);
        Assert.Equal(state.Third, views.Third);
        Assert.Equal(["https://m.example.com", "https://www.example.com"], views.Third);
        Assert.Empty(views.Direct);
        Assert.Equal(["https://www.example.com", "https://m.example.com"], views.Effective);
    }
}
