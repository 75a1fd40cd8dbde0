using WeChatDomains.Bench.Drills;

namespace WeChatDomains.Drills.Tests;

/// <summary>The scan the drills rely on finds what it looks for (so an empty result means something).</summary>
public sealed class SecretScanTests
{
    [Fact]
    public void Leaks_LineWithATokenOrATicket_IsReportedMasked()
    {
        string[] lines = ["info: refreshed wx1", "warn: url ?access_token=abcTOKENxyz", "debug: ticket@@@secret"];

        var leaks = SecretScan.Leaks(lines, ["abcTOKENxyz", "@@@"]);

        Assert.Equal(2, leaks.Count);
        Assert.All(leaks, l => Assert.Contains("<SECRET>", l, StringComparison.Ordinal));
        Assert.DoesNotContain(leaks, l => l.Contains("abcTOKENxyz", StringComparison.Ordinal));
    }
}
