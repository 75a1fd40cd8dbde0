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
                if (i % 2 == 1)
                {
                    // Every other kill lands inside a timer run: its lease is left behind, as after a crash.
                    await WaitForTimerRunAsync(world, PairsDrill.Timers[i / 2 % PairsDrill.Timers.Length], limit);
                }

                await world.Host.KillAsync();
                await world.Host.RestartAsync();
            }
        }, limit);
        return result with { Notes = $"(Host SIGKILLed and restarted {kills} times, some inside a timer run, 10% faults)" };
    }

    /// <summary>Storage faults (503, 500, timeouts, resets, before and after storage applied the request) and WeChat faults together.</summary>
    public static async Task<DrillResult> StorageFaultsAsync(int commands, double storageRate, double weChatRate, TimeSpan limit)
    {
        var result = await PairsDrill.RunAsync("storagefaults", commands, weChatRate, persistentAzurite: false, (_, _) => Task.CompletedTask, limit,
            s => s with
            {
                Extra = new(s.Extra, StringComparer.Ordinal)
                {
                    ["StorageFaults__Rate"] = storageRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["StorageFaults__Seed"] = "12",
                },
            });
        return result with { Notes = $"({storageRate:P0} storage faults, {weChatRate:P0} WeChat faults)" };
    }

    /// <summary>Azurite stopped for <paramref name="outage"/> in the middle of the first phase, then started again (same ports and data).</summary>
    public static async Task<DrillResult> OutageAsync(int commands, TimeSpan outage, TimeSpan limit)
    {
        var random = new Random(13);
        var result = await PairsDrill.RunAsync("outage", commands, 0, persistentAzurite: true, async (world, phase) =>
        {
            if (phase == 0)
            {
                await PairsDrill.RandomPauseAsync(random);
                await world.Azurite.OutageAsync(outage);
            }
        }, limit + outage);
        return result with { Notes = $"(storage stopped for {outage.TotalSeconds:F0} s mid-run)" };
    }

    private static async Task WaitForTimerRunAsync(BenchWorld world, string timer, TimeSpan limit)
    {
        var from = world.Host.Logs.Count;
        await Poll.UntilAsync(
            () => Task.FromResult(world.Host.Logs.Lines.Skip(from).Any(l => l.Contains($"Timer {timer} run started", StringComparison.Ordinal))),
            limit,
            $"a run of {timer} starts",
            TimeSpan.FromMilliseconds(10));
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
