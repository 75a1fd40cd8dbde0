namespace WeChatDomains.Sandbox.State;

/// <summary>
/// The sandbox's own clock: the injected <see cref="TimeProvider"/>'s time plus an offset that
/// <c>POST /sandbox/clock/advance</c> moves. Token expiry, tickets, codes and the CST month all read it.
/// </summary>
public sealed class SandboxClock(TimeProvider timeProvider)
{
    private long _offsetTicks;

    /// <summary>The sandbox's current time.</summary>
    public DateTimeOffset Now => timeProvider.GetUtcNow() + Offset;

    /// <summary>How far the sandbox clock is ahead of the time provider.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward (or back, with a negative span).</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        Interlocked.Add(ref _offsetTicks, by.Ticks);
        return Now;
    }

    /// <summary>Back to the time provider's time.</summary>
    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);

    /// <summary>The China Standard Time month of <paramref name="at"/> as yyyyMM.</summary>
    public static int CstMonth(DateTimeOffset at)
    {
        var cst = at.ToOffset(SandboxConstants.ChinaStandardTimeOffset);
        return (cst.Year * 100) + cst.Month;
    }
}
