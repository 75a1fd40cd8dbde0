using WeChatDomains.Bench.Drills;

namespace WeChatDomains.Drills.Tests;

/// <summary>Storage faults (10 %) and WeChat faults (30 %) together: nothing lost, nothing applied twice (issue 12).</summary>
[Collection(DrillCollection.Name)]
public sealed class StorageFaultDrillTests
{
    [Fact]
    public async Task StorageFaults_300CommandsUnder10PercentStorageAnd30PercentWeChatFaults_NothingLostNothingAppliedTwice()
    {
        var result = await DrillRunner.StorageFaultsAsync(300, 0.1, 0.3, DrillCollection.Limit);

        DrillAssert.NothingLostNothingTwice(result);
    }
}
