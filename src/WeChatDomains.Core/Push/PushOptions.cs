using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.Core.Push;

/// <summary>Settings of the push receiver (section <c>Push</c>). Validated at start-up.</summary>
public sealed class PushOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Push";

    /// <summary>
    /// How far a push's <c>timestamp</c> may be from the clock, either way. A seen <c>msg_signature</c> is remembered for
    /// twice this, so a replay is refused by one rule or the other.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan TimestampTolerance { get; set; } = PushConstants.DefaultTimestampTolerance;
}
