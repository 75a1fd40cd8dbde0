namespace WeChatDomains.WeChat.Push;

/// <summary>InfoType values of the pushes this project handles.</summary>
public static class PushInfoTypes
{
    /// <summary>The ticket pushed every 10 minutes.</summary>
    public const string ComponentVerifyTicket = "component_verify_ticket";

    /// <summary>An account authorized the platform.</summary>
    public const string Authorized = "authorized";

    /// <summary>An account changed the platform's authorization.</summary>
    public const string UpdateAuthorized = "updateauthorized";

    /// <summary>An account revoked the platform's authorization.</summary>
    public const string Unauthorized = "unauthorized";
}
