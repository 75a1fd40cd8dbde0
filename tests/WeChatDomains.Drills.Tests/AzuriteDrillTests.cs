using WeChatDomains.Bench.Drills;

namespace WeChatDomains.Drills.Tests;

/// <summary>Azurite stopped and started again mid-run (same ports, same data folder): nothing lost.</summary>
[Collection(DrillCollection.Name)]
public sealed class AzuriteDrillTests
{
    [Fact]
    public async Task Azurite_RestartedTwiceMidRun_NothingLostNothingAppliedTwice()
    {
        var result = await DrillRunner.AzuriteAsync(300, 2, DrillCollection.Limit);

        DrillAssert.NothingLostNothingTwice(result);
    }
}
