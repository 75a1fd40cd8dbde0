using WeChatDomains.Sandbox.Apis;

namespace WeChatDomains.Sandbox.State;

/// <summary>The third-party platform (component) the sandbox plays WeChat for. Guarded by the sandbox lock.</summary>
internal sealed class PlatformState
{
    public required string AppId { get; init; }

    public required string Secret { get; init; }

    public required string Token { get; init; }

    public required string EncodingAesKey { get; init; }

    public bool Published { get; init; }

    /// <summary>Registered Mini Program server domains of the published platform: bare hosts (modify_wxa_server_domain).</summary>
    public List<string> PublishedServerDomains { get; init; } = [];

    /// <summary>Registered Mini Program server domains of the testing platform: bare hosts (modify_wxa_server_domain).</summary>
    public List<string> TestingServerDomains { get; init; } = [];

    /// <summary>Calls of modify_wxa_server_domain that changed state in the CST month <see cref="ServerDomainMonth"/>.</summary>
    public int ServerDomainChangesInMonth { get; set; }

    /// <summary>The CST month (yyyyMM) <see cref="ServerDomainChangesInMonth"/> counts.</summary>
    public int ServerDomainMonth { get; set; }

    /// <summary>Mini Program business (jump) domains of the beta version: bare hosts.</summary>
    public List<string> TestingJumpDomains { get; init; } = [];

    /// <summary>Mini Program business (jump) domains of the published version: bare hosts.</summary>
    public List<string> PublishedJumpDomains { get; init; } = [];

    /// <summary>Hosts whose verification file WeChat found; others come back as invalid_wxa_jump_h5_domain.</summary>
    public required IReadOnlySet<string> VerifiedHosts { get; init; }

    /// <summary>Calls of modify_wxa_jump_domain that changed state.</summary>
    public long AppliedModifications { get; set; }

    /// <summary>
    /// The business domains authorizers may use in setwebviewdomain: the published jump domains of a published
    /// platform, the testing ones otherwise.
    /// </summary>
    public IReadOnlyList<string> BusinessDomains => Published ? PublishedJumpDomains : TestingJumpDomains;

    /// <summary>
    /// The server domains authorizers may use in modify_domain: the published ones of a published platform, the testing
    /// ones otherwise (as <see cref="BusinessDomains"/>).
    /// </summary>
    public IReadOnlyList<string> ServerDomains => Published ? PublishedServerDomains : TestingServerDomains;

    /// <summary>Counts one change of the server domains in <paramref name="month"/>; false when the month's 50 are spent.</summary>
    public bool CountServerDomainChange(int month)
    {
        if (ServerDomainMonth != month)
        {
            ServerDomainMonth = month;
            ServerDomainChangesInMonth = 0;
        }

        if (ServerDomainChangesInMonth >= SandboxConstants.MonthlyPlatformServerDomainChanges)
        {
            return false;
        }

        ServerDomainChangesInMonth++;
        return true;
    }

    public bool IsRegisteredServerHost(string host) => ServerDomains.Contains(host, StringComparer.OrdinalIgnoreCase);
}
