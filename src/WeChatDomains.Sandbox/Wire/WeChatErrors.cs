using System.Security.Cryptography;

namespace WeChatDomains.Sandbox.Wire;

/// <summary>The errcodes the sandbox answers, with errmsg texts in WeChat's style.</summary>
internal static class WeChatErrors
{
    public const int SystemError = -1;
    public const int InvalidCredential = 40001;
    public const int InvalidAppId = 40013;
    public const int InvalidAction = 40052;
    public const int InvalidAppSecret = 40125;
    public const int AccessTokenMissing = 41001;
    public const int AccessTokenExpired = 42001;
    public const int InvalidArgs = 40097;
    public const int EmptyPostData = 44002;
    public const int IcpLicenseNeeded = 45082;
    public const int DataFormatError = 47001;
    public const int ComponentNotAuthorized = 61003;
    public const int InvalidTicket = 61006;
    public const int InvalidCode = 61009;
    public const int CodeExpired = 61010;
    public const int InvalidRefreshToken = 61023;
    public const int ComponentNotPublished = 61028;
    public const int JumpDomainLimit = 65316;
    public const int NotMiniProgram = 85015;
    public const int DomainLimit = 85016;
    public const int NoDomainModified = 85017;
    public const int NotPlatformServerDomain = 85018;
    public const int InvalidUrlProtocol = 86100;
    public const int WeChatApiHostRefused = 86101;
    public const int MonthlyModificationLimit = 86102;
    public const int WebviewNotChanged = 89019;
    public const int NoPlatformBusinessDomain = 89020;
    public const int NotPlatformBusinessDomain = 89021;
    public const int DeletedDomainMissing = 89022;
    public const int WebviewDomainLimit = 89029;
    public const int IndividualNotSupported = 89231;
    public const int InvalidDomain = 9410016;
    public const int ConfirmFileNotFound = 86103;
    public const int PrefetchNoQuota = 9420000;
    public const int PrefetchInvalidDomain = 9420001;
    public const int PrefetchSizeLimit = 9420002;

    public static string MessageOf(int errcode) => errcode switch
    {
        0 => "ok",
        SystemError => "system error",
        InvalidCredential => "invalid credential, access_token is invalid or not latest",
        InvalidAppId => "invalid appid",
        InvalidAction => "invalid action name",
        InvalidAppSecret => "invalid appsecret",
        AccessTokenMissing => "access_token missing",
        AccessTokenExpired => "access_token expired",
        EmptyPostData => "empty post data",
        IcpLicenseNeeded => "need icp license for the url domain",
        DataFormatError => "data format error",
        ComponentNotAuthorized => "component is not authorized by this account",
        InvalidTicket => "component ticket is invalid",
        InvalidCode => "authorization code is invalid",
        InvalidArgs => "invalid args",
        CodeExpired => "authorization code is expired",
        InvalidRefreshToken => "invalid refresh_token",
        ComponentNotPublished => "component is not published",
        JumpDomainLimit => "domain count reach limit",
        NotMiniProgram => "not mini program account",
        DomainLimit => "exceed valid domain count",
        NoDomainModified => "no domain to modify after filtered, please check the domain if have been set on mp or open platform",
        NotPlatformServerDomain => "domain not set in open platform server domain list",
        InvalidUrlProtocol => "invalid url protocol",
        WeChatApiHostRefused => "not support to config api.weixin.qq.com",
        MonthlyModificationLimit => "only can modify domain 50 times per month",
        WebviewNotChanged => "webview domain not change",
        NoPlatformBusinessDomain => "open's webview domain is null! Need to set open's webview domain first!",
        NotPlatformBusinessDomain => "request domain is not open's webview domain!",
        DeletedDomainMissing => "delete domain is not exist!",
        WebviewDomainLimit => "webview domain exceed limit",
        IndividualNotSupported => "not support single individual mini program",
        InvalidDomain => "invalid domain",
        ConfirmFileNotFound => "check confirmfile fail!",
        PrefetchNoQuota => "no quota",
        PrefetchInvalidDomain => "invalid domain",
        PrefetchSizeLimit => "out of size limit",
        _ => "injected error",
    };

    /// <summary>An errmsg for a failed call: the message and a fresh <c>rid: xxxxxxxx-xxxxxxxx-xxxxxxxx</c> suffix.</summary>
    public static string WithRid(string message, DateTimeOffset now) => $"{message} rid: {NewRid(now)}";

    public static string NewRid(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        var seconds = (uint)now.ToUnixTimeSeconds();
        return $"{seconds:x8}-{Convert.ToHexStringLower(random[..4])}-{Convert.ToHexStringLower(random[4..])}";
    }
}
