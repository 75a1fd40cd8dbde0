using System.Globalization;
using System.Security;

namespace WeChatDomains.Sandbox.Push;

/// <summary>The plaintext XML of the pushes the sandbox sends, and the encrypted envelope.</summary>
internal static class PushMessages
{
    public static string VerifyTicket(string componentAppId, DateTimeOffset now, string ticket) =>
        "<xml>" + Cdata("AppId", componentAppId) + Number("CreateTime", now.ToUnixTimeSeconds()) +
        Cdata("InfoType", "component_verify_ticket") + Cdata("ComponentVerifyTicket", ticket) + "</xml>";

    public static string Authorized(
        string componentAppId, DateTimeOffset now, string authorizerAppId, string code, DateTimeOffset codeExpiresAt, string preAuthCode) =>
        "<xml>" + Cdata("AppId", componentAppId) + Number("CreateTime", now.ToUnixTimeSeconds()) +
        Cdata("InfoType", "authorized") + Cdata("AuthorizerAppid", authorizerAppId) + Cdata("AuthorizationCode", code) +
        Number("AuthorizationCodeExpiredTime", codeExpiresAt.ToUnixTimeSeconds()) + Cdata("PreAuthCode", preAuthCode) + "</xml>";

    public static string Unauthorized(string componentAppId, DateTimeOffset now, string authorizerAppId) =>
        "<xml>" + Cdata("AppId", componentAppId) + Number("CreateTime", now.ToUnixTimeSeconds()) +
        Cdata("InfoType", "unauthorized") + Cdata("AuthorizerAppid", authorizerAppId) + "</xml>";

    public static string Envelope(string componentAppId, string encrypt) =>
        "<xml>" + Cdata("AppId", componentAppId) + Cdata("Encrypt", encrypt) + "</xml>";

    private static string Cdata(string name, string value) =>
        $"<{name}><![CDATA[{value.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal)}]]></{name}>";

    private static string Number(string name, long value) =>
        $"<{name}>{SecurityElement.Escape(value.ToString(CultureInfo.InvariantCulture))}</{name}>";
}
