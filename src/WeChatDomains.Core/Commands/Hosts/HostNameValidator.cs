using System.Globalization;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// Checks a bare host name: ASCII only (a non-ASCII letter is refused as a possible look-alike), a fully qualified DNS
/// name of letters, digits and hyphens, no IP literal in any notation, no punycode (<c>xn--</c>) label, and never
/// WeChat's own API host. Case is ignored; callers lowercase the accepted host.
/// </summary>
internal static class HostNameValidator
{
    /// <summary>Adds every problem of <paramref name="host"/> to <paramref name="problems"/>; returns whether there was none.</summary>
    public static bool Check(string host, List<string> problems)
    {
        var before = problems.Count;
        if (host.Length == 0)
        {
            problems.Add("host is empty");
            return false;
        }

        var nonAscii = host.FirstOrDefault(c => c > 0x7F);
        if (nonAscii != default)
        {
            problems.Add(
                $"host contains the non-ASCII character '{nonAscii}' (U+{(int)nonAscii:X4}); only ASCII host names are accepted, " +
                "since a non-ASCII letter may be a look-alike of a Latin one");
            return false;
        }

        var lower = host.ToLowerInvariant();
        if (lower.Contains(':', StringComparison.Ordinal) || lower.StartsWith('['))
        {
            problems.Add("host is an IPv6 address literal; use a domain name");
            return false;
        }

        if (IsIpv4Literal(lower))
        {
            problems.Add($"host '{lower}' is an IP address literal (in any notation); use a domain name");
            return false;
        }

        if (lower.Length > CommandConstants.MaxHostLength)
        {
            problems.Add($"host is {lower.Length} characters long; at most {CommandConstants.MaxHostLength} are allowed");
        }

        if (lower.EndsWith('.'))
        {
            problems.Add("host must not end with a dot");
            lower = lower.TrimEnd('.');
        }

        var labels = lower.Split('.');
        foreach (var label in labels)
        {
            CheckLabel(label, problems);
        }

        if (labels.Length < 2)
        {
            problems.Add($"host '{lower}' is not a fully qualified domain name (for example api.example.com)");
        }
        else if (labels[^1].Length > 0 && labels[^1].All(char.IsAsciiDigit))
        {
            problems.Add("the last label of the host must not be all digits");
        }

        if (string.Equals(lower, CommandConstants.WeChatApiHost, StringComparison.Ordinal))
        {
            problems.Add($"{CommandConstants.WeChatApiHost} is WeChat's own API host and cannot be configured");
        }

        return problems.Count == before;
    }

    private static void CheckLabel(string label, List<string> problems)
    {
        if (label.Length == 0)
        {
            problems.Add("host has an empty label (a leading dot or two dots in a row)");
            return;
        }

        if (label.Length > CommandConstants.MaxLabelLength)
        {
            problems.Add($"host label '{label}' is {label.Length} characters long; at most {CommandConstants.MaxLabelLength} are allowed");
        }

        var bad = label.FirstOrDefault(c => !char.IsAsciiLetterOrDigit(c) && c != '-');
        if (bad != default)
        {
            problems.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"host contains the character '{bad}'; only letters, digits, hyphens and dots are allowed"));
        }

        if (label.StartsWith('-') || label.EndsWith('-'))
        {
            problems.Add($"host label '{label}' must not start or end with a hyphen");
        }

        if (label.StartsWith("xn--", StringComparison.Ordinal))
        {
            problems.Add($"host label '{label}' is punycode (xn--); internationalized host names are not accepted");
        }
    }

    /// <summary>Whether every label is a number in decimal, octal or 0x-hex: what an IPv4 parser would accept.</summary>
    private static bool IsIpv4Literal(string host)
    {
        var labels = host.TrimEnd('.').Split('.');
        return labels.Length <= 4 && labels.All(IsNumericLabel);
    }

    private static bool IsNumericLabel(string label) =>
        label.Length > 0 &&
        (label.All(char.IsAsciiDigit) ||
         (label.StartsWith("0x", StringComparison.Ordinal) && label.Skip(2).All(char.IsAsciiHexDigit)));
}
