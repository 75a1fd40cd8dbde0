namespace WeChatDomains.WeChat.Client;

/// <summary>
/// Makes a URL safe to log: the values of the <c>access_token</c> and <c>component_access_token</c> query parameters
/// (names compared case-insensitively, percent-decoded) become <see cref="WeChatClientConstants.RedactedValue"/>.
/// Everything else, the fragment included, is kept as it was.
/// </summary>
public static class UrlRedactor
{
    private static readonly string[] SecretParameters =
    [
        WeChatClientConstants.AccessTokenParameter,
        WeChatClientConstants.ComponentAccessTokenParameter,
    ];

    /// <summary>The URL with its token query values redacted.</summary>
    public static string Redact(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Redact(url.OriginalString);
    }

    /// <summary>The URL with its token query values redacted.</summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0)
        {
            return url;
        }

        var fragmentStart = url.IndexOf('#', queryStart);
        var queryEnd = fragmentStart < 0 ? url.Length : fragmentStart;
        var pairs = url[(queryStart + 1)..queryEnd].Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            var equals = pairs[i].IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0 && IsSecret(pairs[i][..equals]))
            {
                pairs[i] = pairs[i][..(equals + 1)] + WeChatClientConstants.RedactedValue;
            }
        }

        return string.Concat(url.AsSpan(0, queryStart + 1), string.Join('&', pairs), url.AsSpan(queryEnd));
    }

    private static bool IsSecret(string name)
    {
        var decoded = Uri.UnescapeDataString(name.Replace('+', ' ')).Trim();
        return SecretParameters.Contains(decoded, StringComparer.OrdinalIgnoreCase);
    }
}
