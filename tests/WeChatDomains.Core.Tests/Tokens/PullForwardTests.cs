using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Core.Tests.Tokens;

public sealed class PullForwardTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Threshold = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    /// <summary><paramref name="count"/> due times whose slots start <paramref name="firstSlot"/> from now, <paramref name="perSecond"/> a second.</summary>
    private static List<DateTimeOffset> Slots(TimeSpan firstSlot, int count, double perSecond) =>
        [.. Enumerable.Range(0, count).Select(k => Now + Threshold + firstSlot + TimeSpan.FromSeconds(k / perSecond))];

    [Fact]
    public void Plan_NothingAhead_Null()
    {
        Assert.Null(PullForward.Plan([], Now, Threshold, Period, 1));
    }

    [Fact]
    public void Plan_SlotsTheBudgetKeepsUpWith_Null()
    {
        var dueTimes = Slots(TimeSpan.FromMinutes(10), 3_000, perSecond: 0.9);

        Assert.Null(PullForward.Plan(dueTimes, Now, Threshold, Period, 1));
    }

    [Fact]
    public void Plan_BurstBeyondTheBudget_Issue16_PullsForwardWhatTheBudgetCannotDoByTheSlots()
    {
        // 6,000 slots from minute 60 to 70, ten a second; the budget does one a second from the next lookahead (minute 5):
        // by the last slot, a minute late, it does 3,360 + 599, so 2,041 must be done before then.
        var dueTimes = Slots(TimeSpan.FromMinutes(60), 6_000, perSecond: 10);

        var plan = PullForward.Plan(dueTimes, Now, Threshold, Period, 1);

        Assert.Equal(new PullForward(dueTimes[2_040].AddTicks(1), 2_041), plan);
    }

    [Fact]
    public void Plan_DueAlreadyAndABurstAhead_CountsOnlyThoseNotDueYet()
    {
        List<DateTimeOffset> dueTimes = [DateTimeOffset.MinValue, Now, .. Slots(TimeSpan.FromMinutes(60), 6_000, perSecond: 10)];

        var plan = PullForward.Plan(dueTimes, Now, Threshold, Period, 1);

        Assert.Equal(new PullForward(dueTimes[2_042].AddTicks(1), 2_041), plan);
    }

    [Fact]
    public void Plan_DenseSlotsJustPastTheNextLookahead_NullWhileTheBudgetCatchesUpWithinTheSlack()
    {
        // Fifty slots in the five seconds after the next lookahead: one a second falls behind by at most 45 of them, which
        // a minute past their slots makes up (60).
        var dueTimes = Slots(Period + TimeSpan.FromSeconds(1), 50, perSecond: 10);

        Assert.Null(PullForward.Plan(dueTimes, Now, Threshold, Period, 1));
    }

    [Fact]
    public void Plan_MoreDueWithinTheNextPeriodThanTheBudgetDoes_NullAsTheirSlotsComeFirst()
    {
        var dueTimes = Slots(TimeSpan.FromMinutes(1), 1_000, perSecond: 10);

        Assert.Null(PullForward.Plan(dueTimes, Now, Threshold, Period, 1));
    }
}
