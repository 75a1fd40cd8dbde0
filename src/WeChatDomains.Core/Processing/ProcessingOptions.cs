using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.Core.Processing;

/// <summary>Tuning of command processing; defaults in <see cref="ProcessingConstants"/>. Validated at start-up.</summary>
public sealed class ProcessingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Processing";

    /// <summary>Command-level attempts (each may hold several in-process HTTP retries) before a transient failure is final.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = ProcessingConstants.MaxAttempts;

    /// <summary>Attempts given to an errcode the catalog does not know before the command fails as Unknown.</summary>
    [Range(1, 20)]
    public int UnknownCodeAttempts { get; set; } = ProcessingConstants.UnknownCodeAttempts;

    /// <summary>Deliveries of one message after which a command that never finished is failed (crash loops).</summary>
    [Range(2, 1000)]
    public int MaxDeliveries { get; set; } = ProcessingConstants.MaxDeliveries;

    /// <summary>Modifications a month per authorizer (modify_domain and modify_domain_directly together).</summary>
    [Range(1, 1000)]
    public int MonthlyModificationQuota { get; set; } = ProcessingConstants.MonthlyModificationQuota;

    /// <summary>How long a worker's claim on a running command lasts before another may resume it.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan RunLease { get; set; } = ProcessingConstants.RunLease;

    /// <summary>First delay of a command-level transient retry; doubled each attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = ProcessingConstants.RetryBaseDelay;

    /// <summary>Longest command-level retry delay.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = ProcessingConstants.RetryMaxDelay;

    /// <summary>How long a command waits for the next component_verify_ticket push (61005/61006).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TicketWait { get; set; } = ProcessingConstants.TicketWait;

    /// <summary>Largest jitter added to a rate-limit deferral (45011 defers to the next minute plus this).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RateLimitJitter { get; set; } = ProcessingConstants.RateLimitJitter;

    /// <summary>How long a command held back by an earlier one of its lane waits before it checks again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan OrderRecheck { get; set; } = ProcessingConstants.OrderRecheck;
}

/// <summary>Defaults of <see cref="ProcessingOptions"/>.</summary>
public static class ProcessingConstants
{
    /// <summary>Default of <see cref="ProcessingOptions.MaxAttempts"/>.</summary>
    public const int MaxAttempts = 8;

    /// <summary>Default of <see cref="ProcessingOptions.UnknownCodeAttempts"/>.</summary>
    public const int UnknownCodeAttempts = 3;

    /// <summary>Default of <see cref="ProcessingOptions.MaxDeliveries"/>.</summary>
    public const int MaxDeliveries = 20;

    /// <summary>WeChat's modification quota: 50 a month.</summary>
    public const int MonthlyModificationQuota = 50;

    /// <summary>Default of <see cref="ProcessingOptions.RunLease"/>.</summary>
    public static readonly TimeSpan RunLease = TimeSpan.FromMinutes(2);

    /// <summary>Default of <see cref="ProcessingOptions.RetryBaseDelay"/>.</summary>
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromSeconds(5);

    /// <summary>Default of <see cref="ProcessingOptions.RetryMaxDelay"/>.</summary>
    public static readonly TimeSpan RetryMaxDelay = TimeSpan.FromMinutes(5);

    /// <summary>Default of <see cref="ProcessingOptions.TicketWait"/>: WeChat pushes a ticket every 10 minutes.</summary>
    public static readonly TimeSpan TicketWait = TimeSpan.FromMinutes(10);

    /// <summary>Default of <see cref="ProcessingOptions.RateLimitJitter"/>.</summary>
    public static readonly TimeSpan RateLimitJitter = TimeSpan.FromSeconds(15);

    /// <summary>Default of <see cref="ProcessingOptions.OrderRecheck"/>.</summary>
    public static readonly TimeSpan OrderRecheck = TimeSpan.FromMinutes(1);

    /// <summary>Session key (Service Bus SessionId, order lane) of platform-level commands.</summary>
    public const string ComponentKey = "component";
}
