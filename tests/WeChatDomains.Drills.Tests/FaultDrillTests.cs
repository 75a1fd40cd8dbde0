using WeChatDomains.Bench.Drills;

namespace WeChatDomains.Drills.Tests;

/// <summary>Commands under 30 % injected faults end in exactly one final state each, none lost, none applied twice.</summary>
[Collection(DrillCollection.Name)]
public sealed class FaultDrillTests
{
    [Fact]
    public async Task Faults_400CommandsUnder30PercentFaults_EveryCommandSucceedsOnceAndNoneIsLost()
    {
        var result = await DrillRunner.FaultsAsync(400, 0.3, DrillCollection.Limit);

        DrillAssert.NothingLostNothingTwice(result);
    }
}
