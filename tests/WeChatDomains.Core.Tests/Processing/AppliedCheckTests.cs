using WeChatDomains.Core.Execution;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Tests.Processing;

public sealed class AppliedCheckTests
{
    private static readonly ServerDomains Current = new()
    {
        RequestDomain = ["https://api.example.com", "https://b.example.com"],
        WsRequestDomain = ["wss://ws.example.com"],
    };

    [Fact]
    public void Matches_AddWhenEveryRequestedDomainIsPresent_IsTrue()
    {
        var request = new ModifyDomainRequest(DomainAction.Add, new ServerDomains { RequestDomain = ["https://API.example.com/"] });

        Assert.True(AppliedCheck.Matches(request, Current));
    }

    [Fact]
    public void Matches_AddWhenOneIsMissing_IsFalse()
    {
        var request = new ModifyDomainRequest(DomainAction.Add, new ServerDomains { RequestDomain = ["https://api.example.com", "https://c.example.com"] });

        Assert.False(AppliedCheck.Matches(request, Current));
    }

    [Fact]
    public void Matches_DeleteWhenNoneIsPresent_IsTrue()
    {
        var request = new ModifyDomainRequest(DomainAction.Delete, new ServerDomains { RequestDomain = ["https://gone.example.com"] });

        Assert.True(AppliedCheck.Matches(request, Current));
        Assert.False(AppliedCheck.Matches(request with { Domains = new ServerDomains { RequestDomain = ["https://b.example.com"] } }, Current));
    }

    [Fact]
    public void Matches_SetComparesEachGivenListExactly()
    {
        var exact = new ModifyDomainRequest(DomainAction.Set, new ServerDomains { RequestDomain = ["https://b.example.com", "https://api.example.com"] });
        var subset = new ModifyDomainRequest(DomainAction.Set, new ServerDomains { RequestDomain = ["https://b.example.com"] });

        Assert.True(AppliedCheck.Matches(exact, Current));
        Assert.False(AppliedCheck.Matches(subset, Current));
    }
}
