using WeChatDomains.Core.Tests.Tokens.Doubles;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Core.Tests.Tokens;

public sealed class RefreshSlotsTests
{
    private static readonly TimeSpan Spread = TimeSpan.FromMinutes(30);

    [Fact]
    public void OffsetOf_TenThousandAppIds_Issue16_SpreadOverTheWholeSpread()
    {
        var offsets = Enumerable.Range(0, 10_000).Select(i => RefreshSlots.OffsetOf(TokenTestHost.AppIdOf(i), Spread)).ToList();

        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, Spread - TimeSpan.FromTicks(1)));
        Assert.True(offsets.Max() > TimeSpan.FromMinutes(29), $"largest offset {offsets.Max()}");
        var perSixMinutes = offsets.GroupBy(o => (int)(o / TimeSpan.FromMinutes(6))).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(5, perSixMinutes.Count);
        Assert.All(perSixMinutes.Values, n => Assert.InRange(n, 1_800, 2_200));
    }

    [Fact]
    public void OffsetOf_SameAppId_SameOffsetEveryTime()
    {
        Assert.Equal(RefreshSlots.OffsetOf("wx0000000000000042", Spread), RefreshSlots.OffsetOf("wx0000000000000042", Spread));
    }

    [Fact]
    public void OffsetOf_NoSpread_Zero()
    {
        Assert.Equal(TimeSpan.Zero, RefreshSlots.OffsetOf("wx0000000000000042", TimeSpan.Zero));
    }
}
