using WeChatDomains.Bench.Drills;

namespace WeChatDomains.Drills.Tests;

internal static class DrillAssert
{
    /// <summary>Every command final and Succeeded, the sandbox applied each exactly once, no secret in the Host's logs.</summary>
    public static void NothingLostNothingTwice(DrillResult result)
    {
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.NotFinal);
        Assert.Equal(result.Commands, result.States.GetValueOrDefault("Succeeded"));
        Assert.Equal(result.ExpectedApplied, result.SandboxApplied);
        Assert.Equal(0, result.DomainsLeft);
        Assert.True(result.LogLines > 0, "no log line was captured, so none was scanned");
        Assert.Empty(result.Leaks);
    }
}
