namespace WeChatDomains.Core.Commands;

/// <summary>
/// The validated, normalized body of a command: <see cref="ServerDomainsBody"/>, <see cref="WebviewDomainsBody"/>,
/// <see cref="JumpDomainsBody"/> or <see cref="EmptyBody"/>, one per request shape of the WeChat client.
/// </summary>
public abstract record CommandBody;

/// <summary>The body <c>{}</c> of <c>get_effective_domain</c> and <c>get_effective_webviewdomain</c>.</summary>
public sealed record EmptyBody : CommandBody
{
    /// <summary>The one instance.</summary>
    public static EmptyBody Instance { get; } = new();
}
