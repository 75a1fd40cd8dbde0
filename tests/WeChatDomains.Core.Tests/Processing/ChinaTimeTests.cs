using WeChatDomains.Core.Processing;

namespace WeChatDomains.Core.Tests.Processing;

public sealed class ChinaTimeTests
{
    [Fact]
    public void NextMidnight_LateUtcEvening_IsMidnightCstOfTheDayAfterNextUtcMorning()
    {
        // 2026-11-30 17:30 UTC is 2026-12-01 01:30 CST: the next CST midnight is 2026-12-02 00:00 CST = 2026-12-01 16:00 UTC.
        var now = new DateTimeOffset(2026, 11, 30, 17, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero), ChinaTime.NextMidnight(now));
    }

    [Fact]
    public void NextMonthStart_UtcLastDayAfter16h_IsAlreadyTheFollowingCstMonth()
    {
        var now = new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero); // 2026-12-01 00:00 CST

        Assert.Equal("2026-12", ChinaTime.MonthKey(now));
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), ChinaTime.NextMonthStart(now));
    }

    [Fact]
    public void NextMonthStart_December_RollsIntoJanuary()
    {
        var now = new DateTimeOffset(2026, 12, 15, 3, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, ChinaTime.Offset), ChinaTime.NextMonthStart(now));
        Assert.Equal("2026-12", ChinaTime.MonthKey(now));
    }
}
