using System.Text.Json.Nodes;
using WeChatDomains.Bench.Infra;

namespace WeChatDomains.Bench.Scenarios.Fleet;

/// <summary>How a rollout ended, as <c>GET /api/rollouts/{id}</c> last showed it, and what the watch saw on the way.</summary>
/// <param name="Unbalanced">The polls whose counts did not add up to the rollout's authorizers (each item is in one state).</param>
internal sealed record FleetRolloutEnd(
    string State, string Counts, string FailuresByErrcode, string? Reason, IReadOnlyList<string> Waves, long DeepestBacklog, int Polls, TimeSpan SlowestStatus, TimeSpan LastStatus,
    IReadOnlyList<string> Unbalanced);

/// <summary>
/// Polls the rollout's status until it is no longer Running. The status route reads every item of the rollout (a query
/// page per thousand items), so the pause between polls grows with its cost (at least <see cref="MinPause"/>, at least
/// <see cref="PausePerCallTime"/> times the last call's time): polling must not load Azurite more than the rollout. It also
/// reads the command queue's depth (one cheap call) and notes when each wave began.
/// </summary>
internal static class FleetRolloutWatch
{
    private static readonly TimeSpan MinPause = TimeSpan.FromSeconds(1);
    private const int PausePerCallTime = 5;
    private static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(10);

    public static async Task<FleetRolloutEnd> UntilEndedAsync(FleetApi api, BenchWorld world, string rolloutId, TimeSpan limit)
    {
        var started = TimeProvider.System.GetTimestamp();
        var waves = new List<string>();
        var unbalanced = new List<string>();
        int polls = 0, lastWave = -1;
        long deepest = 0;
        var slowest = TimeSpan.Zero;
        string lastCounts = string.Empty;
        var lastChange = started;
        while (true)
        {
            var (body, took) = await api.GetAsync($"api/rollouts/{Uri.EscapeDataString(rolloutId)}");
            polls++;
            slowest = took > slowest ? took : slowest;
            var depth = (await world.Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            deepest = Math.Max(deepest, depth);
            var state = (string)body["state"]!;
            var wave = (int)body["wave"]!;
            var counts = Describe(body["counts"]);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            if (wave != lastWave)
            {
                waves.Add($"wave {wave} seen at {Figures.F(elapsed.TotalSeconds)} s");
                lastWave = wave;
            }

            var authorizers = (int)body["authorizers"]!;
            var sum = body["counts"] is JsonObject byState ? byState.Sum(p => (int)p.Value!) : 0;
            if (sum != authorizers)
            {
                unbalanced.Add($"[{Figures.F(elapsed.TotalSeconds)} s] {counts} = {sum} for {authorizers} authorizers");
            }

            if (counts != lastCounts)
            {
                lastCounts = counts;
                lastChange = TimeProvider.System.GetTimestamp();
                Figures.Print($"  [{Figures.F(elapsed.TotalSeconds)} s] {state}, wave {wave}: {counts}; queue {depth}; status call {Figures.F(took.TotalMilliseconds, "F0")} ms");
            }

            if (state != "Running")
            {
                return new FleetRolloutEnd(state, counts, Describe(body["failuresByErrcode"]), (string?)body["reason"], waves, deepest, polls, slowest, took, unbalanced);
            }

            if (elapsed > limit || TimeProvider.System.GetElapsedTime(lastChange) > StallLimit)
            {
                throw new TimeoutException($"The rollout {rolloutId} did not end: {state}, wave {wave}, {counts}, queue {depth}, after {elapsed}.\n{world.Host.Logs.Tail(30)}");
            }

            var pause = took * PausePerCallTime;
            await Task.Delay(pause > MinPause ? pause : MinPause, TimeProvider.System);
        }
    }

    private static string Describe(JsonNode? node) =>
        node is JsonObject o ? string.Join(", ", o.Select(p => $"{p.Key} {p.Value}")) : "none";
}
