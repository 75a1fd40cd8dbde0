namespace WeChatDomains.Sandbox.State;

/// <summary>An authorized Mini Program (or other account). Guarded by the sandbox lock.</summary>
internal sealed class AuthorizerState
{
    public required string AppId { get; init; }

    public bool IsMiniProgram { get; init; } = true;

    public bool IsIndividual { get; init; }

    /// <summary>Hosts with an ICP filing; a subdomain of one counts as filed.</summary>
    public IReadOnlyList<string> IcpHosts { get; init; } = [];

    /// <summary>The current refresh token; a new authorization after a revocation replaces it.</summary>
    public required string RefreshToken { get; set; }

    /// <summary>False once the merchant withdrew the authorization (until it authorizes again).</summary>
    public bool Authorized { get; set; } = true;

    /// <summary>When it last authorized the platform (an <c>authorized</c> push), if the sandbox sent one.</summary>
    public DateTimeOffset? AuthorizedAt { get; set; }

    /// <summary>Server domains configured on the MP admin site (seeded, never changed by the APIs).</summary>
    public ServerDomainSet MpDomains { get; init; } = new();

    /// <summary>Server domains configured through modify_domain.</summary>
    public ServerDomainSet ThirdDomains { get; set; } = new();

    /// <summary>Server domains configured through modify_domain_directly.</summary>
    public ServerDomainSet DirectDomains { get; set; } = new();

    public List<string> MpWebviewDomains { get; init; } = [];

    /// <summary>Business domains configured through setwebviewdomain.</summary>
    public List<string> ThirdWebviewDomains { get; set; } = [];

    /// <summary>Business domains configured through setwebviewdomain_directly.</summary>
    public List<string> DirectWebviewDomains { get; set; } = [];

    /// <summary>DNS pre-resolution domains (set_prefetchdnsdomain): bare hosts.</summary>
    public List<string> PrefetchDnsDomains { get; set; } = [];

    /// <summary>How many DNS pre-resolution domains the account may configure (WeChat's default is 5).</summary>
    public int PrefetchSizeLimit { get; init; } = SandboxConstants.PrefetchSizeLimit;

    /// <summary>The CST month (yyyyMM) <see cref="PrefetchChangesInMonth"/> counts.</summary>
    public int PrefetchMonth { get; set; }

    /// <summary>set_prefetchdnsdomain calls that changed state in <see cref="PrefetchMonth"/>.</summary>
    public int PrefetchChangesInMonth { get; set; }

    /// <summary>The CST month (yyyyMM) <see cref="ModificationsInMonth"/> counts.</summary>
    public int LedgerMonth { get; set; }

    public int ModificationsInMonth { get; set; }

    /// <summary>Every modify call that changed state, by api.</summary>
    public Dictionary<string, long> AppliedModifications { get; } = new(StringComparer.Ordinal);

    public int ModificationsThisMonth(int month) => LedgerMonth == month ? ModificationsInMonth : 0;

    public void CountModification(int month)
    {
        if (LedgerMonth != month)
        {
            LedgerMonth = month;
            ModificationsInMonth = 0;
        }

        ModificationsInMonth++;
    }

    public void CountApplied(string api) =>
        AppliedModifications[api] = AppliedModifications.GetValueOrDefault(api) + 1;
}
