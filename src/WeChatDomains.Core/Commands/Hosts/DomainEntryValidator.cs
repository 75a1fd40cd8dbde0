using System.Globalization;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// Checks one entry of a URL-shaped list (<c>scheme://host[:port]</c>): the list's scheme, no userinfo, path, query or
/// fragment (a lone trailing <c>/</c> is accepted and dropped), a port only where the list allows one, and a valid host.
/// </summary>
internal static class DomainEntryValidator
{
    private const string SchemeSeparator = "://";

    /// <summary>Returns the normalized entry (lowercase, no trailing <c>/</c>), or null after adding its problems.</summary>
    public static string? Normalize(string entry, DomainListSpec list, List<string> problems)
    {
        if (!EntryText.CheckCommon(entry, problems))
        {
            return null;
        }

        var separator = entry.IndexOf(SchemeSeparator, StringComparison.Ordinal);
        if (separator < 0)
        {
            problems.Add($"must start with {list.Scheme}{SchemeSeparator} (no scheme found)");
            return null;
        }

        var before = problems.Count;
        var scheme = entry[..separator].ToLowerInvariant();
        if (scheme != list.Scheme)
        {
            problems.Add($"scheme must be {list.Scheme}{SchemeSeparator} in {list.Name} (found {scheme}{SchemeSeparator})");
        }

        var rest = entry[(separator + SchemeSeparator.Length)..];
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        if (authorityEnd >= 0)
        {
            EntryText.CheckTail(rest[authorityEnd..], problems);
        }

        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            problems.Add("must not contain userinfo (user@ before the host)");
            authority = authority[(at + 1)..];
        }

        var (host, port) = SplitPort(authority, list, problems);
        if (host is not null)
        {
            HostNameValidator.Check(host, problems);
        }

        if (problems.Count > before || host is null)
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{scheme}{SchemeSeparator}{host.ToLowerInvariant()}{(port is null ? "" : ":" + port)}");
    }

    private static (string? Host, string? Port) SplitPort(string authority, DomainListSpec list, List<string> problems)
    {
        if (authority.StartsWith('[') || authority.Count(c => c == ':') > 1)
        {
            problems.Add("host is an IPv6 address literal; use a domain name");
            return (null, null);
        }

        var colon = authority.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (authority, null);
        }

        var port = authority[(colon + 1)..];
        if (!list.AllowsPort)
        {
            problems.Add($"ports are not allowed in {list.Name} (found :{port})");
        }
        else if (!IsValidPort(port))
        {
            problems.Add($"port must be a number from 1 to 65535 without leading zeros (found :{port})");
        }

        return (authority[..colon], port);
    }

    private static bool IsValidPort(string port) =>
        port.Length is > 0 and <= 5 && port[0] != '0' && port.All(char.IsAsciiDigit) &&
        int.Parse(port, CultureInfo.InvariantCulture) <= 65535;
}
