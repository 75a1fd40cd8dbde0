using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Sandbox;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Pipeline.Tests;

/// <summary>Every errcode class of DESIGN section 4 ends in its state and disposition, through the sandbox over HTTP.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClassificationTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(85018, CommandState.Failed, typeof(Disposition.DeadLetter), WeChatErrorClass.Configuration)]
    [InlineData(86100, CommandState.Failed, typeof(Disposition.DeadLetter), WeChatErrorClass.InvalidRequest)]
    [InlineData(61003, CommandState.Failed, typeof(Disposition.DeadLetter), WeChatErrorClass.AuthorizationLost)]
    [InlineData(45011, CommandState.Deferred, typeof(Disposition.Deferred), WeChatErrorClass.RateLimited)]
    [InlineData(45009, CommandState.Deferred, typeof(Disposition.Deferred), WeChatErrorClass.DailyQuota)]
    [InlineData(86102, CommandState.Deferred, typeof(Disposition.Deferred), WeChatErrorClass.MonthlyQuota)]
    [InlineData(61006, CommandState.Deferred, typeof(Disposition.Deferred), WeChatErrorClass.TicketInvalid)]
    [InlineData(-1, CommandState.Deferred, typeof(Disposition.RetryAfter), WeChatErrorClass.Transient)]
    [InlineData(40001, CommandState.Deferred, typeof(Disposition.RetryAfter), WeChatErrorClass.TokenInvalid)]
    [InlineData(12345, CommandState.Deferred, typeof(Disposition.RetryAfter), WeChatErrorClass.Unknown)]
    public async Task Process_ErrcodeFromWeChat_EndsInItsClassStateAndDisposition(int errcode, CommandState state, Type disposition, WeChatErrorClass errorClass)
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Errcodes = new() { [errcode] = 1.0 } });

        var result = await harness.ProcessAsync(PipelineHarness.AddRequestDomain("class-" + errcode));

        var record = await harness.RecordAsync("class-" + errcode);
        Assert.IsType(disposition, result);
        Assert.Equal(state, record.State);
        Assert.Equal(errorClass, record.ErrorClass);
        Assert.Equal(errcode, record.LastErrorCode);
        Assert.Single(await harness.Store.GetAttemptsAsync("class-" + errcode));
    }

    [Fact]
    public async Task Process_Success_SucceedsCompletesAndCountsTheMonth()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);

        var result = await harness.ProcessAsync(PipelineHarness.AddRequestDomain("ok-1"));

        Assert.IsType<Disposition.Complete>(result);
        var record = await harness.RecordAsync("ok-1");
        Assert.Equal(CommandState.Succeeded, record.State);
        Assert.Contains("https://api.example.com", record.Response, StringComparison.Ordinal);
        Assert.Equal(1, (await harness.Sandbox.GetAuthorizerAsync()).AppliedModifications);
        Assert.Equal(1, (await harness.Registry.GetLedgerAsync(SandboxSeed.MiniProgramAppId, ChinaTime.MonthKey(PipelineHarness.Start))).Used);
    }

    [Fact]
    public async Task Process_85017WhenTheDomainIsAlreadyThere_IsNoChange()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.ProcessAsync(PipelineHarness.AddRequestDomain("first"));

        var result = await harness.ProcessAsync(PipelineHarness.AddRequestDomain("again"));

        Assert.IsType<Disposition.Complete>(result);
        var record = await harness.RecordAsync("again");
        Assert.Equal(CommandState.Succeeded, record.State);
        Assert.True(record.NoChange);
        Assert.Equal(85017, record.LastErrorCode);
    }

    [Fact]
    public async Task Process_89019FromSetWebviewDomain_IsNoChange()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.SetFaultsAsync(WeChatApi.SetWebviewDomain, new ApiFaults { Errcodes = new() { [89019] = 1.0 } });

        var result = await harness.ProcessAsync(PipelineHarness.Command("wv-1", WeChatApi.SetWebviewDomain, new { action = "add", webviewdomain = new[] { "https://shop.example.com" } }));

        Assert.IsType<Disposition.Complete>(result);
        Assert.True((await harness.RecordAsync("wv-1")).NoChange);
    }

    [Fact]
    public async Task Process_DeferralClasses_WaitUntilTheirBoundaries()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);

        await harness.SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Errcodes = new() { [45009] = 1.0 } });
        var daily = Assert.IsType<Disposition.Deferred>(await harness.ProcessAsync(PipelineHarness.AddRequestDomain("daily")));
        // Another api, so another order lane: the daily deferral does not hold it back.
        await harness.SetFaultsAsync(WeChatApi.ModifyDomainDirectly, new ApiFaults { Errcodes = new() { [86102] = 1.0 } });
        var monthly = Assert.IsType<Disposition.Deferred>(await harness.ProcessAsync(PipelineHarness.AddRequestDomain("monthly", api: WeChatApi.ModifyDomainDirectly)));

        // 02:00 UTC is 10:00 CST: the day ends at 16:00 UTC; the month on Nov 30 16:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero), daily.Until);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), monthly.Until);
        Assert.True((await harness.Registry.GetLedgerAsync(SandboxSeed.MiniProgramAppId, "2026-11")).Spent);
    }

    [Fact]
    public async Task Process_40001_RefreshesOnceAndReplaysOnce()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Errcodes = new() { [40001] = 1.0 } });

        await harness.ProcessAsync(PipelineHarness.AddRequestDomain("token-1"));

        Assert.Equal(1, harness.Tokens.Refreshes);
        Assert.Equal(2, await harness.CallsAsync(WeChatApi.ModifyDomain));
    }

    [Fact]
    public async Task Process_AuthorizationLost_MarksTheAuthorizerForReauthorization()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Errcodes = new() { [61003] = 1.0 } });

        await harness.ProcessAsync(PipelineHarness.AddRequestDomain("lost-1"));

        Assert.Equal(AuthorizerState.NeedsReauthorization, (await harness.Registry.GetAsync(SandboxSeed.MiniProgramAppId))!.State);
    }

    [Fact]
    public async Task Process_InvalidCommand_IsRejectedWithReasonsAndCallsNothing()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);

        var result = await harness.ProcessAsync(PipelineHarness.Command("bad-1", WeChatApi.ModifyDomain, new { action = "add", requestdomain = new[] { "http://api.example.com", "https://10.0.0.1" } }));

        var deadLetter = Assert.IsType<Disposition.DeadLetter>(result);
        Assert.Equal("Rejected", deadLetter.Reason);
        var record = await harness.RecordAsync("bad-1");
        Assert.Equal(CommandState.Rejected, record.State);
        Assert.Contains("body.requestdomain[0]", record.Reason, StringComparison.Ordinal);
        Assert.Contains("body.requestdomain[1]", record.Reason, StringComparison.Ordinal);
        Assert.Empty(await harness.Sandbox.GetCallsAsync());
    }
}
