using WeChatDomains.Bench.Drills;

namespace WeChatDomains.Drills.Tests;

/// <summary>The bad corpus through the API and the queue: all Rejected with reasons, zero WeChat calls, no secret logged.</summary>
[Collection(DrillCollection.Name)]
public sealed class CorpusDrillTests
{
    [Fact]
    public async Task Corpus_EveryBadCommand_RejectedWithReasonsByApiAndQueueAndNeverReachesWeChat()
    {
        var result = await CorpusDrill.RunAsync(DrillCollection.Limit);

        Assert.True(result.Cases > 100, $"only {result.Cases} corpus cases found");
        Assert.Equal(0, result.ApiWithoutReasons);
        Assert.Equal(result.Cases, result.ApiStatuses.GetValueOrDefault(400) + result.ApiStatuses.GetValueOrDefault(413));
        Assert.True(result.ApiStatuses.GetValueOrDefault(413) <= result.TooBigForQueue, "only a body over the size cap may be answered 413");
        Assert.Equal(result.Enqueued, result.DeadLettered);
        Assert.Equal(result.Enqueued, result.DeadLetterReasons.GetValueOrDefault("Rejected") + result.DeadLetterReasons.GetValueOrDefault("InvalidMessage"));
        Assert.Equal(0, result.DeadLetteredWithoutDescription);
        Assert.Equal(0, result.SandboxCalls);
        Assert.True(result.LogLines > 0);
        Assert.Empty(result.Leaks);
    }
}
