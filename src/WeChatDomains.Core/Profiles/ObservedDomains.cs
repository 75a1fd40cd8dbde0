using System.Text.Json;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Profiles;

/// <summary>One source of an authorizer's domains (WeChat's <c>mp</c>, <c>third</c> or <c>direct</c>): null parts were never read.</summary>
/// <param name="Server">Server lists by wire name, or null when never read.</param>
/// <param name="Webview">Business domains, or null when never read.</param>
public sealed record DomainLists(IReadOnlyDictionary<string, IReadOnlyList<string>>? Server, IReadOnlyList<string>? Webview)
{
    /// <summary>Never read.</summary>
    public static readonly DomainLists Unknown = new(null, null);

    /// <summary>Read, and empty.</summary>
    public static readonly DomainLists Empty = new(new Dictionary<string, IReadOnlyList<string>>(), []);
}

/// <summary>
/// An authorizer's domains as the system last read them, the sources kept apart as WeChat's <c>get_effective_domain</c>
/// and <c>get_effective_webviewdomain</c> report them: <see cref="Third"/> (set by the platform through <c>modify_domain</c>
/// and <c>setwebviewdomain</c>), <see cref="Direct"/> (<c>modify_domain_directly</c>, <c>setwebviewdomain_directly</c>) and
/// <see cref="Mp"/> (the Mini Program's own lists, set in WeChat's console; no platform api changes them). A get writes
/// all three; a successful modification writes only the source it changed, so the others stay as last read. What WeChat
/// uses (its <c>effective</c> lists) is their union.
/// </summary>
/// <param name="Third">The <c>third</c> source.</param>
/// <param name="Direct">The <c>direct</c> source.</param>
/// <param name="Mp">The <c>mp</c> (console) source.</param>
/// <param name="ObservedAt">When any of them was last written.</param>
public sealed record ObservedDomains(DomainLists Third, DomainLists Direct, DomainLists Mp, DateTimeOffset? ObservedAt)
{
    /// <summary>The source name of the platform's registered-mode lists (WeChat's <c>third_domain</c>).</summary>
    public const string ThirdSource = "third";

    /// <summary>The source name of the direct-mode lists (WeChat's <c>direct_domain</c>).</summary>
    public const string DirectSource = "direct";

    /// <summary>The source name of the Mini Program's own lists, set in WeChat's console (WeChat's <c>mp_domain</c>).</summary>
    public const string MpSource = "mp";

    /// <summary>Nothing read yet.</summary>
    public static readonly ObservedDomains Unknown = new(DomainLists.Unknown, DomainLists.Unknown, DomainLists.Unknown, null);

    /// <summary>No domain at all: what a new authorizer is planned against, so that it gets one <c>set</c> per api.</summary>
    public static readonly ObservedDomains Empty = new(DomainLists.Empty, DomainLists.Empty, DomainLists.Empty, null);

    /// <summary>Only the lists a profile of <paramref name="mode"/> sets are known (the other sources read as empty).</summary>
    public static ObservedDomains OfPlatform(ProfileMode mode, IReadOnlyDictionary<string, IReadOnlyList<string>>? server, IReadOnlyList<string>? webview, DateTimeOffset? observedAt = null)
    {
        var own = new DomainLists(server, webview);
        return mode == ProfileMode.Direct
            ? new(DomainLists.Empty, own, DomainLists.Empty, observedAt)
            : new(own, DomainLists.Empty, DomainLists.Empty, observedAt);
    }

    /// <summary>The lists a profile of <paramref name="mode"/> sets, and the source's name.</summary>
    public (string Source, DomainLists Lists) PlatformOf(ProfileMode mode) =>
        mode == ProfileMode.Direct ? (DirectSource, Direct) : (ThirdSource, Third);

    /// <summary>The sources a profile of <paramref name="mode"/> does not set.</summary>
    public IEnumerable<(string Source, DomainLists Lists)> ForeignOf(ProfileMode mode)
    {
        yield return (MpSource, Mp);
        yield return mode == ProfileMode.Direct ? (ThirdSource, Third) : (DirectSource, Direct);
    }

    /// <summary>What WeChat uses (its <c>effective</c> lists): the union of the sources read, in mp, third, direct order.</summary>
    public DomainLists Effective()
    {
        DomainLists[] sources = [Mp, Third, Direct];
        if (sources.All(s => s.Server is null && s.Webview is null))
        {
            return DomainLists.Unknown;
        }

        var server = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var list in ServerLists)
        {
            server[list] = sources.SelectMany(s => s.Server?.GetValueOrDefault(list) ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        var webview = sources.SelectMany(s => s.Webview ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new(server, webview);
    }

    /// <summary>The six server lists, in wire order.</summary>
    public static readonly IReadOnlyList<string> ServerLists = ["requestdomain", "wsrequestdomain", "uploaddomain", "downloaddomain", "udpdomain", "tcpdomain"];

    /// <summary>The last known domains of a registry entry (an entry written before the sources were kept apart reads as never read).</summary>
    public static ObservedDomains From(AuthorizerRecord? record)
    {
        if (record is null)
        {
            return Unknown;
        }

        return new(
            new(ParseServer(record.ThirdServerDomains), ParseList(record.ThirdWebviewDomains)),
            new(ParseServer(record.DirectServerDomains), ParseList(record.DirectWebviewDomains)),
            new(ParseServer(record.MpServerDomains), ParseList(record.MpWebviewDomains)),
            record.DomainsObservedAt);
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
