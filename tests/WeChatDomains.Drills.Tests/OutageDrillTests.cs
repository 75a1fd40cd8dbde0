using WeChatDomains.Bench.Drills;

namespace WeChatDomains.Drills.Tests;

/// <summary>Storage stopped for a minute mid-run and started again: nothing lost, every timer back by itself (issue 12).</summary>
[Collection(DrillCollection.Name)]
public sealed class OutageDrillTests
{
    [Fact]
    public async Task Outage_AzuriteStoppedFor60SecondsMidRun_NothingLostAndEveryTimerRunsAgain()
    {
        var result = await DrillRunner.OutageAsync(200, TimeSpan.FromSeconds(60), DrillCollection.Limit);

        DrillAssert.NothingLostNothingTwice(result);
    }
}
