using System.Globalization;
using WeChatDomains.Bench.Infra;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Bench.Scenarios.Fleet;

/// <summary>How the fleet scenario is run.</summary>
/// <param name="Authorizers">Fleet size N.</param>
/// <param name="MatchEvery">Every this-many-th authorizer already holds v2 (0: none).</param>
/// <param name="LatencyMs">Latency the sandbox adds to every WeChat call.</param>
/// <param name="Concurrency">C: WeChat calls the Host makes at once.</param>
/// <param name="StepPeriod">The rollout driver's period (<c>Profiles:RolloutStepPeriod</c>).</param>
/// <param name="CountOperations">Whether the Host counts its storage operations (<c>StorageOperations:Count</c>; its counts hold a row per partition touched, which the Host's memory carries).</param>
internal sealed record FleetSettings(int Authorizers, int MatchEvery, int LatencyMs, int Concurrency, TimeSpan StepPeriod, bool CountOperations)
{
    public const string RolloutRequest = """{"canary":1,"waves":[10,50,100],"maxFailureRate":0.01}""";
}

/// <summary>
/// N authorizers on profile v1 move to v2 through a real Host (child process), Azurite and the sandbox: seeded in bulk
/// (<see cref="FleetSeeder"/>), then <c>PUT /api/profiles/fleet</c> v1 and v2, the plan
/// (<c>GET /api/profiles/fleet/plan</c>), and a rollout (<c>POST /api/profiles/fleet/rollouts</c>) polled until it ends.
/// Each plan reads the whole fleet (a point read per authorizer, and its quota ledger when it differs), so the scenario
/// plans once; the rollout's POST plans again by itself. What WeChat received is read back from the sandbox: its call counts by api, and every
/// authorizer's applied modifications and domains; each must match the plan exactly, or the scenario fails with the
/// real counts.
/// </summary>
internal static class FleetScenario
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(3);

    public static async Task<int> RunAsync(FleetSettings settings)
    {
        var report = new FleetReport(settings);
        report.Start();
        var extra = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["WeChatClient__MaxConcurrentCalls"] = settings.Concurrency.ToString(CultureInfo.InvariantCulture),
            ["Profiles__RolloutStepPeriod"] = settings.StepPeriod.ToString("c", CultureInfo.InvariantCulture),
        };
        if (settings.CountOperations)
        {
            extra[StorageOperationFigures.Setting.Key] = StorageOperationFigures.Setting.Value;
        }

        await using var world = await BenchWorld.StartAsync(s => s with
        {
            IntakeConcurrency = ThroughputScenario.DefaultInFlightPerConcurrency * settings.Concurrency,
            LogLevel = "Warning",
            Extra = extra,
        }, queuesOnDisk: true);
        using var api = new FleetApi(world.Host.BaseAddress);

        var started = TimeProvider.System.GetTimestamp();
        var seed = await FleetSeeder.SeedAsync(world, settings.Authorizers, settings.MatchEvery);
        report.Seeded(seed, TimeProvider.System.GetElapsedTime(started));

        await api.PutProfileAsync(FleetProfiles.Name, FleetProfiles.V1.ProfileJson());
        var version = await api.PutProfileAsync(FleetProfiles.Name, FleetProfiles.V2.ProfileJson());
        var (plan, page, planTook) = await api.PlanAsync(FleetProfiles.Name, 1000);
        report.Planned(plan, planTook, version);
        if (report.HasFailures)
        {
            // A plan other than the seeding's (authorizers unobserved, say) cannot converge: the rollout would wait on them.
            Figures.Print("  the plan is not the seeding's: the rollout is not started");
            return report.Print();
        }

        FleetReport.Costs("before the rollout", await FleetCosts.MeasureAsync(api, world, settings.CountOperations, null));

        await world.Sandbox.SetFaultsAsync(new FaultSettings { Apis = new(StringComparer.Ordinal) { ["*"] = new ApiFaults { LatencyMs = settings.LatencyMs } } });
        var callsBefore = await world.Sandbox.GetCallsAsync();
        var hostCpu = world.Host.CpuTime;
        var azuriteCpu = world.AzuriteCpuTime;
        if (settings.CountOperations)
        {
            await StorageOperationFigures.ResetAsync(world);
        }

        started = TimeProvider.System.GetTimestamp();
        var (rolloutId, startTook) = await api.StartRolloutAsync(FleetProfiles.Name, FleetSettings.RolloutRequest);
        var final = await FleetRolloutWatch.UntilEndedAsync(api, world, rolloutId, Limit);
        var converged = TimeProvider.System.GetElapsedTime(started);
        report.RolledOut(final, converged, startTook, world.Host.CpuTime - hostCpu, world.AzuriteCpuTime - azuriteCpu);

        if (settings.CountOperations)
        {
            report.Operations(await StorageOperationFigures.ReadAsync(world), world.Settings.TablePrefix);
        }

        await world.Sandbox.ClearFaultsAsync();
        var calls = Diff(await world.Sandbox.GetCallsAsync(), callsBefore);
        var authorizers = await ReadSandboxAsync(world, seed.AppIds);
        report.Spent(calls, authorizers, seed, page);
        FleetReport.Costs("after the rollout", await FleetCosts.MeasureAsync(api, world, settings.CountOperations, rolloutId));
        FleetReport.Memory(world.Host.PeakRssMiB);
        return report.Print();
    }

    private static Dictionary<string, long> Diff(IReadOnlyDictionary<string, long> after, IReadOnlyDictionary<string, long> before) =>
        after.Select(c => (c.Key, Count: c.Value - before.GetValueOrDefault(c.Key)))
            .Where(c => c.Count != 0)
            .ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal);

    /// <summary>Every authorizer as the sandbox holds it now (its admin route, 16 at a time).</summary>
    private static async Task<IReadOnlyDictionary<string, AuthorizerModel>> ReadSandboxAsync(BenchWorld world, IReadOnlyList<string> appIds)
    {
        var read = new System.Collections.Concurrent.ConcurrentDictionary<string, AuthorizerModel>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(appIds, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (appId, _) =>
            read[appId] = await world.Sandbox.GetAuthorizerAsync(appId));
        return read;
    }

    /// <summary>The domain apis (every call but the token and authorization apis, whose names start with <c>api_</c>).</summary>
    public static bool IsDomainApi(string api) => !api.StartsWith("api_", StringComparison.Ordinal);

    /// <summary>The apis the plan's authorizer commands use (registered mode).</summary>
    public static readonly string[] AuthorizerApis = [WeChatApi.ModifyDomain, WeChatApi.SetWebviewDomain];
}
