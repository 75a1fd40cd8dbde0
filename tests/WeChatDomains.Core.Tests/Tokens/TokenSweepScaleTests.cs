using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Tests.Tokens.Doubles;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Core.Tests.Tokens;

/// <summary>The sweep over many authorizers and a long stretch of fake time (DESIGN sections 6 and 9).</summary>
public sealed class TokenSweepScaleTests : IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(5);
    private readonly TokenTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private DateTimeOffset Now => _host.Time.GetUtcNow();

    [Fact]
    public async Task RunAsync_TenThousandDueAtOnce_NeverMoreThan300VaultWritesIn10Seconds()
    {
        _host.PushTicket();
        _host.WeChat.RotateRefreshTokens = true;
        for (var i = 0; i < 10_000; i++)
        {
            _host.AddAuthorizer(TokenTestHost.AppIdOf(i));
        }

        var result = await _host.DriveAsync(_host.CreateSweep().RunAsync(), TimeSpan.FromHours(2));

        Assert.Equal(10_001, result.Refreshed);
        var writes = _host.Vault.Writes.Select(w => w.At).Order().ToArray();
        Assert.Equal(20_001, writes.Length);
        Assert.True(MaxInWindow(writes, TimeSpan.FromSeconds(10)) <= 300, $"peak {MaxInWindow(writes, TimeSpan.FromSeconds(10))} writes in 10 s");
    }

    [Fact]
    public async Task Sweeps_24HoursOver1000Authorizers_NoTokenUsedExpiredOrWithin10MinutesOfExpiry()
    {
        const int count = 1000;
        for (var i = 0; i < count; i++)
        {
            _host.AddAuthorizer(TokenTestHost.AppIdOf(i), Now + TimeSpan.FromSeconds(7200.0 * (i + 1) / count));
        }

        var processor = _host.CreateProvider();
        var random = new Random(4);
        var usedExpired = 0;
        var closest = TimeSpan.MaxValue;
        var longestSweep = TimeSpan.Zero;
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            if (minute % 10 == 0)
            {
                _host.PushTicket();
            }

            var missed = minute % 35 == 30;
            if (minute % SweepInterval.TotalMinutes == 0 && !missed)
            {
                var sweep = _host.CreateSweep().RunAsync();
                var started = Now;
                var result = await _host.DriveAsync(sweep, TimeSpan.FromMinutes(4));
                longestSweep = Max(longestSweep, Now - started);
                Assert.Equal(0, result.Failed);
            }

            closest = Min(closest, ClosestExpiry(count));
            for (var call = 0; call < 20; call++)
            {
                var lookup = await processor.GetAuthorizerTokenAsync(TokenTestHost.AppIdOf(random.Next(count)));
                usedExpired += lookup.Token is not null && _host.WeChat.IsValid(lookup.Token) ? 0 : 1;
            }

            _host.Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(0, usedExpired);
        Assert.True(closest >= TimeSpan.FromMinutes(10), $"a token came within {closest} of expiry (longest sweep {longestSweep})");
    }

    [Fact]
    public async Task Sweeps_BulkOnboardingBeyondWhatTheBudgetDoesWithinTheSlots_Issue16_NoTokenWithin10MinutesOfExpiry()
    {
        // 800 tokens issued together come due between minutes 60 and 90; at 0.2 writes a second they take 67 minutes.
        const int count = 800;
        _host.Options.VaultWritesPerWindow = 2;
        for (var i = 0; i < count; i++)
        {
            _host.AddAuthorizer(TokenTestHost.AppIdOf(i), Now + FakeWeChat.TokenLifetime);
        }

        var closest = TimeSpan.MaxValue;
        var sweep = _host.CreateSweep();
        var end = Now.AddHours(4);
        while (Now < end)
        {
            _host.PushTicket();
            var result = await _host.DriveAsync(sweep.RunAsync(), TimeSpan.FromHours(1));
            Assert.Equal(0, result.Failed);
            closest = Min(closest, ClosestExpiry(count));
            _host.Time.Advance(TimeSpan.FromMinutes(1));
            closest = Min(closest, ClosestExpiry(count));
        }

        Assert.True(closest >= TimeSpan.FromMinutes(10), $"a token came within {closest} of expiry");
    }

    private TimeSpan ClosestExpiry(int count)
    {
        var closest = TimeSpan.MaxValue;
        for (var i = 0; i < count; i++)
        {
            var expiresOn = _host.Vault.Peek(SecretNames.AuthorizerAccessToken(TokenTestHost.AppIdOf(i)))!.ExpiresOn!.Value;
            closest = Min(closest, expiresOn - Now);
        }

        return closest;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static int MaxInWindow(DateTimeOffset[] sorted, TimeSpan window)
    {
        var max = 0;
        var start = 0;
        for (var end = 0; end < sorted.Length; end++)
        {
            while (sorted[end] - sorted[start] >= window)
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
    }
}
