namespace WeChatDomains.Sandbox;

/// <summary>Defaults and WeChat limits the sandbox goes by.</summary>
public static class SandboxConstants
{
    /// <summary>Where the sandbox listens when no <c>--urls</c> / <c>ASPNETCORE_URLS</c> is given.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7080";

    /// <summary>Default lifetime of every access token the sandbox issues (sandbox clock); <see cref="SandboxOptions.TokenLifetime"/>.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(7200);

    /// <summary>How long a token stays valid after a newer one was issued for the same subject (WeChat keeps the old one a while).</summary>
    public static readonly TimeSpan ReplacedTokenGrace = TimeSpan.FromMinutes(5);

    /// <summary>A pushed component_verify_ticket is current this long.</summary>
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(12);

    /// <summary>How many pushed tickets are remembered.</summary>
    public const int TicketsKept = 5;

    /// <summary>Largest page of <c>api_get_authorizer_list</c>: 500.</summary>
    public const int AuthorizerListMaxCount = 500;

    /// <summary>Lifetime of an authorization code sent in an <c>authorized</c> push.</summary>
    public static readonly TimeSpan AuthorizationCodeLifetime = TimeSpan.FromHours(1);

    /// <summary>Offset of China Standard Time, where WeChat's months begin.</summary>
    public static readonly TimeSpan ChinaStandardTimeOffset = TimeSpan.FromHours(8);

    /// <summary>Server-domain modifications an authorizer may make in a CST month.</summary>
    public const int MonthlyModifications = 50;

    /// <summary>Server domains in one list.</summary>
    public const int ServerDomainsPerList = 200;

    /// <summary>Server domains in all lists together.</summary>
    public const int ServerDomainsTotal = 1000;

    /// <summary>Business (web-view) domains of an authorizer.</summary>
    public const int WebviewDomains = 100;

    /// <summary>Jump (platform Mini Program business) domains, testing or published.</summary>
    public const int JumpDomains = 200;

    /// <summary>The platform's Mini Program server domains, testing or published (modify_wxa_server_domain).</summary>
    public const int PlatformServerDomains = 1000;

    /// <summary>modify_wxa_server_domain changes the platform may make in a CST month.</summary>
    public const int MonthlyPlatformServerDomainChanges = 50;

    /// <summary>Default number of DNS pre-resolution domains of an authorizer (size_limit).</summary>
    public const int PrefetchSizeLimit = 5;

    /// <summary>set_prefetchdnsdomain changes an authorizer may make in a CST month (9420000 past it).</summary>
    public const int MonthlyPrefetchChanges = 50;

    /// <summary>Length of a confirm file's name before <c>.txt</c>, as WeChat's look (for example <c>87PweoaRBw.txt</c>).</summary>
    public const int ConfirmFileNameLength = 10;

    /// <summary>Largest request body the WeChat routes read.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The permission set of the domain APIs (func_info in api_query_auth).</summary>
    public const int DomainPermissionSet = 18;

    /// <summary>The host WeChat refuses in modify_domain_directly.</summary>
    public const string WeChatApiHost = "api.weixin.qq.com";
}
