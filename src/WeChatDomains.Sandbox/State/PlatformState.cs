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

    /// <summary>Registered Mini Program server domains (URLs); a domain is accepted when its host is one of theirs.</summary>
    public required IReadOnlyList<string> ServerDomains { get; init; }

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

    public bool IsRegisteredServerHost(string host) =>
        ServerDomains.Any(d => string.Equals(DomainRules.HostOf(d), host, StringComparison.OrdinalIgnoreCase));
}
