using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// Body of <c>setwebviewdomain</c>. A null <see cref="Action"/> means "add every business domain registered on
/// the platform" and then <see cref="WebviewDomain"/> is null too.
/// </summary>
public sealed record WebviewDomainsBody(string? Action, IReadOnlyList<string>? WebviewDomain) : CommandBody
{
    /// <summary>The client request for this body.</summary>
    public SetWebviewDomainRequest ToRequest() => new(Action, WebviewDomain);
}
