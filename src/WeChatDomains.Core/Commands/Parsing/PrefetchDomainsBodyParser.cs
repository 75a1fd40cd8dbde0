using System.Text.Json;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// Body of <c>set_prefetchdnsdomain</c>: <c>prefetch_dns_domain</c>, an array of <c>{"url": "host"}</c> that replaces the
/// whole list (an empty array clears it). WeChat's example sends bare hosts (<c>d1.com</c>); whether a scheme is
/// accepted is not confirmed, so bare hosts only, at most <see cref="CommandConstants.MaxPrefetchDnsDomains"/>.
/// </summary>
internal static class PrefetchDomainsBodyParser
{
    public const string UrlField = "url";
    private const string Path = "body";
    private static readonly string[] Allowed = [DomainListSpec.Prefetch.Name];
    private static readonly string[] ItemAllowed = [UrlField];

    public static PrefetchDomainsBody? Parse(JsonElement body, ValidationErrors errors, List<RemovedDuplicate> removed)
    {
        const string api = WeChatApi.SetPrefetchDnsDomain;
        var fields = JsonFields.Read(
            body, Path, name => Allowed.Contains(name) ? null : JsonFields.UnknownField(name, Allowed, $"for {api}"), errors);
        var listPath = JsonFields.PathOf(Path, DomainListSpec.Prefetch.Name);
        if (!fields.TryGetValue(DomainListSpec.Prefetch.Name, out var value))
        {
            errors.Add(listPath, "is required: the whole new list, as [{\"url\": \"host\"}, …]");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(listPath, $"must be an array of {{\"url\": \"host\"}} objects (found {JsonFields.KindName(value.ValueKind)})");
            return null;
        }

        var entries = new List<(string Path, string? Text)>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{listPath}[{index++}]";
            entries.Add((itemPath, ReadUrl(item, itemPath, errors)));
        }

        var read = new DomainListReader(errors, removed).ReadHosts(entries, DomainListSpec.Prefetch, listPath, CommandConstants.MaxPrefetchDnsDomains);
        return new PrefetchDomainsBody(read.Distinct);
    }

    private static string? ReadUrl(JsonElement item, string path, ValidationErrors errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path, $"must be an object {{\"url\": \"host\"}} (found {JsonFields.KindName(item.ValueKind)})");
            return null;
        }

        var fields = JsonFields.Read(item, path, name => ItemAllowed.Contains(name) ? null : JsonFields.UnknownField(name, ItemAllowed), errors);
        if (!fields.TryGetValue(UrlField, out var url))
        {
            errors.Add(JsonFields.PathOf(path, UrlField), "is required");
            return null;
        }

        return JsonFields.ReadString(url, JsonFields.PathOf(path, UrlField), errors);
    }
}
