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
    public static CommandMessage SetWebviewDomain(string commandId, string authorizerAppId, DomainChange? action, IEnumerable<string>? webviewDomains = null, string? requestedBy = null) =>
        new(commandId, WeChatApi.SetWebviewDomain, authorizerAppId, WebviewBody(action, webviewDomains), requestedBy);

    /// <summary>
    /// <c>setwebviewdomain_directly</c>: business domains set straight on the authorizer (no platform registration; the
    /// confirm file must be reachable at each domain's root).
    /// </summary>
    public static CommandMessage SetWebviewDomainDirectly(string commandId, string authorizerAppId, DomainChange action, IEnumerable<string>? webviewDomains = null, string? requestedBy = null) =>
        new(commandId, WeChatApi.SetWebviewDomainDirectly, authorizerAppId, WebviewBody(action, webviewDomains), requestedBy);

    /// <summary>
    /// <c>modify_wxa_server_domain</c>: the platform's own Mini Program server domains (platform-level: no authorizer).
    /// <paramref name="hosts"/> are bare hosts, joined with <c>;</c> as on the wire.
    /// </summary>
    public static CommandMessage ModifyWxaServerDomain(string commandId, DomainChange action, IEnumerable<string>? hosts = null, bool? publishedTogether = null, string? requestedBy = null) =>
        new(commandId, WeChatApi.ModifyWxaServerDomain, null, HostsBody(action, "wxa_server_domain", hosts, publishedTogether), requestedBy);

    /// <summary><c>get_domain_confirmfile</c>: the file the platform's business domains must serve at their root (platform-level).</summary>
    public static CommandMessage GetDomainConfirmFile(string commandId, string? requestedBy = null) =>
        new(commandId, WeChatApi.GetDomainConfirmFile, null, [], requestedBy);

    /// <summary><c>get_webviewdomain_confirmfile</c>: the file an authorizer's direct business domains must serve.</summary>
    public static CommandMessage GetWebviewDomainConfirmFile(string commandId, string authorizerAppId, string? requestedBy = null) =>
        new(commandId, WeChatApi.GetWebviewDomainConfirmFile, authorizerAppId, [], requestedBy);

    /// <summary><c>get_prefetchdnsdomain</c>: an authorizer's DNS pre-resolution domains.</summary>
    public static CommandMessage GetPrefetchDnsDomain(string commandId, string authorizerAppId, string? requestedBy = null) =>
        new(commandId, WeChatApi.GetPrefetchDnsDomain, authorizerAppId, [], requestedBy);

    /// <summary><c>set_prefetchdnsdomain</c>: replaces an authorizer's DNS pre-resolution domains (bare hosts; empty clears them).</summary>
    public static CommandMessage SetPrefetchDnsDomain(string commandId, string authorizerAppId, IEnumerable<string> hosts, string? requestedBy = null)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var list = new JsonArray([.. hosts.Select(h => (JsonNode?)new JsonObject { ["url"] = h })]);
        return new(commandId, WeChatApi.SetPrefetchDnsDomain, authorizerAppId, new JsonObject { ["prefetch_dns_domain"] = list }, requestedBy);
    }

    private static JsonObject WebviewBody(DomainChange? action, IEnumerable<string>? webviewDomains)
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

        return body;
    }

    /// <summary>
    /// <c>modify_wxa_jump_domain</c>: the platform's own Mini Program business domains (platform-level: no authorizer).
    /// <paramref name="hosts"/> are bare hosts, joined with <c>;</c> as on the wire.
    /// </summary>
    public static CommandMessage ModifyWxaJumpDomain(string commandId, DomainChange action, IEnumerable<string>? hosts = null, bool? publishedTogether = null, string? requestedBy = null) =>
        new(commandId, WeChatApi.ModifyWxaJumpDomain, null, HostsBody(action, "wxa_jump_h5_domain", hosts, publishedTogether), requestedBy);

    private static JsonObject HostsBody(DomainChange action, string field, IEnumerable<string>? hosts, bool? publishedTogether)
    {
        var body = new JsonObject { ["action"] = action.WireName() };
        if (hosts is not null)
        {
            body[field] = string.Join(CommandConstants.JumpDomainSeparator, hosts);
        }

        if (publishedTogether is { } together)
        {
            body["is_modify_published_together"] = together;
        }

        return body;
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
