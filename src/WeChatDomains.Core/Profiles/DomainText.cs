namespace WeChatDomains.Core.Profiles;

/// <summary>Text rules for comparing domains the way the command validation normalizes them.</summary>
internal static class DomainText
{
    /// <summary>The host of <c>scheme://host[:port]</c> (or a bare host).</summary>
    public static string HostOf(string entry)
    {
        var start = entry.IndexOf("://", StringComparison.Ordinal);
        var host = start < 0 ? entry : entry[(start + 3)..];
        var colon = host.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? host : host[..colon];
    }

    /// <summary>
    /// An observed entry (as WeChat or the console returned it) in the normalized form profiles hold: lowercase, no trailing
    /// <c>/</c>, no trailing dot on the host.
    /// </summary>
    public static string Normalize(string entry)
    {
        var text = entry.Trim().ToLowerInvariant().TrimEnd('/');
        var start = text.IndexOf("://", StringComparison.Ordinal);
        var authorityStart = start < 0 ? 0 : start + 3;
        var colon = text.IndexOf(':', authorityStart);
        var hostEnd = colon < 0 ? text.Length : colon;
        var host = text[authorityStart..hostEnd].TrimEnd('.');
        return text[..authorityStart] + host + text[hostEnd..];
    }
}
