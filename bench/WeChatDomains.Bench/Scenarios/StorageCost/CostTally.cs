using WeChatDomains.Bench.Infra;

namespace WeChatDomains.Bench.Scenarios.StorageCost;

/// <summary>
/// Operations of one kind run against Azurite, with the wall time they took and the CPU time the Azurite process used
/// meanwhile (from <c>/proc</c>, through <see cref="ProcessStats.CpuTime"/>), summed over one or more rounds.
/// </summary>
internal sealed class CostTally(int azuritePid)
{
    public long Operations { get; private set; }

    public TimeSpan Wall { get; private set; }

    public TimeSpan AzuriteCpu { get; private set; }

    /// <summary>
    /// Runs <paramref name="operation"/> <paramref name="count"/> times, at most <paramref name="concurrency"/> at once;
    /// each call gets an index unique over all the rounds of this tally.
    /// </summary>
    public async Task RunAsync(int count, int concurrency, Func<long, Task> operation)
    {
        var first = Operations;
        var cpuBefore = ProcessStats.CpuTime(azuritePid);
        var started = TimeProvider.System.GetTimestamp();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => await operation(first + i));
        Wall += TimeProvider.System.GetElapsedTime(started);
        AzuriteCpu += ProcessStats.CpuTime(azuritePid) - cpuBefore;
        Operations += count;
    }

    /// <summary>One printed line, e.g. <c>  table point read (10,000 rows): 1,320 ops/s, Azurite 0.78 ms CPU/op</c>.</summary>
    public void Print(string what) =>
        Figures.Print($"  {what}: {Figures.F(Operations / Wall.TotalSeconds, "N0")} ops/s, Azurite {Figures.F(AzuriteCpu.TotalMilliseconds / Operations, "F2")} ms CPU/op ({Operations} ops)");
}
