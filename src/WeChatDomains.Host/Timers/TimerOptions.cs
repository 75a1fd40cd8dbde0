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

    /// <summary>How long one run's lease lasts: longer than a run takes, so that two Hosts never run it together.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan RunLease { get; set; } = TimerConstants.RunLease;
}

/// <summary>Defaults of <see cref="TimerOptions"/> and the lease names.</summary>
public static class TimerConstants
{
    /// <summary>Default of <see cref="TimerOptions.TokenSweepPeriod"/>.</summary>
    public static readonly TimeSpan TokenSweepPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Default of <see cref="TimerOptions.DeferredReleasePeriod"/>.</summary>
    public static readonly TimeSpan DeferredReleasePeriod = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="TimerOptions.RunLease"/>.</summary>
    public static readonly TimeSpan RunLease = TimeSpan.FromMinutes(5);

    /// <summary>Lease name of the token sweep timer.</summary>
    public const string TokenSweepLease = "host-timer-token-sweep";

    /// <summary>Lease name of the deferred release timer.</summary>
    public const string DeferredReleaseLease = "host-timer-deferred-release";
}
