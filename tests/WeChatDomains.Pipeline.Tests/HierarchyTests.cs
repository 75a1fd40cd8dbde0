using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Sandbox;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Pipeline.Tests;

/// <summary>
/// Issue 14: WeChat's domain hierarchy through the pipeline and the sandbox's real rules (no injected errcodes). An
/// authorizer's domain the platform has not registered fails as Configuration, with a reason that says what to register
/// first; once the platform registers it, the same request succeeds.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HierarchyTests(AzuriteFixture azurite)
{
    private const string NewHost = "api.newbrand.com";

    [Fact]
    public async Task Process_ModifyDomainOfAHostNotOnThePlatform_FailsAsConfigurationSayingToRegisterItFirst()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);

        var result = await harness.ProcessAsync(PipelineHarness.AddRequestDomain("h-85018", "https://" + NewHost));

        var record = await harness.RecordAsync("h-85018");
        Assert.IsType<Disposition.DeadLetter>(result);
        Assert.Equal((CommandState.Failed, WeChatErrorClass.Configuration, 85018), (record.State, record.ErrorClass, record.LastErrorCode));
        Assert.Contains("register the host as a platform server domain first (modify_wxa_server_domain", record.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await harness.Registry.GetLedgerAsync(SandboxSeed.MiniProgramAppId, ChinaTime.MonthKey(PipelineHarness.Start))).Used);
    }

    [Fact]
    public async Task Process_SetWebviewDomainOutsideThePlatformsBusinessDomains_FailsAsConfigurationSayingToRegisterItFirst()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);

        var result = await harness.ProcessAsync(PipelineHarness.Command(
            "h-89021", WeChatApi.SetWebviewDomain, new { action = "add", webviewdomain = new[] { "https://h5.newbrand.com" } }));

        var record = await harness.RecordAsync("h-89021");
        Assert.IsType<Disposition.DeadLetter>(result);
        Assert.Equal((CommandState.Failed, WeChatErrorClass.Configuration, 89021), (record.State, record.ErrorClass, record.LastErrorCode));
        Assert.Contains("as a platform business domain first (modify_wxa_jump_domain", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_PlatformServerDomainThenModifyDomain_SucceedsAndCountsEachOnItsOwnLedger()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);

        var platform = await harness.ProcessAsync(PipelineHarness.Command(
            "h-platform", WeChatApi.ModifyWxaServerDomain, new { action = "add", wxa_server_domain = NewHost, is_modify_published_together = true }, authorizer: null));
        var authorizer = await harness.ProcessAsync(PipelineHarness.AddRequestDomain("h-authorizer", "https://" + NewHost));

        Assert.IsType<Disposition.Complete>(platform);
        Assert.IsType<Disposition.Complete>(authorizer);
        Assert.Equal(CommandState.Succeeded, (await harness.RecordAsync("h-authorizer")).State);
        var month = ChinaTime.MonthKey(PipelineHarness.Start);
        Assert.Equal(1, (await harness.Registry.GetLedgerAsync(SandboxSeed.MiniProgramAppId, month)).Used);
        Assert.Equal(1, (await harness.Registry.GetLedgerAsync($"{ProcessingConstants.ComponentKey}|{WeChatApi.ModifyWxaServerDomain}", month)).Used);
    }

    [Fact]
    public async Task Process_SetWebviewDomainDirectlyWithoutTheConfirmFile_FailsAsConfigurationSayingToPlaceIt()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);

        await harness.ProcessAsync(PipelineHarness.Command(
            "h-86103", WeChatApi.SetWebviewDomainDirectly, new { action = "add", webviewdomain = new[] { "https://h5.newbrand.com" } }));

        var record = await harness.RecordAsync("h-86103");
        Assert.Equal((CommandState.Failed, WeChatErrorClass.Configuration, 86103), (record.State, record.ErrorClass, record.LastErrorCode));
        Assert.Contains("place the confirm file (get_webviewdomain_confirmfile)", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_9420000FromSetPrefetchDnsDomain_DefersAndMarksOnlyThePrefetchLedgerSpent()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.SetFaultsAsync(WeChatApi.SetPrefetchDnsDomain, new ApiFaults { Errcodes = new() { [9420000] = 1.0 } });

        var result = await harness.ProcessAsync(PipelineHarness.Command(
            "h-9420000", WeChatApi.SetPrefetchDnsDomain, new { prefetch_dns_domain = new[] { new { url = "cdn.example.com" } } }));

        var record = await harness.RecordAsync("h-9420000");
        Assert.IsType<Disposition.Deferred>(result);
        Assert.Equal((CommandState.Deferred, WeChatErrorClass.MonthlyQuota), (record.State, record.ErrorClass));
        var month = ChinaTime.MonthKey(PipelineHarness.Start);
        Assert.True((await harness.Registry.GetLedgerAsync($"{SandboxSeed.MiniProgramAppId}|{WeChatApi.SetPrefetchDnsDomain}", month)).Spent);
        Assert.False((await harness.Registry.GetLedgerAsync(SandboxSeed.MiniProgramAppId, month)).Spent);
    }

    [Fact]
    public async Task Process_SetPrefetchDnsDomainWhenItsMonthIsSpent_DefersWithoutCallingWeChat()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.Registry.TryWriteLedgerAsync(new QuotaLedger
        {
            AppId = $"{SandboxSeed.MiniProgramAppId}|{WeChatApi.SetPrefetchDnsDomain}",
            Month = ChinaTime.MonthKey(PipelineHarness.Start),
            Used = 50,
        });

        var result = await harness.ProcessAsync(PipelineHarness.Command(
            "h-prefetch", WeChatApi.SetPrefetchDnsDomain, new { prefetch_dns_domain = new[] { new { url = "cdn.example.com" } } }));

        Assert.IsType<Disposition.Deferred>(result);
        Assert.Equal(CommandState.Deferred, (await harness.RecordAsync("h-prefetch")).State);
        Assert.Equal(0, await harness.CallsAsync(WeChatApi.SetPrefetchDnsDomain));
    }
}
