using System.Globalization;

namespace WeChatDomains.Core.Processing;

/// <summary>
/// WeChat's quota boundaries are in China Standard Time (UTC+8, no daylight saving): the day at 00:00 CST, the month on
/// the 1st at 00:00 CST.
/// </summary>
public static class ChinaTime
{
    /// <summary>China Standard Time's offset from UTC.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The instant as CST wall-clock time.</summary>
    public static DateTimeOffset ToCst(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The next 00:00 CST strictly after <paramref name="instant"/>.</summary>
    public static DateTimeOffset NextMidnight(DateTimeOffset instant)
    {
        var cst = ToCst(instant);
        return new DateTimeOffset(cst.Year, cst.Month, cst.Day, 0, 0, 0, Offset).AddDays(1);
    }

    /// <summary>The 1st of the month after <paramref name="instant"/>'s CST month, at 00:00 CST.</summary>
    public static DateTimeOffset NextMonthStart(DateTimeOffset instant)
    {
        var cst = ToCst(instant);
        return new DateTimeOffset(cst.Year, cst.Month, 1, 0, 0, 0, Offset).AddMonths(1);
    }

    /// <summary>The CST month of <paramref name="instant"/> as <c>yyyy-MM</c> (the quota ledger's key).</summary>
    public static string MonthKey(DateTimeOffset instant) => ToCst(instant).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
