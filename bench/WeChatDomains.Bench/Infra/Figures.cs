using System.Globalization;

namespace WeChatDomains.Bench.Infra;

/// <summary>Percentiles and formatting of the printed figures.</summary>
internal static class Figures
{
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public static string Latencies(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Select(v => v.TotalMilliseconds).Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture, $"p50 {Percentile(sorted, 50):F0} ms, p95 {Percentile(sorted, 95):F0} ms, p99 {Percentile(sorted, 99):F0} ms, max {(sorted.Length == 0 ? double.NaN : sorted[^1]):F0} ms");
    }

    public static string F(double value, string format = "F1") => value.ToString(format, CultureInfo.InvariantCulture);

    public static void Print(string line) => Console.WriteLine(line);
}
