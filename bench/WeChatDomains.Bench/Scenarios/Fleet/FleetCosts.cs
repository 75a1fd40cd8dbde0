using WeChatDomains.Bench.Infra;
using WeChatDomains.Core.Diagnostics;

namespace WeChatDomains.Bench.Scenarios.Fleet;

/// <summary>The cost of one read route at the fleet's size: median time per call over a few calls.</summary>
internal sealed record RouteCost(string Route, int Calls, TimeSpan Median, double? OperationsPerCall);

/// <summary>
/// What the operator's reads cost at the fleet's size: <c>GET /api/health</c> and the dashboard's first calls (health,
/// the Failed and Deferred command lists), which must not grow with the fleet, and the rollout status, which reads every
/// item of the rollout (printed so that its growth is seen; the plan's time is printed with it).
/// </summary>
internal static class FleetCosts
{
    /// <summary>
    /// Times each route; when the Host counts its storage operations, also its operations per call: the route's own, counted
    /// under <see cref="StorageSteps.Read"/> (the timers running meanwhile count elsewhere).
    /// </summary>
    public static async Task<IReadOnlyList<RouteCost>> MeasureAsync(FleetApi api, BenchWorld world, bool countOperations, string? rolloutId)
    {
        var routes = new List<(string Route, int Calls)>
        {
            ("api/health", 20),
            ("api/commands?state=Failed", 5),
            ("api/commands?state=Deferred", 5),
        };
        if (rolloutId is not null)
        {
            routes.Add(($"api/rollouts/{Uri.EscapeDataString(rolloutId)}", 1));
        }

        var costs = new List<RouteCost>();
        foreach (var (route, calls) in routes)
        {
            if (countOperations)
            {
                await StorageOperationFigures.ResetAsync(world);
            }

            var times = new List<double>();
            for (var i = 0; i < calls; i++)
            {
                times.Add((await api.GetAsync(route)).Took.TotalMilliseconds);
            }

            var operations = countOperations
                ? (await StorageOperationFigures.ReadAsync(world)).Steps.Where(s => s.Step == StorageSteps.Read).Sum(s => s.Count) / (double)calls
                : (double?)null;
            times.Sort();
            costs.Add(new RouteCost(route, calls, TimeSpan.FromMilliseconds(Figures.Percentile(times, 50)), operations));
        }

        return costs;
    }
}
