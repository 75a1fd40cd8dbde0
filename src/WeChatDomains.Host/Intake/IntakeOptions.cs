using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.Host.Intake;

/// <summary>How the Host takes commands off its queue (section <c>Intake</c>). Validated at start-up.</summary>
public sealed class IntakeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Intake";

    /// <summary>Whether this Host processes commands (an API-only instance turns it off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Messages held at once (processing, or waiting for an earlier message of the same authorizer).</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = IntakeConstants.MaxConcurrency;

    /// <summary>First wait after an empty receive; doubled up to <see cref="MaxPollInterval"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = IntakeConstants.PollInterval;

    /// <summary>Longest wait between receives when the queue is empty.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan MaxPollInterval { get; set; } = IntakeConstants.MaxPollInterval;

    /// <summary>When processing throws (a bug, or storage down), how long until the message is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ErrorRetryDelay { get; set; } = IntakeConstants.ErrorRetryDelay;

    /// <summary>On shutdown, how long running messages may finish before they are cancelled and released.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownGrace { get; set; } = IntakeConstants.ShutdownGrace;
}

/// <summary>Defaults of <see cref="IntakeOptions"/>.</summary>
public static class IntakeConstants
{
    /// <summary>Default of <see cref="IntakeOptions.MaxConcurrency"/>.</summary>
    public const int MaxConcurrency = 16;

    /// <summary>Default of <see cref="IntakeOptions.PollInterval"/>.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Default of <see cref="IntakeOptions.MaxPollInterval"/>.</summary>
    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromSeconds(5);

    /// <summary>Default of <see cref="IntakeOptions.ErrorRetryDelay"/>.</summary>
    public static readonly TimeSpan ErrorRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="IntakeOptions.ShutdownGrace"/>.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);
}
