using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>Limits and allowed sets of the command contract (DESIGN section 2).</summary>
public static class CommandConstants
{
    /// <summary>Largest accepted message, in bytes of UTF-8 (the whole command, not only the body).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>Deepest JSON nesting accepted; a valid command is three levels deep.</summary>
    public const int MaxJsonDepth = 8;

    /// <summary>Longest <c>commandId</c>.</summary>
    public const int MaxCommandIdLength = 128;

    /// <summary>Longest <c>requestedBy</c>.</summary>
    public const int MaxRequestedByLength = 128;

    /// <summary>Characters a <c>commandId</c> may use besides ASCII letters and digits.</summary>
    public const string CommandIdPunctuation = "_.:-";

    /// <summary>An authorizer appid: <c>wx</c> and 16 lowercase hexadecimal characters.</summary>
    public const string AppIdPrefix = "wx";

    /// <summary>Number of hexadecimal characters after <see cref="AppIdPrefix"/>.</summary>
    public const int AppIdHexLength = 16;

    /// <summary>Most distinct domains in one server-domain list (after duplicates are removed).</summary>
    public const int MaxServerDomainsPerList = 200;

    /// <summary>Most distinct server domains across all lists of one command.</summary>
    public const int MaxServerDomainsTotal = 1000;

    /// <summary>Most distinct business (web-view) domains in one <c>setwebviewdomain</c> command.</summary>
    public const int MaxWebviewDomains = 100;

    /// <summary>Most distinct hosts in one <c>wxa_jump_h5_domain</c>.</summary>
    public const int MaxJumpDomains = 200;

    /// <summary>Most distinct hosts in one <c>wxa_server_domain</c> (the platform's server domains).</summary>
    public const int MaxPlatformServerDomains = 1000;

    /// <summary>
    /// Most entries in one <c>set_prefetchdnsdomain</c>: WeChat's default <c>size_limit</c> (9420002 past it). An account
    /// with a larger limit (get_prefetchdnsdomain reports it) cannot use more through us; not confirmed whether any has one.
    /// </summary>
    public const int MaxPrefetchDnsDomains = 5;

    /// <summary>Longest single list entry, in characters (a host is at most 253; scheme and port come on top).</summary>
    public const int MaxDomainEntryLength = 300;

    /// <summary>Longest host name (RFC 1035).</summary>
    public const int MaxHostLength = 253;

    /// <summary>Longest DNS label (RFC 1035).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>WeChat's own API host, which no list may carry (WeChat answers 86101).</summary>
    public const string WeChatApiHost = "api.weixin.qq.com";

    /// <summary>Separator of hosts in <c>wxa_jump_h5_domain</c>.</summary>
    public const char JumpDomainSeparator = ';';

    /// <summary>The apis a command may name: the seeds' six and the rest of the domain family (DESIGN section 10).</summary>
    public static readonly IReadOnlyList<string> Apis =
    [
        WeChatApi.ModifyDomain,
        WeChatApi.ModifyDomainDirectly,
        WeChatApi.SetWebviewDomain,
        WeChatApi.ModifyWxaJumpDomain,
        WeChatApi.GetEffectiveDomain,
        WeChatApi.GetEffectiveWebviewDomain,
        WeChatApi.ModifyWxaServerDomain,
        WeChatApi.GetDomainConfirmFile,
        WeChatApi.SetWebviewDomainDirectly,
        WeChatApi.GetWebviewDomainConfirmFile,
        WeChatApi.GetPrefetchDnsDomain,
        WeChatApi.SetPrefetchDnsDomain,
    ];

    /// <summary>The platform-level apis: called with the component token, no <c>authorizerAppId</c>, lane <c>component</c>.</summary>
    public static readonly IReadOnlyList<string> PlatformApis =
        [WeChatApi.ModifyWxaJumpDomain, WeChatApi.ModifyWxaServerDomain, WeChatApi.GetDomainConfirmFile];

    /// <summary>The apis whose body is <c>{}</c>.</summary>
    public static readonly IReadOnlyList<string> EmptyBodyApis =
    [
        WeChatApi.GetEffectiveDomain, WeChatApi.GetEffectiveWebviewDomain, WeChatApi.GetDomainConfirmFile,
        WeChatApi.GetWebviewDomainConfirmFile, WeChatApi.GetPrefetchDnsDomain,
    ];

    /// <summary>The <c>action</c> values of the modifying apis.</summary>
    public static readonly IReadOnlyList<string> Actions = [DomainAction.Add, DomainAction.Delete, DomainAction.Set, DomainAction.Get];
}
