namespace WeChatDomains.Core.Push;

/// <summary>Defaults of <see cref="PushOptions"/> and the fixed rules of the push receiver.</summary>
public static class PushConstants
{
    /// <summary>A push whose <c>timestamp</c> is further than this from the clock is refused: 5 minutes.</summary>
    public static readonly TimeSpan DefaultTimestampTolerance = TimeSpan.FromMinutes(5);

    /// <summary>How long a component_verify_ticket is valid from its CreateTime: 12 hours.</summary>
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(12);

    /// <summary>An unchanged ticket is written again once this much time passed since its last write: 1 hour.</summary>
    public static readonly TimeSpan UnchangedTicketRewriteInterval = TimeSpan.FromHours(1);

    /// <summary>The lease that remembers one seen <c>msg_signature</c>; it lapses after twice the tolerance.</summary>
    public static string SeenSignatureLeaseName(string msgSignature) => $"push-signature:{msgSignature}";

    /// <summary>
    /// api_query_auth's "authorization code invalid" (61009, a spent code) and "authorization code expired" (61010), as the
    /// sandbox answers them; WeChat's pages were not reachable to confirm the wording of each.
    /// </summary>
    public static bool IsSpentCode(int errorCode) => errorCode is 61009 or 61010;
}
