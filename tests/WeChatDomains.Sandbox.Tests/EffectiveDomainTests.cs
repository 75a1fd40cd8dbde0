using WeChatDomains.Sandbox.Tests.Support;
using WeChatDomains.Testing;

namespace WeChatDomains.Sandbox.Tests;

public sealed class EffectiveDomainTests(SandboxServer sandbox) : SandboxTest(sandbox)
{
    [Fact]
    public async Task GetEffectiveDomain_AfterThirdAndDirectChanges_ShowsFourViewsAndTheUnion()
    {
        await CallAsync("/wxa/modify_domain", new { action = "add", requestdomain = new[] { "https://api.example.com" } });
        await CallAsync("/wxa/modify_domain_directly", new { action = "add", requestdomain = new[] { "https://api.example.com", "https://direct.example.com" }, udpdomain = new[] { "udp://u.example.com" } });

        var answer = await CallAsync("/wxa/get_effective_domain", new { });

        Assert.Equal(0, answer.ErrCode);
        Assert.Equal(["https://legacy.example.com"], answer.List("mp_domain", "requestdomain"));
        Assert.Equal(["https://api.example.com"], answer.List("third_domain", "requestdomain"));
        Assert.Equal(["https://api.example.com", "https://direct.example.com"], answer.List("direct_domain", "requestdomain"));
        Assert.Equal(["https://legacy.example.com", "https://api.example.com", "https://direct.example.com"], answer.List("effective_domain", "requestdomain"));
        Assert.Equal(["udp://u.example.com"], answer.List("effective_domain", "udpdomain"));
        Assert.Empty(answer.List("effective_domain", "tcpdomain"));
        Assert.Equal(2L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task GetEffectiveWebviewDomain_AfterSetwebviewdomain_ShowsFourViews()
    {
        await CallAsync("/wxa/setwebviewdomain", new { action = "add", webviewdomain = new[] { "https://shop.example.com" } });

        var answer = await CallAsync("/wxa/get_effective_webviewdomain", new { });

        Assert.Equal(0, answer.ErrCode);
        Assert.Equal(["https://www.example.com"], answer.List("mp_webviewdomain"));
        Assert.Equal(["https://shop.example.com"], answer.List("third_webviewdomain"));
        Assert.Empty(answer.List("direct_webviewdomain"));
        Assert.Equal(["https://www.example.com", "https://shop.example.com"], answer.List("effective_webviewdomain"));
        Assert.Equal(["https://shop.example.com"], (await Sandbox.GetAuthorizerAsync()).WebviewDomains.Third);
    }
}
