using WeChatDomains.Bench.Scenarios.Fleet;

namespace WeChatDomains.Drills.Tests;

/// <summary>
/// The fleet bench at CI size (issue 15 item 10): 60 authorizers on profile v1, every 10th already on v2, move to v2
/// through a real Host; the calls and modifications WeChat received must be exactly the plan's. It runs here so that a
/// change elsewhere cannot break the bench unseen (merging the drift work once left the bench's seeding planning every
/// authorizer as never read).
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class FleetDrillTests
{
    [Fact]
    public async Task Fleet_SixtyAuthorizersFromV1ToV2_ConvergeWithExactlyThePlannedCallsAndModifications()
    {
        var settings = new FleetSettings(Authorizers: 60, MatchEvery: 10, LatencyMs: 10, Concurrency: 8, StepPeriod: TimeSpan.FromSeconds(1), CountOperations: false);
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        int result;
        try
        {
            result = await FleetScenario.RunAsync(settings);
        }
        finally
        {
            Console.SetOut(console);
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var failed = lines.Where(l => l.Contains("FAILED", StringComparison.Ordinal) || l.Contains("not the seeding", StringComparison.Ordinal)).ToList();
        Assert.True(result == 0, $"the fleet scenario returned {result}: {string.Join(" | ", failed.DefaultIfEmpty(lines.LastOrDefault() ?? "no output"))}");
        Assert.Contains(lines, l => l.StartsWith("fleet check: every figure matched the plan", StringComparison.Ordinal));
    }
}
