namespace WeChatDomains.Host.Timers;

/// <summary>Work a <see cref="LeasedTimerService"/> runs on a schedule, one run at a time across Hosts.</summary>
public interface IScheduledJob
{
    /// <summary>The lease name that keeps two Hosts from running it together.</summary>
    string LeaseName { get; }

    /// <summary>How often it runs.</summary>
    TimeSpan Period { get; }

    /// <summary>One run.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
