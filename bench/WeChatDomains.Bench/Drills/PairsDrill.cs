using WeChatDomains.Bench.Infra;
using WeChatDomains.Core.Status;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Bench.Drills;

/// <summary>
/// The shared shape of the fault, kill and Azurite drills. Each authorizer gets P modify_domain <c>add</c>s of distinct
/// registered domains (phase 1), then, once all are final, the P matching <c>delete</c>s (phase 2). Every command
/// changes the sandbox's state exactly once, so the sandbox's <c>appliedModifications</c> must be exactly 2P per
/// authorizer: fewer means a command was lost, more means one was applied twice (a replayed add after its delete also
/// leaves a domain behind). <paramref name="disrupt"/> runs during each phase (kill the Host, restart Azurite...).
/// </summary>
internal static class PairsDrill
{
    /// <summary>Settings that let a drill recover in seconds rather than minutes (leases, visibility, retries).</summary>
    public static HostSettings FastRecovery(HostSettings s) => s with
    {
        IntakeConcurrency = 16,
        LogLevel = "Debug",
        Extra = new(StringComparer.Ordinal)
        {
            ["Processing__RetryBaseDelay"] = "00:00:00.200",
            ["Processing__RetryMaxDelay"] = "00:00:02",
            ["Processing__RunLease"] = "00:00:05",
            ["Processing__OrderRecheck"] = "00:00:01",
            ["WeChatClient__BaseDelay"] = "00:00:00.010",
            ["WeChatClient__MaxDelay"] = "00:00:00.100",
            ["WeChatClient__AttemptTimeout"] = "00:00:05",
            ["StorageQueue__VisibilityTimeout"] = "00:00:10",
            ["Intake__ErrorRetryDelay"] = "00:00:01",
            ["Intake__ShutdownGrace"] = "00:00:01",
            ["Timers__DeferredReleasePeriod"] = "00:00:01",
            ["Timers__TokenSweepPeriod"] = "00:00:05",
            ["Timers__RunLease"] = "00:00:06",
        },
    };

    /// <summary>How long each timer has to run again once the disruptions are over (their periods are seconds long).</summary>
    public static readonly TimeSpan TimerRecoveryLimit = TimeSpan.FromMinutes(2);

    /// <summary>The timers every drill checks are running again once the disruptions are over.</summary>
    public static readonly string[] Timers = ["host-timer-deferred-release", "host-timer-token-sweep"];

    public static async Task<DrillResult> RunAsync(
        string name, int commands, double faultRate, bool persistentAzurite, Func<BenchWorld, int, Task> disrupt, TimeSpan limit,
        Func<HostSettings, HostSettings>? configure = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        var pairs = Math.Min(20, Math.Max(1, commands / 40));
        var authorizers = Math.Max(1, commands / (2 * pairs));
        await using var world = await BenchWorld.StartAsync(s => (configure ?? (x => x))(FastRecovery(s)), persistentAzurite);
        var appIds = await world.OnboardAsync(authorizers, domains: pairs);
        if (faultRate > 0)
        {
            await world.Sandbox.SetFaultsAsync(Faults(faultRate));
        }

        var all = new List<string>();
        var afterDisruptions = 0;
        for (var phase = 0; phase < 2; phase++)
        {
            var action = phase == 0 ? "add" : "delete";
            var ids = (from p in Enumerable.Range(0, pairs) from a in Enumerable.Range(0, authorizers) select (p, a))
                .Select(x => (Id: $"{name}-{action}-{x.a:D4}-{x.p:D2}", Json: BenchWorld.Command(
                    $"{name}-{action}-{x.a:D4}-{x.p:D2}", WeChatApi.ModifyDomain, appIds[x.a], new { action, requestdomain = new[] { BenchWorld.DomainOf(x.p) } })))
                .ToList();
            var submitting = Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (c, _) => await world.SubmitAsync(c.Json, limit));
            await Task.WhenAll(submitting, disrupt(world, phase));
            afterDisruptions = world.Host.Logs.Count;
            try
            {
                await world.WaitAllFinalAsync([.. ids.Select(c => c.Id)], limit);
            }
            catch (TimeoutException e)
            {
                var log = Path.Combine(Path.GetTempPath(), $"wechatdomains-drill-{name}-host.log");
                await File.WriteAllLinesAsync(log, world.Host.Logs.Lines);
                throw new TimeoutException($"{name}, phase {phase} ({action}): {e.Message} The Host's whole log: {log}", e);
            }
            all.AddRange(ids.Select(c => c.Id));
        }

        var stalled = await TimersStalledAsync(world, afterDisruptions, TimerRecoveryLimit);
        var logFile = stalled.Count == 0 ? null : Path.Combine(Path.GetTempPath(), $"wechatdomains-drill-{name}-host.log");
        if (logFile is not null)
        {
            await File.WriteAllLinesAsync(logFile, world.Host.Logs.Lines);
        }

        await world.Sandbox.ClearFaultsAsync();
        var records = await world.ReadAllAsync(all);
        long applied = 0;
        var left = 0;
        foreach (var appId in appIds)
        {
            var state = await world.Sandbox.GetAuthorizerAsync(appId);
            applied += state.AppliedModificationsByApi.GetValueOrDefault(WeChatApi.ModifyDomain);
            left += state.Domains.Third.RequestDomain.Count;
        }

        var leaks = SecretScan.Leaks(world.Host.Logs.Lines, SecretScan.Secrets(world.Sandbox));
        return new DrillResult(
            name, all.Count,
            records.Values.Where(r => r is not null).GroupBy(r => r!.State.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            records.Values.Count(r => r is null), records.Values.Count(r => r is not null && !r.State.IsFinal()),
            2L * pairs * authorizers, applied, left, world.Host.Logs.Count, leaks, TimeProvider.System.GetElapsedTime(started))
        {
            TimersNotRunning = stalled,
            TimerLog = logFile is null ? [] : [$"(the Host's whole log: {logFile})", .. world.Host.Logs.Lines.Skip(afterDisruptions)
                .Where(l => stalled.Any(t => l.Contains(t, StringComparison.Ordinal)) || l.Contains("sweep", StringComparison.OrdinalIgnoreCase) || l.Contains("token", StringComparison.OrdinalIgnoreCase))
                .TakeLast(40)],
        };
    }

    /// <summary>
    /// The timers that completed no run after the log line <paramref name="from"/> (the end of the last disruption),
    /// waiting up to <paramref name="limit"/> for each: every timer must run again by itself.
    /// </summary>
    private static async Task<IReadOnlyList<string>> TimersStalledAsync(BenchWorld world, int from, TimeSpan limit)
    {
        string[] stalled = Timers;
        try
        {
            await Poll.UntilAsync(
                () =>
                {
                    var lines = world.Host.Logs.Lines.Skip(from).ToList();
                    stalled = [.. Timers.Where(t => !lines.Any(l => l.Contains($"Timer {t} run completed", StringComparison.Ordinal)))];
                    return Task.FromResult(stalled.Length == 0);
                },
                limit,
                () => "every timer runs again: " + string.Join(", ", stalled) + " did not");
        }
        catch (TimeoutException)
        {
            // Reported through TimersNotRunning.
        }

        return stalled;
    }

    /// <summary>Faults on modify_domain adding up to <paramref name="rate"/>: -1, HTTP 5xx, dropped connections, applied-then-failed.</summary>
    public static FaultSettings Faults(double rate) => new()
    {
        Seed = 8,
        Apis = new(StringComparer.Ordinal)
        {
            [WeChatApi.ModifyDomain] = new ApiFaults
            {
                Errcodes = new() { [-1] = rate / 4 },
                Http5xx = rate / 4,
                Drop = rate / 4,
                AppliedThenFail = rate / 4,
                LatencyMs = 5,
            },
        },
    };

    /// <summary>Waits a random 0.5-2.5 s of real time (drills disrupt at random points).</summary>
    public static Task RandomPauseAsync(Random random) =>
        Task.Delay(TimeSpan.FromMilliseconds(500 + random.Next(2000)), TimeProvider.System);
}
