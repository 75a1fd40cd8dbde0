using WeChatDomains.Azure.Operations;
using WeChatDomains.Bench.Infra;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Bench.Scenarios.Fleet;

/// <summary>
/// Collects the fleet run's figures and checks, prints them, and fails (exit code 1, every mismatch with its real
/// counts) when what WeChat received differs from what the plan said.
/// </summary>
internal sealed class FleetReport(FleetSettings settings)
{
    private const int MismatchesShown = 5;

    private readonly List<string> _failures = [];
    private int _matching;
    private PlanTotalsSeen? _plan;
    private TimeSpan _converged;

    private int N => settings.Authorizers;

    public void Seeded(FleetSeed seed, TimeSpan took)
    {
        _matching = seed.Matching.Count;
        Line($"  seeding {N} authorizers: {Figures.F(took.TotalSeconds)} s (sandbox admin routes, 2 calls each: {Figures.F(seed.Sandbox.TotalSeconds)} s; vault files, 2 each: {Figures.F(seed.Vault.TotalSeconds)} s; registry ImportAsync: {Figures.F(seed.Registry.TotalSeconds)} s)");
    }

    public void Planned(PlanTotalsSeen v2, TimeSpan took, int version)
    {
        _plan = v2;
        Line($"  plan of v{version} (GET /api/profiles/{FleetProfiles.Name}/plan, {Figures.F(took.TotalSeconds)} s): {v2.Authorizers} authorizers, {v2.Unchanged} unchanged, {v2.ToChange} to change, {v2.Modifications} modifications, {v2.Calls} calls ({v2.PlatformCalls} platform tier), {v2.BlockedByQuota} blocked by quota, {v2.Unobserved} unobserved");
        Expect("plan of v2: authorizers", N, v2.Authorizers);
        Expect("plan of v2: unchanged", _matching, v2.Unchanged);
        Expect("plan of v2: to change", N - _matching, v2.ToChange);
        Expect("plan of v2: unobserved", 0, v2.Unobserved);
        Expect("plan of v2: blocked by quota", 0, v2.BlockedByQuota);
    }

    public void RolledOut(FleetRolloutEnd end, TimeSpan converged, TimeSpan startTook, TimeSpan hostCpu, TimeSpan azuriteCpu)
    {
        _converged = converged;
        var calls = _plan!.Calls;
        var bound = TimeSpan.FromSeconds(calls * settings.LatencyMs / 1000.0 / settings.Concurrency);
        Line($"  rollout {FleetSettings.RolloutRequest}: {end.State} in {Figures.F(converged.TotalSeconds)} s from the POST (the POST itself, which plans the fleet and stores its items: {Figures.F(startTook.TotalSeconds)} s); {end.Counts}; failures by errcode: {end.FailuresByErrcode}{(end.Reason is null ? "" : "; reason: " + end.Reason)}");
        Line($"  waves: {string.Join("; ", end.Waves)}; deepest command queue {end.DeepestBacklog}; {end.Polls} status polls, slowest {Figures.F(end.SlowestStatus.TotalMilliseconds, "F0")} ms, last {Figures.F(end.LastStatus.TotalMilliseconds, "F0")} ms");
        Line($"  bound: calls needed / (C / latency) = {calls} / ({settings.Concurrency} / {settings.LatencyMs} ms) = {Figures.F(bound.TotalSeconds)} s -> converged at ratio {Figures.F(bound / converged, "F2")} of the bound ({Figures.F(calls / converged.TotalSeconds)} calls/s)");
        Line($"  CPU over the rollout: Host {Figures.F(hostCpu.TotalSeconds)} s, Azurite {Figures.F(azuriteCpu.TotalSeconds)} s (tables and queues; {Figures.F(hostCpu.TotalMilliseconds / Math.Max(1, calls), "F2")} + {Figures.F(azuriteCpu.TotalMilliseconds / Math.Max(1, calls), "F2")} ms per call; {Environment.ProcessorCount} cores)");
        Expect("rollout state", "Succeeded", end.State);
        ExpectNone("status polls whose counts did not add up to the authorizers", [.. end.Unbalanced]);
    }

    public void Spent(
        IReadOnlyDictionary<string, long> calls, IReadOnlyDictionary<string, AuthorizerModel> authorizers, FleetSeed seed,
        IReadOnlyList<PlannedAuthorizer> page)
    {
        var plan = _plan!;
        var domainCalls = calls.Where(c => FleetScenario.IsDomainApi(c.Key)).Sum(c => c.Value);
        var modifications = authorizers.Values.Sum(a => (long)(a.ModificationsThisMonth ?? 0));
        Line($"  WeChat calls received (sandbox, by api): {string.Join(", ", calls.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}");
        Line($"  spent: {domainCalls} domain calls (plan: {plan.Calls}), {modifications} modifications (plan: {plan.Modifications})");
        Expect("domain calls", plan.Calls, domainCalls);
        Expect("modifications", plan.Modifications, modifications);
        Expect("platform-tier calls", plan.PlatformCalls, calls.GetValueOrDefault(WeChatApi.ModifyWxaServerDomain) + calls.GetValueOrDefault(WeChatApi.ModifyWxaJumpDomain));

        var matchedSpent = new List<string>();
        var changedWrong = new List<string>();
        var notV2 = new List<string>();
        foreach (var appId in seed.AppIds)
        {
            var a = authorizers[appId];
            var applied = string.Join(",", a.AppliedModificationsByApi.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            if (seed.Matching.Contains(appId) ? a.AppliedModifications != 0 || (a.ModificationsThisMonth ?? 0) != 0 : !IsOneSetPerApi(a))
            {
                (seed.Matching.Contains(appId) ? matchedSpent : changedWrong).Add($"{appId} [{applied}; month {a.ModificationsThisMonth}]");
            }

            if (!FleetProfiles.V2.IsHeldBy(a))
            {
                notV2.Add(appId);
            }
        }

        var pageWrong = page.Where(p => p.ModificationsNeeded != (authorizers[p.AppId].ModificationsThisMonth ?? 0))
            .Select(p => $"{p.AppId} planned {p.ModificationsNeeded}, spent {authorizers[p.AppId].ModificationsThisMonth}").ToList();
        Line($"  per authorizer: {seed.Matching.Count} matched v2 before: {seed.Matching.Count - matchedSpent.Count} of them spent 0 calls and 0 modifications; {N - seed.Matching.Count} changed: {N - seed.Matching.Count - changedWrong.Count} got exactly one modify_domain and one setwebviewdomain; {N - notV2.Count}/{N} hold v2 in the sandbox; first plan page ({page.Count} authorizers): {page.Count - pageWrong.Count} spent exactly their planned modifications");
        ExpectNone("matched authorizers that spent calls", matchedSpent);
        ExpectNone("changed authorizers without exactly one set per api", changedWrong);
        ExpectNone("authorizers not holding v2", notV2);
        ExpectNone("plan page entries whose modifications differ", pageWrong);
    }

    public static void Costs(string when, IReadOnlyList<RouteCost> costs) =>
        Line($"  read routes {when} (median ms per call): {string.Join("; ", costs.Select(c => $"GET /{c.Route} {Figures.F(c.Median.TotalMilliseconds)} ms{(c.OperationsPerCall is { } ops ? $", {Figures.F(ops)} storage operations" : "")} ({c.Calls} calls)"))}");

    /// <summary>The Host's storage operations over the rollout (counts reset at the POST, read once it ended).</summary>
    public void Operations(StorageOperationSnapshot operations, string tablePrefix)
    {
        var changed = N - _matching;
        Line($"  Host storage operations over the rollout: {operations.Total} = {Figures.F(operations.Total / (double)N)} per authorizer ({Figures.F(operations.Total / (double)Math.Max(1, changed))} per changed authorizer; {operations.TableWrites} table writes); by step, per command ({_plan!.Calls} commands):");
        StorageOperationFigures.Print(operations, _plan!.Calls, tablePrefix);
    }

    public static void Memory(double hostPeakRssMiB) =>
        Line($"  Host peak RSS (VmHWM, whole run): {Figures.F(hostPeakRssMiB)} MiB (goal: at most 200 MiB)");

    /// <summary>Prints the first line (the run's settings); every later figure is printed as it is measured.</summary>
    public void Start() =>
        Figures.Print($"fleet: {N} authorizers (every {settings.MatchEvery}th already on v2), profile {FleetProfiles.Name} v1 -> v2 (registered mode: platform tier, then modify_domain and setwebviewdomain), sandbox latency {settings.LatencyMs} ms, at most {settings.Concurrency} WeChat calls at once, rollout step period {Figures.F(settings.StepPeriod.TotalSeconds)} s, Host counting storage operations: {settings.CountOperations}");

    /// <summary>Whether a check has failed so far.</summary>
    public bool HasFailures => _failures.Count > 0;

    /// <summary>Prints every failed check; 0 when none failed.</summary>
    public int Print()
    {
        foreach (var failure in _failures)
        {
            Figures.Print("  FAILED: " + failure);
            Console.Error.WriteLine("fleet FAILED: " + failure);
        }

        Figures.Print(_failures.Count == 0 ? $"  fleet check: every figure matched the plan (converged in {Figures.F(_converged.TotalSeconds)} s)" : $"  fleet check: {_failures.Count} FAILED");
        return _failures.Count == 0 ? 0 : 1;
    }

    private static void Line(string line) => Figures.Print(line);

    private static bool IsOneSetPerApi(AuthorizerModel a) =>
        a.AppliedModifications == FleetScenario.AuthorizerApis.Length &&
        FleetScenario.AuthorizerApis.All(api => a.AppliedModificationsByApi.GetValueOrDefault(api) == 1);

    private void Expect<T>(string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            _failures.Add($"{what}: expected {expected}, got {actual}");
        }
    }

    private void ExpectNone(string what, List<string> found)
    {
        if (found.Count > 0)
        {
            _failures.Add($"{what}: {found.Count}, first {string.Join("; ", found.Take(MismatchesShown))}");
        }
    }
}
