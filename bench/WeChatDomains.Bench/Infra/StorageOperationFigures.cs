using System.Net.Http.Json;
using WeChatDomains.Azure.Operations;
using WeChatDomains.Core.Diagnostics;

namespace WeChatDomains.Bench.Infra;

/// <summary>
/// The Host's storage operation counts, read from its diagnostics route (the Host runs with <c>StorageOperations:Count</c>
/// on, see <see cref="Setting"/>): reset before a run, read after it, printed per command by step with the busiest
/// table partition's share.
/// </summary>
internal static class StorageOperationFigures
{
    /// <summary>The Host setting that turns counting (and the route) on.</summary>
    public static KeyValuePair<string, string> Setting => new("StorageOperations__Count", "true");

    /// <summary>The steps of a command, in the order they are printed (<see cref="StorageSteps.Other"/> and <see cref="StorageSteps.Read"/> are printed apart).</summary>
    private static readonly string[] CommandSteps =
    [
        StorageSteps.Submission, StorageSteps.Claim, StorageSteps.Order, StorageSteps.Processing, StorageSteps.Attempt,
        StorageSteps.Final, StorageSteps.SideEffects, StorageSteps.Queue,
    ];

    private static Uri Route => new("api/" + StorageOperationConstants.Route, UriKind.Relative);

    /// <summary>Starts the Host's counts again from zero.</summary>
    public static async Task ResetAsync(BenchWorld world) => (await world.Api.DeleteAsync(Route)).EnsureSuccessStatusCode();

    /// <summary>The Host's counts since the last reset.</summary>
    public static async Task<StorageOperationSnapshot> ReadAsync(BenchWorld world) =>
        await world.Api.GetFromJsonAsync<StorageOperationSnapshot>(Route) ?? throw new InvalidOperationException("The Host returned no storage operation counts.");

    /// <summary>Operations per command by step (table and kind in brackets), the rest, and the busiest table partition.</summary>
    public static void Print(StorageOperationSnapshot snapshot, int commands, string tablePrefix)
    {
        string Name(string table) => table.StartsWith(tablePrefix, StringComparison.Ordinal) ? table[tablePrefix.Length..] : table;
        string PerCommand(long count) => Figures.F((double)count / commands, "F2");

        var command = snapshot.Steps.Where(s => s.Step is not (StorageSteps.Other or StorageSteps.Read)).Sum(s => s.Count);
        Figures.Print($"  storage operations per command (Host, submission to final, queue included): {PerCommand(command)} ({command} for {commands} commands)");
        foreach (var step in CommandSteps)
        {
            var rows = snapshot.Steps.Where(s => s.Step == step).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var detail = string.Join(", ", rows.Select(r => $"{(r.Step == StorageSteps.Queue ? "queue" : Name(r.Table))} {r.Kind} {PerCommand(r.Count)}"));
            Figures.Print($"    {step,-12} {PerCommand(rows.Sum(r => r.Count))}  ({detail})");
        }

        var other = snapshot.Steps.Where(s => s.Step == StorageSteps.Other).ToList();
        var otherDetail = string.Join(", ", other.GroupBy(r => (Name(r.Table), r.Kind)).Select(g => $"{g.Key.Item1} {g.Key.Kind} {g.Sum(r => r.Count)}"));
        Figures.Print($"    outside the commands' steps (timers, onboarding): {other.Sum(s => s.Count)} in all{(other.Count > 0 ? $" ({otherDetail})" : string.Empty)}");
        Figures.Print($"    read routes (health, listings, status polls): {snapshot.Steps.Where(s => s.Step == StorageSteps.Read).Sum(s => s.Count)} in all");
        Share("operations", snapshot.Busiest, snapshot.TableOperations);
        Share("writes", snapshot.BusiestWrites, snapshot.TableWrites);
        Figures.Print(snapshot.Estimated
            ? $"    table partitions touched: about {snapshot.Partitions} (estimated: more than the {StorageOperationConstants.PartitionsKept} the Host counts exactly; busiest counts are upper bounds)"
            : $"    table partitions touched: {snapshot.Partitions}");

        void Share(string what, IReadOnlyList<StoragePartitionCount> busiest, long total)
        {
            if (busiest.Count == 0 || total == 0)
            {
                return;
            }

            var top = busiest[0];
            Figures.Print($"    busiest table partition by {what}: {Name(top.Table)} '{top.Partition}' {top.Count} of {total} ({Figures.F(100.0 * top.Count / total, "F2")} %)");
        }
    }
}
