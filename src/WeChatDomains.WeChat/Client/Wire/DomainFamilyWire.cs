using System.Text.Json;
using System.Text.Json.Serialization;

namespace WeChatDomains.WeChat.Client.Wire;

/// <summary>Body of <c>modify_wxa_server_domain</c>: the hosts as one <c>;</c>-separated string.</summary>
internal sealed record ModifyWxaServerDomainBody(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("wxa_server_domain")] string? ServerDomains,
    [property: JsonPropertyName("is_modify_published_together")] bool? IsModifyPublishedTogether);

/// <summary>Body of <c>set_prefetchdnsdomain</c>.</summary>
internal sealed record SetPrefetchDnsDomainBody(
    [property: JsonPropertyName("prefetch_dns_domain")] IReadOnlyList<PrefetchDnsDomainItem> Domains);

/// <summary>One entry of <c>prefetch_dns_domain</c> in a request.</summary>
internal sealed record PrefetchDnsDomainItem([property: JsonPropertyName("url")] string Url);

internal sealed class PlatformServerDomainsWire : WireResponse
{
    [JsonPropertyName("published_wxa_server_domain")]
    public string? Published { get; init; }

    [JsonPropertyName("testing_wxa_server_domain")]
    public string? Testing { get; init; }

    [JsonPropertyName("invalid_wxa_server_domain")]
    public string? Invalid { get; init; }
}

internal sealed class ConfirmFileWire : WireResponse
{
    [JsonPropertyName("file_name")]
    public string? FileName { get; init; }

    [JsonPropertyName("file_content")]
    public string? FileContent { get; init; }
}

internal sealed class PrefetchDnsDomainsWire : WireResponse
{
    [JsonPropertyName("prefetch_dns_domain")]
    public List<PrefetchDnsDomainWire>? Domains { get; init; }

    [JsonPropertyName("size_limit")]
    public int? SizeLimit { get; init; }
}

/// <summary>
/// One answered entry. WeChat's table types <c>status</c> as a string while its example sends the number 0, so the
/// value is read as either (not confirmed which one the live API sends).
/// </summary>
internal sealed class PrefetchDnsDomainWire
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("status")]
    public JsonElement? Status { get; init; }
}

/// <summary>An answer that carries only errcode and errmsg.</summary>
internal sealed class StatusOnlyWire : WireResponse;
