namespace WeChatDomains.Core.Profiles;

/// <summary>Defaults and fixed limits of domain profiles (DESIGN section 10).</summary>
public static class ProfileConstants
{
    /// <summary>Configuration section of <see cref="ProfileOptions"/>.</summary>
    public const string SectionName = "Profiles";

    /// <summary>Modifications of the month a rollout or a drift fix never spends (they wait for the 1st).</summary>
    public const int QuotaReserve = 5;

    /// <summary>Quota-free get calls a drift scan makes per minute at most.</summary>
    public const int DriftCallsPerMinute = 60;

    /// <summary>How often the drift timer reads every assigned authorizer.</summary>
    public static readonly TimeSpan DriftScanPeriod = TimeSpan.FromDays(1);

    /// <summary>How often the rollout driver steps every Running rollout.</summary>
    public static readonly TimeSpan RolloutStepPeriod = TimeSpan.FromSeconds(10);

    /// <summary>Rollout items a step refreshes or applies at once.</summary>
    public const int RolloutConcurrency = 16;

    /// <summary>Largest profile document accepted by <c>PUT /api/profiles/{name}</c>.</summary>
    public const int MaxProfileBytes = 256 * 1024;

    /// <summary>Longest profile name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Authorizers a plan page shows by default.</summary>
    public const int DefaultPlanPageSize = 100;

    /// <summary>Largest plan page.</summary>
    public const int MaxPlanPageSize = 1000;

    /// <summary>Authorizers read from the registry per page while a plan is computed.</summary>
    public const int RegistryPageSize = 500;

    /// <summary>The <c>mode</c> value of a profile applied through the platform's registered domains.</summary>
    public const string RegisteredMode = "registered";

    /// <summary>The <c>mode</c> value of a profile applied straight on each authorizer.</summary>
    public const string DirectMode = "direct";
}
