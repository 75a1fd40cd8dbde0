namespace WeChatDomains.Core.Commands;

/// <summary>
/// Checks one bare host (of <c>wxa_jump_h5_domain</c>, <c>wxa_server_domain</c> or <c>prefetch_dns_domain</c>): without
/// scheme, port, userinfo, path, query or fragment.
/// </summary>
internal static class BareHostValidator
{
    /// <summary>Returns the lowercased host, or null after adding its problems.</summary>
    public static string? Normalize(string entry, List<string> problems) => Normalize(entry, problems, DomainListSpec.Jump.Name);

    /// <summary>Returns the lowercased host, or null after adding its problems; <paramref name="field"/> names the list in reasons.</summary>
    public static string? Normalize(string entry, List<string> problems, string field)
    {
        if (!EntryText.CheckCommon(entry, problems))
        {
            return null;
        }

        var before = problems.Count;
        var host = entry;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            problems.Add($"must be a bare host without a scheme (found {host[..(scheme + 3)]})");
            host = host[(scheme + 3)..];
        }

        var tailStart = host.IndexOfAny(['/', '?', '#']);
        if (tailStart >= 0)
        {
            var tail = host[tailStart..];
            host = host[..tailStart];
            if (tail == "/")
            {
                problems.Add("must be a bare host without a trailing /");
            }
            else
            {
                EntryText.CheckTail(tail, problems);
            }
        }

        var at = host.LastIndexOf('@');
        if (at >= 0)
        {
            problems.Add("must not contain userinfo (user@ before the host)");
            host = host[(at + 1)..];
        }

        if (host.StartsWith('[') || host.Count(c => c == ':') > 1)
        {
            problems.Add("host is an IPv6 address literal; use a domain name");
            return null;
        }

        var colon = host.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            problems.Add($"ports are not allowed in {field} (found {host[colon..]})");
            host = host[..colon];
        }

        HostNameValidator.Check(host, problems);
        return problems.Count > before ? null : host.ToLowerInvariant();
    }
}
