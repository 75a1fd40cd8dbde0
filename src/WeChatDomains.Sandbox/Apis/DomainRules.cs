using System.Text.RegularExpressions;

namespace WeChatDomains.Sandbox.Apis;

/// <summary>How a domain URL in a request parses against the scheme its list expects.</summary>
internal enum UrlCheck
{
    Ok,
    WrongScheme,
    Malformed,
}

/// <summary>Parsing and matching of domains as WeChat compares them: by host, case-insensitively.</summary>
internal static partial class DomainRules
{
    /// <summary>
    /// Parses <c>scheme://host</c> (a trailing <c>/</c> allowed; no port, path, query or userinfo) and returns it in
    /// lower case in <paramref name="normalized"/>.
    /// </summary>
    public static UrlCheck CheckUrl(string? value, string scheme, out string normalized)
    {
        normalized = string.Empty;
        var text = (value ?? string.Empty).Trim().ToLowerInvariant();
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0 || !string.Equals(text[..separator], scheme, StringComparison.Ordinal))
        {
            return UrlCheck.WrongScheme;
        }

        var host = text[(separator + 3)..].TrimEnd('/');
        if (!IsBareHost(host))
        {
            return UrlCheck.Malformed;
        }

        normalized = scheme + "://" + host;
        return UrlCheck.Ok;
    }

    /// <summary>The host of a <c>scheme://host</c> URL, or the text itself when it has no scheme.</summary>
    public static string HostOf(string url)
    {
        var separator = url.IndexOf("://", StringComparison.Ordinal);
        var rest = separator < 0 ? url : url[(separator + 3)..];
        var end = rest.IndexOfAny(['/', ':', '?', '#']);
        return (end < 0 ? rest : rest[..end]).ToLowerInvariant();
    }

    /// <summary>A DNS name of at least two labels, letters, digits and hyphens; no IP literal.</summary>
    public static bool IsBareHost(string host) => host.Length <= 253 && HostPattern().IsMatch(host) && !IpPattern().IsMatch(host);

    /// <summary>True when <paramref name="host"/> is <paramref name="parent"/> or a subdomain of it.</summary>
    public static bool IsSameOrSubdomain(string host, string parent) =>
        string.Equals(host, parent, StringComparison.OrdinalIgnoreCase) ||
        host.EndsWith("." + parent, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex HostPattern();

    [GeneratedRegex("^[0-9.]+$")]
    private static partial Regex IpPattern();
}
