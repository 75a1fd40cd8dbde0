using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WeChatDomains.Azure.Commands;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Diagnostics;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Sandbox;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Pipeline.Tests;

/// <summary>
/// The storage operations of one command, submission to final, counted by step with the operation counter over the real
/// Table Storage adapters (Azurite) and Core (issue 16): each saving of a step has its figure here.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageOperationsPerCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Claim_OfACommandThisProcessSubmitted_TrustsTheInsertedVersionAndReadsNothing()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite, countOperations: true);
        var steps = await SubmitAndProcessAsync(harness, "ops-claim");

        Assert.Equal("commandindex Batch 1, commands Update 1", steps[StorageSteps.Claim]);
    }

    [Fact]
    public async Task Submission_WritesTheRecordAlone_TheAuthorizerPointerGoesWithTheLaneJoinAtTheClaim()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite, countOperations: true);
        var steps = await SubmitAndProcessAsync(harness, "ops-submission");

        Assert.Equal("commands Insert 1", steps[StorageSteps.Submission]);
        var listed = await harness.Store.ListByAuthorizerAsync(SandboxSeed.MiniProgramAppId, 10, null);
        Assert.Contains("ops-submission", listed.Items.Select(r => r.CommandId));
    }

    [Fact]
    public async Task Claim_OfACommandSubmittedElsewhere_ReadsTheRecordFirst()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite, countOperations: true);
        var body = PipelineHarness.Command("ops-elsewhere", WeChatApi.GetEffectiveDomain, new { });
        var elsewhere = new TableCommandStore(harness.Services.GetRequiredService<TableStorageTables>(), harness.Time, NullLogger<TableCommandStore>.Instance);
        await new CommandSubmission(harness.Services.GetRequiredService<ICommandReader>(), elsewhere, harness.Time).SubmitAsync(body);
        await harness.Services.GetRequiredService<CommandSubmission>().SubmitAsync(PipelineHarness.Command("warm-up", WeChatApi.GetEffectiveDomain, new { }));
        harness.Operations!.Reset();
        await harness.ProcessAsync(body);

        Assert.Equal("commandindex Batch 1, commands PointRead 1, commands Update 1", Steps(harness)[StorageSteps.Claim]);
    }

    [Fact]
    public async Task Final_RecordsTheAttemptInTheSameTransactionAsTheRecord()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite, countOperations: true);
        var steps = await SubmitAndProcessAsync(harness, "ops-final");

        Assert.False(steps.ContainsKey(StorageSteps.Attempt), $"attempt step: {steps.GetValueOrDefault(StorageSteps.Attempt)}");
        Assert.Equal("commands Batch 1", steps[StorageSteps.Final]);
        Assert.Single(await harness.Store.GetAttemptsAsync("ops-final"));
    }

    [Fact]
    public async Task Order_OfACommandAloneInItsLane_CostsNoStorageOperation()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite, countOperations: true);
        var steps = await SubmitAndProcessAsync(harness, "ops-order");

        Assert.False(steps.ContainsKey(StorageSteps.Order), $"order step: {steps.GetValueOrDefault(StorageSteps.Order)}");
    }

    [Fact]
    public async Task Nudge_OfACommandHeldBackWhileTheHeadRan_IsStillMadeWhenTheHeadEnds()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite, countOperations: true);
        await harness.SetFaultsAsync(WeChatApi.GetEffectiveDomain, new ApiFaults { LatencyMs = 1500 });
        var head = PipelineHarness.Command("nudge-head", WeChatApi.GetEffectiveDomain, new { });
        var follower = PipelineHarness.Command("nudge-follower", WeChatApi.GetEffectiveDomain, new { });

        var running = Task.Run(() => harness.ProcessAsync(head));
        await PollAsync(async () => await harness.CallsAsync(WeChatApi.GetEffectiveDomain) > 0, "the head's call reached the sandbox");
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.IsType<Disposition.Deferred>(await harness.ProcessAsync(follower));
        var heldUntil = (await harness.RecordAsync("nudge-follower")).NextAttemptAt;
        Assert.IsType<Disposition.Complete>(await running);

        var now = harness.Time.GetUtcNow();
        Assert.True(heldUntil > now, $"held until {heldUntil:O}, now {now:O}");
        Assert.Equal(now, (await harness.RecordAsync("nudge-follower")).NextAttemptAt);
    }

    private static async Task PollAsync(Func<Task<bool>> condition, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"Waited 20 s for: {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }
    }

    /// <summary>Submits and processes one get_effective_domain command; its operations by step, as "table Kind count, ...".</summary>
    private static async Task<IReadOnlyDictionary<string, string>> SubmitAndProcessAsync(PipelineHarness harness, string commandId)
    {
        var body = PipelineHarness.Command(commandId, WeChatApi.GetEffectiveDomain, new { });
        await harness.Services.GetRequiredService<CommandSubmission>().SubmitAsync(PipelineHarness.Command(commandId + "-warm-up", WeChatApi.GetEffectiveDomain, new { }));
        harness.Operations!.Reset();
        using (StorageStep.Enter(StorageSteps.Submission))
        {
            await harness.Services.GetRequiredService<CommandSubmission>().SubmitAsync(body);
        }

        var disposition = await harness.ProcessAsync(body);
        Assert.IsType<Disposition.Complete>(disposition);
        Assert.Equal(CommandState.Succeeded, (await harness.RecordAsync(commandId)).State);
        return Steps(harness);
    }

    private static Dictionary<string, string> Steps(PipelineHarness harness) => harness.Operations!.Rows()
        .Where(r => r.Step is not (StorageSteps.Other or StorageSteps.Read))
        .GroupBy(r => r.Step)
        .ToDictionary(
            g => g.Key,
            g => string.Join(", ", g.GroupBy(r => (Table: Unprefixed(r.Table), r.Kind)).Select(t => $"{t.Key.Table} {t.Key.Kind} {t.Sum(r => r.Count)}").Order(StringComparer.Ordinal)),
            StringComparer.Ordinal);

    private static string Unprefixed(string table) =>
        new[] { "commandindex", "commands", "authorizers", "leases" }.FirstOrDefault(t => table.EndsWith(t, StringComparison.Ordinal)) ?? table;
}
