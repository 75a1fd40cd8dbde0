using System.Diagnostics;
using WeChatDomains.Bench.Infra;

namespace WeChatDomains.Bench.Scenarios.Sweep;

/// <summary>What the sweep scenario measured (simulated time).</summary>
internal sealed record SweepResult(
    int Authorizers, int LatencyMs, TimeSpan ColdSweep, int ColdRefreshed, TimeSpan ColdSmallest, int ColdMaxWritesPer10s, int ColdThrottled,
    double Hours, int Sweeps, TimeSpan LongestSweep, long Refreshed, long PulledForward, int PullingLookaheads, int DayMaxWritesPer10s, int DayThrottled,
    TimeSpan SmallestRemaining, double PeakRssMiB, TimeSpan WallClock);

/// <summary>
/// The token-refresh sweep at scale, on simulated time (a FakeTimeProvider moved to each next timer, so waits take no
/// real time): first a cold sweep with every token due at once, then a simulated day of the Host's timer (a sweep
/// every minute, a ticket push every 10 minutes) starting from a bulk onboarding where every token expires together.
/// </summary>
internal static class SweepScenario
{
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromMinutes(1);

    public static async Task<SweepResult> RunAsync(int authorizers, int latencyMs, double hours)
    {
        var wall = TimeProvider.System.GetTimestamp();
        var latency = TimeSpan.FromMilliseconds(latencyMs);

        var cold = await ColdAsync(authorizers, latency);

        using var day = new SweepWorld(latency);
        day.Onboard(authorizers, age: TimeSpan.Zero);
        var end = day.Clock.GetUtcNow() + TimeSpan.FromHours(hours);
        var smallest = TimeSpan.MaxValue;
        var longest = TimeSpan.Zero;
        var sweeps = 0;
        var refreshed = 0L;
        var lastTicket = DateTimeOffset.MinValue;
        while (day.Clock.GetUtcNow() < end)
        {
            if (day.Clock.GetUtcNow() - lastTicket >= TimeSpan.FromMinutes(10))
            {
                day.PushTicket();
                lastTicket = day.Clock.GetUtcNow();
            }

            var started = day.Clock.GetUtcNow();
            var result = await day.Clock.DriveAsync(() => day.Sweep.RunAsync(), TimeSpan.FromHours(2));
            sweeps++;
            refreshed += result.Refreshed;
            var took = day.Clock.GetUtcNow() - started;
            longest = took > longest ? took : longest;
            var remaining = day.SmallestRemaining();
            smallest = remaining < smallest ? remaining : smallest;
            var wait = SweepPeriod - TimeSpan.FromTicks(took.Ticks % SweepPeriod.Ticks);
            day.Clock.Advance(wait);
            remaining = day.SmallestRemaining();
            smallest = remaining < smallest ? remaining : smallest;
        }

        smallest = day.Vault.SmallestLifetimeAtReplacement < smallest ? day.Vault.SmallestLifetimeAtReplacement : smallest;
        return new SweepResult(
            authorizers, latencyMs, cold.Took, cold.Refreshed, cold.Smallest, cold.MaxInWindow, cold.Throttled,
            hours, sweeps, longest, refreshed, day.PulledForward.Refreshes, day.PulledForward.Lookaheads, day.Vault.MaxInWindow, day.Vault.Throttled, smallest,
            ProcessStats.PeakRssMiB(Environment.ProcessId) ?? Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0,
            TimeProvider.System.GetElapsedTime(wall));
    }

    /// <summary>The cold sweep, in a world of its own that is gone before the day starts.</summary>
    private static async Task<(TimeSpan Took, int Refreshed, TimeSpan Smallest, int MaxInWindow, int Throttled)> ColdAsync(int authorizers, TimeSpan latency)
    {
        using var cold = new SweepWorld(latency);
        cold.PushTicket();
        cold.Onboard(authorizers, age: TimeSpan.FromMinutes(100));
        var start = cold.Clock.GetUtcNow();
        var result = await cold.Clock.DriveAsync(() => cold.Sweep.RunAsync(), TimeSpan.FromHours(2));
        return (cold.Clock.GetUtcNow() - start, result.Refreshed, cold.Vault.SmallestLifetimeAtReplacement, cold.Vault.MaxInWindow, cold.Vault.Throttled);
    }

    public static void Print(SweepResult r)
    {
        Figures.Print($"sweep: {r.Authorizers} authorizers, simulated WeChat latency {r.LatencyMs} ms, vault throttling at {ThrottlingVault.Limit} writes per 10 s (simulated time)");
        Figures.Print($"  cold sweep (every token due at once, 20 min left): {Figures.F(r.ColdSweep.TotalSeconds)} s simulated, {r.ColdRefreshed} refreshed, max {r.ColdMaxWritesPer10s} vault writes per 10 s, {r.ColdThrottled} throttled calls, smallest lifetime left at replacement {Figures.F(r.ColdSmallest.TotalMinutes)} min");
        Figures.Print($"  simulated {r.Hours} h from a bulk onboarding, a sweep every minute: {r.Sweeps} sweeps, longest {Figures.F(r.LongestSweep.TotalSeconds)} s; {r.Refreshed} refreshed, {r.PulledForward} of them pulled forward (by {r.PullingLookaheads} lookaheads)");
        Figures.Print($"  max vault writes per 10 s: {r.DayMaxWritesPer10s}; throttled calls: {r.DayThrottled}");
        Figures.Print($"  smallest remaining lifetime of any token: {Figures.F(r.SmallestRemaining.TotalMinutes)} min");
        Figures.Print($"  peak RSS of the sweep process (VmHWM): {Figures.F(r.PeakRssMiB)} MiB; real time {Figures.F(r.WallClock.TotalSeconds)} s");
    }
}
