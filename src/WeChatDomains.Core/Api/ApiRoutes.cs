namespace WeChatDomains.Core.Api;

/// <summary>The HTTP API's routes (DESIGN section 8), shared by both hosts, under <c>/api</c>.</summary>
public static class ApiRoutes
{
    /// <summary>POST: submit a command. GET: list commands.</summary>
    public const string Commands = "commands";

    /// <summary>GET: one command with its attempts.</summary>
    public const string Command = "commands/{commandId}";

    /// <summary>GET: one authorizer.</summary>
    public const string Authorizer = "authorizers/{appid}";

    /// <summary>GET: health.</summary>
    public const string Health = "health";

    /// <summary>POST: WeChat's push receiver (anonymous; trusts only a valid msg_signature).</summary>
    public const string WeChatEvents = "wechat/events";

    /// <summary>The status URL of a command.</summary>
    public static string CommandUrl(string commandId) => "/api/commands/" + Uri.EscapeDataString(commandId);

    /// <summary>Largest body accepted by <c>POST /api/commands</c> (the command validator caps the body too).</summary>
    public const int MaxCommandBodyBytes = 256 * 1024;

    /// <summary>Largest body accepted by the push receiver.</summary>
    public const int MaxEventBodyBytes = 64 * 1024;
}
