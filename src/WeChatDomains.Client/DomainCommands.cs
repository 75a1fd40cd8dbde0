using System.Text.Json.Nodes;
using WeChatDomains.Core.Commands;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Client;

/// <summary>
/// Typed builders, one per api of the command contract (DESIGN section 2). They shape the body as WeChat documents it and
/// do not validate: <see cref="CommandValidator"/> does, and both senders call it before anything leaves the process.
/// </summary>
public static class DomainCommands
{
    /// <summary><c>modify_domain</c>: server domains of an authorized Mini Program (counts against 50 a month unless <c>get</c>).</summary>
    public static CommandMessage ModifyDomain(string commandId, string authorizerAppId, DomainChange action, ServerDomainLists? domains = null, string? requestedBy = null) =>
        new(commandId, WeChatApi.ModifyDomain, authorizerAppId, ServerBody(action, domains), requestedBy);

    /// <summary><c>modify_domain_directly</c>: server domains configured directly, six lists (counts against 50 a month unless <c>get</c>).</summary>
    public static CommandMessage ModifyDomainDirectly(string commandId, string authorizerAppId, DomainChange action, ServerDomainLists? domains = null, string? requestedBy = null) =>
        new(commandId, WeChatApi.ModifyDomainDirectly, authorizerAppId, ServerBody(action, domains), requestedBy);

    /// <summary>
    /// <c>setwebviewdomain</c>: business (web-view) domains. A null <paramref name="action"/> adds every business domain
    /// registered on the platform, and then <paramref name="webviewDomains"/> must be null.
    /// </summary>
    public static CommandMessage SetWebviewDomain(string commandId, string authorizerAppId, DomainChange? action, IEnumerable<string>? webviewDomains = null, string? requestedBy = null)
    {
        var body = new JsonObject();
        if (action is { } change)
        {
            body["action"] = change.WireName();
        }

        if (webviewDomains is not null)
        {
            body["webviewdomain"] = Array(webviewDomains);
        }

        return new(commandId, WeChatApi.SetWebviewDomain, authorizerAppId, body, requestedBy);
    }

    /// <summary>
    /// <c>modify_wxa_jump_domain</c>: the platform's own Mini Program business domains (platform-level: no authorizer).
    /// <paramref name="hosts"/> are bare hosts, joined with <c>;</c> as on the wire.
    /// </summary>
    public static CommandMessage ModifyWxaJumpDomain(string commandId, DomainChange action, IEnumerable<string>? hosts = null, bool? publishedTogether = null, string? requestedBy = null)
    {
        var body = new JsonObject { ["action"] = action.WireName() };
        if (hosts is not null)
        {
            body["wxa_jump_h5_domain"] = string.Join(CommandConstants.JumpDomainSeparator, hosts);
        }

        if (publishedTogether is { } together)
        {
            body["is_modify_published_together"] = together;
        }

        return new(commandId, WeChatApi.ModifyWxaJumpDomain, null, body, requestedBy);
    }

    /// <summary><c>get_effective_domain</c>: the four views of an authorizer's server domains.</summary>
    public static CommandMessage GetEffectiveDomain(string commandId, string authorizerAppId, string? requestedBy = null) =>
        new(commandId, WeChatApi.GetEffectiveDomain, authorizerAppId, [], requestedBy);

    /// <summary><c>get_effective_webviewdomain</c>: the four views of an authorizer's business domains.</summary>
    public static CommandMessage GetEffectiveWebviewDomain(string commandId, string authorizerAppId, string? requestedBy = null) =>
        new(commandId, WeChatApi.GetEffectiveWebviewDomain, authorizerAppId, [], requestedBy);

    private static JsonObject ServerBody(DomainChange action, ServerDomainLists? domains)
    {
        var body = new JsonObject { ["action"] = action.WireName() };
        foreach (var (field, entries) in domains?.Present() ?? [])
        {
            body[field] = Array(entries);
        }

        return body;
    }

    private static JsonArray Array(IEnumerable<string> entries) => new([.. entries.Select(e => (JsonNode?)JsonValue.Create(e))]);
}
