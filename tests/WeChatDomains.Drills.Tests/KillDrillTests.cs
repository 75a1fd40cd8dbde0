using WeChatDomains.Bench.Drills;

namespace WeChatDomains.Drills.Tests;

/// <summary>The Host SIGKILLed at random points and restarted: nothing lost, nothing applied twice.</summary>
[Collection(DrillCollection.Name)]
public sealed class KillDrillTests
{
    [Fact]
    public async Task Kill_HostKilledThreeTimesMidRun_NothingLostNothingAppliedTwice()
    {
        var result = await DrillRunner.KillAsync(300, 3, DrillCollection.Limit);

        DrillAssert.NothingLostNothingTwice(result);
    }
}
