namespace WeChatDomains.WeChat.Push;

/// <summary>Element names of WeChat's push XML, as WeChat spells them.</summary>
public static class PushFieldNames
{
    /// <summary>The ciphertext in the outer envelope.</summary>
    public const string Encrypt = "Encrypt";

    /// <summary>The addressee of an official-account push.</summary>
    public const string ToUserName = "ToUserName";

    /// <summary>The component AppId (outer envelope and inner message of a third-party platform push).</summary>
    public const string AppId = "AppId";

    /// <summary>Unix seconds when WeChat created the message.</summary>
    public const string CreateTime = "CreateTime";

    /// <summary>What the message is: see <see cref="PushInfoTypes"/>.</summary>
    public const string InfoType = "InfoType";

    /// <summary>The ticket of a <c>component_verify_ticket</c> push.</summary>
    public const string ComponentVerifyTicket = "ComponentVerifyTicket";

    /// <summary>The authorizer's AppId (WeChat spells it with a lowercase "id").</summary>
    public const string AuthorizerAppid = "AuthorizerAppid";

    /// <summary>The authorization code of an <c>authorized</c> or <c>updateauthorized</c> event.</summary>
    public const string AuthorizationCode = "AuthorizationCode";

    /// <summary>Unix seconds when the authorization code expires.</summary>
    public const string AuthorizationCodeExpiredTime = "AuthorizationCodeExpiredTime";

    /// <summary>The pre-authorization code the authorization used.</summary>
    public const string PreAuthCode = "PreAuthCode";
}
