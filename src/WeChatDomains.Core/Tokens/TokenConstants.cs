namespace WeChatDomains.Core.Tokens;

/// <summary>Defaults of <see cref="TokenOptions"/> and the fixed names the token code uses.</summary>
public static class TokenConstants
{
    /// <summary>A token this close to expiry is refreshed on demand instead of served: 5 minutes.</summary>
    public static readonly TimeSpan DefaultEarlyRefreshMargin = TimeSpan.FromMinutes(5);

    /// <summary>The sweep refreshes a token once less than this (plus its slot offset) remains: 30 minutes.</summary>
    public static readonly TimeSpan DefaultRefreshThreshold = TimeSpan.FromMinutes(30);

    /// <summary>Width of the window the sweep spreads refreshes over (slot offsets): 30 minutes.</summary>
    public static readonly TimeSpan DefaultRefreshSpread = TimeSpan.FromMinutes(30);

    /// <summary>How far ahead the sweep reads refresh due times to pull refreshes forward: 2 hours, a token's lifetime.</summary>
    public static readonly TimeSpan DefaultRefreshLookahead = TimeSpan.FromHours(2);

    /// <summary>How often the sweep reads the due times ahead (at most once per sweep): 5 minutes.</summary>
    public static readonly TimeSpan DefaultRefreshLookaheadPeriod = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How late past its slot a refresh still counts as on time when the sweep plans pull-forwards: 1 minute (the sweep
    /// runs about once a minute, so slots are kept to the minute anyway; a finer plan would pull at every burst's edge).
    /// </summary>
    public static readonly TimeSpan PullForwardSlack = TimeSpan.FromMinutes(1);

    /// <summary>Refreshes the sweep runs at once: 16.</summary>
    public const int DefaultSweepMaxConcurrency = 16;

    /// <summary>Access tokens the provider caches in process (the least recently used evicted past it): 10,000.</summary>
    public const int DefaultCachedTokens = 10_000;

    /// <summary>Registry page size the sweep reads with: 500.</summary>
    public const int DefaultRegistryPageSize = 500;

    /// <summary>Vault writes allowed per <see cref="DefaultVaultWriteWindow"/>: 250, under Key Vault's 300.</summary>
    public const int DefaultVaultWritesPerWindow = 250;

    /// <summary>The vault write-limit window: 10 seconds (Key Vault counts secret writes per 10 s per vault).</summary>
    public static readonly TimeSpan DefaultVaultWriteWindow = TimeSpan.FromSeconds(10);

    /// <summary>How long one refresher holds a token's lease: 1 minute.</summary>
    public static readonly TimeSpan DefaultRefreshLeaseDuration = TimeSpan.FromMinutes(1);

    /// <summary>How long a caller waits for another instance's refresh before giving up: 30 seconds.</summary>
    public static readonly TimeSpan DefaultLeaseWaitTimeout = TimeSpan.FromSeconds(30);

    /// <summary>First pause between vault polls while another instance refreshes: 250 ms, doubling.</summary>
    public static readonly TimeSpan DefaultLeasePollInitialDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>Longest pause between vault polls: 4 seconds.</summary>
    public static readonly TimeSpan DefaultLeasePollMaxDelay = TimeSpan.FromSeconds(4);

    /// <summary>How long a sweep holds the sweep lease (renewed between registry pages): 10 minutes.</summary>
    public static readonly TimeSpan DefaultSweepLeaseDuration = TimeSpan.FromMinutes(10);

    /// <summary>An older token is still handed out after a failed refresh only while this much of it is left: 2 minutes.</summary>
    public static readonly TimeSpan MinimumUsableLifetime = TimeSpan.FromMinutes(2);

    /// <summary>Times a registry update is re-read and retried after a stale ETag: 5.</summary>
    public const int RegistryUpdateAttempts = 5;

    /// <summary>How often the authorizer list is reconciled with the registry and the vault: 6 hours.</summary>
    public static readonly TimeSpan DefaultReconcilePeriod = TimeSpan.FromHours(6);

    /// <summary>The lease of the reconcile timer.</summary>
    public const string ReconcileLeaseName = "authorizer-reconcile";

    /// <summary>The lease that keeps one sweep at a time across instances.</summary>
    public const string SweepLeaseName = "token-sweep";

    /// <summary>The lease of one token's refresher.</summary>
    public static string RefreshLeaseName(TokenKey key) => $"token-refresh:{key}";

    /// <summary>errcode reported when no component_verify_ticket is stored yet (as WeChat's "ticket invalid").</summary>
    public const int MissingTicketErrorCode = 61006;

    /// <summary>Renewals of a refresh lease per lease duration while the refresh runs: 3.</summary>
    public const int LeaseRenewalsPerDuration = 3;

    /// <summary>Attempts to store tokens WeChat already issued before the failure is reported: 10.</summary>
    public const int IssuedWriteAttempts = 10;

    /// <summary>First pause between attempts to store issued tokens: 1 second, doubling.</summary>
    public static readonly TimeSpan IssuedWriteInitialDelay = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause between attempts to store issued tokens: 30 seconds.</summary>
    public static readonly TimeSpan IssuedWriteMaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>Page size of <c>api_get_authorizer_list</c> walks: 500, WeChat's largest.</summary>
    public const int AuthorizerListPageSize = 500;

    /// <summary>errcode reported when the refresh could not run (another instance held it too long, transport).</summary>
    public const int UnavailableErrorCode = -1;
}
