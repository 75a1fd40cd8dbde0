using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.Core.Profiles;

/// <summary>Settings of domain profiles, bound from <see cref="ProfileConstants.SectionName"/> and validated at start-up.</summary>
public sealed class ProfileOptions
{
    /// <summary>Modifications of the month never spent by a rollout or a drift fix. Default <see cref="ProfileConstants.QuotaReserve"/>.</summary>
    [Range(0, 50)]
    public int QuotaReserve { get; set; } = ProfileConstants.QuotaReserve;

    /// <summary>How often the self-host's rollout driver steps every Running rollout. Default <see cref="ProfileConstants.RolloutStepPeriod"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RolloutStepPeriod { get; set; } = ProfileConstants.RolloutStepPeriod;
}
