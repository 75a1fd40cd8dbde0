using System.Collections.Frozen;

namespace WeChatDomains.WeChat.Errors;

/// <summary>One known errcode: its meaning (from WeChat's pages) and its class (DESIGN section 4).</summary>
public sealed record ErrorCatalogEntry(int Code, string Meaning, WeChatErrorClass Class);

/// <summary>
/// The one table of known WeChat errcodes. Context-dependent refinements (89022 is NoChange only on delete;
/// 85017 is NoChange only when a follow-up get shows every requested domain present) are applied by Core's
/// classifier on top of the classes here.
/// </summary>
public static class ErrorCatalog
{
    private static readonly ErrorCatalogEntry[] AllEntries =
    [
        new(0, "ok", WeChatErrorClass.Success),

        new(89019, "web-view domains not changed", WeChatErrorClass.NoChange),
        new(89022, "deleted domain does not exist", WeChatErrorClass.NoChange),

        new(-1, "system busy, try again later", WeChatErrorClass.Transient),

        new(40001, "invalid credential: access token wrong or not the latest", WeChatErrorClass.TokenInvalid),
        new(40014, "invalid access token", WeChatErrorClass.TokenInvalid),
        new(42001, "access token expired", WeChatErrorClass.TokenInvalid),

        new(61005, "component_verify_ticket expired", WeChatErrorClass.TicketInvalid),
        new(61006, "component_verify_ticket invalid", WeChatErrorClass.TicketInvalid),

        new(45011, "API minute-rate limit reached", WeChatErrorClass.RateLimited),
        new(45009, "API daily quota reached", WeChatErrorClass.DailyQuota),
        new(86102, "domains can be modified only 50 times a month", WeChatErrorClass.MonthlyQuota),
        new(89030, "operation limit of the month reached", WeChatErrorClass.MonthlyQuota),
        new(9420000, "set_prefetchdnsdomain: the month's 50 changes are spent (no quota)", WeChatErrorClass.MonthlyQuota),

        new(85017, "no domain modified: not added to the Mini Program, or not registered on the platform", WeChatErrorClass.Configuration),
        new(85018, "domain not registered as a server domain of the third-party platform", WeChatErrorClass.Configuration),
        new(89020, "the platform has no business domains; register them first", WeChatErrorClass.Configuration),
        new(89021, "domain is not a platform business domain or a subdomain of one", WeChatErrorClass.Configuration),
        new(61028, "the third-party platform is not published", WeChatErrorClass.Configuration),
        new(45082, "the domain needs an ICP filing", WeChatErrorClass.Configuration),
        new(86103, "check domain ownership: the domain is not verified", WeChatErrorClass.Configuration),
        new(61004, "the calling IP is not on the platform's whitelist", WeChatErrorClass.Configuration),
        new(61007, "the authorizer has not granted the permission set for this API", WeChatErrorClass.Configuration),
        new(61011, "invalid third-party platform", WeChatErrorClass.Configuration),
        new(48001, "API unauthorized: the account lacks the permission", WeChatErrorClass.Configuration),
        new(40164, "the calling IP is not on the whitelist", WeChatErrorClass.Configuration),
        new(41004, "appsecret missing", WeChatErrorClass.Configuration),
        new(40125, "invalid appsecret", WeChatErrorClass.Configuration),
        new(506015, "the domain configuration is not allowed for this account", WeChatErrorClass.Configuration),
        new(9420001, "set_prefetchdnsdomain: invalid domain, for example a host without an ICP filing", WeChatErrorClass.Configuration),

        new(86100, "invalid URL protocol (scheme)", WeChatErrorClass.InvalidRequest),
        new(86101, "api.weixin.qq.com cannot be configured", WeChatErrorClass.InvalidRequest),
        new(85015, "not a Mini Program account", WeChatErrorClass.InvalidRequest),
        new(85016, "domain count exceeds the limit", WeChatErrorClass.InvalidRequest),
        new(89029, "more than 100 business domains", WeChatErrorClass.InvalidRequest),
        new(89231, "individual Mini Programs cannot call setwebviewdomain", WeChatErrorClass.InvalidRequest),
        new(65316, "platform business domains reached 200", WeChatErrorClass.InvalidRequest),
        new(40052, "invalid action name", WeChatErrorClass.InvalidRequest),
        new(47001, "data format error", WeChatErrorClass.InvalidRequest),
        new(44002, "empty POST data", WeChatErrorClass.InvalidRequest),
        new(41001, "access_token missing", WeChatErrorClass.InvalidRequest),
        new(45104, "too many domains in the request", WeChatErrorClass.InvalidRequest),
        new(9410016, "invalid domain names (see errmsg for the reasons)", WeChatErrorClass.InvalidRequest),
        new(9420002, "set_prefetchdnsdomain: more domains than the account's size_limit (5 by default)", WeChatErrorClass.InvalidRequest),

        new(61003, "the component is not authorized by this authorizer", WeChatErrorClass.AuthorizationLost),
        new(61023, "invalid authorizer refresh token", WeChatErrorClass.AuthorizationLost),
        new(42002, "refresh token expired", WeChatErrorClass.AuthorizationLost),
        new(40013, "invalid appid", WeChatErrorClass.AuthorizationLost),
    ];

    private static readonly FrozenDictionary<int, ErrorCatalogEntry> ByCode = AllEntries.ToFrozenDictionary(e => e.Code);

    /// <summary>Every known code, in table order.</summary>
    public static IReadOnlyList<ErrorCatalogEntry> Entries => AllEntries;

    /// <summary>The entry of <paramref name="code"/>, or null when it is not in the catalog.</summary>
    public static ErrorCatalogEntry? Find(WeChatErrorCode code) => ByCode.GetValueOrDefault(code.Value);

    /// <summary>The class of <paramref name="code"/> out of context; <see cref="WeChatErrorClass.Unknown"/> when unknown.</summary>
    public static WeChatErrorClass Classify(WeChatErrorCode code) => Find(code)?.Class ?? WeChatErrorClass.Unknown;
}
