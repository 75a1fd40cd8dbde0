using WeChatDomains.Core.Execution;
using WeChatDomains.Core.Processing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Tests.Processing;

public sealed class OutcomeClassifierTests
{
    private static CallOutcome Outcome(int errcode) => new() { ErrorCode = errcode, ErrorMessage = "x" };

    private static Task<bool?> Get(bool? inPlace) => Task.FromResult(inPlace);

    [Fact]
    public async Task Classify_89022OnDelete_IsNoChange()
    {
        var errorClass = await OutcomeClassifier.ClassifyAsync(WeChatApi.SetWebviewDomain, DomainAction.Delete, Outcome(89022), () => Get(null));

        Assert.Equal(WeChatErrorClass.NoChange, errorClass);
    }

    [Fact]
    public async Task Classify_89022OnAdd_IsNotNoChange()
    {
        var errorClass = await OutcomeClassifier.ClassifyAsync(WeChatApi.SetWebviewDomain, DomainAction.Add, Outcome(89022), () => Get(null));

        Assert.Equal(WeChatErrorClass.Unknown, errorClass);
    }

    [Fact]
    public async Task Classify_85017WhenGetShowsEveryDomain_IsNoChange()
    {
        var errorClass = await OutcomeClassifier.ClassifyAsync(WeChatApi.ModifyDomain, DomainAction.Add, Outcome(85017), () => Get(true));

        Assert.Equal(WeChatErrorClass.NoChange, errorClass);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task Classify_85017Otherwise_IsConfiguration(bool? inPlace)
    {
        var errorClass = await OutcomeClassifier.ClassifyAsync(WeChatApi.ModifyDomain, DomainAction.Add, Outcome(85017), () => Get(inPlace));

        Assert.Equal(WeChatErrorClass.Configuration, errorClass);
    }

    [Fact]
    public async Task Classify_OtherCodes_FollowTheCatalogWithoutAGet()
    {
        var gets = 0;
        Task<bool?> Counting()
        {
            gets++;
            return Get(true);
        }

        Assert.Equal(WeChatErrorClass.MonthlyQuota, await OutcomeClassifier.ClassifyAsync(WeChatApi.ModifyDomainDirectly, DomainAction.Add, Outcome(86102), Counting));
        Assert.Equal(WeChatErrorClass.Success, await OutcomeClassifier.ClassifyAsync(WeChatApi.ModifyDomain, DomainAction.Add, Outcome(0), Counting));
        Assert.Equal(WeChatErrorClass.Unknown, await OutcomeClassifier.ClassifyAsync(WeChatApi.ModifyDomain, DomainAction.Add, Outcome(777), Counting));
        Assert.Equal(0, gets);
    }
}
