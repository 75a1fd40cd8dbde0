using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.Host.Timers;

/// <summary>Schedules of the Host's timers (section <c>Timers</c>). Validated at start-up.</summary>
public sealed class TimerOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Timers";

    /// <summary>Whether this Host runs the timers (each run is leased, so several Hosts may keep this on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the token refresh sweep runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TokenSweepPeriod { get; set; } = TimerConstants.TokenSweepPeriod;

    /// <summary>How often due Deferred commands are released back onto the queue.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DeferredReleasePeriod { get; set; } = TimerConstants.DeferredReleasePeriod;

    /// <summary>
    /// How long a run's lease lasts between renewals (renewed every third of it while the run lasts): how long a Host
    /// that died mid-run keeps the others from running the timer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:10:00")]
    public TimeSpan RunLease { get; set; } = TimerConstants.RunLease;

    /// <summary>After how many periods without a completed run a job that is safe to run twice runs without its lease.</summary>
    [Range(2, 100)]
    public int OverdueAfterPeriods { get; set; } = TimerConstants.OverdueAfterPeriods;
}

/// <summary>Defaults of <see cref="TimerOptions"/> and the lease names.</summary>
public static class TimerConstants
{
    /// <summary>Default of <see cref="TimerOptions.TokenSweepPeriod"/>.</summary>
    public static readonly TimeSpan TokenSweepPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Default of <see cref="TimerOptions.DeferredReleasePeriod"/>.</summary>
    public static readonly TimeSpan DeferredReleasePeriod = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="TimerOptions.RunLease"/>.</summary>
    public static readonly TimeSpan RunLease = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="TimerOptions.OverdueAfterPeriods"/>.</summary>
    public const int OverdueAfterPeriods = 3;

    /// <summary>Lease name of the token sweep timer.</summary>
    public const string TokenSweepLease = "host-timer-token-sweep";

    /// <summary>Lease name of the deferred release timer.</summary>
    public const string DeferredReleaseLease = "host-timer-deferred-release";
}
