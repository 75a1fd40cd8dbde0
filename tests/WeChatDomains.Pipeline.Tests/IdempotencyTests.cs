using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Sandbox;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Pipeline.Tests;

/// <summary>The same command applied at most once: duplicates, concurrent deliveries and crashes at each point.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IdempotencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Process_SequentialDuplicateDelivery_ChangesNothingAndCallsNothing()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        var message = PipelineHarness.AddRequestDomain("dup-seq");

        await harness.ProcessAsync(message);
        var second = await harness.ProcessAsync(message, deliveryCount: 2);

        Assert.IsType<Disposition.Complete>(second);
        Assert.Equal(1, (await harness.Sandbox.GetAuthorizerAsync()).AppliedModifications);
        Assert.Equal(1, await harness.CallsAsync(WeChatApi.ModifyDomain));
        Assert.Equal(1, (await harness.RecordAsync("dup-seq")).Attempts);
    }

    [Fact]
    public async Task Process_ConcurrentDuplicateDeliveries_ApplyOnce()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { LatencyMs = 300 });
        var message = PipelineHarness.AddRequestDomain("dup-concurrent");

        var results = await Task.WhenAll(harness.ProcessAsync(message), harness.ProcessAsync(message));

        Assert.Single(results, r => r is Disposition.Complete);
        Assert.Single(results, r => r is Disposition.RetryAfter);
        Assert.IsType<Disposition.Complete>(await harness.ProcessAsync(message, deliveryCount: 2));
        Assert.Equal(1, (await harness.Sandbox.GetAuthorizerAsync()).AppliedModifications);
        Assert.Equal(1, await harness.CallsAsync(WeChatApi.ModifyDomain));
    }

    [Fact]
    public async Task Process_CrashBetweenWeChatCallAndTableWrite_ResumesBySettlingWithAGet()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite, crashingStore: true);
        harness.Crashing!.CrashWhen = record => record.State == CommandState.Succeeded;
        var message = PipelineHarness.AddRequestDomain("crash-after-call");

        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.ProcessAsync(message));
        var orphaned = await harness.RecordAsync("crash-after-call");
        Assert.Equal(CommandState.Running, orphaned.State);
        Assert.True(orphaned.CallInFlight);

        harness.Time.Advance(ProcessingConstants.RunLease + TimeSpan.FromSeconds(1));
        var resumed = await harness.ProcessAsync(message, deliveryCount: 2);

        Assert.IsType<Disposition.Complete>(resumed);
        Assert.Equal(CommandState.Succeeded, (await harness.RecordAsync("crash-after-call")).State);
        Assert.Equal(1, await harness.CallsAsync(WeChatApi.ModifyDomain));
        Assert.Equal(1, (await harness.Sandbox.GetAuthorizerAsync()).AppliedModifications);
        Assert.Equal(1, (await harness.Registry.GetLedgerAsync(SandboxSeed.MiniProgramAppId, "2026-11")).Used);
    }

    [Fact]
    public async Task Process_RedeliveredBeforeTheCrashedClaimLapses_BacksOffWithoutCalling()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite, crashingStore: true);
        harness.Crashing!.CrashWhen = record => record.State == CommandState.Succeeded;
        var message = PipelineHarness.AddRequestDomain("crash-early-redelivery");
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.ProcessAsync(message));

        var early = await harness.ProcessAsync(message, deliveryCount: 2);

        var retry = Assert.IsType<Disposition.RetryAfter>(early);
        Assert.True(retry.Delay <= ProcessingConstants.RunLease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await harness.CallsAsync(WeChatApi.ModifyDomain));
    }

    [Fact]
    public async Task Process_CrashBetweenTableWriteAndSettlement_RedeliveryCompletesWithoutACall()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        var message = PipelineHarness.AddRequestDomain("crash-before-settle");
        Assert.IsType<Disposition.Complete>(await harness.ProcessAsync(message));

        // The host died before deleting the message: the queue delivers it again.
        var redelivered = await harness.ProcessAsync(message, deliveryCount: 2);

        Assert.IsType<Disposition.Complete>(redelivered);
        Assert.Equal(1, await harness.CallsAsync(WeChatApi.ModifyDomain));
        Assert.Equal(1, (await harness.Registry.GetLedgerAsync(SandboxSeed.MiniProgramAppId, "2026-11")).Used);
    }

    [Fact]
    public async Task Process_AppliedThenFailedOnModifyDomainDirectly_CostsOneModification()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        await harness.SetFaultsAsync(WeChatApi.ModifyDomainDirectly, new ApiFaults { AppliedThenFail = 1.0 });
        var message = PipelineHarness.AddRequestDomain("applied-then-failed", api: WeChatApi.ModifyDomainDirectly);

        var first = await harness.ProcessAsync(message);
        await harness.Sandbox.ClearFaultsAsync();
        var callsBefore = await harness.CallsAsync(WeChatApi.ModifyDomainDirectly);
        if (first is Disposition.RetryAfter retry)
        {
            harness.Time.Advance(retry.Delay);
            Assert.IsType<Disposition.Complete>(await harness.ProcessAsync(message, deliveryCount: 2));
        }

        var authorizer = await harness.Sandbox.GetAuthorizerAsync();
        Assert.Equal(CommandState.Succeeded, (await harness.RecordAsync("applied-then-failed")).State);
        Assert.Equal(1, authorizer.AppliedModifications);
        Assert.Equal(1, authorizer.ModificationsThisMonth);
        Assert.Equal(callsBefore, await harness.CallsAsync(WeChatApi.ModifyDomainDirectly));
        Assert.Equal(1, (await harness.Registry.GetLedgerAsync(SandboxSeed.MiniProgramAppId, "2026-11")).Used);
    }

    [Fact]
    public async Task Process_AppliedThenMinusOne_IsNotReplayedAndCostsExactlyOneModification_Issue12()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        // Seed 1 answers -1 after applying (not a dropped connection): the client must not replay the call.
        await harness.SetFaultsAsync(WeChatApi.ModifyDomainDirectly, new ApiFaults { AppliedThenFail = 1.0 }, seed: 1);
        var message = PipelineHarness.AddRequestDomain("applied-then-minus-one", api: WeChatApi.ModifyDomainDirectly);

        var first = await harness.ProcessAsync(message);
        var callsAfterFirst = await harness.CallsAsync(WeChatApi.ModifyDomainDirectly);
        await harness.Sandbox.ClearFaultsAsync();
        var retry = Assert.IsType<Disposition.RetryAfter>(first);
        harness.Time.Advance(retry.Delay);
        Assert.IsType<Disposition.Complete>(await harness.ProcessAsync(message, deliveryCount: 2));

        var authorizer = await harness.Sandbox.GetAuthorizerAsync();
        Assert.Equal(1, callsAfterFirst);
        Assert.Equal(CommandState.Succeeded, (await harness.RecordAsync("applied-then-minus-one")).State);
        Assert.Equal(1, authorizer.ModificationsThisMonth);
        Assert.Equal(1, authorizer.AppliedModifications);
        Assert.Equal(1, (await harness.Registry.GetLedgerAsync(SandboxSeed.MiniProgramAppId, "2026-11")).Used);
    }
}
