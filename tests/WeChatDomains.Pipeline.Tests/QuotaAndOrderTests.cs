using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Sandbox;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Pipeline.Tests;

/// <summary>The monthly quota ledger and the order rule, over Azurite and the sandbox.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QuotaAndOrderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Process_51stModificationOfTheMonth_IsDeferredToTheFirstOfNextMonthCstWithoutACall()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.Registry.TryWriteLedgerAsync(new QuotaLedger { AppId = SandboxSeed.MiniProgramAppId, Month = "2026-11", Used = 50 });

        var result = await harness.ProcessAsync(PipelineHarness.AddRequestDomain("the-51st", api: WeChatApi.ModifyDomainDirectly));

        var deferred = Assert.IsType<Disposition.Deferred>(result);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, ChinaTime.Offset), deferred.Until);
        var record = await harness.RecordAsync("the-51st");
        Assert.Equal(CommandState.Deferred, record.State);
        Assert.Equal(DeferralWake.Timer, record.WakeBy);
        Assert.Equal(0, await harness.CallsAsync(WeChatApi.ModifyDomainDirectly));
        Assert.Empty(await harness.Store.GetAttemptsAsync("the-51st"));
    }

    [Fact]
    public async Task Process_GetActions_DoNotCountAgainstTheQuota()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.Registry.TryWriteLedgerAsync(new QuotaLedger { AppId = SandboxSeed.MiniProgramAppId, Month = "2026-11", Used = 50 });

        var result = await harness.ProcessAsync(PipelineHarness.Command("read-1", WeChatApi.GetEffectiveDomain, new { }));

        Assert.IsType<Disposition.Complete>(result);
        Assert.Equal(50, (await harness.Registry.GetLedgerAsync(SandboxSeed.MiniProgramAppId, "2026-11")).Used);
    }

    [Fact]
    public async Task Process_DeferredSet_HoldsBackALaterSetOfTheSameAuthorizerUntilItEnds()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Errcodes = new() { [45011] = 1.0 } });
        var first = PipelineHarness.Command("set-first", WeChatApi.ModifyDomain, new { action = "set", requestdomain = new[] { "https://api.example.com" } });
        var second = PipelineHarness.Command("set-second", WeChatApi.ModifyDomain, new { action = "set", requestdomain = new[] { "https://img.example.com" } });

        Assert.IsType<Disposition.Deferred>(await harness.ProcessAsync(first));
        await harness.Sandbox.ClearFaultsAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var held = await harness.ProcessAsync(second);

        Assert.IsType<Disposition.Deferred>(held);
        Assert.StartsWith(OrderGateConstants.HeldReasonPrefix + "set-first", (await harness.RecordAsync("set-second")).Reason, StringComparison.Ordinal);
        Assert.Equal(1, await harness.CallsAsync(WeChatApi.ModifyDomain));

        for (var round = 0; round < 10 && !(await harness.RecordAsync("set-second")).State.IsFinal(); round++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(1));
            foreach (var due in await harness.Release.FindDueAsync())
            {
                await harness.ProcessAsync(due.Body);
            }
        }

        var a = await harness.RecordAsync("set-first");
        var b = await harness.RecordAsync("set-second");
        Assert.Equal(CommandState.Succeeded, a.State);
        Assert.Equal(CommandState.Succeeded, b.State);
        Assert.True(a.CompletedAt <= b.CompletedAt);
        var third = (await harness.Sandbox.GetAuthorizerAsync()).Domains.Third.RequestDomain;
        Assert.Equal(["https://img.example.com"], third);
    }

    [Fact]
    public async Task Process_BlockerEndsBeforeTheHoldIsStored_HeldCommandIsDueAtOnce()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite, crashingStore: true);
        await harness.SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Errcodes = new() { [45011] = 1.0 } });
        var first = PipelineHarness.Command("head", WeChatApi.ModifyDomain, new { action = "set", requestdomain = new[] { "https://api.example.com" } });
        var second = PipelineHarness.Command("follower", WeChatApi.ModifyDomain, new { action = "set", requestdomain = new[] { "https://img.example.com" } });
        Assert.IsType<Disposition.Deferred>(await harness.ProcessAsync(first));
        await harness.Sandbox.ClearFaultsAsync();
        harness.Time.Advance((await harness.RecordAsync("head")).NextAttemptAt!.Value - harness.Time.GetUtcNow());

        // The follower sees the head unfinished; the head then ends (its nudge finds the follower not yet Deferred)
        // before the follower's hold is written.
        harness.Crashing!.Before = (
            r => r is { CommandId: "follower", State: CommandState.Deferred },
            async () => Assert.IsType<Disposition.Complete>(await harness.ProcessAsync(first)));
        Assert.IsType<Disposition.Deferred>(await harness.ProcessAsync(second));

        Assert.Null(harness.Crashing.Before);
        var due = await harness.Release.FindDueAsync();
        var follower = await harness.RecordAsync("follower");
        Assert.True(
            due.Any(d => d.CommandId == "follower"),
            $"due now: [{string.Join(", ", due.Select(d => d.CommandId))}]; the follower is {follower.State} until {follower.NextAttemptAt:O} ({follower.Reason}), now {harness.Time.GetUtcNow():O}");
    }

    [Fact]
    public async Task Process_DifferentApisOfOneAuthorizer_DoNotHoldEachOtherBack()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Errcodes = new() { [45011] = 1.0 } });
        await harness.ProcessAsync(PipelineHarness.AddRequestDomain("lane-a"));

        var other = await harness.ProcessAsync(PipelineHarness.Command("lane-b", WeChatApi.GetEffectiveDomain, new { }));

        Assert.IsType<Disposition.Complete>(other);
    }

    [Fact]
    public async Task FindDue_ReturnsOnlyTimerDeferralsWhoseTimeHasCome()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Errcodes = new() { [61006] = 1.0 } });
        await harness.ProcessAsync(PipelineHarness.AddRequestDomain("ticket-wait"));

        Assert.Empty(await harness.Release.FindDueAsync());
        harness.Time.Advance(ProcessingConstants.TicketWait);
        var due = Assert.Single(await harness.Release.FindDueAsync());

        Assert.Equal("ticket-wait", due.CommandId);
        Assert.Equal(SandboxSeed.MiniProgramAppId, due.SessionKey);
    }
}
