using WeChatDomains.Bench.Infra;

namespace WeChatDomains.Bench.Drills;

/// <summary>What a drill saw: every command's final state, the sandbox's counters, and the log scan.</summary>
internal sealed record DrillResult(string Name, int Commands, IReadOnlyDictionary<string, int> States, int Lost, int NotFinal,
    long ExpectedApplied, long SandboxApplied, int DomainsLeft, int LogLines, IReadOnlyList<string> Leaks, TimeSpan Took)
{
    public string Notes { get; init; } = string.Empty;

    /// <summary>Timers that did not run again after the last disruption.</summary>
    public IReadOnlyList<string> TimersNotRunning { get; init; } = [];

    /// <summary>When a timer did not run again: the Host's last log lines about timers, sweeps and failures since the disruptions.</summary>
    public IReadOnlyList<string> TimerLog { get; init; } = [];

    public void Print()
    {
        Figures.Print($"{Name}: {Commands} commands in {Figures.F(Took.TotalSeconds)} s {Notes}");
        Figures.Print($"  final states: {string.Join(", ", States.Select(s => $"{s.Key} {s.Value}"))}; lost {Lost}; not final {NotFinal}");
        Figures.Print($"  sandbox applied modifications: {SandboxApplied} (expected {ExpectedApplied}); domains left that should be gone: {DomainsLeft}");
        Figures.Print($"  timers not running again after the disruptions: {(TimersNotRunning.Count == 0 ? "none" : string.Join(", ", TimersNotRunning))}");
        foreach (var line in TimerLog)
        {
            Figures.Print("    " + line);
        }

        Figures.Print($"  log lines scanned: {LogLines}; lines with a secret: {Leaks.Count}");
        foreach (var leak in Leaks.Take(5))
        {
            Figures.Print("    " + leak);
        }
    }
}
