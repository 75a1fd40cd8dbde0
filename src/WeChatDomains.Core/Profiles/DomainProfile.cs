using WeChatDomains.Core.Commands;

namespace WeChatDomains.Core.Profiles;

/// <summary>How a profile's domains reach an authorizer.</summary>
public enum ProfileMode
{
    /// <summary>Platform tier first (<c>modify_wxa_server_domain</c>), then <c>modify_domain</c> and <c>setwebviewdomain</c>.</summary>
    Registered,

    /// <summary><c>modify_domain_directly</c> and <c>setwebviewdomain_directly</c>; no platform tier.</summary>
    Direct,
}

/// <summary>The platform tier of a registered-mode profile: the platform's server and business (jump) domains, bare hosts.</summary>
public sealed record PlatformTier(IReadOnlyList<string> ServerDomains, IReadOnlyList<string> JumpDomains, bool PublishTogether);

/// <summary>
/// One version of a domain profile: the domains every authorizer assigned to it should have, normalized as the command
/// validation normalizes them (lowercase, no trailing <c>/</c>, duplicates dropped).
/// </summary>
/// <param name="Name">The profile name.</param>
/// <param name="Version">1 for the first PUT, then 2, 3, ...</param>
/// <param name="Mode">How the domains are applied.</param>
/// <param name="Platform">The platform tier (registered mode only).</param>
/// <param name="Server">Server domain lists by wire name (<c>requestdomain</c>, ...); every list of the mode is present.</param>
/// <param name="WebviewDomain">Business (web-view) domains.</param>
/// <param name="IsDefault">Whether this profile is every unassigned authorizer's.</param>
/// <param name="AutoCorrect">Whether drift is fixed by itself.</param>
/// <param name="CreatedAt">When this version was stored.</param>
public sealed record DomainProfile(
    string Name,
    int Version,
    ProfileMode Mode,
    PlatformTier? Platform,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Server,
    IReadOnlyList<string> WebviewDomain,
    bool IsDefault,
    bool AutoCorrect,
    DateTimeOffset CreatedAt)
{
    /// <summary>The server lists a profile of <paramref name="mode"/> holds, in wire order.</summary>
    public static IReadOnlyList<string> ServerListsOf(ProfileMode mode) =>
        (mode == ProfileMode.Direct ? DomainListSpec.ModifyDomainDirectlyLists : DomainListSpec.ModifyDomainLists).Select(l => l.Name).ToList();

    /// <summary>The api that sets the server lists.</summary>
    public string ServerApi => Mode == ProfileMode.Direct ? WeChat.Client.WeChatApi.ModifyDomainDirectly : WeChat.Client.WeChatApi.ModifyDomain;

    /// <summary>The api that sets the business domains.</summary>
    public string WebviewApi => Mode == ProfileMode.Direct ? WeChat.Client.WeChatApi.SetWebviewDomainDirectly : WeChat.Client.WeChatApi.SetWebviewDomain;
}
