using WeChatDomains.Core.Processing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Tests.Processing;

/// <summary>Which monthly ledger each api counts against (issue 14: what WeChat's pages say).</summary>
public sealed class QuotaLedgerKeyTests
{
    private const string AppId = "wx1234567890abcdef";
    public static TheoryData<string, string?, string?, string?, string?> Table => new()
    {
        { WeChatApi.ModifyDomain, DomainAction.Add, AppId, AppId, null },
        { WeChatApi.ModifyDomainDirectly, DomainAction.Set, AppId, AppId, null },
        { WeChatApi.ModifyDomain, DomainAction.Get, AppId, null, null },
        { WeChatApi.SetPrefetchDnsDomain, null, AppId, AppId, WeChatApi.SetPrefetchDnsDomain },
        { WeChatApi.ModifyWxaServerDomain, DomainAction.Add, null, ProcessingConstants.ComponentKey, WeChatApi.ModifyWxaServerDomain },
        { WeChatApi.ModifyWxaServerDomain, DomainAction.Get, null, null, null },
        { WeChatApi.SetWebviewDomainDirectly, DomainAction.Add, AppId, null, null },
        { WeChatApi.SetWebviewDomain, DomainAction.Add, AppId, null, null },
        { WeChatApi.ModifyWxaJumpDomain, DomainAction.Add, null, null, null },
        { WeChatApi.GetDomainConfirmFile, null, null, null, null },
        { WeChatApi.GetWebviewDomainConfirmFile, null, AppId, null, null },
        { WeChatApi.GetPrefetchDnsDomain, null, AppId, null, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Of_ByApiAndAction_NamesTheLedgerWeChatCounts(string api, string? action, string? appId, string? owner, string? scope)
    {
        var key = QuotaLedgerKey.Of(api, action, appId);

        Assert.Equal(owner, key?.Owner);
        Assert.Equal(scope, key?.Scope);
    }

    [Fact]
    public void LedgerId_ScopedLedger_IsTheOwnerAndTheScope()
    {
        Assert.Equal(AppId + "|set_prefetchdnsdomain", new QuotaLedgerKey(AppId, WeChatApi.SetPrefetchDnsDomain).LedgerId);
        Assert.Equal(AppId, new QuotaLedgerKey(AppId, null).LedgerId);
    }
}
