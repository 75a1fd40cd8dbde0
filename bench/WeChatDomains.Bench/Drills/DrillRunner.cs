using WeChatDomains.Bench.Infra;

namespace WeChatDomains.Bench.Drills;

/// <summary>The reliability drills of DESIGN section 9, at any size (the CI tests run them small).</summary>
internal static class DrillRunner
{
    /// <summary>Commands under injected faults (-1, 5xx, drops, applied-then-failed) at <paramref name="rate"/> in all.</summary>
    public static Task<DrillResult> FaultsAsync(int commands, double rate, TimeSpan limit) =>
        PairsDrill.RunAsync("faults", commands, rate, persistentAzurite: false, (_, _) => Task.CompletedTask, limit);

    /// <summary>The Host SIGKILLed at random points and started again, <paramref name="kills"/> times over both phases.</summary>
    public static async Task<DrillResult> KillAsync(int commands, int kills, TimeSpan limit)
    {
        var random = new Random(11);
        var result = await PairsDrill.RunAsync("kill", commands, 0.1, persistentAzurite: false, async (world, phase) =>
        {
            var count = phase == 0 ? (kills + 1) / 2 : kills / 2;
            for (var i = 0; i < count; i++)
            {
                await PairsDrill.RandomPauseAsync(random);
                await world.Host.KillAsync();
                await world.Host.RestartAsync();
            }
        }, limit);
        return result with { Notes = $"(Host SIGKILLed and restarted {kills} times, 10% faults)" };
    }

    /// <summary>Azurite stopped and started again on the same ports and data folder, <paramref name="restarts"/> times.</summary>
    public static async Task<DrillResult> AzuriteAsync(int commands, int restarts, TimeSpan limit)
    {
        var random = new Random(12);
        var result = await PairsDrill.RunAsync("azurite", commands, 0, persistentAzurite: true, async (world, phase) =>
        {
            var count = phase == 0 ? (restarts + 1) / 2 : restarts / 2;
            for (var i = 0; i < count; i++)
            {
                await PairsDrill.RandomPauseAsync(random);
                await world.Azurite.RestartAsync();
            }
        }, limit);
        return result with { Notes = $"(Azurite restarted {restarts} times on the same ports and --location)" };
    }
}
