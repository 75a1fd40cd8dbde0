using System.Runtime.InteropServices;

namespace WeChatDomains.Bench.Infra;

/// <summary>The machine a figure was measured on: printed with every scenario.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadFirst("/proc/meminfo", "MemTotal") is { } total
            ? $"{ParseKb(total) / 1024 / 1024.0:F1} GiB"
            : $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024 / 1024 / 1024.0:F1} GiB";
        return $"machine: {Environment.ProcessorCount} cores ({cpu}), {memory} memory, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    private static string? ReadFirst(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    internal static long ParseKb(string value) =>
        long.Parse(value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);
}
