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

    /// <summary>
    /// Faults were injected and kills landed mid-refresh; every authorizer expected Active is Active with a working refresh
    /// token, every one expected Revoked is Revoked, no secret in the Host's logs.
    /// </summary>
    public static void EveryAuthorizerKept(TokenDrillResult result)
    {
        static string List(IEnumerable<AuthorizerCheck> checks) => string.Join("\n", checks.Take(10).Select(c => c.Describe()));
        Assert.True(result.VaultFaults.Values.Sum() > 0, "no vault fault was injected, so the drill showed nothing about them");
        Assert.True(result.KilledAfterRefreshes.Count > 0 && result.KilledAfterRefreshes.All(r => r > 0), $"kills after {string.Join(", ", result.KilledAfterRefreshes)} refreshes of a sweep: not mid-refresh");
        Assert.True(result.WronglyRevoked.Count == 0, $"{result.WronglyRevoked.Count} of {result.ExpectedActive} authorizers whose last event is authorized are not Active:\n{List(result.WronglyRevoked)}");
        Assert.True(result.Lost.Count == 0, $"{result.Lost.Count} of {result.ExpectedActive} authorizers have no working refresh token in the vault:\n{List(result.Lost)}");
        Assert.True(result.NotRevoked.Count == 0, $"{result.NotRevoked.Count} authorizers that withdrew the authorization are still Active:\n{List(result.NotRevoked)}");
        Assert.True(result.LogLines > 0, "no log line was captured, so none was scanned");
        Assert.Empty(result.Leaks);
    }
}
