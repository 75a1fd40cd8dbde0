using Microsoft.Extensions.Time.Testing;

namespace WeChatDomains.Core.Tests.Tokens.Doubles;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows when its armed timers are due, so a test can move time exactly to the
/// next wake-up (a write-limiter wait, a lease poll) instead of guessing a step.
/// </summary>
internal sealed class SteppingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private static readonly TimeSpan MinimumStep = TimeSpan.FromMilliseconds(1);
    private readonly Lock _gate = new();
    private readonly Dictionary<Tracked, (DateTimeOffset Due, bool Background)> _armed = [];

    /// <summary>
    /// Timers armed with this due time run beside the work (lease renewals) rather than being waited for: while only
    /// such timers are armed, <see cref="NextDue"/> is null, so a driver does not move time under running work.
    /// </summary>
    public TimeSpan? BackgroundDueTime { get; set; }

    /// <summary>When the earliest armed timer fires, or null when none is armed that work waits for.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _armed.Values.All(a => a.Background) ? null : _armed.Values.Min(a => a.Due);
            }
        }
    }

    /// <summary>
    /// Moves time to the earliest armed timer (at least one millisecond: a timer armed while time moved may be due a
    /// little later than recorded); false when none is armed.
    /// </summary>
    public bool AdvanceToNextDue()
    {
        if (NextDue is not { } due)
        {
            return false;
        }

        var now = GetUtcNow();
        Advance(due - now > MinimumStep ? due - now : MinimumStep);
        return true;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new Tracked(this);
        tracked.Arm(dueTime, period);
        tracked.Inner = base.CreateTimer(s => { tracked.Fired(); callback(s); }, state, dueTime, period);
        return tracked;
    }

    private void Set(Tracked timer, DateTimeOffset? due, bool background)
    {
        lock (_gate)
        {
            if (due is { } d)
            {
                _armed[timer] = (d, background);
            }
            else
            {
                _armed.Remove(timer);
            }
        }
    }

    private sealed class Tracked(SteppingClock clock) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _background;

        public ITimer? Inner { get; set; }

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            _background = dueTime == clock.BackgroundDueTime;
            clock.Set(this, dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime, _background);
        }

        public void Fired() =>
            clock.Set(this, _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? clock.GetUtcNow() + _period : null, _background);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner?.Change(dueTime, period) ?? false;
        }

        public void Dispose()
        {
            clock.Set(this, null, _background);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
