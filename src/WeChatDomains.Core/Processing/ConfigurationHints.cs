using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Processing;

/// <summary>
/// What an operator must register or place first when WeChat refuses a call for the domain hierarchy (issue 14): the
/// platform tier comes before the authorizer's, and a business domain needs its confirm file. Appended to the reason of
/// a Failed command so that the status says what to do, not only what went wrong.
/// </summary>
public static class ConfigurationHints
{
    /// <summary>The hint for <paramref name="code"/>, or null when it has none.</summary>
    public static string? For(WeChatErrorCode code) => code.Value switch
    {
        85017 or 85018 =>
            "register the host as a platform server domain first (modify_wxa_server_domain, with is_modify_published_together), then send this command again",
        89020 =>
            "register the platform's business domains first (modify_wxa_jump_domain), then send this command again",
        89021 =>
            "register the host, or a domain it belongs to, as a platform business domain first (modify_wxa_jump_domain, with the file of get_domain_confirmfile at its root), then send this command again",
        86103 =>
            "place the confirm file (get_webviewdomain_confirmfile) at the root of each domain first, then send this command again",
        61028 =>
            "publish the third-party platform first, or send the command without is_modify_published_together",
        _ => null,
    };

    /// <summary>The reason of an outcome: errcode and errmsg, and the hint when the class is Configuration.</summary>
    public static string Describe(WeChatErrorCode code, string errorMessage, WeChatErrorClass errorClass) =>
        errorClass == WeChatErrorClass.Configuration && For(code) is { } hint
            ? $"errcode {code.Value}: {errorMessage}; {hint}"
            : $"errcode {code.Value}: {errorMessage}";
}
