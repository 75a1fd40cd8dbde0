using WeChatDomains.Sandbox.Apis;
using WeChatDomains.Sandbox.State;

namespace WeChatDomains.Sandbox;

/// <summary>
/// The default state: one published platform and three demo authorizers. The sandbox starts with it and
/// <c>POST /sandbox/reset</c> returns to it. Tests and docs refer to these values.
/// </summary>
public static class SandboxSeed
{
    public const string PlatformAppId = "wx5c3f8a9d2e7b1046";
    public const string PlatformSecret = "3f9c2b7e1d8a4c6f0e5b9a2d7c1f8e4b";
    public const string PlatformToken = "sandboxPushToken2024";
    public const string EncodingAesKey = "k3Vn8QeT1zRbW5xYpL7sHc2JfG9dM4uNaE6rXoZqIy0";

    /// <summary>Registered Mini Program server domains of the platform (testing and published; kept as their hosts).</summary>
    public static readonly IReadOnlyList<string> ServerDomains =
    [
        "https://api.example.com", "wss://ws.example.com", "https://upload.example.com", "https://download.example.com",
        "https://img.example.com",
    ];

    /// <summary>Registered Mini Program business domains (jump domains), beta and published alike.</summary>
    public static readonly IReadOnlyList<string> BusinessDomains = ["example.com", "shop.example.com"];

    /// <summary>Hosts whose verification file is in place.</summary>
    public static readonly IReadOnlyList<string> VerifiedHosts =
        ["example.com", "shop.example.com", "m.example.com", "pay.example.com", "www.example.com"];

    /// <summary>A Mini Program filed for example.com (and its subdomains) and example.org.</summary>
    public const string MiniProgramAppId = "wx1a2b3c4d5e6f7081";
    public const string MiniProgramRefreshToken = "refreshtoken@@@miniprogram-1a2b3c4d5e6f7081";

    /// <summary>An individual Mini Program: setwebviewdomain answers 89231.</summary>
    public const string IndividualAppId = "wx9e8d7c6b5a4f3021";
    public const string IndividualRefreshToken = "refreshtoken@@@individual-9e8d7c6b5a4f3021";

    /// <summary>A Mini Program filed only for example.org: example.com hosts answer 45082 in modify_domain_directly.</summary>
    public const string NoIcpAppId = "wx3f4e5d6c7b8a9012";
    public const string NoIcpRefreshToken = "refreshtoken@@@noicp-3f4e5d6c7b8a9012";

    /// <summary>The demo authorizers' appids.</summary>
    public static readonly IReadOnlyList<string> AuthorizerAppIds = [MiniProgramAppId, IndividualAppId, NoIcpAppId];

    internal static PlatformState CreatePlatform() => new()
    {
        AppId = PlatformAppId,
        Secret = PlatformSecret,
        Token = PlatformToken,
        EncodingAesKey = EncodingAesKey,
        Published = true,
        PublishedServerDomains = [.. ServerDomains.Select(DomainRules.HostOf).Distinct(StringComparer.Ordinal)],
        TestingServerDomains = [.. ServerDomains.Select(DomainRules.HostOf).Distinct(StringComparer.Ordinal)],
        TestingJumpDomains = [.. BusinessDomains],
        PublishedJumpDomains = [.. BusinessDomains],
        VerifiedHosts = new HashSet<string>(VerifiedHosts, StringComparer.OrdinalIgnoreCase),
    };

    internal static IEnumerable<AuthorizerState> CreateAuthorizers()
    {
        var mp = new ServerDomainSet();
        mp.Replace(ServerList.Request, ["https://legacy.example.com"]);
        yield return new AuthorizerState
        {
            AppId = MiniProgramAppId,
            IcpHosts = ["example.com", "example.org"],
            RefreshToken = MiniProgramRefreshToken,
            MpDomains = mp,
            MpWebviewDomains = ["https://www.example.com"],
        };
        yield return new AuthorizerState
        {
            AppId = IndividualAppId,
            IsIndividual = true,
            IcpHosts = ["example.com"],
            RefreshToken = IndividualRefreshToken,
        };
        yield return new AuthorizerState
        {
            AppId = NoIcpAppId,
            IcpHosts = ["example.org"],
            RefreshToken = NoIcpRefreshToken,
        };
    }
}
