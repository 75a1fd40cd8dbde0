using WeChatDomains.Bench.Drills;

namespace WeChatDomains.Drills.Tests;

internal static class DrillAssert
{
    /// <summary>Every command final and Succeeded, the sandbox applied each exactly once, no secret in the Host's logs.</summary>
    public static void NothingLostNothingTwice(DrillResult result)
    {
        var states = string.Join(", ", result.States.Select(s => $"{s.Key} {s.Value}"));
        Assert.True(result.Lost == 0, $"{result.Lost} of {result.Commands} commands have no record (states: {states})");
        Assert.True(result.NotFinal == 0, $"{result.NotFinal} of {result.Commands} commands are not final (states: {states})");
        Assert.True(result.Commands == result.States.GetValueOrDefault("Succeeded"), $"of {result.Commands} commands: {states}");
        Assert.True(result.ExpectedApplied == result.SandboxApplied, $"the sandbox applied {result.SandboxApplied} modifications, expected {result.ExpectedApplied}");
        Assert.Equal(0, result.DomainsLeft);
        Assert.True(
            result.TimersNotRunning.Count == 0,
            "timers not running again after the disruptions: " + string.Join(", ", result.TimersNotRunning) + "; the Host's last lines about them:\n" + string.Join("\n", result.TimerLog));
        Assert.True(result.LogLines > 0, "no log line was captured, so none was scanned");
        Assert.Empty(result.Leaks);
    }
}
