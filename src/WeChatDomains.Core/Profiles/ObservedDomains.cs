using System.Text.Json;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Profiles;

/// <summary>
/// An authorizer's domains as the system last read them (the registry's last known domains, written by <c>get</c> calls
/// and successful modifications). A null part was never read: the planner does not guess it.
/// </summary>
/// <param name="Server">Server lists by wire name, or null when never read.</param>
/// <param name="Webview">Business domains, or null when never read.</param>
/// <param name="ObservedAt">When they were read.</param>
public sealed record ObservedDomains(IReadOnlyDictionary<string, IReadOnlyList<string>>? Server, IReadOnlyList<string>? Webview, DateTimeOffset? ObservedAt)
{
    /// <summary>Nothing read yet.</summary>
    public static readonly ObservedDomains Unknown = new(null, null, null);

    /// <summary>No domain at all: what a new authorizer is planned against, so that it gets one <c>set</c> per api.</summary>
    public static readonly ObservedDomains Empty = new(new Dictionary<string, IReadOnlyList<string>>(), [], null);

    /// <summary>The last known domains of a registry entry.</summary>
    public static ObservedDomains From(AuthorizerRecord? record)
    {
        if (record is null)
        {
            return Unknown;
        }

        return new(ParseServer(record.ServerDomains), ParseList(record.WebviewDomains), record.DomainsObservedAt);
    }

    /// <summary>Server lists from the WeChat model.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ServerOf(ServerDomains domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        return new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["requestdomain"] = domains.RequestDomain ?? [],
            ["wsrequestdomain"] = domains.WsRequestDomain ?? [],
            ["uploaddomain"] = domains.UploadDomain ?? [],
            ["downloaddomain"] = domains.DownloadDomain ?? [],
            ["udpdomain"] = domains.UdpDomain ?? [],
            ["tcpdomain"] = domains.TcpDomain ?? [],
        };
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>>? ParseServer(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            var domains = JsonSerializer.Deserialize<ServerDomains>(json, ResponseJson.Options);
            return domains is null ? null : ServerOf(domains);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<string>? ParseList(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(json, ResponseJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
