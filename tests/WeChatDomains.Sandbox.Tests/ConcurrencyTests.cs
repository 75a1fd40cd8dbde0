using WeChatDomains.Sandbox.Tests.Support;
using WeChatDomains.Testing;

namespace WeChatDomains.Sandbox.Tests;

public sealed class ConcurrencyTests(SandboxServer sandbox) : SandboxTest(sandbox)
{
    [Fact]
    public async Task ParallelModifications_NoneLostNoneDoubled()
    {
        var token = await Sandbox.MintAuthorizerTokenAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Http.PostWeChatAsync("/wxa/modify_domain_directly", token, new { action = "add", requestdomain = new[] { $"https://p{i}.example.com" } })));

        Assert.All(answers, a => Assert.Equal(0, a.ErrCode));
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Equal(40, state.Domains.Direct.RequestDomain.Count);
        Assert.Equal((40L, 40), (state.AppliedModifications, state.ModificationsThisMonth));
    }

    [Fact]
    public async Task ParallelModifications_PastTheMonthlyQuota_ExactlyFiftyApplied()
    {
        var token = await Sandbox.MintAuthorizerTokenAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Http.PostWeChatAsync("/wxa/modify_domain_directly", token, new { action = "add", requestdomain = new[] { $"https://q{i}.example.com" } })));

        Assert.Equal(50, answers.Count(a => a.ErrCode == 0));
        Assert.Equal(10, answers.Count(a => a.ErrCode == 86102));
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Equal(50, state.Domains.Direct.RequestDomain.Count);
        Assert.Equal(50L, state.AppliedModifications);
    }
}
