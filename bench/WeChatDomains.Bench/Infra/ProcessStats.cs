using System.Diagnostics;

namespace WeChatDomains.Bench.Infra;

/// <summary>Memory and CPU of a process, read from <c>/proc</c> (Linux) with the runtime's view as fallback.</summary>
internal static class ProcessStats
{
    /// <summary>Peak resident set size (VmHWM) in MiB, or null when unknown.</summary>
    public static double? PeakRssMiB(int pid) => ReadStatusKb(pid, "VmHWM") is { } kb ? kb / 1024.0 : null;

    /// <summary>Current resident set size (VmRSS) in MiB, or null when unknown.</summary>
    public static double? RssMiB(int pid) => ReadStatusKb(pid, "VmRSS") is { } kb ? kb / 1024.0 : null;

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return TimeSpan.Zero;
        }
    }

    private static long? ReadStatusKb(int pid, string key)
    {
        var path = $"/proc/{pid}/status";
        try
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
            return line is null ? null : MachineInfo.ParseKb(line[(key.Length + 1)..]);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
