using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// A validated domain-change command (DESIGN section 2). Build one with <see cref="CommandParser"/>; its
/// <see cref="Body"/> maps onto the WeChat client's request through the body's <c>ToRequest()</c>.
/// </summary>
/// <param name="CommandId">The idempotency key: 1-128 of <c>[A-Za-z0-9_.:-]</c>.</param>
/// <param name="Api">One of <see cref="CommandConstants.Apis"/>.</param>
/// <param name="AuthorizerAppId">The Mini Program's appid; null exactly for the platform-level apis (<see cref="CommandConstants.PlatformApis"/>).</param>
/// <param name="Body">The typed, normalized body; its subtype follows <see cref="Api"/>.</param>
/// <param name="RequestedBy">Who asked, as the sender wrote it; optional.</param>
/// <param name="RawBody">The <c>body</c> JSON exactly as received, for audit.</param>
/// <param name="RemovedDuplicates">List entries dropped as duplicates during normalization (not a rejection).</param>
public sealed record DomainCommand(
    string CommandId,
    string Api,
    string? AuthorizerAppId,
    CommandBody Body,
    string? RequestedBy,
    string RawBody,
    IReadOnlyList<RemovedDuplicate> RemovedDuplicates)
{
    /// <summary>The body's action, or null when it has none.</summary>
    public string? Action => Body switch
    {
        ServerDomainsBody server => server.Action,
        WebviewDomainsBody webview => webview.Action,
        JumpDomainsBody jump => jump.Action,
        PlatformServerDomainsBody platform => platform.Action,
        _ => null,
    };

    /// <summary>
    /// Whether the call counts against the authorizer's 50 modifications a month: a <c>modify_domain</c> or
    /// <c>modify_domain_directly</c> whose action is not <c>get</c>.
    /// </summary>
    public bool CountsAgainstMonthlyQuota =>
        Api is WeChatApi.ModifyDomain or WeChatApi.ModifyDomainDirectly && Action != DomainAction.Get;

    /// <summary>The request of <c>modify_domain</c> or <c>modify_domain_directly</c>.</summary>
    /// <exception cref="InvalidOperationException">The command is for another api.</exception>
    public ModifyDomainRequest ToModifyDomainRequest() => BodyAs<ServerDomainsBody>().ToRequest();

    /// <summary>The request of <c>setwebviewdomain</c>.</summary>
    /// <exception cref="InvalidOperationException">The command is for another api.</exception>
    public SetWebviewDomainRequest ToSetWebviewDomainRequest() => BodyAs<WebviewDomainsBody>().ToRequest();

    /// <summary>The request of <c>modify_wxa_jump_domain</c>.</summary>
    /// <exception cref="InvalidOperationException">The command is for another api.</exception>
    public ModifyJumpDomainRequest ToModifyJumpDomainRequest() => BodyAs<JumpDomainsBody>().ToRequest();

    /// <summary>The request of <c>modify_wxa_server_domain</c>.</summary>
    /// <exception cref="InvalidOperationException">The command is for another api.</exception>
    public ModifyWxaServerDomainRequest ToModifyWxaServerDomainRequest() => BodyAs<PlatformServerDomainsBody>().ToRequest();

    /// <summary>The request of <c>set_prefetchdnsdomain</c>.</summary>
    /// <exception cref="InvalidOperationException">The command is for another api.</exception>
    public SetPrefetchDnsDomainRequest ToSetPrefetchDnsDomainRequest() => BodyAs<PrefetchDomainsBody>().ToRequest();

    private T BodyAs<T>()
        where T : CommandBody =>
        Body as T ?? throw new InvalidOperationException($"Command {CommandId} is for {Api}, whose body is not a {typeof(T).Name}.");
}
