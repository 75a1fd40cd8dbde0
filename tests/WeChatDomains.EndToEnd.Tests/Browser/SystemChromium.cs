namespace WeChatDomains.EndToEnd.Tests.Browser;

/// <summary>
/// Debian's <c>chromium</c>, which the browser tests drive through Playwright (never a browser Playwright downloads).
/// <c>./build.sh test</c> installs it when it is missing and the script runs as root; elsewhere the browser tests are
/// skipped with <see cref="SkipReason"/>. <c>WECHATDOMAINS_CHROMIUM</c> names another executable.
/// </summary>
internal static class SystemChromium
{
    public const string PathVariable = "WECHATDOMAINS_CHROMIUM";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    /// <summary>The executable, or null when none is installed.</summary>
    public static string? ExecutablePath { get; } = Find();

    public static string SkipReason =>
        $"Debian's chromium is not installed (looked for {string.Join(", ", Candidates)} and ${PathVariable}): " +
        "./build.sh test installs it when run as root (apt-get install chromium); the browser tests are skipped.";

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        return !string.IsNullOrWhiteSpace(configured) ? (File.Exists(configured) ? configured : null) : Candidates.FirstOrDefault(File.Exists);
    }
}

/// <summary>A test that needs <see cref="SystemChromium"/>: skipped, with the reason, when it is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (SystemChromium.ExecutablePath is null)
        {
            Skip = SystemChromium.SkipReason;
        }
    }
}
