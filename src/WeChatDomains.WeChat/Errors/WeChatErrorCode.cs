using System.Globalization;

namespace WeChatDomains.WeChat.Errors;

/// <summary>
/// A WeChat <c>errcode</c>. Open-ended: the known codes are static members with their meaning and class in
/// <see cref="ErrorCatalog"/>; any other value is still representable and classifies as <see cref="WeChatErrorClass.Unknown"/>.
/// </summary>
public readonly record struct WeChatErrorCode(int Value)
{
    /// <summary>0: ok.</summary>
    public static WeChatErrorCode Ok { get; } = new(0);

    /// <summary>-1: system busy.</summary>
    public static WeChatErrorCode SystemBusy { get; } = new(-1);

    /// <summary>40001: invalid credential (access token wrong or not the latest).</summary>
    public static WeChatErrorCode InvalidCredential { get; } = new(40001);

    /// <summary>40014: invalid access token.</summary>
    public static WeChatErrorCode InvalidAccessToken { get; } = new(40014);

    /// <summary>42001: access token expired.</summary>
    public static WeChatErrorCode AccessTokenExpired { get; } = new(42001);

    /// <summary>61005: component_verify_ticket expired.</summary>
    public static WeChatErrorCode ComponentTicketExpired { get; } = new(61005);

    /// <summary>61006: component_verify_ticket invalid.</summary>
    public static WeChatErrorCode ComponentTicketInvalid { get; } = new(61006);

    /// <summary>45009: daily API quota reached.</summary>
    public static WeChatErrorCode DailyQuotaReached { get; } = new(45009);

    /// <summary>45011: API minute-rate limit reached.</summary>
    public static WeChatErrorCode RateLimited { get; } = new(45011);

    /// <summary>85015: not a Mini Program account.</summary>
    public static WeChatErrorCode NotMiniProgram { get; } = new(85015);

    /// <summary>85016: domain count exceeds the limit.</summary>
    public static WeChatErrorCode DomainCountExceeded { get; } = new(85016);

    /// <summary>85017: no domain added (not added to the Mini Program, or not registered on the platform).</summary>
    public static WeChatErrorCode NoDomainModified { get; } = new(85017);

    /// <summary>85018: domain not registered as a server domain of the third-party platform.</summary>
    public static WeChatErrorCode DomainNotOnPlatform { get; } = new(85018);

    /// <summary>86100: wrong URL scheme.</summary>
    public static WeChatErrorCode InvalidUrlProtocol { get; } = new(86100);

    /// <summary>86101: api.weixin.qq.com cannot be configured.</summary>
    public static WeChatErrorCode WeChatApiDomainRefused { get; } = new(86101);

    /// <summary>86102: only 50 domain modifications a month.</summary>
    public static WeChatErrorCode MonthlyModificationsSpent { get; } = new(86102);

    /// <summary>89019: web-view domains unchanged.</summary>
    public static WeChatErrorCode WebviewDomainNotChanged { get; } = new(89019);

    /// <summary>89020: the platform has no business (web-view) domains registered.</summary>
    public static WeChatErrorCode PlatformWebviewDomainEmpty { get; } = new(89020);

    /// <summary>89021: requested domain is not a platform business domain or one of its subdomains.</summary>
    public static WeChatErrorCode NotPlatformWebviewDomain { get; } = new(89021);

    /// <summary>89022: deleted domain not present.</summary>
    public static WeChatErrorCode DeleteDomainNotExist { get; } = new(89022);

    /// <summary>89029: more than 100 business domains.</summary>
    public static WeChatErrorCode WebviewDomainCountExceeded { get; } = new(89029);

    /// <summary>89231: individual Mini Programs cannot call setwebviewdomain.</summary>
    public static WeChatErrorCode IndividualNotSupported { get; } = new(89231);

    /// <summary>61028: the third-party platform is not published.</summary>
    public static WeChatErrorCode PlatformNotPublished { get; } = new(61028);

    /// <summary>65316: platform business domains reached 200.</summary>
    public static WeChatErrorCode JumpDomainCountExceeded { get; } = new(65316);

    /// <summary>40052: invalid action name.</summary>
    public static WeChatErrorCode InvalidActionName { get; } = new(40052);

    /// <summary>47001: malformed POST data.</summary>
    public static WeChatErrorCode DataFormatError { get; } = new(47001);

    /// <summary>44002: empty POST data.</summary>
    public static WeChatErrorCode EmptyPostData { get; } = new(44002);

    /// <summary>61003: the component is not authorized by this authorizer.</summary>
    public static WeChatErrorCode ComponentNotAuthorized { get; } = new(61003);

    /// <summary>61023: invalid authorizer refresh token.</summary>
    public static WeChatErrorCode InvalidRefreshToken { get; } = new(61023);

    /// <summary>86103: the confirm file of a business domain was not found at the domain's root.</summary>
    public static WeChatErrorCode ConfirmFileNotFound { get; } = new(86103);

    /// <summary>9420000: set_prefetchdnsdomain's 50 changes of the month are spent.</summary>
    public static WeChatErrorCode PrefetchQuotaSpent { get; } = new(9420000);

    /// <summary>9420001: set_prefetchdnsdomain refused a domain (not ICP filed, for example).</summary>
    public static WeChatErrorCode PrefetchInvalidDomain { get; } = new(9420001);

    /// <summary>9420002: more DNS pre-resolution domains than the account's size_limit.</summary>
    public static WeChatErrorCode PrefetchSizeLimit { get; } = new(9420002);

    /// <summary>The catalog entry of this code, or null when the code is not known.</summary>
    public ErrorCatalogEntry? Entry => ErrorCatalog.Find(this);

    /// <summary>The class of this code out of context (DESIGN section 4); unknown codes give <see cref="WeChatErrorClass.Unknown"/>.</summary>
    public WeChatErrorClass Class => Entry?.Class ?? WeChatErrorClass.Unknown;

    /// <summary>Whether this is errcode 0.</summary>
    public bool IsSuccess => Value == 0;

    /// <summary>Converts an integer errcode.</summary>
    public static implicit operator WeChatErrorCode(int value) => new(value);

    /// <summary>Named conversion for languages without implicit operators.</summary>
    public static WeChatErrorCode FromInt32(int value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
