using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.Core.Profiles;

/// <summary>Settings of domain profiles, bound from <see cref="ProfileConstants.SectionName"/> and validated at start-up.</summary>
public sealed class ProfileOptions
{
    /// <summary>Modifications of the month never spent by a rollout or a drift fix. Default <see cref="ProfileConstants.QuotaReserve"/>.</summary>
    [Range(0, 50)]
    public int QuotaReserve { get; set; } = ProfileConstants.QuotaReserve;

    /// <summary>Quota-free <c>get</c> calls a drift scan makes per minute at most (spread evenly). Default <see cref="ProfileConstants.DriftCallsPerMinute"/>.</summary>
    [Range(1, 100_000)]
    public int DriftCallsPerMinute { get; set; } = ProfileConstants.DriftCallsPerMinute;

    /// <summary>How often the drift timer reads every assigned authorizer. Default <see cref="ProfileConstants.DriftScanPeriod"/> (once a day).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan DriftScanPeriod { get; set; } = ProfileConstants.DriftScanPeriod;

    /// <summary>How often the self-host's rollout driver steps every Running rollout. Default <see cref="ProfileConstants.RolloutStepPeriod"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RolloutStepPeriod { get; set; } = ProfileConstants.RolloutStepPeriod;

    /// <summary>Rollout items a step refreshes or applies at once. Default <see cref="ProfileConstants.RolloutConcurrency"/>.</summary>
    [Range(1, 256)]
    public int RolloutConcurrency { get; set; } = ProfileConstants.RolloutConcurrency;
}
