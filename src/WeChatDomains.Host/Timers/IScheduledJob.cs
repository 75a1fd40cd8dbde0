namespace WeChatDomains.Host.Timers;

/// <summary>Work a <see cref="LeasedTimerService"/> runs on a schedule, one run at a time across Hosts.</summary>
public interface IScheduledJob
{
    /// <summary>The lease name that keeps two Hosts from running it together.</summary>
    string LeaseName { get; }

    /// <summary>How often it runs.</summary>
    TimeSpan Period { get; }

    /// <summary>
    /// Whether a run is harmless when another Host runs it at the same time (idempotent), so that it may run without the
    /// lease once overdue (<see cref="TimerOptions.OverdueAfterPeriods"/>).
    /// </summary>
    bool RunsWhenOverdue => false;

    /// <summary>One run.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
