using System.Text.RegularExpressions;

namespace WeChatDomains.WeChat.Client;

/// <summary>Extracts WeChat's request id from errmsg: <c>"... rid: 5f8e1c2a-1b2c3d4e-5f6a7b8c"</c>.</summary>
internal static partial class RidParser
{
    public static string? Parse(string? errmsg)
    {
        if (string.IsNullOrEmpty(errmsg))
        {
            return null;
        }

        var match = RidPattern().Match(errmsg);
        return match.Success ? match.Groups["rid"].Value : null;
    }

    [GeneratedRegex(@"\brid:\s*(?<rid>[0-9A-Za-z][0-9A-Za-z-]*)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex RidPattern();
}
