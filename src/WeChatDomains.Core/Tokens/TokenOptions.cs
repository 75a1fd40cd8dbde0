using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// Settings of the token provider and the refresh sweep (section <c>Tokens</c>). Validated at start-up. The app secret
/// is configuration: it goes to <c>api_component_token</c> and nowhere else (never logged).
/// </summary>
public sealed class TokenOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Tokens";

    /// <summary>The component (third-party platform) AppId.</summary>
    [Required]
    public string ComponentAppId { get; set; } = "";

    /// <summary>The component AppSecret.</summary>
    [Required]
    public string ComponentAppSecret { get; set; } = "";

    /// <summary>A token closer than this to expiry is refreshed before it is served.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:30:00")]
    public TimeSpan EarlyRefreshMargin { get; set; } = TokenConstants.DefaultEarlyRefreshMargin;

    /// <summary>The sweep refreshes a token when less than this plus its slot offset remains.</summary>
    [Range(typeof(TimeSpan), "00:15:00", "01:00:00")]
    public TimeSpan RefreshThreshold { get; set; } = TokenConstants.DefaultRefreshThreshold;

    /// <summary>Width of the window over which slot offsets spread the sweep's refreshes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:45:00")]
    public TimeSpan RefreshSpread { get; set; } = TokenConstants.DefaultRefreshSpread;

    /// <summary>
    /// How far ahead of its slots the sweep reads the due times (<see cref="PullForward"/>): when more refreshes come due
    /// in it than the vault write budget can do by their slots, the soonest are refreshed earlier. Zero turns it off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "04:00:00")]
    public TimeSpan RefreshLookahead { get; set; } = TokenConstants.DefaultRefreshLookahead;

    /// <summary>How often the sweep reads the due times ahead; sweeps in between keep the last plan.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan RefreshLookaheadPeriod { get; set; } = TokenConstants.DefaultRefreshLookaheadPeriod;

    /// <summary>Refreshes a sweep runs at once.</summary>
    [Range(1, 256)]
    public int SweepMaxConcurrency { get; set; } = TokenConstants.DefaultSweepMaxConcurrency;

    /// <summary>Registry page size the sweep reads with.</summary>
    [Range(10, 1000)]
    public int RegistryPageSize { get; set; } = TokenConstants.DefaultRegistryPageSize;

    /// <summary>Vault writes allowed per <see cref="VaultWriteWindow"/> in this process.</summary>
    [Range(1, 300)]
    public int VaultWritesPerWindow { get; set; } = TokenConstants.DefaultVaultWritesPerWindow;

    /// <summary>The vault write-limit window.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan VaultWriteWindow { get; set; } = TokenConstants.DefaultVaultWriteWindow;

    /// <summary>How long one refresher holds a token's lease.</summary>
    [Range(typeof(TimeSpan), "00:00:15", "00:10:00")]
    public TimeSpan RefreshLeaseDuration { get; set; } = TokenConstants.DefaultRefreshLeaseDuration;

    /// <summary>How long a caller waits for another instance's refresh of the same token.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LeaseWaitTimeout { get; set; } = TokenConstants.DefaultLeaseWaitTimeout;

    /// <summary>First pause between vault polls while another instance refreshes (doubles each time).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan LeasePollInitialDelay { get; set; } = TokenConstants.DefaultLeasePollInitialDelay;

    /// <summary>Longest pause between vault polls.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan LeasePollMaxDelay { get; set; } = TokenConstants.DefaultLeasePollMaxDelay;

    /// <summary>How long a sweep holds the sweep lease; renewed between registry pages.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan SweepLeaseDuration { get; set; } = TokenConstants.DefaultSweepLeaseDuration;

    /// <summary>
    /// Access tokens kept in the provider's in-process cache; past that, the least recently used is evicted and read
    /// back from the vault when next needed (the memory of a fleet's tokens stays bounded).
    /// </summary>
    [Range(1, 1_000_000)]
    public int CachedTokens { get; set; } = TokenConstants.DefaultCachedTokens;

    /// <summary>How often the Host reconciles <c>api_get_authorizer_list</c> with the registry and the vault.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan ReconcilePeriod { get; set; } = TokenConstants.DefaultReconcilePeriod;
}
